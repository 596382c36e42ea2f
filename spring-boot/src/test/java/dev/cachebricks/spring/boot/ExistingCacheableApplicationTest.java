package dev.cachebricks.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.CacheConfig;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.contract.ClassResource;
import dev.cachebricks.hazelcast.HazelcastBackend;
import dev.cachebricks.hazelcast.jcache.CachebricksCacheManager;
import dev.cachebricks.hazelcast.jcache.CachebricksCachingProvider;
import dev.cachebricks.hazelcast.testing.Members;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.cache.CacheException;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.JCacheManagerCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.jcache.JCacheCacheManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An application that already uses {@code @Cacheable} on Boot's auto-detected cache, with no
 * cache names listed, keeps working when the starter is added: its caches are created on first
 * use, on the cachebricks instance, with the starter's entry bound and backups.
 */
class ExistingCacheableApplicationTest {

  private static final int MAX_ENTRIES = 4321;
  private static final int BACKUPS = 2;

  @RegisterExtension
  static final ClassResource<Members> cluster = new ClassResource<>(() -> Members.start(1));

  /** The existing application: caching on, one service, nothing about cachebricks. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableCaching
  static class QuoteApplication {
    @Bean
    QuoteService quoteService() {
      return new QuoteService();
    }
  }

  /** The existing service: {@code @Cacheable} on a name nobody listed. */
  static class QuoteService {
    private final AtomicInteger lookups = new AtomicInteger();

    @Cacheable("quotes")
    public String quote(String symbol) {
      return symbol + "#" + lookups.incrementAndGet();
    }

    @Cacheable("rates")
    public String rate(String pair) {
      return pair + "%" + lookups.incrementAndGet();
    }

    int lookups() {
      return lookups.get();
    }
  }

  private static ConfigurableApplicationContext start(String... properties) {
    return new SpringApplicationBuilder(QuoteApplication.class)
        .web(WebApplicationType.NONE)
        .properties("cachebricks.hazelcast.max-entries=" + MAX_ENTRIES,
            "cachebricks.hazelcast.backup-count=" + BACKUPS)
        .properties(properties)
        .run();
  }

  @Test
  void anUnchangedCacheableApplicationWorksOnAnEmbeddedMember() {
    try (ConfigurableApplicationContext context =
        start("cachebricks.hazelcast.cluster-name=" + Runners.uniqueCluster())) {
      assertThat(context.getBean(CacheManager.class)).isInstanceOf(JCacheCacheManager.class);
      HazelcastInstance member = context.getBean(HazelcastBackend.class).instance();
      cachesOnFirstUseWithTheStartersBounds(context, member);
    }
  }

  @Test
  void anUnchangedCacheableApplicationWorksAsAClient() {
    // A cache the cluster has already, with settings of its own: used as it is.
    onMember(cluster.get().member(0), jcache -> jcache.createCache("rates", ownRatesConfig()));
    try (ConfigurableApplicationContext context = start(
        "cachebricks.hazelcast.cluster-name=" + cluster.get().clusterName(),
        "cachebricks.hazelcast.addresses=" + cluster.get().addresses().get(0),
        "cachebricks.hazelcast.connect-timeout=20s")) {
      assertThat(context.getBean(HazelcastBackend.class).instance())
          .isNotSameAs(cluster.get().member(0));
      cachesOnFirstUseWithTheStartersBounds(context, cluster.get().member(0));
      QuoteService service = context.getBean(QuoteService.class);
      assertThat(service.rate("EURUSD")).isEqualTo(service.rate("EURUSD"));
      onMember(cluster.get().member(0), jcache -> {
        assertThat(jcache.getCache("rates").get("EURUSD")).isEqualTo(service.rate("EURUSD"));
        assertThat(hazelcastConfig(jcache, "rates").getEvictionConfig().getSize()).isEqualTo(50);
      });
    }
  }

