package dev.cachebricks.benchmarks;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Policy;
import com.hazelcast.cache.ICache;
import com.hazelcast.map.IMap;
import dev.cachebricks.AsyncCache;
import dev.cachebricks.Cache;
import dev.cachebricks.hazelcast.HazelcastBackend;
import dev.cachebricks.hazelcast.HazelcastConfig;
import dev.cachebricks.hazelcast.testing.MemberProcess;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.params.SetParams;

/**
 * cachebricks against what users would pick instead, interleaved round by round in one JVM so
 * that a stall of this shared machine hits every variant alike: Caffeine (the in-process
 * reference), cachebricks on an embedded member, cachebricks as a client of a member in a
 * separate JVM, the same client with a near cache, the stock Hazelcast
 * client's {@code IMap}, and Redis on 127.0.0.1 through Jedis (pooled) and Lettuce (one shared
 * connection). Operations, at 1 and 16 threads, {@value #VALUE_BYTES}-byte values:
 *
 * <ul>
 *   <li>get of {@value #HOT_KEYS} hot keys, and of keys drawn uniformly from the key set;
 *   <li>set with a 60 s TTL (Redis {@code SET EX});
 *   <li>getOrSet of a new key with a 60 s TTL (Redis {@code SET NX GET EX}, Redis 7.0+);
 *   <li>async get with {@value #WINDOW} calls in flight per thread ({@code Cache.async()},
 *       Lettuce async; Jedis has no async API, so pipelines of {@value #WINDOW}).
 * </ul>
 *
 * <p>Per round each variant's ops/s and its ratio to Jedis (and to {@code IMap.get} for gets) in
 * the same round; reported are medians over rounds (ratios with their quartiles), with sampled
 * p50/p99 latency of the synchronous calls. Writes one TSV row per (operation, threads,
 * variant).
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.cachebricks.benchmarks.RedisInterleaved
 * --redis 127.0.0.1:6379 [--rounds 10] [--millis 1000] [--warmup 2] [--keys 100000]
 * [--out results.tsv]} (Hazelcast's usual {@code --add-opens} flags recommended).
 */
public final class RedisInterleaved {

  static final String CAFFEINE = "Caffeine (in-process)";
  static final String EMBEDDED = "cachebricks embedded";
  static final String CLIENT = "cachebricks client";
  static final String NEAR = "cachebricks client + near cache";
  static final String IMAP = "Hazelcast client IMap";
  static final String JEDIS = "Jedis";
  static final String LETTUCE = "Lettuce";

  private static final int VALUE_BYTES = 100;
  private static final int HOT_KEYS = 16;
  private static final int SET_KEYS = 10_000;
  private static final int WINDOW = 64;
  private static final Duration TTL = Duration.ofSeconds(60);
  private static final int[] THREADS = {1, 16};
  /** Calls between two reads of the clock. */
  private static final int BATCH = 16;

  /** One thread's share of a run: calls until {@code deadline}, returning how many it made. */
  private interface Body {
    long run(int thread, long deadline, Sampler sampler) throws Exception;
  }

  /** A synchronous call; false when its result is not the expected one. */
  private interface Call {
    boolean call(String key) throws Exception;
  }

  /** An asynchronous get whose result must be present. */
  private interface AsyncGet {
    CompletionStage<?> get(String key);
  }

  /** Where a thread's keys come from. */
  private interface Keys {
    KeySource forThread(int thread);
  }

  private interface KeySource {
    String next();
  }

  private record Variant(String name, Body body, Runnable reset) {}

  private record Operation(String name, List<Variant> variants) {}

  private record Run(double opsPerSecond, double p50Micros, double p99Micros) {}

  private RedisInterleaved() {}

