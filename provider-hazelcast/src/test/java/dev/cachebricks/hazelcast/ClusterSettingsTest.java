package dev.cachebricks.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.hazelcast.cache.ICache;
import com.hazelcast.config.CacheConfig;
import com.hazelcast.config.CacheSimpleConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.KubernetesConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.Cache;
import dev.cachebricks.CacheConfigException;
import dev.cachebricks.CacheConnectionException;
import dev.cachebricks.CacheException;
import dev.cachebricks.CacheMinorityException;
import dev.cachebricks.CacheOperationException;
import dev.cachebricks.hazelcast.HazelcastConfig.Mode;
import dev.cachebricks.hazelcast.internal.Boot;
import dev.cachebricks.hazelcast.internal.SecureDefaults;
import dev.cachebricks.hazelcast.jcache.CachebricksCachingProvider;
import dev.cachebricks.tenant.Manager;
import dev.cachebricks.tenant.ManagerConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Embedded clusters from settings: how members find each other and bind, split-brain protection
 * and the merge policy on every path that creates a cache, typed minority refusals, and a
 * member-declared cache configuration reported instead of silently winning. Real members on
 * loopback addresses (127.0.0.2, 127.0.0.3), in this JVM.
 */
class ClusterSettingsTest {

  private static final Duration TTL = Duration.ofMinutes(5);

  @TempDir Path dir;

  private static Properties props(String... keyValues) {
    Properties p = new Properties();
    for (int i = 0; i < keyValues.length; i += 2) {
      p.setProperty(keyValues[i], keyValues[i + 1]);
    }
    return p;
  }

  private static void assertField(Runnable build, String field) {
    assertThatThrownBy(build::run).isInstanceOf(CacheConfigException.class)
        .satisfies(e -> assertThat(((CacheConfigException) e).field()).isEqualTo(field));
  }

  @Test
  void theZeroConfigMemberStaysAStandaloneLoopbackMember() {
    HazelcastConfig settings = HazelcastConfig.embedded();
    assertThat(settings.cluster()).isEqualTo(HazelcastConfig.Cluster.STANDALONE);
    Config config = Boot.memberConfig(settings);
    var join = config.getNetworkConfig().getJoin();
    assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
    assertThat(join.getMulticastConfig().isEnabled()).isFalse();
    assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
    assertThat(join.getKubernetesConfig().isEnabled()).isFalse();
    assertThat(config.getNetworkConfig().getInterfaces().getInterfaces())
        .containsExactly("127.0.0.1");
    assertThat(config.getProperty("hazelcast.socket.bind.any")).isEqualTo("false");
    assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isNull();
    assertThat(config.getSplitBrainProtectionConfigs()).isEmpty();
  }

  @Test
  void aMemberListFromPropertiesAndEnvironmentJoinsByTcpIpWithClusterTiming() {
    HazelcastConfig settings = HazelcastProperties.read(props(
            "cachebricks.hazelcast.members", "10.0.0.1:5701, 10.0.0.2",
            "cachebricks.hazelcast.split-brain-protection", "2"),
        Map.of("CACHEBRICKS_HAZELCAST_BIND_ADDRESS", "10.0.0.1",
            "CACHEBRICKS_HAZELCAST_MERGE_POLICY", "latest-access",
            "CACHEBRICKS_HAZELCAST_MEMBERS", "ignored: the system property wins"));
    assertThat(settings.mode()).isEqualTo(Mode.EMBEDDED);
    assertThat(settings.cluster().members()).containsExactly("10.0.0.1:5701", "10.0.0.2");
    assertThat(settings.cluster().mergePolicy()).isEqualTo(MergePolicy.LATEST_ACCESS);
    Config config = Boot.memberConfig(settings);
    var network = config.getNetworkConfig();
    assertThat(network.getJoin().getTcpIpConfig().isEnabled()).isTrue();
    assertThat(network.getJoin().getTcpIpConfig().getMembers())
        .containsExactly("10.0.0.1:5701", "10.0.0.2");
    assertThat(network.getJoin().getMulticastConfig().isEnabled()).isFalse();
    assertThat(network.getInterfaces().getInterfaces()).containsExactly("10.0.0.1");
    assertThat(config.getProperty("hazelcast.local.localAddress")).isEqualTo("10.0.0.1");
    assertThat(config.getProperty("hazelcast.max.no.heartbeat.seconds")).isEqualTo("10");
    assertThat(config.getProperty("hazelcast.merge.next.run.delay.seconds")).isEqualTo("5");
    var protection = config.getSplitBrainProtectionConfig("cachebricks-min-2");
    assertThat(protection.isEnabled()).isTrue();
    assertThat(protection.getMinimumClusterSize()).isEqualTo(2);
  }

  @Test
  void hazelcastsOwnSystemPropertyWinsOverTheClusterTiming() {
    String key = "hazelcast.max.no.heartbeat.seconds";
    System.setProperty(key, "30");
    try {
      Config config = Boot.memberConfig(HazelcastConfig.builder()
          .members("127.0.0.2", "127.0.0.3").bindAddress("127.0.0.2").build());
      // Not overridden: Hazelcast reads the system property.
      assertThat(config.getProperty(key)).isEqualTo("30");
      assertThat(config.getProperty("hazelcast.merge.first.run.delay.seconds")).isEqualTo("5");
    } finally {
      System.clearProperty(key);
    }
  }

