package dev.cachebricks.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cachebricks.Cache;
import dev.cachebricks.CacheException;
import dev.cachebricks.hazelcast.testing.Members;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Asynchronous results are delivered by threads the backend owns (or the user supplies): never
 * by the JVM-wide common pool, whatever else the JVM runs, and never stuck behind a callback
 * that blocks. On an embedded member and on a client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AsyncDeliveryTest {

  /** Where the cache under test runs. */
  enum Mode { MEMBER, CLIENT }

  private static final byte[] VALUE = {1, 2, 3};

  private Members cluster;
  private HazelcastBackend member;
  private HazelcastBackend client;

  @BeforeAll
  void start() {
    cluster = Members.start(1);
    member = HazelcastBackend.of(cluster.member(0), HazelcastConfig.builder()
        .operationTimeout(Duration.ofSeconds(2)).build());
    client = HazelcastBackend.start(TestSettings.clientOf(cluster)
        .operationTimeout(Duration.ofSeconds(2)).build());
  }

  @AfterAll
  void stop() {
    client.close();
    member.close();
    cluster.close();
  }

  private Cache cache(Mode mode, String name) {
    Cache cache = (mode == Mode.MEMBER ? member : client).cache(name);
    cache.set("a", VALUE, Duration.ZERO);
    cache.set("b", VALUE, Duration.ZERO);
    return cache;
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void resultsArriveWhileTheCommonPoolIsBlocked(Mode mode) throws Exception {
    try (Cache cache = cache(mode, "saturated-" + mode)) {
      CountDownLatch release = new CountDownLatch(1);
      List<CompletableFuture<?>> blockers = new ArrayList<>();
      int workers = ForkJoinPool.getCommonPoolParallelism();
      CountDownLatch blocked = new CountDownLatch(workers);
      for (int i = 0; i < workers; i++) {
        // A plain wait, not a ManagedBlocker: the pool does not compensate for it. (Not
        // runAsync: with parallelism 1 it starts a thread per task instead of using the pool.)
        CompletableFuture<Void> blocker = new CompletableFuture<>();
        ForkJoinPool.commonPool().execute(() -> {
          blocked.countDown();
          awaitQuietly(release);
          blocker.complete(null);
        });
        blockers.add(blocker);
      }
      try {
        assertThat(blocked.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 20; i++) {
          CompletableFuture<String> thread = cache.async().get("a")
              .thenApply(value -> Thread.currentThread().getName());
          // The common pool stays blocked for as long as this waits.
          assertThat(thread.get(5, TimeUnit.SECONDS))
              .doesNotContain("ForkJoinPool")
              .doesNotContain("hz.");
        }
      } finally {
        release.countDown();
        CompletableFuture.allOf(blockers.toArray(CompletableFuture[]::new)).get(10,
            TimeUnit.SECONDS);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aCallbackMayWaitForAnotherResultOfTheSameCache(Mode mode) throws Exception {
    try (Cache cache = cache(mode, "nested-" + mode)) {
      CompletableFuture<Optional<byte[]>> nested = cache.async().get("a")
          .thenApply(outer -> cache.async().get("b").join());
      assertThat(nested.get(10, TimeUnit.SECONDS)).contains(VALUE);
      // And a wait that is no future's: a latch counted down by another result's callback.
      CountDownLatch inner = new CountDownLatch(1);
      CompletableFuture<Boolean> latched = cache.async().get("a").thenApply(outer -> {
        cache.async().get("b").thenRun(inner::countDown);
        return awaitQuietly(inner);
      });
      assertThat(latched.get(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void manyBlockingCallbacksAllCompleteWithoutRawErrors(Mode mode) throws Exception {
    try (Cache cache = cache(mode, "many-" + mode)) {
      assertThat(nestedJoins(cache, 200)).allMatch(f -> !f.isCompletedExceptionally());
      // More than the delivery threads' maximum: each completes, and a callback whose wait
      // outlived the operation timeout fails with a typed error, never with a raw one such as
      // the common pool's "Thread limit exceeded replacing blocked worker".
      for (CompletableFuture<Optional<byte[]>> f : nestedJoins(cache, 1000)) {
        f.handle((value, failure) -> {
          if (failure != null) {
            assertThat(failure).hasRootCauseInstanceOf(java.util.concurrent.TimeoutException.class)
                .satisfies(e -> assertThat(CacheException.isCausedBy(e, CacheException.class))
                    .isTrue());
          } else {
            assertThat(value).contains(VALUE);
          }
          return null;
        }).get();
      }
    }
  }

  private static List<CompletableFuture<Optional<byte[]>>> nestedJoins(Cache cache, int count)
      throws Exception {
    List<CompletableFuture<Optional<byte[]>>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      futures.add(cache.async().get("a").thenApply(outer -> cache.async().get("b").join()));
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .handle((ignored, failure) -> null).get(120, TimeUnit.SECONDS);
    return futures;
  }

  @Test
  void aUserSuppliedExecutorDeliversTheResults() throws Exception {
    ExecutorService mine = Executors.newSingleThreadExecutor(r -> new Thread(r, "mine"));
    try (HazelcastBackend backend = HazelcastBackend.start(TestSettings.clientOf(cluster)
            .asyncExecutor(mine).build());
        Cache cache = backend.cache("user-executor")) {
      cache.set("a", VALUE, Duration.ZERO);
      java.util.Set<String> threads = new java.util.HashSet<>();
      for (int i = 0; i < 50; i++) {
        // A result already complete when the callback is chained runs it on the caller.
        threads.add(cache.async().get("a").thenApply(v -> Thread.currentThread().getName())
            .get(10, TimeUnit.SECONDS));
      }
      assertThat(threads).contains("mine").isSubsetOf("mine", Thread.currentThread().getName());
    } finally {
      assertThat(mine.isShutdown()).as("the backend never shuts a user's executor down")
          .isFalse();
      mine.shutdown();
    }
  }

  @Test
  void deliveryThreadsStopWithTheBackend() {
    java.util.Set<Thread> before = cachebricksThreads();
    HazelcastBackend backend = HazelcastBackend.of(cluster.member(0));
    try (Cache cache = backend.cache("stops")) {
      cache.set("a", VALUE, Duration.ZERO);
      assertThat(cache.async().get("a").join()).contains(VALUE);
    }
    java.util.Set<Thread> started = cachebricksThreads();
    started.removeAll(before);
    assertThat(started).extracting(Thread::getName)
        .anyMatch(name -> name.startsWith("cachebricks-async-"));
    backend.close();
    await().atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(started).noneMatch(Thread::isAlive));
  }

  private static java.util.Set<Thread> cachebricksThreads() {
    java.util.Set<Thread> threads = new java.util.HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith("cachebricks-") && t.isAlive()) {
        threads.add(t);
      }
    }
    return threads;
  }

  private static boolean awaitQuietly(CountDownLatch latch) {
    try {
      return latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
