package dev.cachebricks.micrometer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachebricks.Cache;
import dev.cachebricks.CacheOperationException;
import dev.cachebricks.Operation;
import dev.cachebricks.tenant.Manager;
import dev.cachebricks.tenant.ManagerConfig;
import dev.cachebricks.tenant.TenantManager;
import dev.cachebricks.testing.InMemoryCache;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CacheMetricsTest {

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  void operationsAreTimedWithLowCardinalityTags() {
    Cache cache = CacheMetrics.builder(registry).system("in-memory").build()
        .instrument(InMemoryCache.create());
    cache.set("user:1", bytes("v"), Duration.ZERO);
    cache.set("user:2", bytes("v"), Duration.ZERO);
    cache.get("user:1");
    cache.get("absent");

    assertThat(registry.get(CacheMetrics.OPERATION_DURATION)
        .tag("db.system.name", "in-memory").tag("db.operation.name", "set")
        .tag("outcome", "success").timer().count()).isEqualTo(2);
    assertThat(registry.get(CacheMetrics.HITS).counter().count()).isEqualTo(1);
    assertThat(registry.get(CacheMetrics.MISSES).counter().count()).isEqualTo(1);
    assertThat(registry.getMeters()).allSatisfy(m ->
        assertThat(m.getId().getTags().toString()).doesNotContain("user:"));
  }

  @Test
  void getOrSetCountsAnExistingValueAsAHitAndStoringAsAMiss() throws Exception {
    Cache cache = CacheMetrics.builder(registry).build().instrument(InMemoryCache.create());
    cache.getOrSet("k", bytes("v"), Duration.ZERO);
    cache.getOrSet("k", bytes("w"), Duration.ZERO);
    cache.async().getOrSet("k", bytes("x"), Duration.ZERO).get(5, TimeUnit.SECONDS);
    assertThat(registry.get(CacheMetrics.HITS).counter().count()).isEqualTo(2);
    assertThat(registry.get(CacheMetrics.MISSES).counter().count()).isEqualTo(1);
  }

  @Test
  void failuresAreTimedWithTheirErrorType() {
    InMemoryCache backend = InMemoryCache.create();
    Cache cache = CacheMetrics.builder(registry).build().instrument(backend);
    backend.failNext(Operation.COMPARE_AND_SET, new IllegalStateException("down"));
    assertThatThrownBy(() -> cache.compareAndSet("k", null, bytes("v"), Duration.ZERO))
        .isInstanceOf(CacheOperationException.class);
    assertThat(registry.get(CacheMetrics.OPERATION_DURATION)
        .tag("db.operation.name", "cas").tag("outcome", "failure")
        .tag("error.type", "CacheOperationException").timer().count()).isEqualTo(1);
  }

  @Test
  void asyncCallsAreTimedWhenTheyComplete() throws Exception {
    Cache cache = CacheMetrics.builder(registry).build().instrument(InMemoryCache.create());
    cache.async().set("k", bytes("v"), Duration.ZERO).get(5, TimeUnit.SECONDS);
    cache.async().get("k").get(5, TimeUnit.SECONDS);
    assertThat(registry.get(CacheMetrics.OPERATION_DURATION).tag("db.operation.name", "set")
        .timer().count()).isEqualTo(1);
    assertThat(registry.get(CacheMetrics.HITS).counter().count()).isEqualTo(1);
  }

  @Test
  void managerGaugesFollowTheManagerAndTenantTagIsOptIn() {
    Manager manager = CacheMetrics.builder(registry).tenantTag(true).build()
        .instrument(TenantManager.inMemory(ManagerConfig.builder().maxTenants(1).build()));
    try {
      manager.get("acme").get("k");
      manager.get("globex").get("k");
      assertThat(registry.get(CacheMetrics.ACTIVE_TENANTS).gauge().value()).isEqualTo(1);
      assertThat(registry.get(CacheMetrics.TENANT_RELEASES).tag("reason", "lru")
          .functionCounter().count()).isEqualTo(1);
      assertThat(registry.get(CacheMetrics.MISSES).tag("tenant", "acme").counter().count())
          .isEqualTo(1);
    } finally {
      manager.close();
    }
  }

  @Test
  void withoutTenantTagAllTenantsShareOneSetOfMeters() {
    Manager manager = CacheMetrics.builder(registry).build()
        .instrument(TenantManager.inMemory(ManagerConfig.defaults()));
    try {
      manager.get("acme").get("k");
      manager.get("globex").get("k");
      assertThat(registry.get(CacheMetrics.MISSES).counters()).hasSize(1);
      assertThat(registry.get(CacheMetrics.MISSES).counter().count()).isEqualTo(2);
    } finally {
      manager.close();
    }
  }
}