  @Test
  void kubernetesDnsAndApiModesUseHazelcastsBuiltInJoin() {
    KubernetesConfig dns = Boot.memberConfig(HazelcastProperties.read(props(
        "cachebricks.hazelcast.kubernetes.service-dns", "app-hz.prod.svc.cluster.local",
        "cachebricks.hazelcast.bind-address", "10.1.2.3"), Map.of()))
        .getNetworkConfig().getJoin().getKubernetesConfig();
    assertThat(dns.isEnabled()).isTrue();
    assertThat(dns.getProperties()).containsEntry("service-dns", "app-hz.prod.svc.cluster.local")
        .doesNotContainKey("service-name");
    KubernetesConfig api = Boot.memberConfig(HazelcastConfig.builder()
        .kubernetesApi("prod", "app-hz").bindAddress("10.1.2.3").build())
        .getNetworkConfig().getJoin().getKubernetesConfig();
    assertThat(api.isEnabled()).isTrue();
    assertThat(api.getProperties()).containsEntry("service-name", "app-hz")
        .containsEntry("namespace", "prod");
  }

  @Test
  void theWildcardIsBoundOnlyWhenAskedFor() {
    Config config = Boot.memberConfig(HazelcastConfig.builder()
        .members("10.0.0.1", "10.0.0.2").bindAddress("0.0.0.0").build());
    assertThat(config.getProperty("hazelcast.socket.bind.any")).isEqualTo("true");
    assertThat(config.getNetworkConfig().getInterfaces().isEnabled()).isFalse();
    assertThat(config.getProperty("hazelcast.local.localAddress")).isNull();
  }

  @Test
  void invalidClusterSettingsNameTheirField() {
    assertField(() -> HazelcastConfig.builder().members("127.0.0.2")
        .kubernetesDns("x.svc").build(), "members");
    assertField(() -> HazelcastConfig.builder().kubernetesDns("x.svc")
        .kubernetesApi(null, "x").bindAddress("10.0.0.1").build(), "kubernetes");
    assertField(() -> HazelcastConfig.builder().members("10.0.0.5:5701").build(),
        "bindAddress");
    assertField(() -> HazelcastConfig.builder().kubernetesDns("x.svc").build(), "bindAddress");
    assertField(() -> HazelcastConfig.builder().bindAddress("localhost").build(), "bindAddress");
    assertField(() -> HazelcastConfig.builder().bindAddress("10.0.0.256").build(),
        "bindAddress");
    assertField(() -> HazelcastConfig.builder().members("bad member").build(), "members");
    assertField(() -> HazelcastConfig.builder().splitBrainProtection(1).build(),
        "splitBrainProtection");
    assertField(() -> HazelcastConfig.builder().mergePolicy(null).build(), "mergePolicy");
    assertField(() -> HazelcastConfig.builder().members("127.0.0.2")
        .client("127.0.0.1:5701").build(), "members");
    assertField(() -> HazelcastConfig.builder().memberConfig(dir.resolve("missing.yaml"))
        .build(), "memberConfig");
    assertField(() -> HazelcastProperties.read(props(
        "cachebricks.hazelcast.merge-policy", "newest"), Map.of()), "mergePolicy");
    assertField(() -> HazelcastProperties.read(props(
        "cachebricks.hazelcast.client-routing", "smart"), Map.of()), "clientRouting");
    assertField(() -> HazelcastProperties.read(props(
        "cachebricks.hazelcast.split-brain-protection", "two"), Map.of()),
        "splitBrainProtection");
  }

  @Test
  void aMemberYamlConfiguresTheMemberAndStillGetsTheProtectionItsCachesReferTo()
      throws Exception {
    Path yaml = Files.writeString(dir.resolve("member.yaml"), """
        hazelcast:
          cluster-name: from-yaml
          network:
            join:
              multicast:
                enabled: false
        """);
    HazelcastConfig settings = HazelcastProperties.read(props(
        "cachebricks.hazelcast.member-config", yaml.toString(),
        "cachebricks.hazelcast.split-brain-protection", "3"), Map.of());
    assertThat(settings.mode()).isEqualTo(Mode.EMBEDDED);
    Config config = Boot.memberConfig(settings);
    assertThat(config.getClusterName()).isEqualTo("from-yaml");
    assertThat(config.getSplitBrainProtectionConfig("cachebricks-min-3").getMinimumClusterSize())
        .isEqualTo(3);
    assertThat(config.getProperty("hazelcast.logging.type")).isEqualTo("slf4j");
    Path broken = Files.writeString(dir.resolve("broken.yaml"), "hazelcast: [unclosed");
    assertField(() -> Boot.memberConfig(HazelcastConfig.builder().memberConfig(broken).build()),
        "memberConfig");
  }