  /**
   * Runs the comparison.
   *
   * @param args see the class documentation
   * @throws Exception if a store cannot be reached or a variant fails
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    String[] redis = options.getOrDefault("redis", "127.0.0.1:6379").split(":");
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "10"));
    long roundNanos = TimeUnit.MILLISECONDS.toNanos(
        Long.parseLong(options.getOrDefault("millis", "1000")));
    int warmup = Integer.parseInt(options.getOrDefault("warmup", "2"));
    int keyCount = Integer.parseInt(options.getOrDefault("keys", "100000"));
    Path out = Path.of(options.getOrDefault("out", "redis-comparison.tsv"));

    byte[] value = new byte[VALUE_BYTES];
    new Random(42).nextBytes(value);
    String[] hot = names("hot-", HOT_KEYS);
    String[] uniform = names("key-", keyCount);
    String[] setKeys = names("set-", SET_KEYS);
    String memberCluster = "cb-bench-" + UUID.randomUUID();

    try (Stores s = new Stores()) {
      s.member = MemberProcess.start(List.of("-Xmx1g"), memberCluster);
      s.embedded = HazelcastBackend.start(settings()
          .clusterName("cb-bench-embedded-" + UUID.randomUUID()).build());
      s.client = HazelcastBackend.start(settings()
          .clusterName(memberCluster).client(s.member.address()).build());
      // The near cache's default staleness bound (1 s) and entry bound (10,000 per client).
      s.near = HazelcastBackend.start(settings()
          .clusterName(memberCluster).client(s.member.address()).nearCache("bench").build());
      s.jedis = RedisClient.builder().hostAndPort(redis[0], Integer.parseInt(redis[1]))
          .poolConfig(pool()).build();
      // getOrSet writes new keys: into database 1, emptied after each run.
      s.jedisGos = RedisClient.builder().hostAndPort(redis[0], Integer.parseInt(redis[1]))
          .clientConfig(DefaultJedisClientConfig.builder().database(1).build())
          .poolConfig(pool()).build();
      s.lettuce = io.lettuce.core.RedisClient.create();
      RedisURI uri = RedisURI.create(redis[0], Integer.parseInt(redis[1]));
      RedisCodec<String, byte[]> codec = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
      StatefulRedisConnection<String, byte[]> lettuceConnection = s.lettuce.connect(codec, uri);
      RedisURI gosUri = RedisURI.builder(uri).withDatabase(1).build();
      StatefulRedisConnection<String, byte[]> lettuceGosConnection =
          s.lettuce.connect(codec, gosUri);

      Cache embedded = s.embedded.cache("bench");
      Cache embeddedGos = s.embedded.cache("bench-gos");
      Cache client = s.client.cache("bench");
      Cache clientGos = s.client.cache("bench-gos");
      Cache near1 = s.near.cache("bench");
      IMap<String, byte[]> map = s.client.instance().getMap("bench-map");
      com.github.benmanes.caffeine.cache.Cache<String, byte[]> caffeine = Caffeine.newBuilder()
          .maximumSize(1_000_000)
          .expireAfter(Expiry.<String, byte[]>creating((k, v) -> Duration.ofDays(36_500)))
          .build();
      Policy.VarExpiration<String, byte[]> caffeineTtl =
          caffeine.policy().expireVariably().orElseThrow();
      RedisCommands<String, byte[]> lettuceSync = lettuceConnection.sync();
      RedisAsyncCommands<String, byte[]> lettuceAsync = lettuceConnection.async();
      RedisCommands<String, byte[]> lettuceGos = lettuceGosConnection.sync();

      long began = System.nanoTime();
      for (String[] keys : List.of(hot, uniform)) {
        for (String key : keys) {
          caffeine.put(key, value);
        }
        fill(embedded.async(), keys, value);
        fill(client.async(), keys, value);
        for (int i = 0; i < keys.length; i += 1000) {
          Map<String, byte[]> chunk = new HashMap<>();
          List<byte[]> pairs = new ArrayList<>();
          for (int j = i; j < Math.min(i + 1000, keys.length); j++) {
            chunk.put(keys[j], value);
            pairs.add(keys[j].getBytes(StandardCharsets.UTF_8));
            pairs.add(value);
          }
          map.putAll(chunk);
          s.jedis.mset(pairs.toArray(new byte[0][]));
        }
      }
      System.err.printf(Locale.ROOT, "stores filled with %d keys in %.1f s%n",
          hot.length + uniform.length, (System.nanoTime() - began) / 1e9);

      Keys hotKeys = thread -> {
        int[] i = {thread};
        return () -> hot[i[0]++ & (HOT_KEYS - 1)];
      };
      Keys uniformKeys = thread -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return () -> uniform[random.nextInt(uniform.length)];
      };
      Keys setKeySource = thread -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return () -> setKeys[random.nextInt(setKeys.length)];
      };
      AtomicLong runs = new AtomicLong();
      Keys newKeys = thread -> {
        String prefix = "gos-" + runs.incrementAndGet() + "-" + thread + "-";
        long[] n = {0};
        return () -> prefix + n[0]++;
      };
      SetParams setEx = SetParams.setParams().ex(TTL.toSeconds());
      SetParams setNxGetEx = SetParams.setParams().nx().ex(TTL.toSeconds());
      SetArgs lettuceEx = SetArgs.Builder.ex(TTL);
      SetArgs lettuceNxEx = SetArgs.Builder.nx().ex(TTL);
      Runnable none = () -> {};

      List<Operation> operations = new ArrayList<>();
      for (boolean isHot : new boolean[] {true, false}) {
        Keys keys = isHot ? hotKeys : uniformKeys;
        List<Variant> gets = new ArrayList<>();
        gets.add(new Variant(CAFFEINE, sync(keys, k -> caffeine.getIfPresent(k) != null), none));
        gets.add(new Variant(EMBEDDED, sync(keys, k -> embedded.get(k).isPresent()), none));
        gets.add(new Variant(CLIENT, sync(keys, k -> client.get(k).isPresent()), none));
        gets.add(new Variant(NEAR, sync(keys, k -> near1.get(k).isPresent()), none));
        gets.add(new Variant(IMAP, sync(keys, k -> map.get(k) != null), none));
        gets.add(new Variant(JEDIS, sync(keys, k -> s.jedis.get(bytes(k)) != null), none));
        gets.add(new Variant(LETTUCE, sync(keys, k -> lettuceSync.get(k) != null), none));
        operations.add(new Operation(isHot
            ? "get, " + HOT_KEYS + " hot keys"
            : "get, " + uniform.length + " keys uniform", gets));
      }
      operations.add(new Operation("set, TTL 60 s", List.of(
          new Variant(CAFFEINE, sync(setKeySource, k -> {
            caffeineTtl.put(k, value, TTL);
            return true;
          }), none),
          new Variant(EMBEDDED, sync(setKeySource, k -> {
            embedded.set(k, value, TTL);
            return true;
          }), none),
          new Variant(CLIENT, sync(setKeySource, k -> {
            client.set(k, value, TTL);
            return true;
          }), none),
          new Variant(JEDIS, sync(setKeySource,
              k -> "OK".equals(s.jedis.set(bytes(k), value, setEx))), none),
          new Variant(LETTUCE, sync(setKeySource,
              k -> "OK".equals(lettuceSync.set(k, value, lettuceEx))), none))));
      // Every call stores a new key, so each store does its conditional write; the keys are
      // dropped after each run, untimed.
      operations.add(new Operation("getOrSet, new key, TTL 60 s", List.of(
          new Variant(EMBEDDED, sync(newKeys, k -> embeddedGos.getOrSet(k, value, TTL).stored()),
              () -> embeddedGos.unwrap(ICache.class).clear()),
          new Variant(CLIENT, sync(newKeys, k -> clientGos.getOrSet(k, value, TTL).stored()),
              () -> clientGos.unwrap(ICache.class).clear()),
          new Variant(JEDIS, sync(newKeys,
              k -> s.jedisGos.setGet(bytes(k), value, setNxGetEx) == null),
              s.jedisGos::flushDB),
          new Variant(LETTUCE, sync(newKeys,
              k -> lettuceGos.setGet(k, value, lettuceNxEx) == null),
              s.jedisGos::flushDB))));
      operations.add(new Operation("async get, " + WINDOW + " in flight per thread", List.of(
          new Variant(EMBEDDED, windowed(uniformKeys, k -> embedded.async().get(k)), none),
          new Variant(CLIENT, windowed(uniformKeys, k -> client.async().get(k)), none),
          new Variant(JEDIS, jedisPipelines(s.jedis, uniformKeys), none),
          new Variant(LETTUCE, windowed(uniformKeys, lettuceAsync::get), none))));

      // results[operation][threads][variant][round]
      Run[][][][] results = new Run[operations.size()][THREADS.length][][];
      for (int o = 0; o < operations.size(); o++) {
        for (int t = 0; t < THREADS.length; t++) {
          results[o][t] = new Run[operations.get(o).variants().size()][rounds];
        }
      }
      for (int round = -warmup; round < rounds; round++) {
        long roundStart = System.nanoTime();
        for (int o = 0; o < operations.size(); o++) {
          List<Variant> variants = operations.get(o).variants();
          for (int t = 0; t < THREADS.length; t++) {
            // A different variant goes first each round, so none always follows the same one.
            for (int i = 0; i < variants.size(); i++) {
              int v = Math.floorMod(round + i, variants.size());
              Run run = measure(variants.get(v), THREADS[t], roundNanos);
              if (round >= 0) {
                results[o][t][v][round] = run;
              }
            }
          }
        }
        System.err.printf(Locale.ROOT, "%s round %d of %d done in %.1f s%n",
            round < 0 ? "warm-up" : "measured", round < 0 ? round + warmup + 1 : round + 1,
            round < 0 ? warmup : rounds, (System.nanoTime() - roundStart) / 1e9);
      }
      report(operations, results, rounds, warmup, roundNanos, uniform.length, out);
    }
  }

  // ---- the variants ----------------------------------------------------------------------

  /** Blocking calls in a loop; every call's result is checked, sampled calls are timed. */
  private static Body sync(Keys keys, Call call) {
    return (thread, deadline, sampler) -> {
      KeySource source = keys.forThread(thread);
      long count = 0;
      do {
        for (int i = 0; i < BATCH; i++) {
          String key = source.next();
          boolean ok;
          if (sampler.due()) {
            long start = System.nanoTime();
            ok = call.call(key);
            sampler.add(System.nanoTime() - start);
          } else {
            ok = call.call(key);
          }
          if (!ok) {
            throw new IllegalStateException("unexpected result for " + key);
          }
        }
        count += BATCH;
      } while (System.nanoTime() < deadline);
      return count;
    };
  }

