package dev.cachebricks.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachebricks.CacheConfigException;
import dev.cachebricks.hazelcast.HazelcastConfig.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class HazelcastConfigTest {

  private static Properties props(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  private static void assertField(Runnable build, String field) {
    assertThatThrownBy(build::run).isInstanceOfSatisfying(CacheConfigException.class,
        e -> assertThat(e.field()).isEqualTo(field));
  }

  @Test
  void defaultIsTheEmbeddedMemberWithDocumentedValues() {
    HazelcastConfig s = HazelcastConfig.embedded();
    assertThat(s.mode()).isEqualTo(Mode.EMBEDDED);
    assertThat(s.clusterName()).isEqualTo("cachebricks");
    assertThat(s.port()).isEqualTo(5701);
    assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.operationTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.maxEntriesPerCache()).isEqualTo(100_000);
    assertThat(s.backupCount()).isEqualTo(1);
  }

  @Test
  void timeoutsThatWouldOverflowLaterAreConfigErrorsNow() {
    Duration millennium = Duration.ofDays(365L * 1000);
    assertField(() -> HazelcastConfig.builder().operationTimeout(millennium).build(),
        "operationTimeout");
    assertField(() -> HazelcastConfig.builder().connectTimeout(millennium).build(),
        "connectTimeout");
    assertField(() -> HazelcastProperties.read(
        props("cachebricks.hazelcast.operation-timeout", "P365000D"), Map.of()),
        "operationTimeout");
    assertThat(HazelcastConfig.builder().operationTimeout(Duration.ofDays(365)).build()
        .operationTimeout()).isEqualTo(Duration.ofDays(365));
  }

  @Test
  void nullPartsAreConfigErrorsNamingTheField() {
    assertField(() -> new HazelcastConfig(Mode.CLIENT, "c", List.of(), null, 5701,
        Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 1,
        dev.cachebricks.EntryLimits.DEFAULT, HazelcastConfig.NearCache.NONE,
        java.util.Optional.empty(), HazelcastConfig.Cluster.STANDALONE,
        HazelcastConfig.ClientRouting.ALL_MEMBERS), "clientConfig");
    assertField(() -> HazelcastConfig.builder().addresses(java.util.Arrays.asList(
        "127.0.0.1:5701", null)).mode(Mode.CLIENT).build(), "addresses");
    assertField(() -> HazelcastConfig.builder().mode(null).build(), "mode");
    assertField(() -> HazelcastConfig.builder().limits(null).build(), "limits");
  }

  @Test
  void emptyEnvironmentGivesTheEmbeddedDefault() {
    assertThat(HazelcastProperties.read(new Properties(), Map.of()))
        .isEqualTo(HazelcastConfig.embedded());
  }

  @Test
  void systemPropertiesConfigureAClient() {
    HazelcastConfig s = HazelcastProperties.read(props(
        "cachebricks.hazelcast.addresses", "10.0.0.1:5701, 10.0.0.2:5702",
        "cachebricks.hazelcast.cluster-name", "prod",
        "cachebricks.hazelcast.connect-timeout", "PT3S",
        "cachebricks.hazelcast.operation-timeout", "250",
        "cachebricks.hazelcast.max-entries", "5000",
        "cachebricks.hazelcast.backup-count", "2"), Map.of());
    assertThat(s.mode()).isEqualTo(Mode.CLIENT);
    assertThat(s.addresses()).containsExactly("10.0.0.1:5701", "10.0.0.2:5702");
    assertThat(s.clusterName()).isEqualTo("prod");
    assertThat(s.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(s.operationTimeout()).isEqualTo(Duration.ofMillis(250));
    assertThat(s.maxEntriesPerCache()).isEqualTo(5000);
    assertThat(s.backupCount()).isEqualTo(2);
  }

  @Test
  void environmentVariablesWorkAndSystemPropertiesWin() {
    HazelcastConfig s = HazelcastProperties.read(
        props("cachebricks.hazelcast.cluster-name", "from-property"),
        Map.of("CACHEBRICKS_HAZELCAST_CLUSTER_NAME", "from-env",
            "CACHEBRICKS_HAZELCAST_MODE", "client",
            "CACHEBRICKS_HAZELCAST_OPERATION_TIMEOUT", "PT1S"));
    assertThat(s.clusterName()).isEqualTo("from-property");
    assertThat(s.mode()).isEqualTo(Mode.CLIENT);
    assertThat(s.addresses()).containsExactly("127.0.0.1:5701");
    assertThat(s.operationTimeout()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void invalidValuesNameTheirField() {
    assertField(() -> HazelcastProperties.read(
        props("cachebricks.hazelcast.mode", "cluster"), Map.of()), "mode");
    assertField(() -> HazelcastProperties.read(
        props("cachebricks.hazelcast.operation-timeout", "soon"), Map.of()), "operationTimeout");
    assertField(() -> HazelcastProperties.read(
        props("cachebricks.hazelcast.port", "http"), Map.of()), "port");
    assertField(() -> HazelcastConfig.builder().operationTimeout(Duration.ZERO).build(),
        "operationTimeout");
    assertField(() -> HazelcastConfig.builder().connectTimeout(Duration.ofSeconds(-1)).build(),
        "connectTimeout");
    assertField(() -> HazelcastConfig.builder().clusterName(" ").build(), "clusterName");
    assertField(() -> HazelcastConfig.builder().client().build(), "addresses");
    assertField(() -> HazelcastConfig.builder().client("bad address").build(), "addresses");
    assertField(() -> HazelcastConfig.builder().port(70000).build(), "port");
    assertField(() -> HazelcastConfig.builder().maxEntriesPerCache(0).build(),
        "maxEntriesPerCache");
    assertField(() -> HazelcastConfig.builder().backupCount(7).build(), "backupCount");
    assertField(() -> HazelcastConfig.builder().limits(null).build(), "limits");
    assertField(() -> HazelcastConfig.builder()
        .clientConfig(Path.of("/nonexistent/client.yaml")).build(), "clientConfig");
  }

  @Test
  void clientBuilderSwitchesMode() {
    HazelcastConfig s = HazelcastConfig.builder().client("127.0.0.1:5702").build();
    assertThat(s.mode()).isEqualTo(Mode.CLIENT);
    assertThat(s.addresses()).isEqualTo(List.of("127.0.0.1:5702"));
    assertThat(s.toString()).contains("client").contains("127.0.0.1:5702");
  }

  @Test
  void noNearCacheByDefault() {
    assertThat(HazelcastConfig.embedded().nearCache()).isEqualTo(HazelcastConfig.NearCache.NONE);
    assertThat(HazelcastConfig.NearCache.NONE.enabled()).isFalse();
    assertThat(HazelcastConfig.NearCache.NONE.maxEntries()).isEqualTo(10_000);
    assertThat(HazelcastConfig.NearCache.NONE.maxStaleness()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void nearCacheFromTheBuilder() {
    HazelcastConfig s = HazelcastConfig.builder().client("127.0.0.1:5701")
        .nearCache("default", "products-*", "default")
        .nearCacheMaxEntries(500).nearCacheMaxStaleness(Duration.ofSeconds(3)).build();
    assertThat(s.nearCache().caches()).containsExactly("default", "products-*");
    assertThat(s.nearCache().maxEntries()).isEqualTo(500);
    assertThat(s.nearCache().maxStaleness()).isEqualTo(Duration.ofSeconds(3));
    assertThat(s.toString()).contains("nearCache=[default, products-*]");
    assertThat(HazelcastConfig.builder().client("127.0.0.1:5701")
        .nearCache(HazelcastConfig.NearCache.of("x")).build().nearCache())
        .isEqualTo(HazelcastConfig.NearCache.of("x"));
  }

  @Test
  void nearCacheFromPropertiesAndEnvironment() {
    HazelcastConfig s = HazelcastProperties.read(props(
        "cachebricks.hazelcast.addresses", "10.0.0.1:5701",
        "cachebricks.hazelcast.near-cache.caches", " default , products-* ",
        "cachebricks.hazelcast.near-cache.max-entries", "2000"),
        Map.of("CACHEBRICKS_HAZELCAST_NEAR_CACHE_MAX_STALENESS", "PT2S"));
    assertThat(s.nearCache().caches()).containsExactly("default", "products-*");
    assertThat(s.nearCache().maxEntries()).isEqualTo(2000);
    assertThat(s.nearCache().maxStaleness()).isEqualTo(Duration.ofSeconds(2));
    assertThat(HazelcastProperties.Key.NEAR_CACHE_CACHES.environmentVariable())
        .isEqualTo("CACHEBRICKS_HAZELCAST_NEAR_CACHE_CACHES");
    assertThat(HazelcastProperties.Key.NEAR_CACHE_MAX_STALENESS.property())
        .isEqualTo("cachebricks.hazelcast.near-cache.max-staleness");
  }

  @Test
  void invalidNearCacheSettingsNameTheirField() {
    HazelcastConfig.Builder client = HazelcastConfig.builder().client("127.0.0.1:5701");
    assertField(() -> client.nearCache(" ").build(), "nearCache.caches");
    assertField(() -> client.nearCache("a*b*").build(), "nearCache.caches");
    assertField(() -> client.nearCache((String) null).build(), "nearCache.caches");
    assertField(() -> client.nearCache((HazelcastConfig.NearCache) null).build(), "nearCache");
    assertField(() -> client.nearCache("x").nearCacheMaxEntries(0).build(),
        "nearCache.maxEntries");
    for (Duration bad : new Duration[] {null, Duration.ZERO, Duration.ofMillis(1500),
        Duration.ofMillis(999), Duration.ofDays(2), Duration.ofSeconds(-1)}) {
      assertField(() -> HazelcastConfig.builder().client("127.0.0.1:5701").nearCache("x")
          .nearCacheMaxStaleness(bad).build(), "nearCache.maxStaleness");
    }
    assertField(() -> HazelcastProperties.read(props(
        "cachebricks.hazelcast.addresses", "10.0.0.1:5701",
        "cachebricks.hazelcast.near-cache.caches", "x",
        "cachebricks.hazelcast.near-cache.max-staleness", "1500"), Map.of()),
        "nearCache.maxStaleness");
    assertField(() -> HazelcastProperties.read(props(
        "cachebricks.hazelcast.near-cache.max-entries", "many"), Map.of()),
        "nearCache.maxEntries");
  }

  @Test
  void patternsHazelcastWouldFindAmbiguousAreRejectedWithAnExample() {
    // Five literal characters each: "user--data" matches both equally well.
    assertThatThrownBy(() -> HazelcastConfig.NearCache.of("user-*", "*-data"))
        .isInstanceOfSatisfying(CacheConfigException.class, e -> {
          assertThat(e.field()).isEqualTo("nearCache.caches");
          assertThat(e.getMessage()).contains("'user--data'");
        });
    // A longer literal part wins, and disjoint patterns never meet: both fine.
    assertThat(HazelcastConfig.NearCache.of("user-*", "*-data", "user-*-data").caches())
        .hasSize(3);
    assertThat(HazelcastConfig.NearCache.of("user-*", "*-cache").caches()).hasSize(2);
    assertThat(HazelcastConfig.NearCache.of("a*", "b*").caches()).hasSize(2);
  }

  @Test
  void aNearCacheNeedsClientMode() {
    assertField(() -> HazelcastConfig.builder().nearCache("default").build(),
        "nearCache.caches");
    assertField(() -> HazelcastProperties.read(props(
        "cachebricks.hazelcast.mode", "embedded",
        "cachebricks.hazelcast.near-cache.caches", "default"), Map.of()), "nearCache.caches");
    assertThat(HazelcastConfig.builder().nearCache().build().nearCache().enabled()).isFalse();
  }
}
