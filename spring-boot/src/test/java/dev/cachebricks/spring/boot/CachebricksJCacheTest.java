package dev.cachebricks.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.hazelcast.cache.HazelcastCacheManager;
import com.hazelcast.config.CacheConfig;
import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.contract.ClassResource;
import dev.cachebricks.hazelcast.HazelcastBackend;
import dev.cachebricks.hazelcast.jcache.CachebricksCacheManager;
import dev.cachebricks.hazelcast.jcache.CachebricksCachingProvider;
import dev.cachebricks.hazelcast.testing.Members;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.JCachePropertiesCustomizer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.jcache.JCacheCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

/** Spring's JCache cache manager on the cachebricks provider and the backend's instance. */
class CachebricksJCacheTest {

  @RegisterExtension
  static final ClassResource<Members> cluster =
      new ClassResource<>(() -> Members.start(1));
  private final ApplicationContextRunner runner = Runners.withEnvironmentPostProcessor(
      Runners.cachebricks()
          .withConfiguration(AutoConfigurations.of(CacheAutoConfiguration.class))
          .withUserConfiguration(Caching.class));

  /** An application using {@code @Cacheable}. */
  @Configuration(proxyBeanMethods = false)
  @EnableCaching
  static class Caching {
    @Bean
    Quotes quotes() {
      return new Quotes();
    }
  }

  /** A slow lookup worth caching. */
  static class Quotes {
    private final AtomicInteger lookups = new AtomicInteger();

    @Cacheable("quotes")
    public String quote(String symbol) {
      return symbol + "#" + lookups.incrementAndGet();
    }

    public int lookups() {
      return lookups.get();
    }
  }

  @Test
  void cacheableRunsOnTheCachebricksProviderOnTheBackendsInstance() {
    runner.withPropertyValues("spring.cache.cache-names=quotes",
        "cachebricks.hazelcast.max-entries=4321").run(context -> {
          assertThat(context.getBean(CacheManager.class)).isInstanceOf(JCacheCacheManager.class);
          javax.cache.CacheManager jcache = context.getBean(javax.cache.CacheManager.class);
          assertThat(jcache).isInstanceOf(CachebricksCacheManager.class);
          HazelcastInstance instance = context.getBean(HazelcastBackend.class).instance();
          assertThat(jcache.unwrap(HazelcastCacheManager.class).getHazelcastInstance())
              .isSameAs(instance);

          Quotes quotes = context.getBean(Quotes.class);
          assertThat(quotes.quote("ACME")).isEqualTo("ACME#1");
          assertThat(quotes.quote("ACME")).isEqualTo("ACME#1");
          assertThat(quotes.lookups()).isEqualTo(1);

          @SuppressWarnings("unchecked")
          CacheConfig<Object, Object> config = jcache.getCache("quotes")
              .getConfiguration(CacheConfig.class);
          assertThat(config.getEvictionConfig().getSize()).isEqualTo(4321);
        });
  }

  @Test
  void anApplicationInstanceIsSharedWithCacheable() {
    runner.withBean(HazelcastInstance.class, () -> cluster.get().member(0))
        .withPropertyValues("spring.cache.cache-names=quotes").run(context -> {
          javax.cache.CacheManager jcache = context.getBean(javax.cache.CacheManager.class);
          assertThat(jcache.unwrap(HazelcastCacheManager.class).getHazelcastInstance())
              .isSameAs(cluster.get().member(0));
          context.getBean(Quotes.class).quote("ACME");
        });
    assertThat(cluster.get().member(0).getLifecycleService().isRunning()).isTrue();
    try (HazelcastBackend again = HazelcastBackend.of(cluster.get().member(0))) {
      javax.cache.CacheManager jcache = new CachebricksCachingProvider().getCacheManager(
          CachebricksCachingProvider.DEFAULT_URI, null,
          CachebricksCachingProvider.propertiesOf(again.instance()));
      assertThat(jcache.getCache("quotes").get("ACME")).isEqualTo("ACME#1");
      jcache.close();
    }
  }