  /** Asynchronous gets with {@value #WINDOW} in flight; each completion starts the next. */
  private static Body windowed(Keys keys, AsyncGet get) {
    return (thread, deadline, sampler) -> {
      KeySource source = keys.forThread(thread);
      Semaphore inFlight = new Semaphore(WINDOW);
      AtomicReference<Throwable> failure = new AtomicReference<>();
      long count = 0;
      do {
        for (int i = 0; i < BATCH; i++) {
          inFlight.acquire();
          String key = source.next();
          get.get(key).whenComplete((value, e) -> {
            if (e != null || value == null || value instanceof Optional<?> o && o.isEmpty()) {
              failure.compareAndSet(null, e != null ? e : new IllegalStateException("no " + key));
            }
            inFlight.release();
          });
        }
        count += BATCH;
      } while (System.nanoTime() < deadline && failure.get() == null);
      inFlight.acquire(WINDOW); // the tail, which the count already includes
      if (failure.get() != null) {
        throw new IllegalStateException(failure.get());
      }
      return count;
    };
  }

  /** Jedis has no async API: each thread sends pipelines of {@value #WINDOW} gets. */
  private static Body jedisPipelines(RedisClient jedis, Keys keys) {
    return (thread, deadline, sampler) -> {
      KeySource source = keys.forThread(thread);
      List<Response<byte[]>> responses = new ArrayList<>(WINDOW);
      long count = 0;
      try (AbstractPipeline pipeline = jedis.pipelined()) {
        do {
          for (int i = 0; i < WINDOW; i++) {
            responses.add(pipeline.get(bytes(source.next())));
          }
          pipeline.sync();
          for (Response<byte[]> response : responses) {
            if (response.get() == null) {
              throw new IllegalStateException("missing value in a pipeline");
            }
          }
          responses.clear();
          count += WINDOW;
        } while (System.nanoTime() < deadline);
      }
      return count;
    };
  }

