package dev.cachebricks.benchmarks;

import com.hazelcast.cache.ICache;
import dev.cachebricks.Cache;
import dev.cachebricks.hazelcast.HazelcastBackend;
import dev.cachebricks.hazelcast.HazelcastConfig;
import dev.cachebricks.hazelcast.internal.Expiry;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.cache.expiry.ExpiryPolicy;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Every {@link Cache} operation through the adapter ({@code adapter*}) against the raw
 * {@link ICache} call it maps to ({@code raw*}), on one embedded member, in the same run: the
 * ratio adapter/raw is the figure (goal: at most 1.03 in time per operation). Run with
 * {@code -t 1} and {@code -t 4}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "java.se",
    "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
    "--add-opens", "java.base/java.lang=ALL-UNNAMED",
    "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens", "java.management/sun.management=ALL-UNNAMED",
    "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED"})
public class AdapterBenchmark {

  private static final int KEYS = 1024;
  private static final Duration TTL = Duration.ofMinutes(10);

  HazelcastBackend backend;
  Cache cache;
  ICache<String, byte[]> raw;
  ExpiryPolicy policy;
  String[] keys;
  byte[] value;
  byte[] other;

  /** Starts the member and fills the keys. */
  @Setup(Level.Trial)
  public void setUp() {
    backend = HazelcastBackend.start(HazelcastConfig.builder()
        .clusterName("cb-bench-" + UUID.randomUUID()).build());
    cache = backend.cache("bench");
    raw = cache.unwrap(ICache.class);
    policy = Expiry.forWrite(TTL.toMillis());
    value = new byte[100];
    other = new byte[100];
    other[0] = 1;
    keys = new String[KEYS];
    for (int i = 0; i < KEYS; i++) {
      keys[i] = "key-" + i;
      raw.put(keys[i], value, policy);
    }
  }

  /** Stops the member. */
  @TearDown(Level.Trial)
  public void tearDown() {
    cache.close();
    backend.close();
  }

  /** Per-thread key cursor. */
  @State(Scope.Thread)
  public static class Cursor {
    int next = (int) (Math.random() * KEYS);

    String key(String[] keys) {
      return keys[next++ & (KEYS - 1)];
    }
  }

  /** Per-thread private key for compare-and-set and compare-and-delete round trips. */
  @State(Scope.Thread)
  public static class Own {
    final String key = "own-" + UUID.randomUUID();
    boolean flip;
  }

  // ---- get ----

  @Benchmark
  public Object adapterGet(Cursor c) {
    return cache.get(c.key(keys));
  }

  @Benchmark
  public Object rawGet(Cursor c) {
    return raw.get(c.key(keys));
  }

  // ---- set ----

  @Benchmark
  public void adapterSet(Cursor c) {
    cache.set(c.key(keys), value, TTL);
  }

  @Benchmark
  public void rawSet(Cursor c) {
    raw.put(c.key(keys), value, policy);
  }

  // ---- getOrSet on an existing key (putIfAbsent fails, then get) ----

  @Benchmark
  public Object adapterGetOrSetExisting(Cursor c) {
    return cache.getOrSet(c.key(keys), other, TTL);
  }

  @Benchmark
  public Object rawGetOrSetExisting(Cursor c) {
    String key = c.key(keys);
    return raw.putIfAbsent(key, other, policy) ? other : raw.get(key);
  }

  // ---- compareAndSet that succeeds (replace old -> new, alternating) ----

  @Benchmark
  public boolean adapterCompareAndSet(Own own) {
    own.flip = !own.flip;
    return cache.compareAndSet(own.key, own.flip ? value : other, own.flip ? other : value, TTL)
        || cache.compareAndSet(own.key, null, own.flip ? other : value, TTL);
  }

  @Benchmark
  public boolean rawCompareAndSet(Own own) {
    own.flip = !own.flip;
    return raw.replace(own.key, own.flip ? value : other, own.flip ? other : value, policy)
        || raw.putIfAbsent(own.key, own.flip ? other : value, policy);
  }

  // ---- set then compareAndDelete (a lock round trip) ----

  @Benchmark
  public boolean adapterSetCompareAndDelete(Own own) {
    cache.set(own.key, value, TTL);
    return cache.compareAndDelete(own.key, value);
  }

  @Benchmark
  public boolean rawSetCompareAndDelete(Own own) {
    raw.put(own.key, value, policy);
    return raw.remove(own.key, value);
  }

  // ---- delete ----

  @Benchmark
  public void adapterDelete(Own own) {
    cache.delete(own.key);
  }

  @Benchmark
  public void rawDelete(Own own) {
    raw.remove(own.key);
  }
}
