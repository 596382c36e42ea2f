package dev.cachebricks.hazelcast.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.config.NearCacheConfig.LocalUpdatePolicy;
import dev.cachebricks.CacheConfigException;
import dev.cachebricks.hazelcast.HazelcastConfig.NearCache;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which caches of a client get a near cache, and how it is configured. */
class NearCachesTest {

  private static ClientConfig configured(NearCache settings) {
    ClientConfig config = new ClientConfig();
    NearCaches.configure(config, settings);
    return config;
  }

  @Test
  void eachNearCacheInvalidatesAndIsBoundedInEntriesAndAge() {
    NearCacheConfig config = configured(new NearCache(List.of("products"), 500,
        Duration.ofSeconds(2))).getNearCacheConfig("products");
    assertThat(config.getTimeToLiveSeconds()).isEqualTo(2);
    assertThat(config.getMaxIdleSeconds()).isZero();
    assertThat(config.isInvalidateOnChange()).isTrue();
    assertThat(config.getLocalUpdatePolicy()).isEqualTo(LocalUpdatePolicy.INVALIDATE);
    assertThat(config.getInMemoryFormat()).isEqualTo(InMemoryFormat.BINARY);
    assertThat(config.isSerializeKeys()).isFalse();
    assertThat(config.getEvictionConfig().getEvictionPolicy()).isEqualTo(EvictionPolicy.LRU);
    assertThat(config.getEvictionConfig().getMaxSizePolicy()).isEqualTo(MaxSizePolicy.ENTRY_COUNT);
    assertThat(config.getEvictionConfig().getSize()).isEqualTo(500);
  }

  @Test
  void patternsMatchAsHazelcastMatchesThem() {
    ClientConfig config = configured(NearCache.of("products-*", "prices"));
    assertThat(config.getNearCacheConfig("products-eu")).isNotNull();
    assertThat(config.getNearCacheConfig("prices")).isNotNull();
    assertThat(config.getNearCacheConfig("prices-eu")).isNull();
    assertThat(config.getNearCacheConfig("sessions")).isNull();
    assertThat(config.getNearCacheConfig("default")).isNull();
  }

  @Test
  void defaultNearCachesTenantsOnlyNotEveryOtherCache() {
    // Registered as "default", Hazelcast would give this near cache to every unmatched name.
    ClientConfig config = configured(NearCache.of("default", "products-*"));
    assertThat(config.getNearCacheConfig("default")).isNotNull();
    assertThat(config.getNearCacheConfig("products-eu")).isNotNull();
    assertThat(config.getNearCacheConfig("sessions")).isNull();
    assertThat(config.getNearCacheConfig("defaults")).isNull();
    assertThat(config.getNearCacheConfigMap()).doesNotContainKey("default");
  }

  @Test
  void anExactDefaultWinsOverAPatternMatchingIt() {
    ClientConfig config = configured(new NearCache(List.of("def*", "default"), 7,
        Duration.ofSeconds(1)));
    assertThat(config.getNearCacheConfig("default").getName())
        .isEqualTo(NearCaches.EXACT_DEFAULT);
    assertThat(config.getNearCacheConfig("definitions").getName()).isEqualTo("def*");
  }

  @Test
  void noSettingsChangeNothing() {
    ClientConfig config = configured(NearCache.NONE);
    assertThat(config.getNearCacheConfigMap()).isEmpty();
    assertThat(config.getNearCacheConfig("default")).isNull();
  }

  @Test
  void aNearCacheTheClientConfigurationAlreadyHasIsAConflictNamingTheField() {
    ClientConfig fromYaml = new ClientConfig().addNearCacheConfig(new NearCacheConfig("products"));
    assertThatThrownBy(() -> NearCaches.configure(fromYaml, NearCache.of("products")))
        .isInstanceOfSatisfying(CacheConfigException.class,
            e -> assertThat(e.field()).isEqualTo("nearCache.caches"));
    ClientConfig withDefault =
        new ClientConfig().addNearCacheConfig(new NearCacheConfig("default"));
    assertThatThrownBy(() -> NearCaches.configure(withDefault, NearCache.of("default")))
        .isInstanceOf(CacheConfigException.class);
    ClientConfig other = new ClientConfig().addNearCacheConfig(new NearCacheConfig("mine"));
    NearCaches.configure(other, NearCache.of("products"));
    assertThat(other.getNearCacheConfigMap()).containsKeys("mine", "products");
  }
}
