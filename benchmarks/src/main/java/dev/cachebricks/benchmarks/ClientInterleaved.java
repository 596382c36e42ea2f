package dev.cachebricks.benchmarks;

import com.hazelcast.cache.ICache;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.cachebricks.Cache;
import dev.cachebricks.hazelcast.HazelcastBackend;
import dev.cachebricks.hazelcast.HazelcastConfig;
import dev.cachebricks.hazelcast.testing.MemberProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Client-mode get throughput, interleaved round by round in one client JVM against one member
 * in a separate JVM on loopback, so a stall of this shared machine hits every variant alike:
 * stock client {@code IMap.get}, raw client {@code ICache.get} (the proxy), cachebricks
 * {@code Cache.get} through a client {@link HazelcastBackend}, each at 1 and 16 threads, and
 * {@code Cache.async().get} with {@value #WINDOW} calls in flight from one thread (beside the
 * raw {@code ICache.getAsync} of the client proxy).
 * Prints each variant's median ops/s and the median of its per-round ratio to {@code IMap.get}
 * at the same thread count.
 *
 * <p>Usage: {@code java --add-modules java.se --add-opens java.base/java.lang=ALL-UNNAMED -cp
 * benchmarks/target/benchmarks.jar dev.cachebricks.benchmarks.ClientInterleaved [rounds]
 * [round millis]} (defaults 15 and 1000).
 */
public final class ClientInterleaved {

  /** Calls in flight in the async variant. */
  static final int WINDOW = 64;
  private static final int KEYS = 1_000;
  private static final int VALUE_BYTES = 100;

  /** One variant: runs calls from {@code threads} threads until told to stop, counting them. */
  private interface Variant {
    long run(int threads, long nanos) throws Exception;
  }

  private ClientInterleaved() {}

  /**
   * Runs the comparison.
   *
   * @param args rounds (default 15), round length in milliseconds (default 1000)
   * @throws Exception if the member does not start or a variant fails
   */
  public static void main(String[] args) throws Exception {
    int rounds = Smoke.pick(args.length > 0 ? Integer.parseInt(args[0]) : 15, 1);
    long roundMillis = Smoke.pick(args.length > 1 ? Integer.parseInt(args[1]) : 1000, 200);
    long roundNanos = TimeUnit.MILLISECONDS.toNanos(roundMillis);
    String clusterName = "cb-bench-" + UUID.randomUUID();
    try (MemberProcess member = MemberProcess.start(List.of("-Xmx512m"), clusterName);
        HazelcastBackend backend = HazelcastBackend.start(HazelcastConfig.builder()
            .clusterName(clusterName).client(member.address()).build());
        Cache cache = backend.cache("bench-client")) {
      HazelcastInstance client = backend.instance();
      IMap<String, byte[]> map = client.getMap("bench-client-map");
      ICache<String, byte[]> raw = cache.unwrap(ICache.class);
      String[] keys = new String[KEYS];
      for (int i = 0; i < KEYS; i++) {
        keys[i] = "key-" + i;
        map.set(keys[i], new byte[VALUE_BYTES]);
        cache.set(keys[i], new byte[VALUE_BYTES], Duration.ZERO);
      }
      String[] names = {"IMap.get", "ICache.get", "Cache.get"};
      Variant[] sync = {
          (threads, nanos) -> runSync(threads, nanos, keys, map::get),
          (threads, nanos) -> runSync(threads, nanos, keys, raw::get),
          (threads, nanos) -> runSync(threads, nanos, keys, cache::get),
      };
      int[] threadCounts = {1, 16};
      double[][][] ops = new double[threadCounts.length][sync.length][rounds];
      // The adapter's async view, and the raw client proxy's async get for comparison.
      AsyncGet[] asyncVariants = {key -> cache.async().get(key), raw::getAsync};
      double[][] async = new double[asyncVariants.length][rounds];
      for (int round = -Smoke.pick(3, 0); round < rounds; round++) { // warm-up rounds first
        for (int t = 0; t < threadCounts.length; t++) {
          for (int v = 0; v < sync.length; v++) {
            double perSecond = sync[v].run(threadCounts[t], roundNanos) * 1e9 / roundNanos;
            if (round >= 0) {
              ops[t][v][round] = perSecond;
            }
          }
        }
        for (int v = 0; v < asyncVariants.length; v++) {
          double perSecond = runAsync(asyncVariants[v], keys, roundNanos) * 1e9 / roundNanos;
          if (round >= 0) {
            async[v][round] = perSecond;
          }
        }
        if (round >= 0) {
          System.err.printf(Locale.ROOT, "round %d done%n", round + 1);
        }
      }
      System.out.printf(Locale.ROOT, "client -> member in a separate JVM on 127.0.0.1, %d cores,"
          + " %d rounds of %d ms per variant, %d keys of %d bytes%n",
          Runtime.getRuntime().availableProcessors(), rounds, roundNanos / 1_000_000, KEYS,
          VALUE_BYTES);
      for (int t = 0; t < threadCounts.length; t++) {
        for (int v = 0; v < sync.length; v++) {
          double[] ratios = new double[rounds];
          for (int r = 0; r < rounds; r++) {
            ratios[r] = ops[t][v][r] / ops[t][0][r];
          }
          System.out.printf(Locale.ROOT,
              "%2d thread(s)  %-11s median %,9.0f ops/s  (%.2fx IMap.get, median of rounds)%n",
              threadCounts[t], names[v], median(ops[t][v]), median(ratios));
        }
      }
      String[] asyncNames = {"Cache.async().get", "ICache.getAsync"};
      for (int v = 0; v < asyncVariants.length; v++) {
        System.out.printf(Locale.ROOT,
            " 1 thread     %-18s %d in flight: median %,9.0f ops/s (best %,.0f)%n",
            asyncNames[v], WINDOW, median(async[v]), Arrays.stream(async[v]).max().orElse(0));
      }
    }
  }

