package dev.cachebricks.examples;

import dev.cachebricks.Cache;
import dev.cachebricks.recipes.CacheLock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A distributed lock: workers contend for one key with {@code compareAndSet(key, null, token,
 * ttl)} and release it with {@code compareAndDelete(key, token)} (both through
 * {@link CacheLock}). The run shows there is never more than one owner, and that a worker whose
 * lease expired cannot delete the next owner's lock.
 */
public final class DistributedLock {

  private DistributedLock() {}

  /**
   * Runs the example on the embedded default.
   *
   * @param args ignored
   * @throws InterruptedException if interrupted while waiting for the workers
   */
  public static void main(String[] args) throws InterruptedException {
    try (Backend backend = Backend.embedded(); Cache cache = backend.cache("locks")) {
      run(cache);
    }
  }

  static void run(Cache cache) throws InterruptedException {
    String key = "lock:nightly-report";
    AtomicInteger holders = new AtomicInteger();
    AtomicInteger maxHolders = new AtomicInteger();
    AtomicInteger acquisitions = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (String name : List.of("worker-A", "worker-B", "worker-C")) {
      Thread worker = new Thread(() -> {
        try {
          start.await();
          for (int round = 0; round < 3; round++) {
            try (CacheLock lock = CacheLock.acquire(cache, key, Duration.ofSeconds(10),
                Duration.ofSeconds(30))) {
              int now = holders.incrementAndGet();
              maxHolders.accumulateAndGet(now, Math::max);
              acquisitions.incrementAndGet();
              synchronized (System.out) {
                System.out.printf("%-9s holds %s (holders now: %d)%n", name, key, now);
              }
              holders.decrementAndGet();
            }
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, name);
      workers.add(worker);
      worker.start();
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    System.out.printf("%nacquisitions=%d, most holders at once=%d%n", acquisitions.get(),
        maxHolders.get());

    // A lease that expires: the late owner's release must not free the next owner's lock.
    CacheLock slow = CacheLock.tryAcquire(cache, key, Duration.ofMillis(200)).orElseThrow();
    while (cache.get(key).isPresent()) {
      Thread.sleep(20); // wait for the lease to run out
    }
    CacheLock next = CacheLock.tryAcquire(cache, key, Duration.ofSeconds(10)).orElseThrow();
    boolean lateRelease = slow.release();
    System.out.printf("%-40s %s%n", "expired owner's release removed the lock:", lateRelease);
    System.out.printf("%-40s %s%n", "next owner still holds it:", next.isHeld());
    next.release();
  }
}
