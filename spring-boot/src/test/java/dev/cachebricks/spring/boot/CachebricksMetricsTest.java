package dev.cachebricks.spring.boot;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.Cache;
import dev.cachebricks.CacheClosedException;
import dev.cachebricks.contract.ClassResource;
import dev.cachebricks.hazelcast.testing.Members;
import dev.cachebricks.micrometer.CacheMetrics;
import dev.cachebricks.tenant.Manager;
import dev.cachebricks.testing.InMemoryCache;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
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

  /** An observation handler, as Micrometer Tracing's is, that keeps the stopped contexts. */
  static final class Stopped implements ObservationHandler<Observation.Context> {
    final List<Observation.Context> contexts = new CopyOnWriteArrayList<>();

    @Override
    public void onStop(Observation.Context context) {
      contexts.add(context);
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
      return true;
    }

    List<Observation.Context> named(String name) {
      return contexts.stream().filter(c -> name.equals(c.getName())).toList();
    }
  }

  private static Map<String, String> lowCardinality(Observation.Context context) {
    Map<String, String> keyValues = new TreeMap<>();
    context.getLowCardinalityKeyValues().forEach(kv -> keyValues.put(kv.getKey(), kv.getValue()));
    return keyValues;
  }

  /** The tags of the sessions cache's timer of {@code op} with {@code errorType}. */
  private static Map<String, String> timerTags(MeterRegistry registry, String op,
      String errorType) {
    Timer timer = registry.get(CacheMetrics.OPERATION_DURATION)
        .tags("cache", "sessions", "db.operation.name", op, "error.type", errorType).timer();
    assertThat(timer.count()).isEqualTo(1);
    Map<String, String> tags = new TreeMap<>();
    timer.getId().getTags().forEach(tag -> tags.put(tag.getKey(), tag.getValue()));
    return tags;
  }

  /** Set, get (hit), get (miss), then set on the closed cache: four observations. */
  private static void setGetMissAndFailure(Cache sessions) {
    sessions.set("user:1", "secret".getBytes(UTF_8), Duration.ZERO);
    assertThat(sessions.get("user:1")).isPresent();
    assertThat(sessions.get("user:2")).isEmpty();
    sessions.close();
    assertThatThrownBy(() -> sessions.set("user:3", "secret".getBytes(UTF_8), Duration.ZERO))
        .isInstanceOf(CacheClosedException.class);
  }

  @Test
  void withAnObservationRegistryBeanEachOperationIsObservedWithTheMeterTagsAndNoKey() {
    TestObservationRegistry observations = TestObservationRegistry.create();
    Stopped stopped = new Stopped();
    observations.observationConfig().observationHandler(stopped);
    withBootMetrics.withBean(ObservationRegistry.class, () -> observations).run(context -> {
      MeterRegistry registry = context.getBean(MeterRegistry.class);
      setGetMissAndFailure(context.getBean("sessions", Cache.class));

      TestObservationRegistryAssert.assertThat(observations)
          .hasNumberOfObservationsWithNameEqualTo(CacheMetrics.OBSERVATION, 4);
      List<Observation.Context> contexts = stopped.named(CacheMetrics.OBSERVATION);
      assertThat(contexts).extracting(Observation.Context::getContextualName)
          .containsExactly("cache set", "cache get", "cache get", "cache set");
      // the key values are the tags of the timer each call recorded into
      assertThat(contexts).extracting(CachebricksMetricsTest::lowCardinality).containsExactly(
          timerTags(registry, "set", ""), timerTags(registry, "get", ""),
          timerTags(registry, "get", "not_found"), timerTags(registry, "set", "closed"));
      assertThat(lowCardinality(contexts.get(3))).containsEntry("db.system.name", "hazelcast")
          .containsEntry("db.operation.name", "set").containsEntry("error.type", "closed")
          .containsEntry("cache", "sessions");
      assertThat(contexts.get(3).getError()).isInstanceOf(CacheClosedException.class);
      assertThat(contexts.subList(0, 3)).allSatisfy(c -> assertThat(c.getError()).isNull());
      assertThat(contexts).allSatisfy(c -> {
        assertThat(c.getHighCardinalityKeyValues()).isEmpty();
        assertThat(c.getAllKeyValues().toString() + c.getContextualName())
            .doesNotContain("user:", "secret");
      });
    });
  }

  @Test
  void bootsObservationRegistryGetsTheObservationsAndNoMetersDerivedFromThem() {
    Stopped stopped = new Stopped();
    withBootMetrics
        .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
        .withBean("stoppedObservations", Stopped.class, () -> stopped)
        .run(context -> {
          assertThat(context).hasSingleBean(ObservationRegistry.class);
          MeterRegistry registry = context.getBean(MeterRegistry.class);
          Cache sessions = context.getBean("sessions", Cache.class);
          sessions.set("user:1", "secret".getBytes(UTF_8), Duration.ZERO);
          sessions.get("user:1");

          assertThat(stopped.named(CacheMetrics.OBSERVATION))
              .extracting(CachebricksMetricsTest::lowCardinality)
              .containsExactly(timerTags(registry, "set", ""), timerTags(registry, "get", ""));
          // Boot's DefaultMeterObservationHandler is there, and would time each call twice
          assertThat(context).hasSingleBean(DefaultMeterObservationHandler.class);
          assertThat(registry.find(CacheMetrics.OBSERVATION).meters()).isEmpty();
          assertThat(registry.find(CacheMetrics.OBSERVATION + ".active").meters()).isEmpty();
        });
  }

  @Test
  void observationsCanBeSwitchedOff() {
    TestObservationRegistry observations = TestObservationRegistry.create();
    withBootMetrics.withBean(ObservationRegistry.class, () -> observations)
        .withPropertyValues("cachebricks.metrics.observations.enabled=false").run(context -> {
          Cache sessions = context.getBean("sessions", Cache.class);
          assertThat(metered(sessions)).isTrue();
          sessions.set("k", "v".getBytes(UTF_8), Duration.ZERO);
          sessions.get("k");
          TestObservationRegistryAssert.assertThat(observations).doesNotHaveAnyObservation();
          assertThat(context.getBean(MeterRegistry.class).get(CacheMetrics.OPERATION_DURATION)
              .tags("cache", "sessions", "db.operation.name", "set").timer().count())
              .isEqualTo(1);
        });
  }

  @Test
  void observationsSwitchedOffInBootsRegistryToo() {
    Stopped stopped = new Stopped();
    withBootMetrics
        .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
        .withBean("stoppedObservations", Stopped.class, () -> stopped)
        .withPropertyValues("cachebricks.metrics.observations.enabled=false")
        .run(context -> {
          context.getBean("sessions", Cache.class).set("k", "v".getBytes(UTF_8), Duration.ZERO);
          assertThat(stopped.named(CacheMetrics.OBSERVATION)).isEmpty();
          assertThat(context).doesNotHaveBean("cachebricksObservationMeterFilter");
        });
  }

  @Test
  void bootsOwnSwitchTurnsTheObservationsOffToo() {
    Stopped stopped = new Stopped();
    withBootMetrics
        .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class))
        .withBean("stoppedObservations", Stopped.class, () -> stopped)
        .withPropertyValues("management.observations.enable.cachebricks.operation=false")
        .run(context -> {
          context.getBean("sessions", Cache.class).set("k", "v".getBytes(UTF_8), Duration.ZERO);
          assertThat(stopped.named(CacheMetrics.OBSERVATION)).isEmpty();
          assertThat(context.getBean(MeterRegistry.class).get(CacheMetrics.OPERATION_DURATION)
              .tags("cache", "sessions", "db.operation.name", "set").timer().count())
              .isEqualTo(1);
        });
  }

  @Test
  void withoutAnObservationRegistryBeanNothingIsObservedAndTheMetersStillCount() {
    withBootMetrics.run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean(ObservationRegistry.class);
      Cache sessions = context.getBean("sessions", Cache.class);
      assertThat(metered(sessions)).isTrue();
      sessions.set("k", "v".getBytes(UTF_8), Duration.ZERO);
      assertThat(context.getBean(MeterRegistry.class).get(CacheMetrics.OPERATION_DURATION)
          .tags("cache", "sessions", "db.operation.name", "set").timer().count())
          .isEqualTo(1);
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
