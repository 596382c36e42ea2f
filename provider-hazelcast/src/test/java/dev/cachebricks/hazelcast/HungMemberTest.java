package dev.cachebricks.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cachebricks.Cache;
import dev.cachebricks.CacheConnectionException;
import dev.cachebricks.CacheException;
import dev.cachebricks.CacheOperationException;
import dev.cachebricks.hazelcast.testing.MemberProcess;
import dev.cachebricks.tenant.Manager;
import dev.cachebricks.tenant.ManagerConfig;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The only member hangs (SIGSTOP: the shape of a long GC pause or a stuck VM; its connections
 * stay open and nothing answers): every wait of a client is bounded by its operation timeout
 * and fails typed, health tells the truth without traffic of its own, and everything works
 * again once the member runs on (SIGCONT).
 */
class HungMemberTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  /** The bound every wait must keep: the operation timeout plus one second. */
  private static final long BOUND_MILLIS = TIMEOUT.toMillis() + 1000;
  private static final byte[] VALUE = {7};

  @Test
  void everyWaitIsBoundedAndHealthTellsTheTruth() throws Exception {
    String clusterName = "hung-" + UUID.randomUUID();
    try (MemberProcess member = MemberProcess.start(clusterName);
        HazelcastBackend client = HazelcastBackend.start(HazelcastConfig.builder()
            .clusterName(clusterName).client(member.address()).operationTimeout(TIMEOUT)
            .build());
        Manager tenants = client.manager(ManagerConfig.defaults());
        Cache cache = client.cache("hung")) {
      cache.set("k", VALUE, Duration.ZERO);
      Cache tenant = tenants.get("warm");
      tenant.set("k", VALUE, Duration.ZERO);
      client.health();

      member.pause();
      try {
        assertBoundedTypedFailure("blocking get", () -> cache.get("k"));
        assertBoundedTypedFailure("blocking set on a tenant", () ->
            tenant.set("k", VALUE, Duration.ZERO));
        long start = System.nanoTime();
        CompletableFuture<?> async = cache.async().get("k");
        assertThatThrownBy(() -> async.get(BOUND_MILLIS + 2000, TimeUnit.MILLISECONDS))
            .as("async get").isInstanceOf(ExecutionException.class)
            .cause().isInstanceOf(CacheOperationException.class)
            .hasRootCauseInstanceOf(TimeoutException.class);
        assertThat(elapsedMillis(start)).as("async get failed after").isLessThan(BOUND_MILLIS);
        assertBoundedTypedFailure("a new tenant", () -> tenants.get("new-tenant"));
        assertBoundedTypedFailure("a new named cache", () -> client.cache("new-cache"));

        // Health answers at once, without a round trip, and says what the calls saw.
        long healthStart = System.nanoTime();
        assertThatThrownBy(client::health).isInstanceOf(CacheConnectionException.class);
        assertThatThrownBy(cache::health).isInstanceOf(CacheConnectionException.class);
        assertThat(elapsedMillis(healthStart)).isLessThan(100);
        // With no traffic at all, health stays down while the member hangs (its probe times
        // out too).
        await().during(TIMEOUT.plusMillis(500)).atMost(TIMEOUT.multipliedBy(3))
            .untilAsserted(() -> assertThatThrownBy(client::health)
                .isInstanceOf(CacheConnectionException.class));
      } finally {
        member.resume();
      }

      // No traffic of ours: health recovers by its own probe.
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
          .untilAsserted(client::health);
      assertThat(cache.get("k")).contains(VALUE);
      assertThat(cache.async().get("k").get(10, TimeUnit.SECONDS)).contains(VALUE);
      assertThat(tenants.get("new-tenant").getOrSet("k", VALUE, Duration.ZERO).stored())
          .isTrue();
      try (Cache fresh = client.cache("new-cache")) {
        fresh.set("k", VALUE, Duration.ZERO);
        assertThat(fresh.get("k")).contains(VALUE);
      }
      assertThat(tenant.get("k")).contains(VALUE);
    }
  }

  private static void assertBoundedTypedFailure(String what, ThrowingCallable call) {
    long start = System.nanoTime();
    assertThatThrownBy(call).as(what).isInstanceOf(CacheOperationException.class)
        .satisfies(e -> assertThat(CacheException.isCausedBy(e, TimeoutException.class)
            || CacheException.isCausedBy(e, CacheConnectionException.class)).isTrue());
    assertThat(elapsedMillis(start)).as(what + " failed after").isLessThan(BOUND_MILLIS);
  }

  private static long elapsedMillis(long startNanos) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }
}
