package dev.cachebricks.contract;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.cachebricks.Cache;
import dev.cachebricks.CacheClosedException;
import dev.cachebricks.CacheException;
import dev.cachebricks.CacheOperationException;
import dev.cachebricks.ManagerClosedException;
import dev.cachebricks.StatsKeys;
import dev.cachebricks.tenant.Manager;
import dev.cachebricks.tenant.ManagerConfig;
import dev.cachebricks.tenant.TenantCacheFactory;
import dev.cachebricks.tenant.TenantIds;
import dev.cachebricks.tenant.TenantManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behavioural contract of {@link Manager} (SPEC section 5, the seed's manager behaviours),
 * as one reusable JUnit 5 suite.
 *
 * <p>A backend supplies {@link #newFactory()}, the {@link TenantCacheFactory} that opens one
 * tenant's cache; the suite wraps it to observe creations and releases and builds managers with
 * {@link #newManager(ManagerConfig, TenantCacheFactory)} (default {@link TenantManager#create}).
 * Tenant ids carry a random per-test prefix, so a fixture may keep one backend for the class.
 */
public abstract class ManagerContract {

  private static final Duration AWAIT = Duration.ofSeconds(20);
  private static final Duration TTL = Duration.ofMinutes(10);

  private final List<Manager> managers = new ArrayList<>();
  private String prefix;

  /**
   * Returns a factory opening tenant caches on the backend under test. Its {@code close()} must
   * not stop a backend shared by the whole test class.
   *
   * @return a new factory
   */
  protected abstract TenantCacheFactory newFactory();

  /**
   * Builds the manager under test. Override to test a backend's own {@link Manager} class, as
   * long as it opens tenants through {@code factory}.
   *
   * @param config the configuration
   * @param factory the (observed) factory
   * @return a new manager
   */
  protected Manager newManager(ManagerConfig config, TenantCacheFactory factory) {
    return TenantManager.create(config, factory);
  }

  @BeforeEach
  void newPrefix() {
    prefix = "t-" + UUID.randomUUID() + "-";
  }

  @AfterEach
  void closeManagers() {
    managers.forEach(Manager::close);
  }

  /**
   * Returns a tenant id unique to the running test.
   *
   * @param name a readable suffix
   * @return the tenant id
   */
  protected String tenant(String name) {
    return prefix + name;
  }

  private Manager manager(ManagerConfig config, ObservedFactory factory) {
    Manager manager = newManager(config, factory);
    managers.add(manager);
    return manager;
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  private static String text(Optional<byte[]> value) {
    return value.map(b -> new String(b, UTF_8)).orElse(null);
  }

  private static long stat(Manager manager, String key) {
    return ((Number) manager.stats().get(key)).longValue();
  }

  // ---- creation --------------------------------------------------------------------------

  @Test
  void getReturnsAWorkingCacheForTheTenant() {
    Manager manager = manager(ManagerConfig.defaults(), new ObservedFactory(newFactory()));
    Cache cache = manager.get(tenant("a"));
    cache.set("k", bytes("v"), TTL);
    assertThat(text(cache.get("k"))).isEqualTo("v");
    assertThat(text(manager.get(tenant("a")).get("k"))).isEqualTo("v");
  }

  @Test
  void tenantsNeverSeeEachOthersEntries() {
    Manager manager = manager(ManagerConfig.defaults(), new ObservedFactory(newFactory()));
    manager.get(tenant("a")).set("k", bytes("a"), TTL);
    manager.get(tenant("b")).set("k", bytes("b"), TTL);
    assertThat(text(manager.get(tenant("a")).get("k"))).isEqualTo("a");
    assertThat(text(manager.get(tenant("b")).get("k"))).isEqualTo("b");
    assertThat(manager.get(tenant("c")).get("k")).isEmpty();
  }

  @Test
  void hostileTenantIdsAreIsolated() {
    Manager manager = manager(ManagerConfig.builder().maxTenants(0).build(),
        new ObservedFactory(newFactory()));
    List<String> ids = List.of("", "/", "a/b", "a%2Fb", "a%252Fb", "a:b", "a b", "..", "%",
        "\u00e9", "e\u0301", "\uD83D\uDE00", "\u0000",
            "x".repeat(TenantIds.MAX_LENGTH - prefix.length()));
    for (String id : ids) {
      manager.get(prefix + id).set("k", bytes(id), TTL);
    }
    for (String id : ids) {
      assertThat(text(manager.get(prefix + id).get("k"))).as("tenant %s", id).isEqualTo(id);
    }
  }

  @Test
  void invalidTenantIdsAreRejectedAndCreateNothing() {
    ObservedFactory factory = new ObservedFactory(newFactory());
    Manager manager = manager(ManagerConfig.defaults(), factory);
    assertThatThrownBy(() -> manager.get(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("tenantId");
    assertThatThrownBy(() -> manager.get("x".repeat(TenantIds.MAX_LENGTH + 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenantId");
    assertThatThrownBy(() -> manager.get("bad\uD800"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surrogate");
    assertThat(factory.opened).isEmpty();
    assertThat(stat(manager, StatsKeys.ACTIVE_TENANTS)).isZero();
  }

  @Test
  void concurrentFirstCallsForOneTenantCreateItExactlyOnce() throws Exception {
    ObservedFactory factory = new ObservedFactory(newFactory());
    Manager manager = manager(ManagerConfig.defaults(), factory);
    int callers = 10;
    CyclicBarrier barrier = new CyclicBarrier(callers);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<Cache>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        results.add(pool.submit(() -> {
          barrier.await();
          return manager.get(tenant("hot"));
        }));
      }
      for (Future<Cache> f : results) {
        f.get(AWAIT.toSeconds(), TimeUnit.SECONDS).set("k", bytes("v"), TTL);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(factory.opened).containsExactly(tenant("hot"));
    assertThat(stat(manager, StatsKeys.TOTAL_CREATED)).isEqualTo(1);
  }

  @Test
  void failedCreationIsReportedWithTheTenantAndNotRemembered() {
    ObservedFactory factory = new ObservedFactory(newFactory());
    factory.failNextOpen.set(1);
    Manager manager = manager(ManagerConfig.defaults(), factory);
    assertThatThrownBy(() -> manager.get(tenant("flaky")))
        .isInstanceOf(CacheOperationException.class)
        .hasMessageContaining(tenant("flaky"))
        .hasRootCauseMessage("backend unavailable");
    assertThat(stat(manager, StatsKeys.ERRORS)).isEqualTo(1);
    assertThat(stat(manager, StatsKeys.ACTIVE_TENANTS)).isZero();

    Cache cache = manager.get(tenant("flaky"));
    cache.set("k", bytes("v"), TTL);
    assertThat(text(cache.get("k"))).isEqualTo("v");
  }

  // ---- LRU eviction ----------------------------------------------------------------------

  @Test
  void leastRecentlyUsedTenantIsEvictedPastTheMaximum() {
    ObservedFactory factory = new ObservedFactory(newFactory());
    Manager manager = manager(ManagerConfig.builder().maxTenants(2).build(), factory);
    Cache a = manager.get(tenant("a"));
    manager.get(tenant("b"));
    a.set("touch", bytes("a"), TTL); // a is now more recently used than b
    manager.get(tenant("c"));

    await().atMost(AWAIT).until(() -> factory.closed.contains(tenant("b")));
    assertThat(factory.closed).containsExactly(tenant("b"));
    assertThat(stat(manager, StatsKeys.LRU_EVICTIONS)).isEqualTo(1);
    assertThat(stat(manager, StatsKeys.ACTIVE_TENANTS)).isEqualTo(2);
  }

  @Test
  void unboundedManagerNeverEvicts() {
    ObservedFactory factory = new ObservedFactory(newFactory());
    Manager manager = manager(ManagerConfig.builder().maxTenants(0).build(), factory);
    for (int i = 0; i < 20; i++) {
      manager.get(tenant("t" + i));
    }
    assertThat(stat(manager, StatsKeys.ACTIVE_TENANTS)).isEqualTo(20);
    assertThat(stat(manager, StatsKeys.LRU_EVICTIONS)).isZero();
  }

  @Test
  void evictedTenantKeepsItsDataAndAHeldHandleKeepsWorking() {
    ObservedFactory factory = new ObservedFactory(newFactory());
    Manager manager = manager(ManagerConfig.builder().maxTenants(1).build(), factory);
    Cache a = manager.get(tenant("a"));
    a.set("k", bytes("kept"), TTL);
    manager.get(tenant("b"));
    await().atMost(AWAIT).until(() -> factory.closed.contains(tenant("a")));

    assertThat(text(a.get("k"))).isEqualTo("kept");
    a.set("k2", bytes("after"), TTL);
    assertThat(text(manager.get(tenant("a")).get("k2"))).isEqualTo("after");
    assertThat(factory.opened.stream().filter(tenant("a")::equals)).hasSize(2);
  }

  // ---- idle cleanup ----------------------------------------------------------------------

  @Test
  void idleCleanupReleasesIdleTenantsAndKeepsTouchedOnes() {
    MutableClock clock = new MutableClock();
    ObservedFactory factory = new ObservedFactory(newFactory());
    Manager manager = manager(
        ManagerConfig.builder().idleTtl(Duration.ofMinutes(1)).clock(clock).build(), factory);
    Cache busy = manager.get(tenant("busy"));
    manager.get(tenant("idle"));
    clock.advance(Duration.ofSeconds(59));
    busy.set("k", bytes("v"), TTL);
    clock.advance(Duration.ofSeconds(2));
    manager.startCleanup(Duration.ofMillis(10));

    await().atMost(AWAIT).until(() -> factory.closed.contains(tenant("idle")));
    assertThat(stat(manager, StatsKeys.IDLE_CLEANUPS)).isEqualTo(1);
    assertThat(factory.closed).doesNotContain(tenant("busy"));
    assertThat(stat(manager, StatsKeys.ACTIVE_TENANTS)).isEqualTo(1);
    assertThat(text(busy.get("k"))).isEqualTo("v");
  }

  @Test
  void idleTenantDataSurvivesCleanup() {
    MutableClock clock = new MutableClock();
    ObservedFactory factory = new ObservedFactory(newFactory());
    Manager manager = manager(
        ManagerConfig.builder().idleTtl(Duration.ofMinutes(1)).clock(clock).build(), factory);
    Cache cache = manager.get(tenant("idle"));
    cache.set("k", bytes("v"), TTL);
    clock.advance(Duration.ofMinutes(2));
    manager.startCleanup(Duration.ofMillis(10));
    await().atMost(AWAIT).until(() -> factory.closed.contains(tenant("idle")));
    assertThat(text(cache.get("k"))).isEqualTo("v");
  }

  @Test
  void startCleanupRejectsNonPositiveIntervals() {
    Manager manager = manager(ManagerConfig.defaults(), new ObservedFactory(newFactory()));
    assertThatThrownBy(() -> manager.startCleanup(Duration.ZERO))
        .isInstanceOf(CacheException.class).hasMessageContaining("interval");
    assertThatThrownBy(() -> manager.startCleanup(null)).isInstanceOf(NullPointerException.class);
  }

  // ---- remove, close ---------------------------------------------------------------------

  @Test
  void removeReleasesTheTenantButKeepsItsData() {
    ObservedFactory factory = new ObservedFactory(newFactory());
    Manager manager = manager(ManagerConfig.defaults(), factory);
    Cache cache = manager.get(tenant("a"));
    cache.set("k", bytes("v"), TTL);
    manager.remove(tenant("a"));
    manager.remove(tenant("never-created"));
    await().atMost(AWAIT).until(() -> factory.closed.contains(tenant("a")));
    assertThat(stat(manager, StatsKeys.ACTIVE_TENANTS)).isZero();
    assertThat(text(cache.get("k"))).isEqualTo("v");
  }

  @Test
  void closeMakesGetThrowManagerClosedAndHandlesThrowCacheClosed() {
    ObservedFactory factory = new ObservedFactory(newFactory());
    Manager manager = manager(ManagerConfig.defaults(), factory);
    Cache cache = manager.get(tenant("a"));
    manager.close();
    manager.close();
    assertThatThrownBy(() -> manager.get(tenant("a")))
        .isInstanceOf(ManagerClosedException.class).hasMessage("cache: manager closed");
    assertThatThrownBy(() -> cache.get("k")).isInstanceOf(CacheClosedException.class);
    assertThatThrownBy(() -> cache.set("k", bytes("v"), TTL))
        .isInstanceOf(CacheClosedException.class);
    assertThat(factory.closed).containsExactly(tenant("a"));
    assertThat(factory.factoryClosed).isTrue();
    assertThat(manager.stats()).containsKey(StatsKeys.TOTAL_CREATED);
  }

  @Test
  void closeRacingGetLeavesNothingOpen() throws Exception {
    // Many rounds: the race (a close while the release thread is being started) is narrow.
    for (int round = 0; round < 20; round++) {
      closeRacingGetRound();
    }
  }

  private void closeRacingGetRound() throws Exception {
    ObservedFactory factory = new ObservedFactory(newFactory());
    Manager manager = manager(ManagerConfig.builder().maxTenants(0).build(), factory);
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch running = new CountDownLatch(threads);
    AtomicInteger unexpected = new AtomicInteger();
    try {
      List<Future<?>> loops = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        loops.add(pool.submit(() -> {
          running.countDown();
          for (int i = 0; ; i++) {
            try {
              manager.get(tenant(id + "-" + (i % 8)));
            } catch (ManagerClosedException e) {
              return;
            } catch (RuntimeException e) {
              unexpected.incrementAndGet();
              return;
            }
          }
        }));
      }
      running.await();
      manager.close();
      for (Future<?> loop : loops) {
        loop.get(AWAIT.toSeconds(), TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(unexpected).hasValue(0);
    await().atMost(AWAIT).untilAsserted(() ->
        assertThat(factory.closed).hasSameSizeAs(factory.opened));
  }

  @Test
  void slowReleaseOfOneTenantDoesNotBlockOthers() throws Exception {
    ObservedFactory factory = new ObservedFactory(newFactory());
    CountDownLatch unblock = new CountDownLatch(1);
    factory.closeGate.put(tenant("slow"), unblock);
    Manager manager = manager(ManagerConfig.builder().maxTenants(1).build(), factory);
    try {
      manager.get(tenant("slow")).set("k", bytes("v"), TTL);
      Cache other = manager.get(tenant("other")); // evicts "slow", whose close now hangs
      await().atMost(AWAIT).until(() -> factory.closing.contains(tenant("slow")));

      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        Future<String> work = pool.submit(() -> {
          other.set("k", bytes("fast"), TTL);
          manager.get(tenant("third")).set("k", bytes("3"), TTL);
          return text(manager.get(tenant("third")).get("k"));
        });
        assertThat(work.get(AWAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("3");
      } finally {
        pool.shutdownNow();
      }
      assertThat(factory.closed).doesNotContain(tenant("slow"));
    } finally {
      unblock.countDown();
    }
    await().atMost(AWAIT).until(() -> factory.closed.contains(tenant("slow")));
  }

  // ---- destroy ---------------------------------------------------------------------------

  @Test
  void destroyDeletesTheTenantsDataAndAHeldHandleKeepsWorkingOnTheEmptyTenant() {
    ObservedFactory factory = new ObservedFactory(newFactory());
    Manager manager = manager(ManagerConfig.defaults(), factory);
    Cache gone = manager.get(tenant("gone"));
    Cache kept = manager.get(tenant("kept"));
    gone.set("k", bytes("v"), TTL);
    kept.set("k", bytes("kept"), TTL);

    manager.destroy(tenant("gone"));

    assertThat(factory.destroyed).containsExactly(tenant("gone"));
    assertThat(factory.closed).as("released before the data went").containsExactly(tenant("gone"));
    assertThat(gone.get("k")).isEmpty();
    gone.set("k2", bytes("after"), TTL);
    assertThat(text(manager.get(tenant("gone")).get("k2"))).isEqualTo("after");
    assertThat(text(kept.get("k"))).isEqualTo("kept");
    manager.destroy(tenant("never-created")); // nothing to delete: no error
    assertThat(text(kept.get("k"))).isEqualTo("kept");
  }

  @Test
  void destroyOfAReleasedTenantDeletesItsDataWithoutAttachingIt() {
    ObservedFactory factory = new ObservedFactory(newFactory());
    Manager manager = manager(ManagerConfig.defaults(), factory);
    manager.get(tenant("a")).set("k", bytes("v"), TTL);
    manager.remove(tenant("a"));
    await().atMost(AWAIT).until(() -> factory.closed.contains(tenant("a")));

    manager.destroy(tenant("a"));

    assertThat(factory.opened).containsExactly(tenant("a"));
    assertThat(stat(manager, StatsKeys.ACTIVE_TENANTS)).isZero();
    assertThat(manager.get(tenant("a")).get("k")).isEmpty();
  }

  @Test
  void destroyRejectsInvalidIdsAsGetDoesAndClosedManagersWithManagerClosed() {
    ObservedFactory factory = new ObservedFactory(newFactory());
    Manager manager = manager(ManagerConfig.defaults(), factory);
    assertThatThrownBy(() -> manager.destroy(null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("tenantId");
    assertThatThrownBy(() -> manager.destroy("x".repeat(TenantIds.MAX_LENGTH + 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenantId");
    assertThatThrownBy(() -> manager.destroy("bad\uD800"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("surrogate");
    assertThat(factory.destroyed).isEmpty();
    manager.close();
    assertThatThrownBy(() -> manager.destroy(tenant("a")))
        .isInstanceOf(ManagerClosedException.class);
    assertThat(factory.destroyed).isEmpty();
  }

  @Test
  void aFailedDestroyIsReportedWithTheTenantAndCanBeRetried() {
    ObservedFactory factory = new ObservedFactory(newFactory());
    Manager manager = manager(ManagerConfig.defaults(), factory);
    Cache cache = manager.get(tenant("a"));
    cache.set("k", bytes("v"), TTL);
    factory.failNextDestroy.set(1);
    assertThatThrownBy(() -> manager.destroy(tenant("a")))
        .isInstanceOf(CacheOperationException.class)
        .hasMessageContaining(tenant("a"))
        .hasRootCauseMessage("backend unavailable");
    assertThat(stat(manager, StatsKeys.ERRORS)).isEqualTo(1);
    assertThat(text(cache.get("k"))).as("nothing was deleted").isEqualTo("v");

    manager.destroy(tenant("a"));
    assertThat(cache.get("k")).isEmpty();
  }

  @Test
  void destroyRacingHandlesAndGetsLeavesOnlyAcknowledgedWritesAfterIt() throws Exception {
    ObservedFactory factory = new ObservedFactory(newFactory());
    Manager manager = manager(ManagerConfig.builder().maxTenants(2).build(), factory);
    String id = tenant("raced");
    Cache held = manager.get(id);
    int writers = 3;
    CyclicBarrier start = new CyclicBarrier(writers + 1);
    CountDownLatch destroyed = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      List<Future<String>> afterDestroy = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        afterDestroy.add(pool.submit(() -> {
          start.await();
          Cache cache = writer == 0 ? held : manager.get(id);
          for (int i = 0; destroyed.getCount() > 0; i++) {
            cache.set("w" + writer, bytes("before-" + i), TTL); // may be deleted: raced
            manager.get(tenant("other-" + writer + "-" + (i % 3))); // LRU churn meanwhile
          }
          cache.set("w" + writer, bytes("after"), TTL); // started after destroy returned
          return text(manager.get(id).get("w" + writer));
        }));
      }
      start.await();
      manager.destroy(id);
      destroyed.countDown();
      for (Future<String> f : afterDestroy) {
        assertThat(f.get(AWAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("after");
      }
    } finally {
      destroyed.countDown();
      pool.shutdownNow();
    }
    assertThat(factory.destroyed).containsExactly(id);
  }

  @Test
  void destroyRacingCloseEitherCompletesOrThrowsManagerClosedAndLeavesNothingOpen()
      throws Exception {
    for (int round = 0; round < 10; round++) {
      ObservedFactory factory = new ObservedFactory(newFactory());
      Manager manager = manager(ManagerConfig.builder().maxTenants(0).build(), factory);
      int tenants = 6;
      for (int t = 0; t < tenants; t++) {
        manager.get(tenant(round + "-" + t)).set("k", bytes("v"), TTL);
      }
      CyclicBarrier start = new CyclicBarrier(tenants + 1);
      ExecutorService pool = Executors.newFixedThreadPool(tenants);
      try {
        List<Future<String>> outcomes = new ArrayList<>();
        for (int t = 0; t < tenants; t++) {
          String id = tenant(round + "-" + t);
          outcomes.add(pool.submit(() -> {
            start.await();
            try {
              manager.destroy(id);
              return "destroyed";
            } catch (ManagerClosedException e) {
              return "closed";
            } catch (RuntimeException e) {
              return id + ": " + e;
            }
          }));
        }
        start.await();
        manager.close();
        for (Future<String> outcome : outcomes) {
          assertThat(outcome.get(AWAIT.toSeconds(), TimeUnit.SECONDS))
              .isIn("destroyed", "closed");
        }
      } finally {
        pool.shutdownNow();
      }
      await().atMost(AWAIT).untilAsserted(() ->
          assertThat(factory.closed).hasSameSizeAs(factory.opened));
    }
  }

  // ---- health and stats of a handle whose tenant is not attached ---------------------------

  @Test
  void healthAndStatsOfARemovedTenantNeitherReattachNorCountIt() {
    ObservedFactory factory = new ObservedFactory(newFactory());
    Manager manager = manager(ManagerConfig.defaults(), factory);
    Cache cache = manager.get(tenant("a"));
    cache.set("k", bytes("v"), TTL);
    assertThat(cache.stats()).containsEntry("tenant", tenant("a"))
        .containsEntry("attached", true).containsEntry(StatsKeys.SETS, 1L);
    manager.remove(tenant("a"));
    await().atMost(AWAIT).until(() -> factory.closed.contains(tenant("a")));

    cache.health();
    Map<String, Object> stats = cache.stats();

    assertThat(stat(manager, StatsKeys.TOTAL_CREATED)).isEqualTo(1);
    assertThat(stat(manager, StatsKeys.ACTIVE_TENANTS)).isZero();
    assertThat(factory.opened).containsExactly(tenant("a"));
    assertThat(stats).containsEntry("tenant", tenant("a")).containsEntry("attached", false)
        .containsEntry(StatsKeys.SETS, 0L).containsEntry(StatsKeys.HITS, 0L);
    assertThat(text(cache.get("k"))).isEqualTo("v"); // a data call re-attaches, as before
    assertThat(stat(manager, StatsKeys.TOTAL_CREATED)).isEqualTo(2);
  }

  @Test
  void healthAndStatsOfAHandleThrowCacheClosedOnceTheManagerIsClosed() {
    Manager manager = manager(ManagerConfig.defaults(), new ObservedFactory(newFactory()));
    Cache cache = manager.get(tenant("a"));
    manager.close();
    assertThatThrownBy(cache::health).isInstanceOf(CacheClosedException.class);
    assertThatThrownBy(cache::stats).isInstanceOf(CacheClosedException.class);
  }

  @Test
  void statsReportTheConfiguration() {
    Manager manager = manager(
        ManagerConfig.builder().maxTenants(7).idleTtl(Duration.ofSeconds(90)).build(),
        new ObservedFactory(newFactory()));
    Map<String, Object> stats = manager.stats();
    assertThat(stats).containsKeys(StatsKeys.ACTIVE_TENANTS, StatsKeys.TOTAL_CREATED,
        StatsKeys.LRU_EVICTIONS, StatsKeys.IDLE_CLEANUPS, StatsKeys.ERRORS);
    assertThat(stats.get(StatsKeys.MAX_SIZE)).isEqualTo(7L);
    assertThat(stats.get(StatsKeys.IDLE_TTL_MS)).isEqualTo(90_000L);
  }

  /** Wraps the backend's factory to record opens and closes and to inject failures. */
  static final class ObservedFactory implements TenantCacheFactory {
    final TenantCacheFactory delegate;
    final List<String> opened = new CopyOnWriteArrayList<>();
    final List<String> closing = new CopyOnWriteArrayList<>();
    final List<String> closed = new CopyOnWriteArrayList<>();
    final Map<String, CountDownLatch> closeGate = new ConcurrentHashMap<>();
    final List<String> destroyed = new CopyOnWriteArrayList<>();
    final AtomicInteger failNextOpen = new AtomicInteger();
    final AtomicInteger failNextDestroy = new AtomicInteger();
    volatile boolean factoryClosed;

    ObservedFactory(TenantCacheFactory delegate) {
      this.delegate = delegate;
    }

    @Override
    public Cache open(String tenantId) {
      if (failNextOpen.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IllegalStateException("backend unavailable");
      }
      Cache cache = delegate.open(tenantId);
      opened.add(tenantId);
      return new ObservedCache(cache, tenantId, this);
    }

    @Override
    public void destroy(String tenantId) {
      if (failNextDestroy.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IllegalStateException("backend unavailable");
      }
      delegate.destroy(tenantId);
      destroyed.add(tenantId);
    }

    @Override
    public void health(String tenantId) {
      delegate.health(tenantId);
    }

    @Override
    public void close() {
      factoryClosed = true;
      delegate.close();
    }
  }

  /** A tenant cache whose close is recorded, and held back while the tenant's gate is shut. */
  private static final class ObservedCache implements Cache {
    private final Cache delegate;
    private final String tenantId;
    private final ObservedFactory factory;

    ObservedCache(Cache delegate, String tenantId, ObservedFactory factory) {
      this.delegate = delegate;
      this.tenantId = tenantId;
      this.factory = factory;
    }

    @Override
    public Optional<byte[]> get(String key) {
      return delegate.get(key);
    }

    @Override
    public void set(String key, byte[] value, Duration ttl) {
      delegate.set(key, value, ttl);
    }

    @Override
    public void delete(String key) {
      delegate.delete(key);
    }

    @Override
    public dev.cachebricks.GetOrSetResult getOrSet(String key, byte[] value, Duration ttl) {
      return delegate.getOrSet(key, value, ttl);
    }

    @Override
    public boolean compareAndSet(String key, byte[] expected, byte[] newValue, Duration ttl) {
      return delegate.compareAndSet(key, expected, newValue, ttl);
    }

    @Override
    public boolean compareAndDelete(String key, byte[] expected) {
      return delegate.compareAndDelete(key, expected);
    }

    @Override
    public void health() {
      delegate.health();
    }

    @Override
    public Map<String, Object> stats() {
      return delegate.stats();
    }

    @Override
    public dev.cachebricks.AsyncCache async() {
      return delegate.async();
    }

    @Override
    public void close() {
      factory.closing.add(tenantId);
      CountDownLatch gate = factory.closeGate.get(tenantId);
      if (gate != null) {
        try {
          gate.await(AWAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      delegate.close();
      factory.closed.add(tenantId);
    }
  }
}
