package dev.cachebricks.hazelcast.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider;
import com.hazelcast.cache.ICache;
import com.hazelcast.config.CacheConfig;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import java.io.NotSerializableException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.configuration.OptionalFeature;
import javax.cache.processor.EntryProcessor;
import javax.cache.spi.CachingProvider;
import org.ehcache.config.ResourceType;
import org.ehcache.jsr107.EhcacheCachingProvider;
import org.ehcache.spi.serialization.SerializerException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What changes for an application that swaps JSR-107 providers: the same probes on cachebricks
 * (Hazelcast underneath, the embedded default), Caffeine's {@code jcache} and Ehcache 3's
 * {@code EhcacheCachingProvider}, each row asserted for all three. The README's provider-swap
 * table names these tests.
 */
class ProviderSwapTest {

  enum Impl { CACHEBRICKS, CAFFEINE, EHCACHE }

  private static CachebricksCachingProvider cachebricks;
  private static CaffeineCachingProvider caffeine;
  private static EhcacheCachingProvider ehcache;
  private static Properties cachebricksProperties;
  private static URI cachebricksUri;

  @BeforeAll
  static void open() {
    cachebricks = new CachebricksCachingProvider();
    cachebricksProperties = new Properties();
    cachebricksProperties.setProperty(
        "cachebricks.hazelcast.cluster-name", "cb-test-" + UUID.randomUUID());
    cachebricksUri = URI.create("cachebricks:swap-" + UUID.randomUUID());
    caffeine = new CaffeineCachingProvider();
    ehcache = new EhcacheCachingProvider();
  }

  @AfterAll
  static void close() {
    caffeine.close();
    ehcache.close();
    cachebricks.close();
  }

  private static CachingProvider provider(Impl impl) {
    return switch (impl) {
      case CACHEBRICKS -> cachebricks;
      case CAFFEINE -> caffeine;
      case EHCACHE -> ehcache;
    };
  }

  /** The manager an application gets for "its" URI: the provider's default for the others. */
  private static CacheManager manager(Impl impl) {
    return impl == Impl.CACHEBRICKS
        ? cachebricks.getCacheManager(cachebricksUri, null, cachebricksProperties)
        : provider(impl).getCacheManager();
  }

  private static String name(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  /** A value class that is not {@code Serializable}: a record of supported field types. */
  record Point(int x, int y) {}

  /** A value class that is not {@code Serializable} and holds a field of type Object. */
  static final class Holder {
    final Object payload;

    Holder(Object payload) {
      this.payload = payload;
    }
  }

  /** A Serializable mutable value, to see whether a cache hands back the same instance. */
  static final class Box implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    int value;

    Box(int value) {
      this.value = value;
    }
  }

  // ---- row: entries outlive CacheManager.close() -------------------------------------------

  @Test
  void onlyCachebricksKeepsCachesAndEntriesAcrossCacheManagerClose() {
    for (Impl impl : Impl.values()) {
      String cacheName = name("outlive");
      CacheManager first = manager(impl);
      first.createCache(cacheName, new MutableConfiguration<String, String>()
          .setTypes(String.class, String.class)).put("k", "v");
      first.close();

      CacheManager second = manager(impl);
      assertThat(second).as(impl.name()).isNotSameAs(first);
      assertThat(second.isClosed()).isFalse();
      Cache<String, String> again = second.getCache(cacheName, String.class, String.class);
      List<String> names = new ArrayList<>();
      second.getCacheNames().forEach(names::add);
      if (impl == Impl.CACHEBRICKS) {
        assertThat(again.get("k")).isEqualTo("v"); // the cluster keeps data and configuration
        assertThat(names).contains(cacheName);
        second.destroyCache(cacheName);
      } else {
        assertThat(again).as(impl.name()).isNull(); // the cache and its entries are gone
        assertThat(names).as(impl.name()).doesNotContain(cacheName);
      }
    }
  }

