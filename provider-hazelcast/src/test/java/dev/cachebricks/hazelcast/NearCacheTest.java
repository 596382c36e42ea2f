package dev.cachebricks.hazelcast;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.Cache;
import dev.cachebricks.CacheConfigException;
import dev.cachebricks.GetOrSetResult;
import dev.cachebricks.hazelcast.internal.SecureDefaults;
import dev.cachebricks.hazelcast.testing.Members;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client near cache with invalidations held back: the member batches invalidation events
 * and never sends a batch during the run, as if every event were lost. What must hold anyway:
 * a client sees its own writes at once, never reads a value later than the staleness bound
 * after another client's write (nor an entry later than its TTL plus the bound), never uses the
 * near cache for a conditional operation, keeps at most its configured entries, and serves a
 * hot key without a thread per call.
 *
 * <p>Timing assertions hold on any machine, however slow: a value is served locally at most the
 * bound after the near cache reserved its key, which happened before the read that fetched it
 * left, so a read that <em>starts</em> at least the bound after a write was acknowledged can
 * only see that write (or a later one). Tests compare read start times with acknowledgement
 * times, never durations with expectations.
 */
class NearCacheTest {

  /** The staleness bound of {@link #near}. */
  private static final Duration BOUND = Duration.ofSeconds(1);
  private static final int MAX_ENTRIES = 100;

  private static HazelcastInstance member;
  /** Near cache with the default bound on "nc-*" and tenants. */
  private static HazelcastBackend near;
  /** Near cache on "stale-*" with a 60 s bound: holds stale values for the whole test. */
  private static HazelcastBackend nearLong;
  /** No near cache: the other client that writes. */
  private static HazelcastBackend other;

