package dev.cachebricks.benchmarks;

import com.hazelcast.cache.ICache;
import dev.cachebricks.Cache;
import dev.cachebricks.hazelcast.HazelcastBackend;
import dev.cachebricks.hazelcast.HazelcastConfig;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Pipelined asynchronous gets: {@value #WINDOW} in flight, waiting for all, through
 * {@code Cache.async()} versus raw {@code ICache.getAsync} with completions on the response thread
 * (goal: adapter at least 0.95 of raw). {@code rawDefaultExecutor} shows the trap the adapter
 * avoids: Hazelcast's non-async callbacks hop through its default executor.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "java.se",
    "--add-opens", "java.base/java.lang=ALL-UNNAMED",
    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"})
public class AsyncBenchmark {

  static final int WINDOW = 64;

  HazelcastBackend backend;
  Cache cache;
  ICache<String, byte[]> raw;
  String[] keys = new String[WINDOW];

  /** Starts the member and fills the keys. */
  @Setup(Level.Trial)
  public void setUp() {
    backend = HazelcastBackend.start(HazelcastConfig.builder()
        .clusterName("cb-bench-" + UUID.randomUUID()).build());
    cache = backend.cache("bench-async");
    raw = cache.unwrap(ICache.class);
    for (int i = 0; i < WINDOW; i++) {
      keys[i] = "key-" + i;
      raw.put(keys[i], new byte[100]);
    }
  }

  /** Stops the member. */
  @TearDown(Level.Trial)
  public void tearDown() {
    cache.close();
    backend.close();
  }

  @Benchmark
  @OperationsPerInvocation(WINDOW)
  public void adapterAsyncGet() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(WINDOW);
    for (String key : keys) {
      cache.async().get(key).whenComplete((v, e) -> done.countDown());
    }
    done.await();
  }

  @Benchmark
  @OperationsPerInvocation(WINDOW)
  public void rawAsyncGet() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(WINDOW);
    for (String key : keys) {
      raw.getAsync(key).whenCompleteAsync((v, e) -> done.countDown(), Runnable::run);
    }
    done.await();
  }

  @Benchmark
  @OperationsPerInvocation(WINDOW)
  public void rawDefaultExecutorAsyncGet() throws InterruptedException {
    CountDownLatch done = new CountDownLatch(WINDOW);
    for (String key : keys) {
      CompletableFuture<byte[]> f = raw.getAsync(key).toCompletableFuture();
      f.whenComplete((v, e) -> done.countDown());
    }
    done.await();
  }
}
