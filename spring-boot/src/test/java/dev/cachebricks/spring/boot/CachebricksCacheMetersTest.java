package dev.cachebricks.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cachebricks.contract.ClassResource;
import dev.cachebricks.hazelcast.HazelcastBackend;
import dev.cachebricks.hazelcast.HazelcastConfig;
import dev.cachebricks.hazelcast.testing.Members;
import dev.cachebricks.spring.boot.CachebricksJCacheTest.Caching;
import dev.cachebricks.spring.boot.CachebricksJCacheTest.Quotes;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.metrics.CacheMetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;

/**
 * Spring Boot's own cache meters ({@code cache.gets}, {@code cache.puts}, {@code cache.removals},
 * {@code cache.evictions}) count what {@code @Cacheable} did on the cachebricks provider, on an
 * embedded member and on a client.
 */
class CachebricksCacheMetersTest {

  @RegisterExtension
  static final ClassResource<Members> cluster = new ClassResource<>(() -> Members.start(1));

  private final ApplicationContextRunner runner = Runners.withEnvironmentPostProcessor(
      Runners.cachebricks()
          .withConfiguration(AutoConfigurations.of(CacheAutoConfiguration.class,
              MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
              SimpleMetricsExportAutoConfiguration.class, CacheMetricsAutoConfiguration.class))
          .withUserConfiguration(Caching.class)
          .withPropertyValues("spring.cache.cache-names=quotes"));

  /** Six {@code @Cacheable} calls on two keys, then one eviction through Spring's cache. */
  private static void useTheCache(AssertableApplicationContext context) {
    Quotes quotes = context.getBean(Quotes.class);
    for (int i = 0; i < 3; i++) {
      quotes.quote("ACME");
      quotes.quote("GLOBEX");
    }
    assertThat(quotes.lookups()).isEqualTo(2);
    context.getBean(CacheManager.class).getCache("quotes").evict("ACME");
  }

  private static double count(MeterRegistry registry, String name, String... tags) {
    return registry.get(name).tag("cache", "quotes").tags(tags).functionCounter().count();
  }

  private static void assertCounted(MeterRegistry registry) {
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      assertThat(count(registry, "cache.gets", "result", "hit")).isEqualTo(4);
      assertThat(count(registry, "cache.gets", "result", "miss")).isEqualTo(2);
      assertThat(count(registry, "cache.puts")).isEqualTo(2);
      assertThat(count(registry, "cache.removals")).isEqualTo(1);
    });
  }

  @Test
  void anEmbeddedMemberCountsHitsMissesPutsAndRemovals() {
    runner.run(context -> {
      assertThat(context.getBean(HazelcastBackend.class).config().mode())
          .isEqualTo(HazelcastConfig.Mode.EMBEDDED);
      useTheCache(context);
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      assertCounted(registry);
      assertThat(count(registry, "cache.evictions")).isZero();
      assertThat(registry.get("cache.size").tag("cache", "quotes").gauge().value())
          .isEqualTo(1);
    });
  }

  @Test
  void aClientCountsItsOwnHitsMissesPutsAndRemovals() {
    runner.withPropertyValues(
        "cachebricks.hazelcast.cluster-name=" + cluster.get().clusterName(),
        "cachebricks.hazelcast.addresses=" + cluster.get().addresses().get(0),
        "cachebricks.hazelcast.connect-timeout=20s").run(context -> {
          assertThat(context.getBean(HazelcastBackend.class).config().mode())
              .isEqualTo(HazelcastConfig.Mode.CLIENT);
          useTheCache(context);
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          assertCounted(registry);
          // Hazelcast keeps neither evictions nor size on a client: no meter, rather than a 0.
          assertThat(registry.find("cache.evictions").meters()).isEmpty();
          assertThat(registry.find("cache.size").meters()).isEmpty();
        });
  }
}
