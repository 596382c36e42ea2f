package dev.cachebricks.micrometer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachebricks.Cache;
import dev.cachebricks.CacheClosedException;
import dev.cachebricks.CacheConnectionException;
import dev.cachebricks.CacheException;
import dev.cachebricks.CacheOperationException;
import dev.cachebricks.Operation;
import dev.cachebricks.tenant.Manager;
import dev.cachebricks.tenant.ManagerConfig;
import dev.cachebricks.tenant.TenantManager;
import dev.cachebricks.testing.InMemoryCache;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class CacheMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  /** Every tag of {@code meter} as a sorted map. */
  static Map<String, String> tags(Meter meter) {
    Map<String, String> tags = new TreeMap<>();
    for (Tag tag : meter.getId().getTags()) {
      tags.put(tag.getKey(), tag.getValue());
    }
    return tags;
  }

  private Timer timer(String op, String errorType) {
    return registry.get(CacheMetrics.OPERATION_DURATION)
        .tag("db.operation.name", op).tag("error.type", errorType).timer();
  }

  @Test
  void successIsTimedInSecondsWithTheOtelBucketsAndAnEmptyErrorType() {
    Cache cache = CacheMetrics.builder(registry).system("hazelcast").build()
        .instrument(InMemoryCache.create());
    cache.set("user:1", bytes("v"), Duration.ZERO);
    cache.set("user:2", bytes("v"), Duration.ZERO);

    Timer sets = timer("set", "");
    assertThat(sets.count()).isEqualTo(2);
    assertThat(tags(sets)).isEqualTo(Map.of(
        "db.system.name", "hazelcast", "db.operation.name", "set", "error.type", ""));
    assertThat(sets.baseTimeUnit()).isEqualTo(TimeUnit.SECONDS);
    assertThat(Arrays.stream(sets.takeSnapshot().histogramCounts())
        .mapToDouble(b -> b.bucket(TimeUnit.SECONDS)))
        .containsExactly(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0);
    assertThat(registry.getMeters()).allSatisfy(m ->
        assertThat(m.getId().getTags().toString()).doesNotContain("user:"));
  }

  @Test
  void everyOperationHasItsGoName() {
    Cache cache = CacheMetrics.builder(registry).build().instrument(InMemoryCache.create());
    cache.set("k", bytes("v"), Duration.ZERO);
    cache.get("k");
    cache.getOrSet("k", bytes("v"), Duration.ZERO);
    cache.compareAndSet("k", bytes("v"), bytes("w"), Duration.ZERO);
    cache.compareAndDelete("k", bytes("w"));
    cache.delete("k");
    cache.health();
    for (String op : new String[] {"get", "set", "delete", "getorset", "cas", "cad", "ping"}) {
      assertThat(timer(op, "").count()).as(op).isEqualTo(1);
    }
    assertThat(registry.find(CacheMetrics.OPERATION_DURATION)
        .tag("db.operation.name", "health").timers()).isEmpty();
  }

  @Test
  void aGetMissIsTimedAsNotFoundAndCountedWithTheOperationsAttributes() throws Exception {
    Cache cache = CacheMetrics.builder(registry).system("hazelcast").build()
        .instrument(InMemoryCache.create());
    cache.set("k", bytes("v"), Duration.ZERO);
    cache.get("k");
    assertThat(cache.get("absent")).isEmpty();
    assertThat(cache.async().get("absent").get(5, TimeUnit.SECONDS)).isEmpty();

    assertThat(timer("get", "").count()).isEqualTo(1);
    assertThat(timer("get", "not_found").count()).isEqualTo(2);
    assertThat(tags(registry.get(CacheMetrics.HITS).tag("db.operation.name", "get").counter()))
        .isEqualTo(Map.of("db.system.name", "hazelcast", "db.operation.name", "get"));
    assertThat(registry.get(CacheMetrics.HITS).tag("db.operation.name", "get").counter()
        .count()).isEqualTo(1);
    assertThat(registry.get(CacheMetrics.MISSES).tag("db.operation.name", "get").counter()
        .count()).isEqualTo(2);
  }

  @Test
  void getOrSetCountsAnExistingValueAsAHitAndStoringAsAMiss() throws Exception {
    Cache cache = CacheMetrics.builder(registry).build().instrument(InMemoryCache.create());
    cache.getOrSet("k", bytes("v"), Duration.ZERO);
    cache.getOrSet("k", bytes("w"), Duration.ZERO);
    cache.async().getOrSet("k", bytes("x"), Duration.ZERO).get(5, TimeUnit.SECONDS);
    assertThat(registry.get(CacheMetrics.HITS).tag("db.operation.name", "getorset").counter()
        .count()).isEqualTo(2);
    assertThat(registry.get(CacheMetrics.MISSES).tag("db.operation.name", "getorset").counter()
        .count()).isEqualTo(1);
    assertThat(timer("getorset", "").count()).isEqualTo(3);
  }

  @Test
  void failuresAreTimedWithTheirGoErrorClass() {
    InMemoryCache backend = InMemoryCache.create();
    Cache cache = CacheMetrics.builder(registry).build().instrument(backend);

    backend.failNext(Operation.COMPARE_AND_SET, new IllegalStateException("down"));
    assertThatThrownBy(() -> cache.compareAndSet("k", null, bytes("v"), Duration.ZERO))
        .isInstanceOf(CacheOperationException.class);
    assertThat(timer("cas", "error").count()).isEqualTo(1);

    backend.failNext(Operation.SET,
        new CacheOperationException(Operation.SET, "k", new TimeoutException("slow")));
    assertThatThrownBy(() -> cache.set("k", bytes("v"), Duration.ZERO))
        .isInstanceOf(CacheOperationException.class);
    assertThat(timer("set", "timeout").count()).isEqualTo(1);

    backend.failNext(Operation.HEALTH, new IllegalStateException("unreachable"));
    assertThatThrownBy(cache::health).isInstanceOf(CacheConnectionException.class);
    assertThat(timer("ping", "connection_error").count()).isEqualTo(1);

    backend.failNext(Operation.GET, new CacheOperationException(Operation.GET, "k",
        new CacheConnectionException(Operation.GET, "in-memory", new IllegalStateException())));
    assertThatThrownBy(() -> cache.get("k")).isInstanceOf(CacheException.class);
    assertThat(timer("get", "connection_error").count()).isEqualTo(1);
    assertThat(registry.find(CacheMetrics.MISSES).counters())
        .allSatisfy(c -> assertThat(c.count()).isZero());

    cache.close();
    assertThatThrownBy(() -> cache.delete("k")).isInstanceOf(CacheClosedException.class);
    assertThat(timer("delete", "closed").count()).isEqualTo(1);

    assertThat(registry.get(CacheMetrics.OPERATION_DURATION).timers())
        .allSatisfy(t -> assertThat(tags(t).keySet())
            .containsExactlyInAnyOrder("db.system.name", "db.operation.name", "error.type"))
        .extracting(t -> t.getId().getTag("error.type"))
        .containsOnly("", "error", "timeout", "connection_error", "closed");
  }

  @Test
  void asyncFailuresAreClassifiedWhenTheyComplete() {
    InMemoryCache backend = InMemoryCache.create();
    Cache cache = CacheMetrics.builder(registry).build().instrument(backend);
    backend.failNext(Operation.DELETE, new IllegalStateException("down"));
    assertThat(cache.async().delete("k")).failsWithin(Duration.ofSeconds(5));
    assertThat(timer("delete", "error").count()).isEqualTo(1);
  }

  @Test
  void asyncCallsAreTimedWhenTheyComplete() throws Exception {
    Cache cache = CacheMetrics.builder(registry).build().instrument(InMemoryCache.create());
    cache.async().set("k", bytes("v"), Duration.ZERO).get(5, TimeUnit.SECONDS);
    cache.async().get("k").get(5, TimeUnit.SECONDS);
    assertThat(timer("set", "").count()).isEqualTo(1);
    assertThat(timer("get", "").count()).isEqualTo(1);
    assertThat(registry.get(CacheMetrics.HITS).tag("db.operation.name", "get").counter()
        .count()).isEqualTo(1);
  }

  @Test
  void managerMetersFollowTheManagerAndTheNamespaceIsOptIn() {
    Manager manager = CacheMetrics.builder(registry).tenantTag(true).build()
        .instrument(TenantManager.inMemory(ManagerConfig.builder().maxTenants(1).build()));
    try {
      manager.get("acme").get("k");
      manager.get("globex").get("k");
      assertThat(registry.get(CacheMetrics.ACTIVE_CACHES).gauge().value()).isEqualTo(1);
      assertThat(registry.get(CacheMetrics.TOTAL_CREATED).functionCounter().count())
          .isEqualTo(2);
      assertThat(registry.get(CacheMetrics.EVICTIONS).functionCounter().count()).isEqualTo(1);
      assertThat(registry.get(CacheMetrics.IDLE_CLEANUPS).functionCounter().count()).isZero();
      assertThat(registry.get(CacheMetrics.MANAGER_ERRORS).functionCounter().count()).isZero();
      assertThat(registry.get(CacheMetrics.MISSES).tag("db.namespace", "acme")
          .tag("db.operation.name", "get").counter().count()).isEqualTo(1);
      assertThat(timer("get", "not_found").getId().getTag("db.namespace")).isNotNull();
      assertThat(registry.find(CacheMetrics.MISSES).tagKeys("tenant").counters()).isEmpty();
    } finally {
      manager.close();
    }
  }

  @Test
  void withTheNamespaceOnACacheOfNoTenantHasAnEmptyOne() {
    CacheMetrics metrics = CacheMetrics.builder(registry).tenantTag(true).build();
    metrics.instrument(InMemoryCache.create()).get("k");
    assertThat(timer("get", "not_found").getId().getTag("db.namespace")).isEmpty();
  }

  @Test
  void withoutTheNamespaceAllTenantsShareOneSetOfMeters() {
    Manager manager = CacheMetrics.builder(registry).build()
        .instrument(TenantManager.inMemory(ManagerConfig.defaults()));
    try {
      manager.get("acme").get("k");
      manager.get("globex").get("k");
      assertThat(registry.get(CacheMetrics.MISSES).tag("db.operation.name", "get").counters())
          .hasSize(1);
      assertThat(registry.get(CacheMetrics.MISSES).tag("db.operation.name", "get").counter()
          .count()).isEqualTo(2);
      assertThat(registry.getMeters())
          .allSatisfy(m -> assertThat(m.getId().getTag("db.namespace")).isNull());
    } finally {
      manager.close();
    }
  }
}