  @Test
  void theApplicationsProviderChoiceWins() {
    MockEnvironment environment = new MockEnvironment()
        .withProperty(CachebricksJCacheAutoConfiguration.PROVIDER_PROPERTY, "com.example.Other");
    new JCacheProviderDefault().postProcessEnvironment(environment, new SpringApplication());
    assertThat(environment.getProperty(CachebricksJCacheAutoConfiguration.PROVIDER_PROPERTY))
        .isEqualTo("com.example.Other");

    Runners.cachebricks().withBean(HazelcastInstance.class, () -> cluster.get().member(0))
        .withPropertyValues(CachebricksJCacheAutoConfiguration.PROVIDER_PROPERTY
            + "=com.example.Other")
        .run(context -> {
          Properties properties = new Properties();
          context.getBean(JCachePropertiesCustomizer.class).customize(properties);
          assertThat(properties).isEmpty();
        });
  }

  @Test
  void theDefaultProviderIsCachebricksUnlessSwitchedOff() {
    MockEnvironment environment = new MockEnvironment();
    new JCacheProviderDefault().postProcessEnvironment(environment, new SpringApplication());
    assertThat(environment.getProperty(CachebricksJCacheAutoConfiguration.PROVIDER_PROPERTY))
        .isEqualTo(CachebricksCachingProvider.class.getName());

    MockEnvironment off = new MockEnvironment().withProperty("cachebricks.jcache.enabled", "false");
    new JCacheProviderDefault().postProcessEnvironment(off, new SpringApplication());
    assertThat(off.containsProperty(CachebricksJCacheAutoConfiguration.PROVIDER_PROPERTY))
        .isFalse();
    runner.withPropertyValues("cachebricks.jcache.enabled=false").run(context ->
        assertThat(context).doesNotHaveBean("cachebricksJCachePropertiesCustomizer"));
  }

  @Test
  void withoutSpringsCacheSupportTheRestWorks() {
    Runners.cachebricks().withBean(HazelcastInstance.class, () -> cluster.get().member(0))
        .withClassLoader(new FilteredClassLoader(JCachePropertiesCustomizer.class))
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).doesNotHaveBean("cachebricksJCachePropertiesCustomizer");
          assertThat(context).hasBean("cachebricksBackend");
        });
  }

  @Test
  void providerPropertiesCarryTheInstanceAndTheBackendsBounds() {
    HazelcastBackend backend = HazelcastBackend.of(cluster.get().member(0),
        dev.cachebricks.hazelcast.HazelcastConfig.builder()
            .maxEntriesPerCache(77).backupCount(2).build());
    Properties properties = CachebricksJCacheAutoConfiguration.providerProperties(backend);
    assertThat(properties.get(CachebricksCachingProvider.INSTANCE_PROPERTY))
        .isSameAs(cluster.get().member(0));
    assertThat(properties.getProperty("cachebricks.hazelcast.max-entries")).isEqualTo("77");
    assertThat(properties.getProperty("cachebricks.hazelcast.backup-count")).isEqualTo("2");
    assertThat(List.copyOf(properties.stringPropertyNames())).hasSize(2);
  }

  @Test
  void aSecondContextAliveAtOnceGetsTheFirstsCacheManagerAndIsWarned() {
    Logger logger = (Logger) LoggerFactory.getLogger(CachebricksJCacheAutoConfiguration.class);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    logger.addAppender(log);
    try {
      runner.run(first -> Runners.withEnvironmentPostProcessor(Runners.cachebricks()
          .withConfiguration(AutoConfigurations.of(CacheAutoConfiguration.class))
          .withUserConfiguration(Caching.class)
          .withBean(HazelcastInstance.class, () -> cluster.get().member(0)))
          .run(second -> {
            assertThat(second.getBean(javax.cache.CacheManager.class))
                .isSameAs(first.getBean(javax.cache.CacheManager.class));
            assertThat(log.list).singleElement().satisfies(event ->
                assertThat(event.getFormattedMessage()).contains("another application context"));
          }));
    } finally {
      logger.detachAppender(log);
    }
  }
}
