package dev.cachebricks.benchmarks;

import com.hazelcast.cache.ICache;
import com.hazelcast.client.cache.impl.ClientCacheProxy;
import com.hazelcast.client.impl.clientside.HazelcastClientInstanceImpl;
import com.hazelcast.client.impl.protocol.codec.CachePutCodec;
import com.hazelcast.client.impl.spi.ClientContext;
import com.hazelcast.client.impl.spi.impl.ClientInvocation;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.InternalSerializationService;
import dev.cachebricks.Cache;
import dev.cachebricks.Ttl;
import dev.cachebricks.hazelcast.HazelcastBackend;
import dev.cachebricks.hazelcast.HazelcastConfig;
import dev.cachebricks.hazelcast.internal.Expiry;
import dev.cachebricks.hazelcast.testing.MemberProcess;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;

/**
 * Client {@code set} with the expiry policy writes used to send (JCache's
 * {@code ModifiedExpiryPolicy}, Java-serialized) against the one they send now
 * ({@link Expiry#forWrite}, Hazelcast's own {@code HazelcastExpiryPolicy}), interleaved round by
 * round in one client JVM against one member in a separate JVM on loopback. Both go through the
 * same hand-built {@code CachePutCodec} request, as the adapter's client fast path builds it, so
 * the policy (its serialization per call on the client, its bytes on the wire, its
 * deserialization on the member) is the only difference; cachebricks' own {@code Cache.async().set}
 * runs beside them. Each variant runs for TTL zero and 60 s, first with one blocking call at a
 * time, then with {@value #WINDOW} calls in flight from one thread. Prints the policy's serialized
 * size, each variant's median ops/s and the median of its per-round ratio to the old policy.
 *
 * <p>Usage: {@code java --add-modules java.se --add-opens java.base/java.lang=ALL-UNNAMED -cp
 * benchmarks/target/benchmarks.jar dev.cachebricks.benchmarks.ExpiryInterleaved [rounds]
 * [round millis]} (defaults 8 and 700).
 */
public final class ExpiryInterleaved {

  /** Calls in flight in the pipelined mode. */
  static final int WINDOW = 64;
  private static final int KEYS = 1_000;
  private static final int VALUE_BYTES = 100;
  private static final long[] TTLS = {Ttl.NO_EXPIRY, TimeUnit.SECONDS.toMillis(60)};

  private ExpiryInterleaved() {}

  /** One variant: starts a set of a key with a TTL in milliseconds. */
  private interface Set {
    CompletableFuture<?> set(String key, long ttlMillis);
  }

