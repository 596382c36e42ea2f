package dev.cachebricks.spring.boot;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.Cache;
import dev.cachebricks.contract.ClassResource;
import dev.cachebricks.hazelcast.testing.Members;
import dev.cachebricks.micrometer.CacheMetrics;
import dev.cachebricks.tenant.Manager;
import dev.cachebricks.testing.InMemoryCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Micrometer: every Cache and Manager bean instrumented when there is a registry, none without. */
class CachebricksMetricsTest {

  @RegisterExtension
  static final ClassResource<Members> cluster =
      new ClassResource<>(() -> Members.start(1));
  private final ApplicationContextRunner runner = Runners.cachebricks()
      .withBean(HazelcastInstance.class, () -> cluster.get().member(0))
      .withPropertyValues("cachebricks.caches=sessions");
  private final ApplicationContextRunner withBootMetrics = runner.withConfiguration(
      AutoConfigurations.of(MetricsAutoConfiguration.class,
          CompositeMeterRegistryAutoConfiguration.class,
          SimpleMetricsExportAutoConfiguration.class));

  private static boolean metered(Object bean) {
    return bean.getClass().getEnclosingClass() == CacheMetrics.class;
  }

  @Test
  void cacheAndManagerBeansRecordIntoBootsRegistry() {
    withBootMetrics.run(context -> {
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      Cache sessions = context.getBean("sessions", Cache.class);
      assertThat(metered(sessions)).isTrue();
      sessions.set("k", "v".getBytes(UTF_8), Duration.ZERO);
      sessions.get("k");
      sessions.get("absent");
      Timer sets = registry.get(CacheMetrics.OPERATION_DURATION)
          .tags("cache", "sessions", "db.system.name", "hazelcast",
              "db.operation.name", "set", "error.type", "")
          .timer();
      assertThat(sets.count()).isEqualTo(1);
      assertThat(registry.get(CacheMetrics.HITS).tags("cache", "sessions",
          "db.operation.name", "get").counter().count()).isEqualTo(1);
      assertThat(registry.get(CacheMetrics.MISSES).tags("cache", "sessions",
          "db.operation.name", "get").counter().count()).isEqualTo(1);

      Manager manager = context.getBean(Manager.class);
      assertThat(metered(manager)).isTrue();
      manager.get("acme").set("k", "v".getBytes(UTF_8), Duration.ZERO);
      assertThat(registry.get(CacheMetrics.ACTIVE_CACHES)
          .tag("cache", "cachebricksManager").gauge().value()).isEqualTo(1);
      Timer tenantSets = registry.get(CacheMetrics.OPERATION_DURATION)
          .tags("cache", "cachebricksManager", "db.operation.name", "set").timer();
      assertThat(tenantSets.count()).isEqualTo(1);
      assertThat(tenantSets.getId().getTag("db.namespace")).isNull();
    });
  }

  @Test
  void theTenantTagIsOffUnlessConfigured() {
    withBootMetrics.withPropertyValues("cachebricks.metrics.tenant-tag=true").run(context -> {
      context.getBean(Manager.class).get("acme").set("k", "v".getBytes(UTF_8), Duration.ZERO);
      assertThat(context.getBean(MeterRegistry.class).get(CacheMetrics.OPERATION_DURATION)
          .tags("cache", "cachebricksManager", "db.namespace", "acme", "db.operation.name", "set")
          .timer().count()).isEqualTo(1);
    });
  }

  @Test
  void withoutMicrometerNothingIsWrapped() {
    runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class)).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(metered(context.getBean("sessions"))).isFalse();
      assertThat(metered(context.getBean(Manager.class))).isFalse();
    });
  }

  @Test
  void withoutARegistryBeanNothingIsWrapped() {
    runner.run(context -> {
      assertThat(context).doesNotHaveBean(MeterRegistry.class);
      assertThat(metered(context.getBean("sessions"))).isFalse();
    });
  }

  @Test
  void metricsCanBeSwitchedOff() {
    withBootMetrics.withPropertyValues("cachebricks.metrics.enabled=false").run(context ->
        assertThat(metered(context.getBean("sessions"))).isFalse());
  }

  @Test
  void applicationBeansDeclaredAsTheInterfaceAreInstrumentedConcreteOnesAreNot() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    InMemoryCache concrete = InMemoryCache.create();
    runner.withBean(MeterRegistry.class, () -> registry)
        .withBean("mine", Cache.class, InMemoryCache::create)
        .withBean("concrete", InMemoryCache.class, () -> concrete)
        .withBean("premetered", Cache.class,
            () -> CacheMetrics.builder(registry).build().instrument(InMemoryCache.create()))
        .run(context -> {
          assertThat(metered(context.getBean("mine"))).isTrue();
          assertThat(context.getBean("concrete")).isSameAs(concrete);
          context.getBean("premetered", Cache.class).delete("k");
          // Wrapped twice, the one delete would be timed twice.
          assertThat(registry.get(CacheMetrics.OPERATION_DURATION)
              .tag("db.operation.name", "delete").timers().stream()
              .mapToLong(io.micrometer.core.instrument.Timer::count).sum()).isEqualTo(1);
        });
  }
}
