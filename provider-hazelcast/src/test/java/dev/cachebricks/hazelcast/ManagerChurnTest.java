package dev.cachebricks.hazelcast;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.Cache;
import dev.cachebricks.GetOrSetResult;
import dev.cachebricks.ManagerClosedException;
import dev.cachebricks.contract.ClassResource;
import dev.cachebricks.hazelcast.Topologies.Kind;
import dev.cachebricks.tenant.Manager;
import dev.cachebricks.tenant.ManagerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Tenant churn and racing closes on real Hazelcast: many threads, many tenants, a small max
 * size, handles kept across evictions. Every acknowledged write must read back and no call may
 * fail. Sizes are system properties ({@code cachebricks.churn.threads}, {@code .ops},
 * {@code .tenants}, {@code .max-tenants}, {@code cachebricks.churn.seed}); with
 * {@code -Dcachebricks.soak.minutes=N} the member churn repeats with fresh seeds for N minutes.
 */
class ManagerChurnTest {

  private static final int THREADS = Integer.getInteger("cachebricks.churn.threads", 8);
  private static final int TENANTS = Integer.getInteger("cachebricks.churn.tenants", 200);
  private static final int MAX_TENANTS = Integer.getInteger("cachebricks.churn.max-tenants", 20);
  private static final int KEYS_PER_THREAD = 8;
  @RegisterExtension
  static final ClassResource<Topologies> topologies =
      new ClassResource<>(() -> new Topologies());

