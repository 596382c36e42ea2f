package dev.cachebricks.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cachebricks.Cache;
import dev.cachebricks.CacheOperationException;
import dev.cachebricks.CasFailedException;
import dev.cachebricks.InvalidTtlException;
import dev.cachebricks.LockTimeoutException;
import dev.cachebricks.recipes.CacheLock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of {@link CacheLock} on a backend: a reusable JUnit 5 suite, like
 * {@link CacheContract}, whose subclasses supply {@link #newCache()} and optionally
 * {@link #peerOf(Cache, int)}.
 */
public abstract class CacheLockContract {

  private static final Duration AWAIT = Duration.ofSeconds(20);
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final Duration SHORT_LEASE = Duration.ofMillis(300);

  private Cache cache;
  private String key;

  /**
   * Returns a new, open handle on the backend under test.
   *
   * @return an open cache
   */
  protected abstract Cache newCache();

  /**
   * Returns another handle on the same data, through another node where there are several.
   *
   * @param cache the handle under test
   * @param index which peer
   * @return a handle sharing {@code cache}'s data; the suite does not close it
   */
  protected Cache peerOf(Cache cache, int index) {
    return cache;
  }

  @BeforeEach
  void open() {
    cache = newCache();
    key = "lock:" + UUID.randomUUID();
  }

  @AfterEach
  void close() {
    cache.close();
  }

  @Test
  void tryAcquireSucceedsOnAFreeLockAndFailsWhileHeld() {
    Optional<CacheLock> first = CacheLock.tryAcquire(cache, key, LEASE);
    assertThat(first).isPresent();
    assertThat(first.get().isHeld()).isTrue();
    assertThat(CacheLock.tryAcquire(cache, key, LEASE)).isEmpty();
  }

  @Test
  void releaseFreesTheLockOnceAndCloseReleases() {
    CacheLock lock = CacheLock.tryAcquire(cache, key, LEASE).orElseThrow();
    assertThat(lock.release()).isTrue();
    assertThat(lock.release()).isFalse();
    try (CacheLock again = CacheLock.tryAcquire(cache, key, LEASE).orElseThrow()) {
      assertThat(again.isHeld()).isTrue();
    }
    assertThat(cache.get(key)).isEmpty();
  }

  @Test
  void anExpiredOwnerCannotReleaseOrExtendTheNextOwnersLock() {
    CacheLock stale = CacheLock.tryAcquire(cache, key, SHORT_LEASE).orElseThrow();
    await().atMost(AWAIT).until(() -> cache.get(key).isEmpty());
    CacheLock next = CacheLock.tryAcquire(cache, key, LEASE).orElseThrow();

    assertThatThrownBy(() -> stale.extend(LEASE)).isInstanceOf(CasFailedException.class);
    assertThat(stale.release()).isFalse();
    assertThat(next.isHeld()).isTrue();
    assertThat(cache.get(key)).hasValueSatisfying(v -> assertThat(v).isEqualTo(next.token()));
  }

  @Test
  void extendRenewsTheLease() {
    // The extend must land within the short lease; on a loaded machine a multi-member round trip
    // can take longer, which says nothing about extend: try again with a longer short lease.
    Duration shortLease = SHORT_LEASE;
    CacheLock lock = null;
    for (int attempt = 0; lock == null; attempt++) {
      long start = System.nanoTime();
      CacheLock candidate = CacheLock.tryAcquire(cache, key, shortLease).orElseThrow();
      try {
        candidate.extend(LEASE);
        lock = candidate;
      } catch (CasFailedException e) {
        if (attempt == 3 || System.nanoTime() - start < shortLease.toNanos()) {
          throw e; // failed within its lease: a real failure
        }
        await().atMost(AWAIT).until(() -> cache.get(key).isEmpty());
        shortLease = shortLease.multipliedBy(4);
      }
    }
    String control = key + ":control";
    cache.set(control, new byte[] {1}, shortLease);
    await().atMost(AWAIT).until(() -> cache.get(control).isEmpty());
    assertThat(lock.isHeld()).isTrue();
  }

  @Test
  void leasesMustExpire() {
    assertThatThrownBy(() -> CacheLock.tryAcquire(cache, key, Duration.ZERO))
        .isInstanceOf(InvalidTtlException.class);
    assertThatThrownBy(() -> CacheLock.tryAcquire(cache, key, Duration.ofSeconds(-1)))
        .isInstanceOf(InvalidTtlException.class);
    assertThat(cache.get(key)).isEmpty();
  }

  @Test
  void acquireGivesUpAfterMaxWaitWithLockTimeoutACasFailure() {
    CacheLock.tryAcquire(cache, key, LEASE).orElseThrow();
    assertThatThrownBy(() -> CacheLock.acquire(cache, key, LEASE, Duration.ofMillis(50)))
        .isInstanceOfSatisfying(LockTimeoutException.class, e -> {
          assertThat(e.key()).isEqualTo(key);
          assertThat(e.waited()).isEqualTo(Duration.ofMillis(50));
        })
        .isInstanceOf(CasFailedException.class)
        .hasMessage("cache: compare-and-set failed");
  }

  @Test
  void acquireWaitsForTheHolderToRelease() throws Exception {
    CacheLock holder = CacheLock.tryAcquire(cache, key, LEASE).orElseThrow();
    CompletableFuture<CacheLock> waiter =
        CompletableFuture.supplyAsync(() -> CacheLock.acquire(peerOf(cache, 1), key, LEASE, AWAIT));
    holder.release();
    CacheLock acquired = waiter.get(AWAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(acquired.isHeld()).isTrue();
  }

  @Test
  void interruptedWaiterGetsAnOperationErrorAndKeepsItsFlag() throws Exception {
    CacheLock.tryAcquire(cache, key, LEASE).orElseThrow();
    CompletableFuture<Throwable> thrown = new CompletableFuture<>();
    CompletableFuture<Boolean> flag = new CompletableFuture<>();
    CountDownLatch started = new CountDownLatch(1);
    Thread waiter = new Thread(() -> {
      started.countDown();
      try {
        CacheLock.acquire(cache, key, LEASE, AWAIT);
        thrown.complete(null);
      } catch (Throwable t) {
        thrown.complete(t);
      }
      flag.complete(Thread.currentThread().isInterrupted());
    });
    waiter.start();
    started.await();
    waiter.interrupt();
    assertThat(thrown.get(AWAIT.toSeconds(), TimeUnit.SECONDS))
        .isInstanceOf(CacheOperationException.class)
        .hasCauseInstanceOf(InterruptedException.class);
    assertThat(flag.get(AWAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void contendingThreadsNeverHoldTheLockTogether() throws Exception {
    int threads = 6;
    int acquisitionsEach = 15;
    // A short lease: a compare-and-set that timed out on a busy machine may still have taken the
    // lock for nobody; the lease is what frees it, as in production.
    Duration lease = Duration.ofSeconds(3);
    AtomicInteger holders = new AtomicInteger();
    AtomicInteger maxHolders = new AtomicInteger();
    AtomicInteger acquired = new AtomicInteger();
    AtomicInteger backendErrors = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Cache node = peerOf(cache, t);
        workers.add(pool.submit(() -> {
          int done = 0;
          while (done < acquisitionsEach) {
            try (CacheLock lock = CacheLock.acquire(node, key, lease, AWAIT.multipliedBy(6))) {
              int now = holders.incrementAndGet();
              maxHolders.accumulateAndGet(now, Math::max);
              acquired.incrementAndGet();
              holders.decrementAndGet();
              done++;
            } catch (CacheOperationException slowBackend) {
              backendErrors.incrementAndGet(); // retried: the lease bounds any orphaned lock
            }
          }
          return null;
        }));
      }
      for (Future<?> w : workers) {
        w.get(AWAIT.toSeconds() * 8, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(acquired).hasValue(threads * acquisitionsEach);
    assertThat(maxHolders).hasValue(1);
  }
}