  @Test
  void twoMembersFormAClusterFromSettingsAndEveryPathGetsProtectionAndMergePolicy()
      throws Exception {
    String cluster = "cb-cluster-" + UUID.randomUUID();
    HazelcastConfig.Builder common = TestSettings.generousBuilder().clusterName(cluster)
        .members("127.0.0.2", "127.0.0.3").splitBrainProtection(2)
        .mergePolicy(MergePolicy.HIGHER_HITS);
    try (HazelcastBackend first = HazelcastBackend.start(common.bindAddress("127.0.0.2").build());
        HazelcastBackend second =
            HazelcastBackend.start(common.bindAddress("127.0.0.3").build())) {
      await().atMost(Duration.ofSeconds(60)).until(() ->
          first.instance().getCluster().getMembers().size() == 2);
      assertThat(first.instance().getCluster().getLocalMember().getAddress().getHost())
          .isEqualTo("127.0.0.2");
      assertThat(second.instance().getCluster().getLocalMember().getAddress().getHost())
          .isEqualTo("127.0.0.3");

      Cache named = first.cache("orders");
      named.set("o-1", new byte[] {7}, TTL);
      assertThat(second.cache("orders").get("o-1")).hasValueSatisfying(v ->
          assertThat(v).containsExactly(7));
      assertProtected(configOf(named));

      try (Manager tenants = first.manager(ManagerConfig.builder().build())) {
        Cache tenant = tenants.get("acme");
        tenant.set("k", new byte[] {1}, TTL);
        assertProtected(configOf(tenant));
      }

      CachebricksCachingProvider provider = new CachebricksCachingProvider();
      Properties properties = CachebricksCachingProvider.propertiesOf(second.instance());
      properties.setProperty("cachebricks.hazelcast.split-brain-protection", "2");
      properties.setProperty("cachebricks.hazelcast.merge-policy", "higher-hits");
      CacheManager jcache = provider.getCacheManager(URI.create("cachebricks:jsr107-test"),
          null, properties);
      javax.cache.Cache<String, String> quotes = jcache.createCache("quotes",
          new MutableConfiguration<String, String>().setTypes(String.class, String.class));
      quotes.put("q", "v");
      assertProtected(quotes.getConfiguration(CacheConfig.class));
      jcache.close();

      // The second member leaves: the first is a minority of one, and refuses, typed.
      second.instance().shutdown();
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
          assertThatThrownBy(() -> named.get("o-1"))
              .isInstanceOf(CacheOperationException.class)
              .satisfies(e -> assertThat(CacheException.isCausedBy(e,
                  CacheMinorityException.class)).isTrue())
              .satisfies(e -> assertThat(CacheException.isCausedBy(e,
                  CacheConnectionException.class)).isTrue()));
      assertThatThrownBy(() -> named.set("o-2", new byte[] {2}, TTL))
          .isInstanceOf(CacheOperationException.class)
          .satisfies(e -> assertThat(CacheException.isCausedBy(e, CacheMinorityException.class))
              .isTrue());
      assertThatThrownBy(() -> named.async().get("o-1").join())
          .satisfies(e -> assertThat(CacheException.isCausedBy(e, CacheMinorityException.class))
              .isTrue());
      assertThatThrownBy(first::health).isInstanceOf(CacheMinorityException.class);
    }
  }

  @SuppressWarnings("unchecked")
  private static CacheConfig<?, ?> configOf(Cache cache) {
    ICache<String, byte[]> icache = cache.unwrap(ICache.class);
    return icache.getConfiguration(CacheConfig.class);
  }

  private static void assertProtected(CacheConfig<?, ?> config) {
    assertThat(config.getSplitBrainProtectionName()).isEqualTo("cachebricks-min-2");
    assertThat(config.getMergePolicyConfig().getPolicy())
        .isEqualTo("com.hazelcast.spi.merge.HigherHitsMergePolicy");
    assertThat(config.getBackupCount()).isEqualTo(1);
  }

  @Test
  void aCacheDeclaredOnTheMemberIsReportedWithWhatDiffers() {
    Config config = SecureDefaults.memberConfig("cb-declared-" + UUID.randomUUID(),
        SecureDefaults.DEFAULT_PORT);
    config.addCacheConfig(new CacheSimpleConfig().setName("declared").setBackupCount(0)
        .setKeyType(String.class.getName()).setValueType(byte[].class.getName()));
    HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
    Logger logger = (Logger) LoggerFactory.getLogger(HazelcastBackend.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try (HazelcastBackend backend = HazelcastBackend.of(member,
        TestSettings.generousBuilder().splitBrainProtection(2).build())) {
      backend.cache("declared").close();
      backend.cache("declared").close(); // the same difference is reported once
      backend.cache("ours").close();
      assertThat(appender.list).filteredOn(e -> e.getFormattedMessage().contains("'declared'"))
          .singleElement().satisfies(e -> assertThat(e.getFormattedMessage())
              .contains("backup-count is 0, settings say 1")
              .contains("split-brain-protection-ref is null, settings say cachebricks-min-2")
              .contains("eviction size is 10000, settings say 100000"));
      assertThat(appender.list).noneMatch(e -> e.getFormattedMessage().contains("'ours'"));
    } finally {
      logger.detachAppender(appender);
      member.shutdown();
    }
  }
}