  /**
   * Runs the comparison.
   *
   * @param args rounds (default 8), round length in milliseconds (default 700)
   * @throws Exception if the member does not start or a variant fails
   */
  public static void main(String[] args) throws Exception {
    int rounds = Smoke.pick(args.length > 0 ? Integer.parseInt(args[0]) : 8, 1);
    long roundMillis = Smoke.pick(args.length > 1 ? Integer.parseInt(args[1]) : 700, 200);
    long roundNanos = TimeUnit.MILLISECONDS.toNanos(roundMillis);
    String clusterName = "cb-bench-" + UUID.randomUUID();
    try (MemberProcess member = MemberProcess.start(List.of("-Xmx512m"), clusterName);
        HazelcastBackend backend = HazelcastBackend.start(HazelcastConfig.builder()
            .clusterName(clusterName).client(member.address()).build());
        Cache cache = backend.cache("bench-expiry")) {
      RawPut raw = new RawPut(cache.unwrap(ICache.class));
      byte[] value = new byte[VALUE_BYTES];
      String[] keys = new String[KEYS];
      for (int i = 0; i < KEYS; i++) {
        keys[i] = "key-" + i;
      }
      String[] names = {"old ModifiedExpiryPolicy", "new HazelcastExpiryPolicy",
          "Cache.async().set (new)"};
      List<LongFunction<ExpiryPolicy>> policies =
          List.of(ExpiryInterleaved::oldPolicy, Expiry::forWrite);
      Set[] variants = {
          (key, ttl) -> raw.put(key, value, oldPolicy(ttl)),
          (key, ttl) -> raw.put(key, value, Expiry.forWrite(ttl)),
          (key, ttl) -> cache.async().set(key, value, Duration.ofMillis(ttl)),
      };
      int[] windows = {1, WINDOW};
      double[][][][] ops = new double[windows.length][TTLS.length][variants.length][rounds];
      for (int round = -Smoke.pick(2, 0); round < rounds; round++) { // warm-up rounds first
        for (int w = 0; w < windows.length; w++) {
          for (int t = 0; t < TTLS.length; t++) {
            for (int v = 0; v < variants.length; v++) {
              double perSecond =
                  run(variants[v], TTLS[t], windows[w], keys, roundNanos) * 1e9 / roundNanos;
              if (round >= 0) {
                ops[w][t][v][round] = perSecond;
              }
            }
          }
        }
        if (round >= 0) {
          System.err.printf(Locale.ROOT, "round %d done%n", round + 1);
        }
      }
      System.out.printf(Locale.ROOT, "client -> member in a separate JVM on 127.0.0.1, %d cores,"
          + " %d rounds of %d ms per variant, %d keys, values of %d bytes%n",
          Runtime.getRuntime().availableProcessors(), rounds, roundMillis, KEYS, VALUE_BYTES);
      for (long ttl : TTLS) {
        System.out.printf(Locale.ROOT, "policy bytes per request, ttl %d ms: old %d, new %d%n",
            ttl, raw.size(policies.get(0).apply(ttl)), raw.size(policies.get(1).apply(ttl)));
      }
      for (int w = 0; w < windows.length; w++) {
        for (int t = 0; t < TTLS.length; t++) {
          for (int v = 0; v < variants.length; v++) {
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
              ratios[r] = ops[w][t][v][r] / ops[w][t][0][r];
            }
            System.out.printf(Locale.ROOT,
                "%2d in flight  ttl %5d ms  %-26s median %,9.0f ops/s  (%.2fx old)%n",
                windows[w], TTLS[t], names[v], median(ops[w][t][v]), median(ratios));
          }
        }
      }
    }
  }

  /** What {@code Expiry.forWrite} returned before: JCache's policy, Java-serialized. */
  private static ExpiryPolicy oldPolicy(long ttlMillis) {
    return new ModifiedExpiryPolicy(ttlMillis == Ttl.NO_EXPIRY
        ? javax.cache.expiry.Duration.ETERNAL
        : new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, ttlMillis));
  }

  /** Sets from this thread, {@code window} in flight, for {@code nanos}; returns the count. */
  private static long run(Set set, long ttlMillis, int window, String[] keys, long nanos)
      throws Exception {
    Semaphore inFlight = new Semaphore(window);
    Throwable[] failure = new Throwable[1];
    long end = System.nanoTime() + nanos;
    long count = 0;
    int i = 0;
    while ((count & 15) != 0 || System.nanoTime() < end) {
      inFlight.acquire();
      set.set(keys[i], ttlMillis).whenComplete((ignored, e) -> {
        if (e != null) {
          failure[0] = e;
        }
        inFlight.release();
      });
      i = i + 1 == keys.length ? 0 : i + 1;
      count++;
    }
    inFlight.acquire(window); // wait for the tail, which the count already includes
    if (failure[0] != null) {
      throw new IllegalStateException(failure[0]);
    }
    return count;
  }

  /** {@code putAsync(k, v, policy)} as a hand-built request, as the adapter's fast path sends. */
  private static final class RawPut {

    private final HazelcastClientInstanceImpl client;
    private final String name;
    private final String nameWithPrefix;
    private final InternalSerializationService serialization;
    private final ClientContext context;

    @SuppressWarnings("unchecked")
    RawPut(ICache<String, byte[]> cache) {
      ClientCacheProxy<String, byte[]> proxy = (ClientCacheProxy<String, byte[]>) cache;
      this.context = proxy.getContext();
      this.client = (HazelcastClientInstanceImpl) context.getHazelcastInstance();
      this.name = proxy.getName();
      this.nameWithPrefix = proxy.getPrefixedName();
      this.serialization = context.getSerializationService();
    }

    CompletableFuture<?> put(String key, byte[] value, ExpiryPolicy policy) {
      Data keyData = serialization.toData(key);
      int partitionId = context.getPartitionService().getPartitionId(keyData);
      CompletableFuture<Object> done = new CompletableFuture<>();
      // Completed on the thread that completes the invocation, as the fast path does (a plain
      // whenComplete may hop to Hazelcast's default executor).
      new ClientInvocation(client, CachePutCodec.encodeRequest(nameWithPrefix, keyData,
          serialization.toData(value), serialization.toData(policy), false, -1), name,
          partitionId).invoke().whenCompleteAsync((response, e) -> {
            if (e != null) {
              done.completeExceptionally(e);
            } else {
              done.complete(response);
            }
          }, Runnable::run);
      return done;
    }

    int size(ExpiryPolicy policy) {
      return serialization.toData(policy).totalSize();
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