  // ---- the variants ----------------------------------------------------------------------

  private interface Get {
    Object get(String key);
  }

  /** Blocking gets from {@code threads} threads, each walking the keys from its own offset. */
  private static long runSync(int threads, long nanos, String[] keys, Get get) throws Exception {
    AtomicLong total = new AtomicLong();
    CyclicBarrier start = new CyclicBarrier(threads + 1);
    List<Thread> workers = new ArrayList<>();
    Throwable[] failure = new Throwable[1];
    long[] deadline = new long[1];
    for (int t = 0; t < threads; t++) {
      int offset = t * (keys.length / threads);
      Thread worker = new Thread(() -> {
        try {
          start.await();
          long end = deadline[0];
          long count = 0;
          int i = offset;
          while ((count & 15) != 0 || System.nanoTime() < end) {
            if (get.get(keys[i]) == null) {
              throw new IllegalStateException("missing " + keys[i]);
            }
            i = i + 1 == keys.length ? 0 : i + 1;
            count++;
          }
          total.addAndGet(count);
        } catch (Throwable e) {
          failure[0] = e;
        }
      });
      workers.add(worker);
      worker.start();
    }
    deadline[0] = System.nanoTime() + nanos; // published to the workers by the barrier
    start.await();
    for (Thread worker : workers) {
      worker.join();
    }
    if (failure[0] != null) {
      throw new IllegalStateException(failure[0]);
    }
    return total.get();
  }

  private interface AsyncGet {
    CompletionStage<?> get(String key);
  }

  /** Asynchronous gets from this thread, {@value #WINDOW} in flight, for {@code nanos}. */
  private static long runAsync(AsyncGet get, String[] keys, long nanos) throws Exception {
    Semaphore inFlight = new Semaphore(WINDOW);
    Throwable[] failure = new Throwable[1];
    long end = System.nanoTime() + nanos;
    long count = 0;
    int i = 0;
    while ((count & 15) != 0 || System.nanoTime() < end) {
      inFlight.acquire();
      get.get(keys[i]).whenComplete((value, e) -> {
        if (e != null || value == null || value instanceof Optional<?> o && o.isEmpty()) {
          failure[0] = e != null ? e : new IllegalStateException("missing value");
        }
        inFlight.release();
      });
      i = i + 1 == keys.length ? 0 : i + 1;
      count++;
    }
    inFlight.acquire(WINDOW); // wait for the tail, which the count already includes
    if (failure[0] != null) {
      throw new IllegalStateException(failure[0]);
    }
    return count;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
