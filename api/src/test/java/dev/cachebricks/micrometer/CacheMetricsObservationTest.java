package dev.cachebricks.micrometer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachebricks.Cache;
import dev.cachebricks.CacheClosedException;
import dev.cachebricks.CacheConnectionException;
import dev.cachebricks.GetOrSetResult;
import dev.cachebricks.Operation;
import dev.cachebricks.tenant.Manager;
import dev.cachebricks.tenant.ManagerConfig;
import dev.cachebricks.tenant.TenantManager;
import dev.cachebricks.testing.InMemoryCache;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Observations (spans): one per operation, with the timer's attributes, never a key. */
class CacheMetricsObservationTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TestObservationRegistry observations = TestObservationRegistry.create();
  /** The contexts of the stopped observations, in the order they stopped. */
  private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

  CacheMetricsObservationTest() {
    observations.observationConfig().observationHandler(new ObservationHandler<>() {
      @Override
      public void onStop(Observation.Context context) {
        stopped.add(context);
      }

      @Override
      public boolean supportsContext(Observation.Context context) {
        return true;
      }
    });
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static Map<String, String> lowCardinality(Observation.Context context) {
    Map<String, String> keyValues = new TreeMap<>();
    for (KeyValue keyValue : context.getLowCardinalityKeyValues()) {
      keyValues.put(keyValue.getKey(), keyValue.getValue());
    }
    return keyValues;
  }

  private static Map<String, String> attributes(String op, String errorType) {
    return Map.of("cache", "sessions", "db.system.name", "hazelcast",
        "db.operation.name", op, "error.type", errorType);
  }

  private Cache observed(Cache cache) {
    return CacheMetrics.builder(registry).system("hazelcast").tags(Tags.of("cache", "sessions"))
        .observationRegistry(observations).build().instrument(cache);
  }

  @Test
  void everyOperationIsOneObservationWithTheTimersAttributesAndNoKey() {
    Cache cache = observed(InMemoryCache.create());
    cache.set("user:1", bytes("secret"), Duration.ZERO);
    cache.get("user:1");
    cache.get("user:2");
    cache.getOrSet("user:1", bytes("secret"), Duration.ZERO);
    cache.compareAndSet("user:1", bytes("secret"), bytes("secret2"), Duration.ZERO);
    cache.compareAndDelete("user:1", bytes("secret2"));
    cache.delete("user:1");
    cache.health();

    assertThat(stopped).extracting(Observation.Context::getName)
        .containsOnly(CacheMetrics.OBSERVATION).hasSize(8);
    assertThat(stopped).extracting(Observation.Context::getContextualName).containsExactly(
        "cache set", "cache get", "cache get", "cache getorset", "cache cas", "cache cad",
        "cache delete", "cache ping");
    assertThat(stopped).extracting(CacheMetricsObservationTest::lowCardinality).containsExactly(
        attributes("set", ""), attributes("get", ""), attributes("get", "not_found"),
        attributes("getorset", ""), attributes("cas", ""), attributes("cad", ""),
        attributes("delete", ""), attributes("ping", ""));
    // a miss is not_found but no error; no key or value anywhere
    assertThat(stopped).allSatisfy(context -> {
      assertThat(context.getError()).isNull();
      assertThat(context.getHighCardinalityKeyValues()).isEmpty();
      assertThat(context.getAllKeyValues().toString()).doesNotContain("user:", "secret");
    });
    TestObservationRegistryAssert.assertThat(observations)
        .hasNumberOfObservationsWithNameEqualTo(CacheMetrics.OBSERVATION, 8);
  }

  @Test
  void aFailureIsTheObservationsErrorWithItsErrorType() {
    Cache cache = observed(InMemoryCache.create());
    cache.close();
    assertThatThrownBy(() -> cache.set("user:1", bytes("v"), Duration.ZERO))
        .isInstanceOf(CacheClosedException.class);

    assertThat(stopped).singleElement().satisfies(context -> {
      assertThat(lowCardinality(context)).isEqualTo(attributes("set", "closed"));
      assertThat(context.getError()).isInstanceOf(CacheClosedException.class);
    });
  }

  @Test
  void anAsyncOperationIsObservedUntilItsFutureCompletes() throws Exception {
    Cache cache = observed(InMemoryCache.create());
    cache.async().set("user:1", bytes("v"), Duration.ZERO).get(5, TimeUnit.SECONDS);
    cache.async().get("user:1").get(5, TimeUnit.SECONDS);
    cache.async().get("user:2").get(5, TimeUnit.SECONDS);
    cache.async().getOrSet("user:1", bytes("v"), Duration.ZERO).get(5, TimeUnit.SECONDS);

    assertThat(stopped).extracting(CacheMetricsObservationTest::lowCardinality).containsExactly(
        attributes("set", ""), attributes("get", ""), attributes("get", "not_found"),
        attributes("getorset", ""));
    assertThat(stopped).allSatisfy(context ->
        assertThat(context.getAllKeyValues().toString()).doesNotContain("user:"));
  }

  @Test
  void anAsyncCallRefusedAtOnceIsTheObservationsError() {
    Cache cache = observed(InMemoryCache.create());
    cache.close();
    assertThatThrownBy(() -> cache.async().delete("k"))
        .isInstanceOf(CacheClosedException.class);

    assertThat(stopped).singleElement().satisfies(context -> {
      assertThat(lowCardinality(context)).isEqualTo(attributes("delete", "closed"));
      assertThat(context.getError()).isInstanceOf(CacheClosedException.class);
    });
  }

  @Test
  void aFailedFutureIsTheObservationsErrorWhenItCompletes() {
    Cache cache = observed(new ForwardingProbe(InMemoryCache.create(), observations));
    assertThatThrownBy(() -> cache.async().delete("k").get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(CacheConnectionException.class);

    assertThat(stopped).singleElement().satisfies(context -> {
      assertThat(lowCardinality(context)).isEqualTo(attributes("delete", "connection_error"));
      assertThat(context.getError()).isInstanceOf(CacheConnectionException.class);
    });
  }

  @Test
  void theOperationIsTheCurrentObservationWhileItRuns() {
    Cache probe = new ForwardingProbe(InMemoryCache.create(), observations);
    observed(probe).set("k", bytes("v"), Duration.ZERO);
    assertThat(ForwardingProbe.seen).isNotNull();
    assertThat(ForwardingProbe.seen.getContextView().getContextualName()).isEqualTo("cache set");
    assertThat(observations.getCurrentObservation()).isNull();
  }

  @Test
  void tenantHandlesCarryTheNamespaceWhenTheTenantTagIsOn() {
    Manager manager = CacheMetrics.builder(registry).tenantTag(true)
        .observationRegistry(observations).build()
        .instrument(TenantManager.inMemory(ManagerConfig.builder().build()));
    try {
      manager.get("acme").set("k", bytes("v"), Duration.ZERO);
      assertThat(stopped).singleElement().satisfies(context ->
          assertThat(lowCardinality(context)).containsEntry("db.namespace", "acme")
              .containsEntry("db.system.name", "cachebricks")
              .containsEntry("db.operation.name", "set"));
    } finally {
      manager.close();
    }
  }

  @Test
  void withoutAnObservationRegistryNothingIsObserved() {
    Cache cache = CacheMetrics.builder(registry).build().instrument(InMemoryCache.create());
    cache.set("k", bytes("v"), Duration.ZERO);
    cache.get("k");
    cache.async().delete("k").join();
    TestObservationRegistryAssert.assertThat(observations).doesNotHaveAnyObservation();
    assertThat(stopped).isEmpty();
  }

  /**
   * A cache that records the current observation when {@code set} runs, and whose
   * {@code delete} fails as a lost connection (a failed future on the default async view).
   */
  private static final class ForwardingProbe implements Cache {
    static volatile Observation seen;
    private final Cache delegate;
    private final TestObservationRegistry observations;

    ForwardingProbe(Cache delegate, TestObservationRegistry observations) {
      this.delegate = delegate;
      this.observations = observations;
      seen = null;
    }

    @Override
    public Optional<byte[]> get(String key) {
      return delegate.get(key);
    }

    @Override
    public void set(String key, byte[] value, Duration ttl) {
      seen = observations.getCurrentObservation();
      delegate.set(key, value, ttl);
    }

    @Override
    public void delete(String key) {
      throw new CacheConnectionException(Operation.DELETE, "127.0.0.1:5701", null);
    }

    @Override
    public GetOrSetResult getOrSet(String key, byte[] value, Duration ttl) {
      return delegate.getOrSet(key, value, ttl);
    }

    @Override
    public boolean compareAndSet(String key, byte[] expected, byte[] newValue, Duration ttl) {
      return delegate.compareAndSet(key, expected, newValue, ttl);
    }

    @Override
    public boolean compareAndDelete(String key, byte[] expected) {
      return delegate.compareAndDelete(key, expected);
    }

    @Override
    public void health() {
      delegate.health();
    }

    @Override
    public Map<String, Object> stats() {
      return delegate.stats();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
      return delegate.unwrap(type);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