  /** Two calls run the method once, and the member holds the entry in a bounded cache. */
  private static void cachesOnFirstUseWithTheStartersBounds(
      ConfigurableApplicationContext context, HazelcastInstance member) {
    QuoteService quotes = context.getBean(QuoteService.class);
    assertThat(quotes.quote("ACME")).isEqualTo("ACME#1");
    assertThat(quotes.quote("ACME")).isEqualTo("ACME#1");
    assertThat(quotes.lookups()).isEqualTo(1);
    onMember(member, jcache -> {
      javax.cache.Cache<Object, Object> cache = jcache.getCache("quotes");
      assertThat(cache.get("ACME")).isEqualTo("ACME#1");
      @SuppressWarnings("unchecked")
      CacheConfig<Object, Object> config = cache.getConfiguration(CacheConfig.class);
      assertThat(config.getEvictionConfig().getMaxSizePolicy())
          .isEqualTo(MaxSizePolicy.ENTRY_COUNT);
      assertThat(config.getEvictionConfig().getSize()).isEqualTo(MAX_ENTRIES);
      assertThat(config.getBackupCount()).isEqualTo(BACKUPS);
      assertThat(config.getAsyncBackupCount()).isZero();
    });
  }

  /** Runs {@code check} on a JSR-107 manager of the member's own, the application's aside. */
  private static void onMember(HazelcastInstance member, Consumer<javax.cache.CacheManager> check) {
    try (javax.cache.CacheManager jcache = new CachebricksCachingProvider().getCacheManager(
        CachebricksCachingProvider.DEFAULT_URI, null,
        CachebricksCachingProvider.propertiesOf(member))) {
      check.accept(jcache);
    }
  }

  // The finer points, on the context runner (the same auto-configurations, no component scan).

  private final ApplicationContextRunner runner = Runners.withEnvironmentPostProcessor(
      Runners.cachebricks()
          .withConfiguration(AutoConfigurations.of(CacheAutoConfiguration.class))
          .withUserConfiguration(Caching.class)
          .withPropertyValues("cachebricks.hazelcast.max-entries=" + MAX_ENTRIES,
              "cachebricks.hazelcast.backup-count=" + BACKUPS));

  /** The service of {@link QuoteApplication}, without Boot's component model around it. */
  @Configuration(proxyBeanMethods = false)
  @EnableCaching
  static class Caching {
    @Bean
    QuoteService quoteService() {
      return new QuoteService();
    }
  }

  /** An application creating one cache with settings of its own, the way Boot documents. */
  @Configuration(proxyBeanMethods = false)
  static class OwnRatesCache {
    @Bean
    JCacheManagerCustomizer ratesCache() {
      return manager -> manager.createCache("rates", ownRatesConfig());
    }
  }

  /** Settings of the application's own: 50 entries, no backup. */
  private static CacheConfig<Object, Object> ownRatesConfig() {
    CacheConfig<Object, Object> rates = new CacheConfig<>();
    rates.setBackupCount(0);
    rates.setEvictionConfig(new EvictionConfig()
        .setMaxSizePolicy(MaxSizePolicy.ENTRY_COUNT).setSize(50));
    return rates;
  }

  @Test
  void listedAndApplicationCreatedCachesKeepTheirSettings() {
    runner.withUserConfiguration(OwnRatesCache.class)
        .withPropertyValues("spring.cache.cache-names=listed")
        .run(context -> {
          QuoteService service = context.getBean(QuoteService.class);
          assertThat(service.rate("EURUSD")).isEqualTo(service.rate("EURUSD"));
          assertThat(service.quote("ACME")).isEqualTo(service.quote("ACME"));
          assertThat(service.lookups()).isEqualTo(2);

          javax.cache.CacheManager jcache = context.getBean(javax.cache.CacheManager.class);
          CacheConfig<?, ?> rates = hazelcastConfig(jcache, "rates");
          assertThat(rates.getEvictionConfig().getSize()).isEqualTo(50);
          assertThat(rates.getBackupCount()).isZero();
          for (String starters : List.of("listed", "quotes")) {
            CacheConfig<?, ?> config = hazelcastConfig(jcache, starters);
            assertThat(config.getEvictionConfig().getSize()).isEqualTo(MAX_ENTRIES);
            assertThat(config.getBackupCount()).isEqualTo(BACKUPS);
          }
          assertThat(context.getBean(CacheManager.class).getCacheNames())
              .contains("listed", "rates", "quotes");
          // The JSR-107 bean keeps JSR-107's rule; only Spring's cache manager creates.
          assertThat(jcache.getCache("never-used")).isNull();
          assertThat(context.getBean(JCacheCacheManager.class).getCacheManager()
              .unwrap(CachebricksCacheManager.class)).isSameAs(jcache);
        });
  }

