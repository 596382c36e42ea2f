package dev.cachebricks.benchmarks;

import com.hazelcast.cache.ICache;
import dev.cachebricks.Cache;
import dev.cachebricks.hazelcast.HazelcastBackend;
import dev.cachebricks.hazelcast.HazelcastConfig;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * A noise-robust cross-check of {@link AsyncBenchmark}, and the instrument used to take its cost
 * apart: pipelined gets ({@value AsyncBenchmark#WINDOW} in flight per thread) through several
 * variants, run interleaved round by round in one JVM against one member, so that a stall of
 * the VM or a JIT difference between forks hits every variant alike. Prints each variant's
 * median and best round and their ratio to raw. Usage: {@code java -cp benchmarks.jar
 * dev.cachebricks.benchmarks.AsyncInterleaved [threads] [rounds]}.
 *
 * <p>Variants: {@code raw} is {@code ICache.getAsync} with the completion run on the response
 * thread; {@code raw+future} adds a plain {@link CompletableFuture} completed from the callback
 * value; {@code raw+future+get} reads the value with {@code get()} in the callback, as the adapter
 * did before it took the callback's value (resolving the response twice); {@code adapter} is
 * {@code Cache.async().get}.
 */
public final class AsyncInterleaved {

  /** Completes callbacks on the thread that completes the future: the response thread. */
  private static final Executor DIRECT = Runnable::run;

  /** One way of starting an asynchronous get whose completion counts the latch down. */
  private interface Variant {
    void start(String key, CountDownLatch done);
  }

  private AsyncInterleaved() {}

  /**
   * Runs the comparison.
   *
   * @param args number of threads (default 4), number of rounds (default 30)
   * @throws Exception if a thread fails
   */
  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    int rounds = Smoke.pick(args.length > 1 ? Integer.parseInt(args[1]) : 30, 1);
    int windowsPerRound = 400;
    HazelcastBackend backend = HazelcastBackend.start(HazelcastConfig.builder()
        .clusterName("cb-bench-" + UUID.randomUUID()).build());
    try (Cache cache = backend.cache("bench-async")) {
      ICache<String, byte[]> raw = cache.unwrap(ICache.class);
      String[] keys = new String[AsyncBenchmark.WINDOW];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = "key-" + i;
        raw.put(keys[i], new byte[100]);
      }
      String[] names = {"raw", "raw+future", "raw+future+get", "adapter"};
      Variant[] variants = {
          (key, done) -> raw.getAsync(key)
              .whenCompleteAsync((v, e) -> done.countDown(), DIRECT),
          (key, done) -> {
            CompletableFuture<byte[]> out = new CompletableFuture<>();
            raw.getAsync(key).whenCompleteAsync((v, e) -> out.complete(v), DIRECT);
            out.whenComplete((v, e) -> done.countDown());
          },
          (key, done) -> {
            CompletableFuture<byte[]> out = new CompletableFuture<>();
            CompletableFuture<byte[]> hz = raw.getAsync(key).toCompletableFuture();
            hz.whenCompleteAsync((v, e) -> {
              try {
                out.complete(hz.get());
              } catch (InterruptedException | ExecutionException x) {
                out.completeExceptionally(x);
              }
            }, DIRECT);
            out.whenComplete((v, e) -> done.countDown());
          },
          (key, done) -> cache.async().get(key).whenComplete((v, e) -> done.countDown()),
      };
      double[][] opsPerSecond = new double[variants.length][rounds];
      for (int round = -Smoke.pick(3, 0); round < rounds; round++) { // warm-up rounds first
        for (int v = 0; v < variants.length; v++) {
          double ops = runRound(variants[v], keys, threads, windowsPerRound);
          if (round >= 0) {
            opsPerSecond[v][round] = ops;
          }
        }
      }
      double rawMedian = median(opsPerSecond[0]);
      double rawBest = Arrays.stream(opsPerSecond[0]).max().orElse(0);
      System.out.printf(Locale.ROOT, "%d threads, %d rounds of %d x %d gets per thread%n",
          threads, rounds, windowsPerRound, keys.length);
      for (int v = 0; v < variants.length; v++) {
        double med = median(opsPerSecond[v]);
        double best = Arrays.stream(opsPerSecond[v]).max().orElse(0);
        System.out.printf(Locale.ROOT,
            "%-16s median %,9.0f ops/s (%.2f of raw)   best %,9.0f ops/s (%.2f of raw)%n",
            names[v], med, med / rawMedian, best, best / rawBest);
      }
    } finally {
      backend.close();
    }
  }

  private static double runRound(Variant variant, String[] keys, int threads, int windows)
      throws Exception {
    CyclicBarrier start = new CyclicBarrier(threads + 1);
    Thread[] workers = new Thread[threads];
    Throwable[] failure = new Throwable[1];
    for (int t = 0; t < threads; t++) {
      workers[t] = new Thread(() -> {
        try {
          start.await();
          for (int w = 0; w < windows; w++) {
            CountDownLatch done = new CountDownLatch(keys.length);
            for (String key : keys) {
              variant.start(key, done);
            }
            done.await();
          }
        } catch (Exception e) {
          failure[0] = e;
        }
      });
      workers[t].start();
    }
    start.await();
    long began = System.nanoTime();
    for (Thread worker : workers) {
      worker.join();
    }
    long took = System.nanoTime() - began;
    if (failure[0] != null) {
      throw new IllegalStateException(failure[0]);
    }
    return (double) threads * windows * keys.length * 1e9 / took;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