  /** Runs one variant on {@code threads} threads for about {@code nanos}, then its reset. */
  private static Run measure(Variant variant, int threads, long nanos) throws Exception {
    CyclicBarrier start = new CyclicBarrier(threads + 1);
    Sampler[] samplers = new Sampler[threads];
    long[] counts = new long[threads];
    long[] finished = new long[threads];
    AtomicReference<Throwable> failure = new AtomicReference<>();
    long[] deadline = new long[1];
    Thread[] workers = new Thread[threads];
    for (int t = 0; t < threads; t++) {
      int thread = t;
      samplers[t] = new Sampler();
      workers[t] = new Thread(() -> {
        try {
          start.await();
          counts[thread] = variant.body().run(thread, deadline[0], samplers[thread]);
        } catch (Throwable e) {
          failure.compareAndSet(null, e);
        }
        finished[thread] = System.nanoTime();
      }, "bench-" + t);
      workers[t].start();
    }
    long began = System.nanoTime();
    deadline[0] = began + nanos; // published to the workers by the barrier
    start.await();
    for (Thread worker : workers) {
      worker.join();
    }
    if (failure.get() != null) {
      throw new IllegalStateException(variant.name() + " failed", failure.get());
    }
    variant.reset().run();
    long elapsed = Arrays.stream(finished).max().orElseThrow() - began;
    double ops = Arrays.stream(counts).sum() * 1e9 / elapsed;
    return new Run(ops, Sampler.percentile(samplers, 0.50) / 1e3,
        Sampler.percentile(samplers, 0.99) / 1e3);
  }