  @BeforeAll
  static void start() {
    String cluster = "cb-test-" + UUID.randomUUID();
    Config config = Members.memberConfig(cluster, SecureDefaults.DEFAULT_PORT, "127.0.0.1");
    // Invalidations held back: batched, the batch sent only when 100,000 are queued or an hour
    // has passed.
    config.setProperty("hazelcast.cache.invalidation.batch.size", "100000");
    config.setProperty("hazelcast.cache.invalidation.batchfrequency.seconds", "3600");
    member = Hazelcast.newHazelcastInstance(config);
    String address = Members.address(member);
    near = HazelcastBackend.start(TestSettings.generousBuilder().clusterName(cluster)
        .client(address).nearCache("nc-*", "default").nearCacheMaxEntries(MAX_ENTRIES).build());
    nearLong = HazelcastBackend.start(TestSettings.generousBuilder().clusterName(cluster)
        .client(address).nearCache("stale-*").nearCacheMaxStaleness(Duration.ofSeconds(60))
        .build());
    other = HazelcastBackend.start(TestSettings.generousBuilder().clusterName(cluster)
        .client(address).build());
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {near, nearLong, other}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception ignored) {
        // best effort
      }
    }
    member.getLifecycleService().terminate();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static String text(Optional<byte[]> value) {
    return value.map(v -> new String(v, UTF_8)).orElse(null);
  }

  static long nearHits(Cache cache) {
    return ((Number) cache.stats().get("hz_near_cache_hits")).longValue();
  }

  /**
   * Reads a key until the local copy is served, so a test starts from a cached value. (A copy
   * may live only milliseconds: the near cache keeps expiry times in whole seconds, rounded
   * down, so one read may not be enough.)
   */
  static void cache(Cache cache, String key, String expected) {
    long hits = nearHits(cache);
    for (int reads = 0; nearHits(cache) == hits; reads++) {
      assertThat(reads).as("reads of %s without a near cache hit", key).isLessThan(10);
      assertThat(text(cache.get(key))).isEqualTo(expected);
    }
  }

  @Test
  void onlyTheConfiguredCachesAndTenantsGetANearCache() {
    try (Cache named = near.cache("nc-" + UUID.randomUUID());
        Cache plain = near.cache("plain-" + UUID.randomUUID());
        Cache tenant = near.tenantFactory().open("tenant-" + UUID.randomUUID())) {
      assertThat(((HazelcastCache) named).ops()).isInstanceOf(NearCacheOps.class);
      assertThat(((HazelcastCache) tenant).ops()).isInstanceOf(NearCacheOps.class);
      assertThat(((HazelcastCache) plain).ops()).isInstanceOf(ClientCacheOps.class);
      assertThat(plain.stats()).doesNotContainKey("hz_near_cache_hits");
    }
  }

  @Test
  void ownWritesAreVisibleToTheWriterAtOnce() throws Exception {
    // The 60 s bound: without the writer's own invalidation, every read below would be stale.
    String name = "stale-" + UUID.randomUUID();
    try (Cache mine = nearLong.cache(name); Cache theirs = other.cache(name)) {
      Duration ttl = Duration.ofMinutes(10);
      theirs.set("k", bytes("v1"), ttl);
      cache(mine, "k", "v1");
      mine.set("k", bytes("v2"), ttl);
      assertThat(text(mine.get("k"))).isEqualTo("v2");

      cache(mine, "k", "v2");
      assertThat(mine.compareAndSet("k", bytes("v2"), bytes("v3"), ttl)).isTrue();
      assertThat(text(mine.get("k"))).isEqualTo("v3");

      cache(mine, "k", "v3");
      assertThat(mine.compareAndDelete("k", bytes("v3"))).isTrue();
      assertThat(mine.get("k")).isEmpty();

      theirs.set("k", bytes("v4"), ttl);
      cache(mine, "k", "v4");
      mine.delete("k");
      assertThat(mine.get("k")).isEmpty();

      // getOrSet storing over a value this client still holds locally (deleted by another).
      theirs.set("k", bytes("v5"), ttl);
      cache(mine, "k", "v5");
      theirs.delete("k");
      assertThat(text(mine.get("k"))).as("stale, the invalidation is held back").isEqualTo("v5");
      assertThat(mine.getOrSet("k", bytes("v6"), ttl)).isEqualTo(new GetOrSetResult(bytes("v6"),
          true));
      assertThat(text(mine.get("k"))).isEqualTo("v6");

      // CAS with null expected (SET NX) and the async view.
      theirs.delete("k");
      assertThat(mine.compareAndSet("k", null, bytes("v7"), ttl)).isTrue();
      assertThat(text(mine.get("k"))).isEqualTo("v7");
      cache(mine, "k", "v7");
      mine.async().set("k", bytes("v8"), ttl).get();
      assertThat(text(mine.async().get("k").get())).isEqualTo("v8");
      cache(mine, "k", "v8");
      mine.async().delete("k").get();
      assertThat(mine.get("k")).isEmpty();
    }
  }

  @Test
  void conditionalOperationsNeverUseTheNearCache() {
    String name = "stale-" + UUID.randomUUID();
    try (Cache mine = nearLong.cache(name); Cache theirs = other.cache(name)) {
      Duration ttl = Duration.ofMinutes(10);
      theirs.set("k", bytes("v1"), ttl);
      cache(mine, "k", "v1");
      theirs.set("k", bytes("v2"), ttl);
      assertThat(text(mine.get("k"))).as("the local copy is stale").isEqualTo("v1");

      // The stale local value as the expected value: the cluster holds v2, so both fail.
      assertThat(mine.compareAndSet("k", bytes("v1"), bytes("x"), ttl)).isFalse();
      assertThat(mine.compareAndDelete("k", bytes("v1"))).isFalse();
      assertThat(text(theirs.get("k"))).isEqualTo("v2");
      // After a failed conditional operation the next read goes to the cluster.
      assertThat(text(mine.get("k"))).isEqualTo("v2");

      // getOrSet's read of the existing value goes to the cluster too.
      cache(mine, "k", "v2");
      theirs.set("k", bytes("v3"), ttl);
      assertThat(text(mine.get("k"))).isEqualTo("v2");
      GetOrSetResult result = mine.getOrSet("k", bytes("x"), ttl);
      assertThat(result.stored()).isFalse();
      assertThat(new String(result.value(), UTF_8)).isEqualTo("v3");

      // And a CAS on the cluster's value succeeds although the local copy differs.
      cache(mine, "k", "v3");
      theirs.set("k", bytes("v4"), ttl);
      assertThat(text(mine.get("k"))).isEqualTo("v3");
      assertThat(mine.compareAndSet("k", bytes("v4"), bytes("v5"), ttl)).isTrue();
      assertThat(text(mine.get("k"))).isEqualTo("v5");
    }
  }

  @Test
  void anotherClientsWriteIsSeenWithinTheBoundWithoutInvalidations() {
    String name = "nc-" + UUID.randomUUID();
    try (Cache mine = near.cache(name); Cache theirs = other.cache(name)) {
      theirs.set("k", bytes("v1"), Duration.ZERO);
      cache(mine, "k", "v1");
      theirs.set("k", bytes("v2"), Duration.ZERO);
      long acked = System.currentTimeMillis();
      Reads reads = Reads.until(mine, Set.of("k"), acked + BOUND.toMillis() + 200);
      reads.assertFrom("k", acked + BOUND.toMillis(), "v2");
      System.out.printf("near cache, invalidations held back: another client's write seen "
          + "after %d ms (bound %d ms)%n", reads.firstSeen("k", "v2") - acked, BOUND.toMillis());

      cache(mine, "k", "v2");
      theirs.delete("k");
      acked = System.currentTimeMillis();
      Reads.until(mine, Set.of("k"), acked + BOUND.toMillis() + 200)
          .assertFrom("k", acked + BOUND.toMillis(), null);
    }
  }

  @Test
  void anEntryIsNeverServedPastItsTtlPlusTheBound() {
    String name = "nc-" + UUID.randomUUID();
    long ttl = 2_000;
    long bound = BOUND.toMillis();
    try (Cache mine = near.cache(name); Cache theirs = other.cache(name)) {
      // Written by another client, read (and cached) while valid.
      theirs.set("a", bytes("v"), Duration.ofMillis(ttl));
      long ackedA = System.currentTimeMillis();
      cache(mine, "a", "v");

      // A TTL shortened by a later set of another client.
      theirs.set("b", bytes("v"), Duration.ofHours(1));
      cache(mine, "b", "v");
      theirs.set("b", bytes("v"), Duration.ofMillis(ttl));
      long ackedB = System.currentTimeMillis();
      cache(mine, "b", "v");

      // A TTL shortened by this client's own set.
      theirs.set("c", bytes("v"), Duration.ofHours(1));
      cache(mine, "c", "v");
      mine.set("c", bytes("v"), Duration.ofMillis(ttl));
      long ackedC = System.currentTimeMillis();
      cache(mine, "c", "v");

      Map<String, Long> gone = Map.of("a", ackedA + ttl + bound, "b", ackedB + ttl + bound,
          "c", ackedC + ttl + bound);
      Reads reads = Reads.until(mine, gone.keySet(), ackedC + ttl + bound + 200);
      gone.forEach((key, from) -> reads.assertFrom(key, from, null));
    }
  }

  @Test
  void memoryIsBoundedByMaxEntries() {
    String name = "nc-" + UUID.randomUUID();
    int keys = MAX_ENTRIES * 5;
    try (Cache mine = near.cache(name); Cache theirs = other.cache(name)) {
      for (int i = 0; i < keys; i++) {
        theirs.set("k" + i, bytes("v" + i), Duration.ZERO);
      }
      for (int i = 0; i < keys; i++) {
        assertThat(text(mine.get("k" + i))).isEqualTo("v" + i);
        assertThat(((Number) mine.stats().get("hz_near_cache_entries")).longValue())
            .isLessThanOrEqualTo(MAX_ENTRIES);
      }
      // Every entry beyond the bound was evicted (or had expired first, on a slow run).
      Map<String, Object> stats = mine.stats();
      assertThat(((Number) stats.get("hz_near_cache_evictions")).longValue()
          + ((Number) stats.get("hz_near_cache_expirations")).longValue())
          .isGreaterThanOrEqualTo(keys - MAX_ENTRIES);
      // And the near cache keeps serving.
      cache(mine, "k" + (keys - 1), "v" + (keys - 1));
    }
  }

  @Test
  void hotKeyGetsDoNotStartAThreadEach() throws Exception {
    int calls = 2_000;
    try (Cache cache = near.cache("nc-" + UUID.randomUUID())) {
      cache.set("k", new byte[] {1, 2, 3}, Duration.ofMinutes(1));
      for (int i = 0; i < 100; i++) { // warm-up: lazy pools start their threads now
        cache.get("k");
        cache.async().get("k").get();
      }
      long hits = nearHits(cache);
      long before = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount();
      for (int i = 0; i < calls / 2; i++) {
        assertThat(cache.get("k")).isPresent();
        assertThat(cache.async().get("k").get()).isPresent();
      }
      long started = ManagementFactory.getThreadMXBean().getTotalStartedThreadCount() - before;
      // Other tests of this JVM may start a few threads meanwhile; one per call would be 2,000.
      assertThat(started).as("threads started during %d near-cached gets", calls)
          .isLessThan(calls / 20);
      // Nearly all of them hits (a miss each time the local copy ages out, once a second).
      assertThat(nearHits(cache) - hits).isGreaterThan(calls * 9L / 10);
    }
  }

  @Test
  void valuesServedLocallyAreCopies() {
    try (Cache cache = near.cache("nc-" + UUID.randomUUID())) {
      cache.set("k", bytes("value"), Duration.ZERO);
      cache(cache, "k", "value");
      cache.get("k").orElseThrow()[0] = 'X';
      assertThat(text(cache.get("k"))).isEqualTo("value");
    }
  }

  @Test
  void nearCacheSettingsCannotBeAddedToARunningInstance() {
    HazelcastConfig config = HazelcastConfig.builder().client("127.0.0.1:5701")
        .nearCache("x").build();
    assertThatThrownBy(() -> HazelcastBackend.of(other.instance(), config))
        .isInstanceOfSatisfying(CacheConfigException.class,
            e -> assertThat(e.field()).isEqualTo("nearCache.caches"));
  }
}
