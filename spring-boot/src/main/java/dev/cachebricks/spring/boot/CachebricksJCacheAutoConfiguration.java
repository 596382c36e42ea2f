package dev.cachebricks.spring.boot;

import com.hazelcast.cache.HazelcastCacheManager;
import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.hazelcast.HazelcastBackend;
import dev.cachebricks.hazelcast.HazelcastConfig;
import dev.cachebricks.hazelcast.HazelcastProperties;
import dev.cachebricks.hazelcast.jcache.CachebricksCacheManager;
import dev.cachebricks.hazelcast.jcache.CachebricksCachingProvider;
import java.util.Properties;
import javax.cache.Caching;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.boot.cache.autoconfigure.JCacheManagerCustomizer;
import org.springframework.boot.cache.autoconfigure.JCachePropertiesCustomizer;
import org.springframework.cache.jcache.JCacheCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Puts Spring's JCache cache manager ({@code @Cacheable}) on the cachebricks backend's Hazelcast
 * instance, when Spring Boot's cache support is present and {@code cachebricks.jcache.enabled}
 * is not false.
 *
 * <p>Spring Boot picks the JSR-107 provider from {@code spring.cache.jcache.provider}, and with
 * cachebricks on the classpath there are always two (Hazelcast's own and cachebricks'), so
 * without that property Boot would not use JCache at all. cachebricks therefore makes
 * {@link CachebricksCachingProvider} the default of that property (an application's own value
 * wins), and, when it is the provider in use, hands it the backend's instance
 * ({@link CachebricksCachingProvider#propertiesOf}) and the backend's entry bound and backup
 * count. {@code @Cacheable} caches, named {@code Cache} beans and tenants then share one member
 * or client, and caches created from {@code spring.cache.cache-names} get the same explicit entry
 * bound as the rest.
 *
 * <p>Spring's JCache cache manager creates no cache on first use, so an application whose
 * {@code @Cacheable} caches worked on Boot's simple cache without being listed would fail once
 * the starter made JCache the cache type. Unless {@code cachebricks.jcache.create-missing-caches}
 * is false, the starter therefore gives the cache manager Boot creates a view of the provider's
 * CacheManager that creates an unknown cache on first use, with the configuration Boot gives
 * the listed caches (so with the same entry bound and backups). A cache manager bean of the
 * application's own is left as it is: Boot then creates none, and customizes none.
 *
 * <p>Spring Boot reaches the provider through the JVM-wide {@code Caching} registry, which
 * hands out one CacheManager per URI: two application contexts alive at once in one JVM share
 * the first one's (a warning says so). Close one context before starting the next, as
 * {@code @DirtiesContext} does in tests.
 */
@AutoConfiguration(
    after = CachebricksAutoConfiguration.class,
    afterName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@ConditionalOnClass({JCachePropertiesCustomizer.class, Caching.class, JCacheCacheManager.class})
@ConditionalOnBooleanProperty(name = "cachebricks.jcache.enabled", matchIfMissing = true)
public final class CachebricksJCacheAutoConfiguration {

  private static final Logger LOG =
      LoggerFactory.getLogger(CachebricksJCacheAutoConfiguration.class);

  /** The Spring Boot property naming the JSR-107 provider. */
  public static final String PROVIDER_PROPERTY = "spring.cache.jcache.provider";
  /** The switch of creating {@code @Cacheable} caches on first use. */
  static final String CREATE_MISSING_CACHES = "cachebricks.jcache.create-missing-caches";

  /** Created by Spring. */
  CachebricksJCacheAutoConfiguration() {}

  /**
   * Passes the backend's instance and cache settings to the cachebricks provider. Runs after
   * Spring Boot's own Hazelcast customizer, so the backend's instance wins.
   *
   * @param backend the backend
   * @param environment where the chosen provider is read
   * @return the customizer
   */
  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE)
  public JCachePropertiesCustomizer cachebricksJCachePropertiesCustomizer(
      ObjectProvider<HazelcastBackend> backend, Environment environment) {
    return properties -> {
      HazelcastBackend shared = sharedWithProvider(backend, environment);
      if (shared != null) {
        properties.putAll(providerProperties(shared));
      }
    };
  }

  /**
   * Warns when Spring's JCache cache manager does not run on the backend's instance. The
   * JSR-107 provider is JVM-wide, and it hands out one CacheManager per URI: while another
   * application context in this JVM holds the default CacheManager (test suites that cache
   * several contexts do), this context gets that one, on the other context's instance.
   *
   * @param backend the backend
   * @param environment where the chosen provider is read
   * @return the check
   */
  @Bean
  public JCacheManagerCustomizer cachebricksJCacheInstanceCheck(
      ObjectProvider<HazelcastBackend> backend, Environment environment) {
    return manager -> {
      HazelcastBackend shared = sharedWithProvider(backend, environment);
      if (shared == null) {
        return;
      }
      HazelcastInstance used = manager.unwrap(HazelcastCacheManager.class).getHazelcastInstance();
      if (used != shared.instance()) {
        LOG.warn("Spring's JCache CacheManager {} runs on {}, not on the cachebricks backend's "
            + "instance {}: another application context in this JVM holds the provider's "
            + "CacheManager for {}; close it first", manager, used, shared.instance(),
            manager.getURI());
      }
    };
  }

  /**
   * Lets Spring's JCache cache manager create a cache on first use, as Spring Boot's simple
   * cache does: {@code @Cacheable} on a name not listed in {@code spring.cache.cache-names}
   * works. The cache gets the configuration Boot gives the listed ones (the application's
   * {@code javax.cache.configuration.Configuration} bean, else a plain
   * {@code MutableConfiguration}), and through the provider the backend's entry bound and
   * backups. A cache that exists is used as it is. Only when Spring's cache manager runs on the
   * cachebricks provider; ordered last, after the application's ordered customizers.
   *
   * @param defaultCacheConfiguration the application's default JSR-107 configuration, if any
   * @return the customizer
   */
  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE)
  @ConditionalOnBooleanProperty(name = CREATE_MISSING_CACHES, matchIfMissing = true)
  public CacheManagerCustomizer<JCacheCacheManager> cachebricksJCacheCreateOnFirstUse(
      ObjectProvider<Configuration<?, ?>> defaultCacheConfiguration) {
    return manager -> {
      javax.cache.CacheManager provided = manager.getCacheManager();
      if (provided instanceof CachebricksCacheManager) {
        // getIfUnique, not Boot's getIfAvailable: several Configuration beans and no cache
        // listed started before the starter, and must still start.
        manager.setCacheManager(new CreateOnFirstUse(provided,
            defaultCacheConfiguration.getIfUnique(MutableConfiguration::new)));
      }
    };
  }

  /**
   * Boot's cache meters ({@code cache.gets}, {@code cache.puts}, {@code cache.evictions},
   * {@code cache.removals}) for {@code @Cacheable} caches on the cachebricks provider, read from
   * Hazelcast's statistics instead of the JMX beans Boot's JCache binder looks for. Only with
   * Micrometer and Boot's cache metrics, unless {@code cachebricks.metrics.enabled} is false.
   */
  @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"io.micrometer.core.instrument.MeterRegistry",
      "org.springframework.boot.cache.metrics.CacheMeterBinderProvider"})
  @ConditionalOnBooleanProperty(name = "cachebricks.metrics.enabled", matchIfMissing = true)
  static class CacheMeters {

    /** Created by Spring. */
    CacheMeters() {}

    /**
     * Binds Boot's cache meters of cachebricks caches; other caches are left to Boot's binders.
     *
     * @return the binder provider
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    CachebricksCacheMeterBinderProvider cachebricksCacheMeterBinderProvider() {
      return new CachebricksCacheMeterBinderProvider();
    }

    /**
     * The JSR-107 configuration Boot creates {@code spring.cache.cache-names} caches with (and
     * the starter creates caches on first use with): a plain one with statistics on. A
     * Hazelcast client counts its operations only in caches created with statistics on;
     * enabling them later reaches the members, not the client's proxy. An application's own
     * configuration bean replaces this one.
     *
     * @return the configuration
     */
    @Bean
    @ConditionalOnMissingBean(Configuration.class)
    MutableConfiguration<Object, Object> cachebricksJCacheConfiguration() {
      return new MutableConfiguration<>().setStatisticsEnabled(true);
    }
  }

  /** The backend, when there is one and Spring's JCache runs on the cachebricks provider. */
  private static HazelcastBackend sharedWithProvider(ObjectProvider<HazelcastBackend> backend,
      Environment environment) {
    HazelcastBackend shared = backend.getIfUnique();
    return shared != null && CachebricksCachingProvider.class.getName()
        .equals(environment.getProperty(PROVIDER_PROPERTY)) ? shared : null;
  }

  /** What the provider needs to run on the backend's instance with the backend's bounds. */
  static Properties providerProperties(HazelcastBackend backend) {
    Properties properties = CachebricksCachingProvider.propertiesOf(backend.instance());
    HazelcastConfig config = backend.config();
    properties.setProperty(HazelcastProperties.Key.MAX_ENTRIES.property(),
        Integer.toString(config.maxEntriesPerCache()));
    properties.setProperty(HazelcastProperties.Key.BACKUP_COUNT.property(),
        Integer.toString(config.backupCount()));
    return properties;
  }
}