  // ---- the report ------------------------------------------------------------------------

  private static void report(List<Operation> operations, Run[][][][] results, int rounds,
      int warmup, long roundNanos, int keyCount, Path out)
      throws IOException {
    System.out.printf(Locale.ROOT, "%d cores, %d rounds of %d ms per variant, %d keys of %d"
        + " bytes; medians over rounds%n", Runtime.getRuntime().availableProcessors(), rounds,
        roundNanos / 1_000_000, keyCount, VALUE_BYTES);
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    try (PrintWriter tsv = new PrintWriter(Files.newBufferedWriter(out))) {
      tsv.println(ComparisonResults.HEADER);
      tsv.printf(Locale.ROOT, "# measured: %d round(s) of %d ms per variant, after %d warm-up"
          + " round(s); %d keys of %d bytes%n", rounds, roundNanos / 1_000_000, warmup, keyCount,
          VALUE_BYTES);
      for (int o = 0; o < operations.size(); o++) {
        List<Variant> variants = operations.get(o).variants();
        int jedis = indexOf(variants, JEDIS);
        int imap = indexOf(variants, IMAP);
        for (int t = 0; t < THREADS.length; t++) {
          Run[][] runs = results[o][t];
          for (int v = 0; v < variants.size(); v++) {
            double ops = median(runs[v], Run::opsPerSecond);
            double[] vsJedis = ratios(runs, v, jedis);
            double[] vsImap = ratios(runs, v, imap);
            double p50 = median(runs[v], Run::p50Micros);
            double p99 = median(runs[v], Run::p99Micros);
            tsv.printf(Locale.ROOT, "%s\t%d\t%s\t%d\t%.0f\t%.4f\t%.4f\t%.4f\t%.4f\t%.4f"
                + "\t%.4f\t%.2f\t%.2f%n", operations.get(o).name(), THREADS[t],
                variants.get(v).name(), rounds, ops, quantile(vsJedis, 0.5),
                quantile(vsJedis, 0.25), quantile(vsJedis, 0.75), quantile(vsImap, 0.5),
                quantile(vsImap, 0.25), quantile(vsImap, 0.75), p50, p99);
            System.out.printf(Locale.ROOT,
                "%-36s %2d thr  %-32s %,12.0f ops/s  %8.2fx Jedis  p50 %8.1f us  p99 %8.1f us%n",
                operations.get(o).name(), THREADS[t], variants.get(v).name(), ops,
                quantile(vsJedis, 0.5), p50, p99);
          }
        }
      }
    }
    System.out.println("wrote " + out);
  }

  /** Per round, variant {@code v}'s throughput over the baseline's; empty without one. */
  private static double[] ratios(Run[][] runs, int v, int baseline) {
    if (baseline < 0) {
      return new double[0];
    }
    double[] ratios = new double[runs[v].length];
    for (int r = 0; r < ratios.length; r++) {
      ratios[r] = runs[v][r].opsPerSecond() / runs[baseline][r].opsPerSecond();
    }
    return ratios;
  }