  /** The application's default JSR-107 configuration, which Boot gives the listed caches. */
  @Configuration(proxyBeanMethods = false)
  static class DefaultConfiguration {
    @Bean
    javax.cache.configuration.Configuration<Object, Object> defaultCacheConfiguration() {
      return new MutableConfiguration<>()
          .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
              new javax.cache.expiry.Duration(TimeUnit.MINUTES, 7)));
    }
  }

  @Test
  void anUnlistedCacheGetsTheConfigurationAListedOneGets() {
    runner.withUserConfiguration(DefaultConfiguration.class)
        .withPropertyValues("spring.cache.cache-names=listed")
        .run(context -> {
          context.getBean(QuoteService.class).quote("ACME");
          javax.cache.CacheManager jcache = context.getBean(javax.cache.CacheManager.class);
          for (String name : List.of("listed", "quotes")) {
            CacheConfig<?, ?> config = hazelcastConfig(jcache, name);
            ExpiryPolicy expiry = (ExpiryPolicy) config.getExpiryPolicyFactory().create();
            assertThat(expiry.getExpiryForCreation())
                .isEqualTo(new javax.cache.expiry.Duration(TimeUnit.MINUTES, 7));
            assertThat(config.getEvictionConfig().getSize()).isEqualTo(MAX_ENTRIES);
          }
        });
  }

  @Test
  void twoThreadsFirstUsingOneNameGetOneCache() throws Exception {
    runner.run(context -> {
      CacheManager caches = context.getBean(CacheManager.class);
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < 20; round++) {
          String name = "race-" + round;
          CyclicBarrier start = new CyclicBarrier(2);
          List<Future<Cache>> firstUses = new ArrayList<>();
          for (int i = 0; i < 2; i++) {
            firstUses.add(threads.submit(() -> {
              start.await(10, TimeUnit.SECONDS);
              return caches.getCache(name);
            }));
          }
          Cache first = firstUses.get(0).get(30, TimeUnit.SECONDS);
          Cache second = firstUses.get(1).get(30, TimeUnit.SECONDS);
          assertThat(first).as(name).isNotNull();
          first.put("k", "v");
          assertThat(second.get("k", String.class)).as(name).isEqualTo("v");
          assertThat(caches.getCache(name)).isSameAs(caches.getCache(name));
        }
        // What the loser of a race meets, and falls back to getCache on.
        javax.cache.CacheManager jcache = context.getBean(javax.cache.CacheManager.class);
        assertThatThrownBy(() -> jcache.createCache("race-0", new MutableConfiguration<>()))
            .isInstanceOf(CacheException.class);
      } finally {
        threads.shutdownNow();
      }
    });
  }

  @Test
  void creatingOnFirstUseCanBeSwitchedOff() {
    runner.withPropertyValues("cachebricks.jcache.create-missing-caches=false")
        .run(context -> {
          assertThat(context.getBean(CacheManager.class).getCache("quotes")).isNull();
          assertThatThrownBy(() -> context.getBean(QuoteService.class).quote("ACME"))
              .hasMessageContaining("Cannot find cache named 'quotes'");
        });
  }

  /** An application with a cache manager of its own. */
  @Configuration(proxyBeanMethods = false)
  static class OwnCacheManager {
    @Bean
    JCacheCacheManager cacheManager(HazelcastBackend backend) {
      return new JCacheCacheManager(new CachebricksCachingProvider().getCacheManager(
          CachebricksCachingProvider.DEFAULT_URI, null,
          CachebricksCachingProvider.propertiesOf(backend.instance())));
    }
  }

  @Test
  void anApplicationsOwnCacheManagerIsLeftAsItIs() {
    runner.withUserConfiguration(OwnCacheManager.class).run(context -> {
      JCacheCacheManager own = context.getBean(JCacheCacheManager.class);
      assertThat(own.getCacheManager().getCache("quotes")).isNull();
      assertThat(own.getCache("quotes")).isNull();
      own.getCacheManager().close();
    });
  }

  private static CacheConfig<?, ?> hazelcastConfig(javax.cache.CacheManager jcache, String name) {
    javax.cache.Cache<Object, Object> cache = jcache.getCache(name);
    assertThat(cache).as(name).isNotNull();
    return cache.getConfiguration(CacheConfig.class);
  }
}