  @Test
  void createCacheAtEveryStartUpMeetsTheOldCacheOnlyOnCachebricks() {
    for (Impl impl : Impl.values()) {
      String cacheName = name("startup");
      MutableConfiguration<String, String> config =
          new MutableConfiguration<String, String>().setTypes(String.class, String.class);
      CacheManager first = manager(impl);
      first.createCache(cacheName, config).put("k", "v");
      first.close(); // the application stops, and starts again creating its caches:
      CacheManager second = manager(impl);
      Cache<String, String> created = second.createCache(cacheName, config);
      if (impl == Impl.CACHEBRICKS) {
        // Hazelcast returns the existing cache (same configuration), with its entries
        assertThat(created.get("k")).isEqualTo("v");
        // within one manager, a second createCache is the CacheException JSR-107 requires
        assertThatThrownBy(() -> second.createCache(cacheName, config))
            .isInstanceOf(javax.cache.CacheException.class)
            .hasMessageContaining("already exists");
        // after a restart, a changed configuration is silently ignored: the first one stays
        second.close();
        CacheManager third = manager(impl);
        Cache<String, String> changed = third.createCache(cacheName,
            new MutableConfiguration<String, String>().setTypes(String.class, String.class)
                .setStatisticsEnabled(true));
        assertThat(changed.getConfiguration(CompleteConfiguration.class).isStatisticsEnabled())
            .isFalse();
        assertThat(changed.get("k")).isEqualTo("v");
        third.destroyCache(cacheName);
      } else {
        assertThat(created.get("k")).as(impl.name()).isNull(); // a new, empty cache
      }
    }
  }

  // ---- row: values that are not Serializable, default (store-by-value) configuration --------

  @Test
  void nonSerializableValuesUnderTheDefaultStoreByValue() {
    for (Impl impl : Impl.values()) {
      Cache<String, Object> cache = manager(impl).createCache(name("values"),
          new MutableConfiguration<String, Object>().setTypes(String.class, Object.class));
      assertThat(cache.getConfiguration(CompleteConfiguration.class).isStoreByValue()).isTrue();
      switch (impl) {
        case CACHEBRICKS -> {
          // Hazelcast's zero-configuration Compact serialization takes records and plain classes
          // of supported field types; a field of type Object is refused.
          cache.put("point", new Point(1, 2));
          assertThat(cache.get("point")).isEqualTo(new Point(1, 2));
          assertThatThrownBy(() -> cache.put("holder", new Holder("x")))
              .isInstanceOf(HazelcastSerializationException.class)
              .hasMessageContaining("Failed to serialize");
        }
        case CAFFEINE -> {
          // store-by-value copies through Java serialization
          assertThatThrownBy(() -> cache.put("point", new Point(1, 2)))
              .isInstanceOf(UncheckedIOException.class)
              .hasRootCauseInstanceOf(NotSerializableException.class);
          assertThatThrownBy(() -> cache.put("holder", new Holder("x")))
              .isInstanceOf(UncheckedIOException.class)
              .hasRootCauseInstanceOf(NotSerializableException.class);
        }
        case EHCACHE -> {
          // store-by-value copies through Ehcache's (Java) serializer
          assertThatThrownBy(() -> cache.put("point", new Point(1, 2)))
              .isInstanceOf(SerializerException.class)
              .hasRootCauseInstanceOf(NotSerializableException.class);
          assertThatThrownBy(() -> cache.put("holder", new Holder("x")))
              .isInstanceOf(SerializerException.class)
              .hasRootCauseInstanceOf(NotSerializableException.class);
        }
        default -> throw new AssertionError(impl);
      }
      assertThat(cache.get("holder")).as(impl.name()).isNull();
    }
  }

  @Test
  void storeByValueHandsBackACopyEverywhere() {
    for (Impl impl : Impl.values()) {
      Cache<String, Box> cache = manager(impl).createCache(name("copy"),
          new MutableConfiguration<String, Box>().setTypes(String.class, Box.class));
      Box box = new Box(1);
      cache.put("k", box);
      box.value = 2; // mutating after put never changes the cached value
      assertThat(cache.get("k").value).as(impl.name()).isEqualTo(1);
      assertThat(cache.get("k")).as(impl.name()).isNotSameAs(cache.get("k"));
    }
  }

