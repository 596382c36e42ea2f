package dev.cachebricks.hazelcast;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.cache.CacheStatistics;
import com.hazelcast.cache.ICache;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.Cache;
import dev.cachebricks.contract.ClassResource;
import dev.cachebricks.hazelcast.internal.Expiry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.cache.expiry.ExpiryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client fast path ({@link ClientCacheOps}). Client mode must not pay a thread per call:
 * Hazelcast's {@code ICache} client proxy completes every operation through its default async
 * executor, which starts a new thread per task when the common pool has parallelism 1 (any JVM
 * with 2 CPUs or fewer). Completions now arrive on the client's own I/O or response threads, so
 * callers' callbacks must be handed off them: a blocking call made there would wait for a
 * response that only that thread can read.
 */
class ClientFastPathTest {

  private static final int CALLS = 2_000;

  @RegisterExtension
  static final ClassResource<MemberWithClient> fixture =
      new ClassResource<>(() -> MemberWithClient.start());

  @Test
  void clientCallsDoNotStartAThreadEach() throws Exception {
    try (Cache cache = fixture.get().client().cache("threads-" + UUID.randomUUID())) {
      cache.set("k", new byte[] {1, 2, 3}, Duration.ofMinutes(1));
      for (int i = 0; i < 100; i++) { // warm-up: lazy pools start their threads now
        cache.get("k");
        cache.async().get("k").get();
      }
      long before = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
      for (int i = 0; i < CALLS / 2; i++) {
        assertThat(cache.get("k")).isPresent();
        assertThat(cache.async().get("k").get()).isPresent();
      }
      long started = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - before;
      // Other tests of this JVM may start a few threads meanwhile; one per call would be 2,000.
      assertThat(started).as("threads started during %d client calls", CALLS)
          .isLessThan(CALLS / 20);
    }
  }

  @Test
  void clientSideStatisticsCountAsTheProxyCounts() throws Exception {
    try (Cache fast = fixture.get().client().cache("stats-fast-" + UUID.randomUUID());
        Cache viaProxy = fixture.get().client().cache("stats-proxy-" + UUID.randomUUID())) {
      assertThat(((HazelcastCache) fast).ops()).isInstanceOf(ClientCacheOps.class);
      Duration ttl = Duration.ofMinutes(1);
      fast.set("a", new byte[] {1}, ttl);
      fast.get("a");
      fast.get("missing");
      fast.getOrSet("b", new byte[] {2}, ttl);
      fast.compareAndSet("a", new byte[] {1}, new byte[] {3}, ttl);
      fast.compareAndDelete("a", new byte[] {3});
      fast.delete("b");

      // The same calls as the adapter makes them, through the proxy.
      ICache<String, byte[]> proxy = viaProxy.unwrap(ICache.class);
      ExpiryPolicy policy = Expiry.forWrite(ttl.toMillis());
      proxy.putAsync("a", new byte[] {1}, policy).toCompletableFuture().get();
      proxy.getAsync("a").toCompletableFuture().get();
      proxy.getAsync("missing").toCompletableFuture().get();
      proxy.putIfAbsentAsync("b", new byte[] {2}, policy).toCompletableFuture().get();
      proxy.replaceAsync("a", new byte[] {1}, new byte[] {3}, policy).toCompletableFuture().get();
      proxy.removeAsync("a", new byte[] {3}).toCompletableFuture().get();
      proxy.removeAsync("b").toCompletableFuture().get();

      // The client's statistics object (stats() cannot show it: a client cannot count owned
      // entries). The proxy counts in callbacks that may still be running: wait for them.
      CacheStatistics expected = proxy.getLocalCacheStatistics();
      CacheStatistics actual = fast.unwrap(ICache.class).getLocalCacheStatistics();
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(counts(actual))
          .isEqualTo(counts(expected)));
      assertThat(counts(actual)).containsExactly(4L, 2L, 2L, 3L, 2L);
    }
  }

  /** Gets, hits, misses, puts, removals. */
  private static List<Long> counts(CacheStatistics s) {
    return List.of(s.getCacheGets(), s.getCacheHits(), s.getCacheMisses(), s.getCachePuts(),
        s.getCacheRemovals());
  }

  @Test
  void syncCallFromAnAsyncCallbackCompletesOnTheIoThread() throws Exception {
    // Default client settings: responses are handled right on the I/O thread.
    try (Cache cache = fixture.get().client().cache("callback-io-" + UUID.randomUUID())) {
      assertSyncCallsFromCallbacksComplete(cache);
    }
  }

  @Test
  void syncCallFromAnAsyncCallbackCompletesOnANamedClientsResponseThread() throws Exception {
    // Response threads always on, and a named instance: its threads are "<name>.responsethread-".
    ClientConfig config = new ClientConfig();
    config.setInstanceName("cb-callback-" + UUID.randomUUID());
    config.setClusterName(fixture.get().cluster().clusterName());
    config.getNetworkConfig().setAddresses(fixture.get().cluster().addresses());
    config.setProperty("hazelcast.client.response.thread.dynamic", "false");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    HazelcastInstance instance = HazelcastClient.newHazelcastClient(config);
    try (HazelcastBackend backend = HazelcastBackend.of(instance,
            HazelcastConfig.builder().operationTimeout(Duration.ofSeconds(5)).build());
        Cache cache = backend.cache("callback-rt-" + UUID.randomUUID())) {
      assertSyncCallsFromCallbacksComplete(cache);
    } finally {
      instance.shutdown();
    }
  }

  /**
   * Makes a blocking call from inside async callbacks. Those registered before their future
   * completed must have been handed off the client's I/O or response thread (to the backend's
   * delivery threads, never the common pool); a callback registered after completion runs on
   * the caller, so it takes a few rounds to be sure some were handed off.
   */
  private static void assertSyncCallsFromCallbacksComplete(Cache cache) throws Exception {
    cache.set("outer", new byte[] {1}, Duration.ofMinutes(1));
    cache.set("inner", new byte[] {2}, Duration.ofMinutes(1));
    List<String> callbackThreads = new ArrayList<>();
    for (int round = 0; round < 20; round++) {
      String[] thread = new String[1];
      byte[] inner = cache.async().get("outer").thenApply(outer -> {
        thread[0] = Thread.currentThread().getName();
        return cache.get("inner").orElseThrow();
      }).get(20, SECONDS);
      assertThat(inner).containsExactly(2);
      callbackThreads.add(thread[0]);
    }
    assertThat(callbackThreads).as("threads the callbacks ran on")
        .anyMatch(name -> name.startsWith("cachebricks-async-"))
        .noneMatch(name -> name.contains(".IO.thread-") || name.contains(".responsethread-")
            || name.startsWith("ForkJoinPool"));
  }
}