  /** Full size on a member; a fifth of it through a client and on a cluster (CI time). */
  private static int opsPerThread(Kind kind) {
    int full = Integer.getInteger("cachebricks.churn.ops", 5_000);
    return kind == Kind.MEMBER ? full : Math.max(1, full / 5);
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void churnLosesNoAcknowledgedWriteAndThrowsNothing(Kind kind) throws Exception {
    long seed = Long.getLong("cachebricks.churn.seed", System.nanoTime());
    long soakNanos = TimeUnit.MINUTES.toNanos(Long.getLong("cachebricks.soak.minutes", 0));
    long until = System.nanoTime() + (kind == Kind.MEMBER ? soakNanos : 0);
    int runs = 0;
    do {
      churn(topologies.get().instance(kind), seed + runs, opsPerThread(kind));
      runs++;
    } while (System.nanoTime() < until);
    if (soakNanos > 0 && kind == Kind.MEMBER) {
      System.out.printf("churn soak: %d runs of %d threads x %d ops, seeds %d..%d%n",
          runs, THREADS, opsPerThread(kind), seed, seed + runs - 1);
    }
  }

  private static void churn(HazelcastInstance instance, long seed, int ops) throws Exception {
    ManagerConfig config = ManagerConfig.builder().maxTenants(MAX_TENANTS).build();
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    List<Map<String, byte[]>> expected = new ArrayList<>();
    String run = "churn-" + seed + "-";
    long started = System.nanoTime();
    // A generous operation timeout: this test looks for lost writes and wrong exceptions, and a
    // busy 2-core machine must not turn slowness into a failure.
    try (HazelcastBackend backend = HazelcastBackend.of(instance, TestSettings.generous());
        Manager manager = backend.manager(config)) {
      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      try {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          Map<String, byte[]> mine = new HashMap<>();
          expected.add(mine);
          int thread = t;
          done.add(pool.submit(() -> {
            go.await();
            worker(manager, run, thread, new Random(seed * 31 + thread), ops, mine, failures);
            return null;
          }));
        }
        go.countDown();
        for (Future<?> f : done) {
          f.get(10, TimeUnit.MINUTES);
        }
      } finally {
        pool.shutdownNow();
      }
      assertThat(failures).as("seed %d: calls that failed", seed).isEmpty();
      assertThat((Long) manager.stats().get("lru_evictions"))
          .as("seed %d: the churn evicted tenants", seed).isPositive();
    }
    // Everything acknowledged is there, read through a manager that never saw the churn.
    try (Manager reader = new HazelcastManager(instance, ManagerConfig.defaults())) {
      for (Map<String, byte[]> mine : expected) {
        for (Map.Entry<String, byte[]> e : mine.entrySet()) {
          String[] tenantAndKey = e.getKey().split("\\|", 2);
          Optional<byte[]> stored = reader.get(tenantAndKey[0]).get(tenantAndKey[1]);
          assertThat(stored).as("seed %d: %s", seed, e.getKey())
              .hasValueSatisfying(v -> assertThat(v).isEqualTo(e.getValue()));
        }
      }
    }
    System.out.printf("churn: seed %d, %d threads x %d ops over %d tenants (max %d) in %d ms%n",
        seed, THREADS, ops, TENANTS, MAX_TENANTS,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  /**
   * One thread's random operations on keys only it writes, so it knows what each must return.
   * {@code expected} maps "tenant|key" to the last acknowledged value (absent = deleted).
   */
  private static void worker(Manager manager, String run, int thread, Random random, int ops,
      Map<String, byte[]> expected, ConcurrentLinkedQueue<Throwable> failures) {
    Map<String, Cache> handles = new HashMap<>(); // kept across evictions on purpose
    for (int i = 0; i < ops && failures.isEmpty(); i++) {
      String tenant = run + random.nextInt(TENANTS);
      Cache cache = random.nextInt(10) == 0
          ? manager.get(tenant) // now and then a fresh lookup, mostly the kept handle
          : handles.computeIfAbsent(tenant, manager::get);
      String key = "t" + thread + ":" + random.nextInt(KEYS_PER_THREAD);
      String slot = tenant + "|" + key;
      byte[] before = expected.get(slot);
      byte[] value = (thread + ":" + i).getBytes(UTF_8);
      int op = random.nextInt(10);
      String what = "thread " + thread + " op " + i + " (" + op + ") on " + slot;
      try {
        switch (op) {
          case 0 -> {
            cache.set(key, value, Duration.ZERO);
            expected.put(slot, value);
          }
          case 1 -> check(what, before, cache.get(key));
          case 2 -> {
            cache.delete(key);
            expected.remove(slot);
          }
          case 3 -> {
            GetOrSetResult r = cache.getOrSet(key, value, Duration.ZERO);
            checkGetOrSet(what, before, value, r);
            expected.putIfAbsent(slot, value);
          }
          case 4 -> {
            if (!cache.compareAndSet(key, before, value, Duration.ZERO)) {
              throw new AssertionError(what + ": compareAndSet from the known value failed");
            }
            expected.put(slot, value);
          }
          case 5 -> {
            if (before != null) {
              if (!cache.compareAndDelete(key, before)) {
                throw new AssertionError(what + ": compareAndDelete of the known value failed");
              }
              expected.remove(slot);
            } else if (cache.compareAndDelete(key, value)) {
              throw new AssertionError(what + ": compareAndDelete removed an absent key");
            }
          }
          case 6 -> {
            cache.async().set(key, value, Duration.ZERO).get(30, TimeUnit.SECONDS);
            expected.put(slot, value);
          }
          case 7 -> check(what, before, cache.async().get(key).get(30, TimeUnit.SECONDS));
          case 8 -> {
            GetOrSetResult r =
                cache.async().getOrSet(key, value, Duration.ZERO).get(30, TimeUnit.SECONDS);
            checkGetOrSet(what, before, value, r);
            expected.putIfAbsent(slot, value);
          }
          default -> {
            if (!cache.async().compareAndSet(key, before, value, Duration.ZERO)
                .get(30, TimeUnit.SECONDS)) {
              throw new AssertionError(what + ": async compareAndSet from the known value failed");
            }
            expected.put(slot, value);
          }
        }
      } catch (Throwable e) {
        failures.add(new AssertionError(what + " failed: " + e, e));
      }
    }
  }

  private static void check(String what, byte[] expected, Optional<byte[]> actual) {
    if (expected == null ? actual.isPresent()
        : actual.isEmpty() || !Arrays.equals(expected, actual.get())) {
      throw new AssertionError(what + ": read " + actual.map(v -> new String(v, UTF_8))
          + ", expected " + (expected == null ? "nothing" : new String(expected, UTF_8)));
    }
  }

  private static void checkGetOrSet(String what, byte[] before, byte[] value, GetOrSetResult r) {
    boolean ok = before == null
        ? r.stored() && Arrays.equals(value, r.value())
        : !r.stored() && Arrays.equals(before, r.value());
    if (!ok) {
      throw new AssertionError(what + ": getOrSet returned " + r);
    }
  }

  @Test
  void getsRacingCloseEitherSucceedOrThrowManagerClosed() throws Exception {
    HazelcastInstance instance = topologies.get().instance(Kind.MEMBER);
    for (int round = 0; round < 20; round++) {
      raceClose(new HazelcastManager(instance, ManagerConfig.defaults()), round);
    }
    for (int round = 0; round < 2; round++) { // a manager that owns its member shuts it down
      raceClose(new HazelcastManager(HazelcastConfig.builder()
          .clusterName("cb-test-" + java.util.UUID.randomUUID()).build(),
          ManagerConfig.defaults()), round);
    }
  }

  private static void raceClose(HazelcastManager manager, int round) throws Exception {
    int callers = 64;
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> outcomes = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        String tenant = "race-" + round + "-" + i;
        outcomes.add(pool.submit(() -> {
          go.await();
          try {
            manager.get(tenant);
            return "ok";
          } catch (ManagerClosedException e) {
            return "closed";
          } catch (Throwable e) {
            return "round " + round + ", " + tenant + ": " + e;
          }
        }));
      }
      go.countDown();
      manager.close();
      for (Future<String> outcome : outcomes) {
        assertThat(outcome.get(60, TimeUnit.SECONDS)).isIn("ok", "closed");
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