  @Test
  void theJsr107DefaultsOfAPlainConfigurationAreTheSame() {
    for (Impl impl : Impl.values()) {
      Cache<String, String> cache = manager(impl).createCache(name("defaults"),
          new MutableConfiguration<String, String>().setTypes(String.class, String.class));
      CompleteConfiguration<?, ?> config = cache.getConfiguration(CompleteConfiguration.class);
      assertThat(config.isStatisticsEnabled()).as(impl.name()).isFalse();
      assertThat(config.isManagementEnabled()).as(impl.name()).isFalse();
      assertThat(config.isReadThrough() || config.isWriteThrough()).as(impl.name()).isFalse();
      assertThat(config.getExpiryPolicyFactory().create())
          .as(impl.name()).isInstanceOf(javax.cache.expiry.EternalExpiryPolicy.class);
    }
  }

  // ---- row: store-by-reference ------------------------------------------------------------

  @Test
  void onlyCachebricksHasNoStoreByReference() {
    for (Impl impl : Impl.values()) {
      boolean supported = provider(impl).isSupported(OptionalFeature.STORE_BY_REFERENCE);
      assertThat(supported).as(impl.name()).isEqualTo(impl != Impl.CACHEBRICKS);
      Cache<String, Box> cache = manager(impl).createCache(name("by-ref"),
          new MutableConfiguration<String, Box>().setTypes(String.class, Box.class)
              .setStoreByValue(false));
      Box box = new Box(1);
      cache.put("k", box);
      if (impl == Impl.CACHEBRICKS) {
        // accepted, and silently by value: Hazelcast always serializes
        assertThat(cache.get("k")).isNotSameAs(box);
      } else {
        assertThat(cache.get("k")).as(impl.name()).isSameAs(box);
      }
    }
  }

  // ---- row: entry bound of a cache created from a plain MutableConfiguration -----------------

  @Test
  void onlyCachebricksBoundsACacheFromAPlainConfiguration() {
    for (Impl impl : Impl.values()) {
      Cache<String, String> cache = manager(impl).createCache(name("bound"),
          new MutableConfiguration<String, String>().setTypes(String.class, String.class));
      switch (impl) {
        case CACHEBRICKS -> assertThat(((CacheConfig<?, ?>) cache.unwrap(ICache.class)
            .getConfiguration(CacheConfig.class)).getEvictionConfig().getSize())
            .isEqualTo(100_000); // per member, cachebricks.hazelcast.max-entries
        case CAFFEINE -> assertThat(cache.getConfiguration(CaffeineConfiguration.class)
            .getMaximumSize()).isEmpty();
        case EHCACHE -> assertThat(cache.unwrap(org.ehcache.Cache.class).getRuntimeConfiguration()
            .getResourcePools().getPoolForResource(ResourceType.Core.HEAP).getSize())
            .isEqualTo(Long.MAX_VALUE);
        default -> throw new AssertionError(impl);
      }
    }
  }

  // ---- row: an entry processor that is not Serializable (a lambda) --------------------------

  @Test
  void aLambdaEntryProcessorRunsOnAnEmbeddedMemberToo() {
    for (Impl impl : Impl.values()) {
      Cache<String, Integer> cache = manager(impl).createCache(name("lambda"),
          new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class));
      cache.put("k", 1);
      EntryProcessor<String, Integer, Integer> increment = (entry, args) -> {
        entry.setValue(entry.getValue() + 1);
        return entry.getValue();
      };
      assertThat(cache.invoke("k", increment)).as(impl.name()).isEqualTo(2);
    }
  }

  // ---- row: CacheManager URIs ------------------------------------------------------------

  @Test
  void tenantUrisAreCachebricksOnly() {
    URI tenant = CachebricksCachingProvider.tenantUri("acme");
    for (Impl impl : Impl.values()) {
      switch (impl) {
        case CACHEBRICKS -> assertThat(
            cachebricks.getCacheManager(tenant, null, cachebricksProperties).getURI())
            .isEqualTo(tenant);
        case CAFFEINE -> assertThat(caffeine.getCacheManager(tenant, (ClassLoader) null).getURI())
            .isEqualTo(tenant); // accepted as a name; its configuration is the default one
        case EHCACHE -> assertThatThrownBy(() -> ehcache.getCacheManager(tenant,
            (ClassLoader) null))
            .isInstanceOf(javax.cache.CacheException.class) // read as an XML file's location
            .hasRootCauseInstanceOf(MalformedURLException.class)
            .rootCause().hasMessage("unknown protocol: cachebricks");
        default -> throw new AssertionError(impl);
      }
    }
  }
}