  private static double median(Run[] runs, java.util.function.ToDoubleFunction<Run> field) {
    return quantile(Arrays.stream(runs).mapToDouble(field).toArray(), 0.5);
  }

  /** The {@code p}-quantile, interpolated between ranks (the median for 0.5); NaN if empty. */
  private static double quantile(double[] values, double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double rank = p * (sorted.length - 1);
    int below = (int) Math.floor(rank);
    int above = Math.min(below + 1, sorted.length - 1);
    return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
  }

  private static int indexOf(List<Variant> variants, String name) {
    for (int i = 0; i < variants.size(); i++) {
      if (variants.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  // ---- set-up ----------------------------------------------------------------------------

  /** Both backends: room for the key set and one run's new getOrSet keys, no eviction. */
  private static HazelcastConfig.Builder settings() {
    return HazelcastConfig.builder().maxEntriesPerCache(4_000_000);
  }

  private static ConnectionPoolConfig pool() {
    ConnectionPoolConfig pool = new ConnectionPoolConfig();
    pool.setMaxTotal(32); // one connection per thread, so no thread waits for the pool
    pool.setMaxIdle(32);
    return pool;
  }

  /** Stores {@code value} under every key, 1000 calls in flight. */
  private static void fill(AsyncCache cache, String[] keys, byte[] value) {
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    for (String key : keys) {
      pending.add(cache.set(key, value, Duration.ZERO));
      if (pending.size() == 1000) {
        CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).join();
        pending.clear();
      }
    }
    CompletableFuture.allOf(pending.toArray(new CompletableFuture<?>[0])).join();
  }

  private static String[] names(String prefix, int count) {
    String[] names = new String[count];
    for (int i = 0; i < count; i++) {
      names[i] = prefix + i;
    }
    return names;
  }

  private static byte[] bytes(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value pairs, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }

  /** Everything opened, closed in reverse order (the member JVM last). */
  private static final class Stores implements AutoCloseable {
    MemberProcess member;
    HazelcastBackend embedded;
    HazelcastBackend client;
    HazelcastBackend near;
    RedisClient jedis;
    RedisClient jedisGos;
    io.lettuce.core.RedisClient lettuce;

    @Override
    public void close() throws Exception {
      if (lettuce != null) {
        lettuce.shutdown();
      }
      for (AutoCloseable c : new AutoCloseable[] {jedisGos, jedis, near, client, embedded,
          member}) {
        if (c != null) {
          c.close();
        }
      }
    }
  }

  /**
   * A thread's latency sample: every call is timed until {@value #CAPACITY} are kept, then every
   * second kept sample is dropped and the stride doubles, so the samples stay evenly spread over
   * the run at a bounded cost. Percentiles weigh each thread's samples by its stride.
   */
  static final class Sampler {
    private static final int CAPACITY = 4096;
    private final long[] samples = new long[CAPACITY];
    private int size;
    private int stride = 1;
    private int countdown = 1;

    boolean due() {
      if (--countdown > 0) {
        return false;
      }
      countdown = stride;
      return true;
    }

    void add(long nanos) {
      if (size == CAPACITY) {
        for (int i = 0; i < CAPACITY / 2; i++) {
          samples[i] = samples[2 * i];
        }
        size = CAPACITY / 2;
        stride *= 2;
      }
      samples[size++] = nanos;
    }

    /** The weighted {@code p}-quantile in nanoseconds over all samplers, NaN without samples. */
    static double percentile(Sampler[] samplers, double p) {
      int total = 0;
      for (Sampler s : samplers) {
        total += s.size;
      }
      if (total == 0) {
        return Double.NaN;
      }
      long[][] pairs = new long[total][];
      double weight = 0;
      int n = 0;
      for (Sampler s : samplers) {
        for (int i = 0; i < s.size; i++) {
          pairs[n++] = new long[] {s.samples[i], s.stride};
        }
        weight += (double) s.size * s.stride;
      }
      Arrays.sort(pairs, (a, b) -> Long.compare(a[0], b[0]));
      double target = p * weight;
      double sum = 0;
      for (long[] pair : pairs) {
        sum += pair[1];
        if (sum >= target) {
          return pair[0];
        }
      }
      return pairs[total - 1][0];
    }
  }
}
