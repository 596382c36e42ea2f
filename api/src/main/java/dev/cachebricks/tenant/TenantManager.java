package dev.cachebricks.tenant;

import dev.cachebricks.Cache;
import dev.cachebricks.CacheClosedException;
import dev.cachebricks.CacheConfigException;
import dev.cachebricks.CacheConnectionException;
import dev.cachebricks.CacheException;
import dev.cachebricks.CacheOperationException;
import dev.cachebricks.ManagerClosedException;
import dev.cachebricks.Operation;
import dev.cachebricks.StatsKeys;
import dev.cachebricks.testing.InMemoryCache;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@link Manager} of cachebricks, on any backend: tenant bookkeeping (lazy single-flight
 * creation, LRU eviction, idle cleanup, re-attaching handles, stats) over a
 * {@link TenantCacheFactory} that opens one tenant's cache.
 *
 * <pre>{@code
 * try (Manager manager = TenantManager.inMemory(ManagerConfig.defaults())) {
 *   Cache acme = manager.get("acme");
 *   acme.set("k", v, Duration.ofMinutes(5));
 * }
 * }</pre>
 *
 * <p>Looking up an existing tenant reads a concurrent map and stamps the tenant's last use: no
 * global lock. Releasing a tenant (LRU, idle cleanup, {@link #remove(String)}) closes its
 * attachment on a background thread, so a slow close never blocks {@link #get(String)}.
 */
public final class TenantManager implements Manager {

  /** How long {@link #close()} waits for releases still running. */
  private static final long CLOSE_WAIT_SECONDS = 30;

  private final ManagerConfig config;
  private final TenantCacheFactory factory;
  private final InstantSource clock;
  /**
   * With the default system clock, idle time is read off the monotonic clock the LRU stamp reads
   * anyway ({@link #idleClock}): one clock read per lookup instead of two, and immune to
   * wall-clock steps. An injected clock is read as given.
   */
  private final boolean monotonicIdle;
  private final long originNanos = System.nanoTime();
  private final ConcurrentHashMap<String, Tenant> tenants = new ConcurrentHashMap<>();
  private final ExecutorService releaser;
  private final ScheduledExecutorService scheduler;
  private final LongAdder created = new LongAdder();
  private final LongAdder lruEvictions = new LongAdder();
  private final LongAdder idleCleanups = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final Object cleanupLock = new Object();
  private ScheduledFuture<?> cleanupTask; // guarded by cleanupLock
  private volatile boolean closed;

  private TenantManager(ManagerConfig config, TenantCacheFactory factory) {
    this.config = Objects.requireNonNull(config, "config must not be null");
    this.factory = Objects.requireNonNull(factory, "factory must not be null");
    this.clock = config.clock();
    this.monotonicIdle = clock == InstantSource.system();
    this.releaser = releaser();
    this.scheduler = Executors.newSingleThreadScheduledExecutor(daemon(
        "cachebricks-tenant-cleanup"));
  }

  /**
   * Creates a manager over a backend.
   *
   * @param config the manager settings
   * @param factory opens one tenant's cache; closed by {@link #close()}
   * @return a new manager
   */
  public static TenantManager create(ManagerConfig config, TenantCacheFactory factory) {
    return new TenantManager(config, factory);
  }

  /**
   * Creates a manager whose tenants are {@link InMemoryCache}s: for unit tests of multi-tenant
   * code. Tenant data survives eviction and cleanup, as it would in a real backend, and
   * {@link #destroy(String)} deletes it.
   *
   * @param config the manager settings
   * @return a new manager
   */
  public static TenantManager inMemory(ManagerConfig config) {
    return create(config, new InMemoryTenants());
  }

  /**
   * Returns this manager's configuration.
   *
   * @return the configuration
   */
  public ManagerConfig config() {
    return config;
  }

  @Override
  public Cache get(String tenantId) {
    TenantIds.requireValid(tenantId);
    attach(tenantId, ManagerClosedException::new);
    return new TenantCache(this, tenantId);
  }

  @Override
  public void remove(String tenantId) {
    Objects.requireNonNull(tenantId, "tenantId must not be null");
    ensureOpen();
    Tenant tenant = tenants.get(tenantId);
    if (tenant != null) {
      release(tenant, null);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Calls for the tenant (new attachments, handles re-attaching) wait while the destroy runs,
   * and the destroy waits for the closes of attachments released before it, so no attachment of
   * this manager has the tenant's cache open when the backend deletes it.
   */
  @Override
  public void destroy(String tenantId) {
    TenantIds.requireValid(tenantId);
    ensureOpen();
    long nowNanos = System.nanoTime();
    Tenant gate = new Tenant(tenantId, nowNanos, idleClock(nowNanos), true);
    Tenant previous = claim(gate);
    try {
      if (previous != null) {
        previous.released = true;
        previous.attachment.handle((cache, failure) -> cache).join(); // a creation in flight
        previous.attachment.thenAccept(this::closeLater);
      }
      awaitQueuedCloses(tenantId);
      if (closed) {
        throw new ManagerClosedException();
      }
      try {
        factory.destroy(tenantId);
      } catch (RuntimeException e) {
        errors.increment();
        if (closed) {
          throw new ManagerClosedException(); // close() shut the backend under us
        }
        throw new CacheOperationException("destroy tenant", tenantId, e);
      }
    } finally {
      tenants.remove(tenantId, gate);
      gate.attachment.complete(null); // waiters see a released tenant and attach afresh
    }
  }

  /**
   * Puts a destroy's gate in the tenant's place and returns the attachment it replaced, if any;
   * waits for another destroy of the same tenant to finish first.
   */
  private Tenant claim(Tenant gate) {
    while (true) {
      Tenant current = tenants.get(gate.id);
      if (current == null) {
        if (tenants.putIfAbsent(gate.id, gate) == null) {
          return null;
        }
      } else if (current.gate) {
        current.attachment.join(); // completes (with null) when that destroy ends
      } else if (tenants.replace(gate.id, current, gate)) {
        return current; // ours to close, as release() would
      }
    }
  }

  /** Waits until the release thread ran every close queued so far (it runs them in order). */
  private void awaitQueuedCloses(String tenantId) {
    try {
      releaser.submit(() -> { }).get();
    } catch (RejectedExecutionException e) {
      throw new ManagerClosedException();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CacheOperationException("destroy tenant", tenantId, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e); // an empty task cannot fail
    }
  }

  @Override
  public Map<String, Object> stats() {
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put(StatsKeys.ACTIVE_TENANTS, (long) tenants.size());
    stats.put(StatsKeys.TOTAL_CREATED, created.sum());
    stats.put(StatsKeys.LRU_EVICTIONS, lruEvictions.sum());
    stats.put(StatsKeys.IDLE_CLEANUPS, idleCleanups.sum());
    stats.put(StatsKeys.ERRORS, errors.sum());
    stats.put(StatsKeys.MAX_SIZE, (long) config.maxTenants());
    stats.put(StatsKeys.IDLE_TTL_MS, config.idleTtl().toMillis());
    return Collections.unmodifiableMap(stats);
  }

  @Override
  public void startCleanup(Duration interval) {
    Objects.requireNonNull(interval, "interval must not be null");
    if (interval.isNegative() || interval.isZero()) {
      throw new CacheConfigException("interval", "must be positive, was " + interval);
    }
    synchronized (cleanupLock) {
      ensureOpen();
      if (cleanupTask != null) {
        cleanupTask.cancel(false);
      }
      long nanos = interval.toNanos();
      cleanupTask = scheduler.scheduleWithFixedDelay(
          this::cleanupIdle, nanos, nanos, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void startCleanup() {
    startCleanup(config.cleanupInterval());
  }

  @Override
  public void close() {
    synchronized (cleanupLock) {
      if (closed) {
        return;
      }
      closed = true;
      if (cleanupTask != null) {
        cleanupTask.cancel(false);
      }
    }
    scheduler.shutdownNow();
    for (Tenant tenant : new ArrayList<>(tenants.values())) {
      release(tenant, null);
    }
    releaser.shutdown();
    try {
      if (!releaser.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        releaser.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      releaser.shutdownNow();
    } finally {
      factory.close();
    }
  }

  @Override
  public String toString() {
    return "TenantManager[tenants=" + tenants.size() + (closed ? ", closed]" : "]");
  }

  // ---- tenant lifecycle ------------------------------------------------------------------

  boolean isClosed() {
    return closed;
  }

  private void ensureOpen() {
    if (closed) {
      throw new ManagerClosedException();
    }
  }

  /**
   * Returns the live attachment of {@code tenantId}, creating it if needed (single-flight),
   * and stamps the tenant's last use.
   *
   * @param closedError what to throw when the manager is closed: {@link ManagerClosedException}
   *     for {@link #get}, {@link CacheClosedException} for a handle
   */
  Cache attach(String tenantId, java.util.function.Supplier<? extends CacheException> closedError) {
    while (true) {
      if (closed) {
        throw closedError.get();
      }
      Tenant tenant = tenants.get(tenantId);
      boolean creator = false;
      if (tenant == null) {
        long nowNanos = System.nanoTime();
        Tenant fresh = new Tenant(tenantId, nowNanos, idleClock(nowNanos));
        tenant = tenants.putIfAbsent(tenantId, fresh);
        if (tenant == null) {
          tenant = fresh;
          creator = true;
        }
      }
      if (creator) {
        open(tenant);
      }
      Cache cache;
      try {
        cache = await(tenant);
      } catch (CacheException e) {
        if (closed) {
          throw closedError.get(); // the creation failed because close() shut the backend
        }
        throw e;
      }
      if (cache == null) {
        continue; // released while we looked, or the creation we waited for failed and was retried
      }
      long nowNanos = System.nanoTime();
      tenant.touch(nowNanos, idleClock(nowNanos));
      if (closed) {
        // close() may have swept the map before our tenant was in it: release it ourselves.
        release(tenant, null);
        throw closedError.get();
      }
      return cache;
    }
  }

  /**
   * Returns the live attachment of {@code tenantId} if it has one, without creating it or
   * stamping its use (a health probe must not keep a tenant alive); null otherwise.
   */
  Cache attachedOrNull(String tenantId) {
    Tenant tenant = tenants.get(tenantId);
    if (tenant == null || tenant.released || !tenant.attachment.isDone()
        || tenant.attachment.isCompletedExceptionally()) {
      return null;
    }
    Cache cache = tenant.attachment.getNow(null);
    return tenant.released ? null : cache;
  }

  /** Checks the backend could serve an unattached tenant, without attaching it. */
  void healthOfUnattached(String tenantId) {
    try {
      factory.health(tenantId);
    } catch (CacheException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheConnectionException(Operation.HEALTH, "tenant " + tenantId, e);
    }
  }

  private void open(Tenant tenant) {
    Cache cache;
    try {
      cache = Objects.requireNonNull(factory.open(tenant.id), "factory returned null");
    } catch (RuntimeException e) {
      errors.increment();
      tenants.remove(tenant.id, tenant);
      tenant.attachment.completeExceptionally(new CacheOperationException("open tenant",
          tenant.id, e));
      return;
    }
    created.increment();
    tenant.attachment.complete(cache);
    evictIfOverSize(tenant);
  }

  /** Waits for the tenant's attachment; null if it was released meanwhile. */
  private Cache await(Tenant tenant) {
    CompletableFuture<Cache> attachment = tenant.attachment;
    Cache cache;
    try {
      cache = attachment.get(); // no wait once done: the hot path
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CacheOperationException("open tenant", tenant.id, e);
    } catch (ExecutionException e) {
      throw (CacheException) e.getCause(); // open() only ever fails it with one
    }
    return tenant.released ? null : cache;
  }

  /** The time idle tracking runs on, in milliseconds (see {@link #monotonicIdle}). */
  private long idleClock(long nowNanos) {
    return monotonicIdle ? (nowNanos - originNanos) / 1_000_000 : clock.millis();
  }

  private void evictIfOverSize(Tenant keep) {
    int max = config.maxTenants();
    if (max == 0) {
      return;
    }
    while (tenants.size() > max) {
      Tenant oldest = null;
      for (Tenant t : tenants.values()) {
        if (t != keep && t.attachment.isDone()
            && (oldest == null || t.lastUseNanos < oldest.lastUseNanos)) {
          oldest = t;
        }
      }
      if (oldest == null) {
        return; // the others are still being created; they will evict on completion
      }
      release(oldest, lruEvictions);
    }
  }

  private void cleanupIdle() {
    long idleMillis = config.idleTtl().toMillis();
    if (idleMillis == 0 || closed) {
      return;
    }
    long now = idleClock(System.nanoTime());
    for (Tenant tenant : tenants.values()) {
      if (tenant.attachment.isDone() && now - tenant.lastAccessMillis >= idleMillis) {
        release(tenant, idleCleanups);
      }
    }
  }

  /**
   * Removes a tenant from the map and closes its attachment in the background. Only the caller
   * that removed it counts it and closes it.
   */
  private void release(Tenant tenant, LongAdder counter) {
    if (!tenants.remove(tenant.id, tenant)) {
      return;
    }
    tenant.released = true;
    if (counter != null) {
      counter.increment();
    }
    tenant.attachment.thenAccept(this::closeLater);
  }

  /** Closes an attachment on the releaser thread, or right here once the releaser has stopped. */
  private void closeLater(Cache cache) {
    try {
      releaser.execute(() -> closeQuietly(cache));
    } catch (RejectedExecutionException e) {
      closeQuietly(cache); // a get() that raced with close(): nothing may stay open
    }
  }

  private void closeQuietly(Cache cache) {
    if (cache == null) {
      return; // a destroy's gate, swept by close()
    }
    try {
      cache.close();
    } catch (RuntimeException e) {
      errors.increment();
    }
  }

  /**
   * The thread that closes released attachments, started now rather than on the first release.
   * A lazily started pool thread can strand work: if the first release's {@code execute} is
   * still starting the thread when {@link #close()} shuts the pool down, the start is abandoned,
   * and the closes other threads queued meanwhile (counting on that thread) never run; close()
   * then waits its whole timeout and leaves those attachments open.
   */
  private static ExecutorService releaser() {
    ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), daemon("cachebricks-tenant-release"));
    pool.prestartCoreThread();
    return pool;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /**
   * Tenants as {@link InMemoryCache} stores, one per id; a destroyed tenant's store is dropped
   * (the manager opens none of it meanwhile), so the next open starts an empty one.
   */
  static final class InMemoryTenants implements TenantCacheFactory {
    private final Map<String, InMemoryCache> stores = new ConcurrentHashMap<>();

    @Override
    public Cache open(String tenantId) {
      return stores.computeIfAbsent(tenantId, id -> InMemoryCache.create()).newHandle();
    }

    @Override
    public void destroy(String tenantId) {
      stores.remove(tenantId);
    }

    @Override
    public void health(String tenantId) {
      // in-process: nothing that could be down, and nothing to open
    }
  }

  /** One tenant's attachment and usage stamps. */
  private static final class Tenant {
    final String id;
    /** A destroy's placeholder: never opened; calls for the tenant wait until it completes. */
    final boolean gate;
    final CompletableFuture<Cache> attachment = new CompletableFuture<>();
    volatile boolean released;
    volatile long lastUseNanos;
    volatile long lastAccessMillis;

    private static final java.lang.invoke.VarHandle LAST_USE;

    static {
      try {
        LAST_USE = java.lang.invoke.MethodHandles.lookup()
            .findVarHandle(Tenant.class, "lastUseNanos", long.class);
      } catch (ReflectiveOperationException e) {
        throw new ExceptionInInitializerError(e);
      }
    }

    Tenant(String id, long nowNanos, long nowMillis) {
      this(id, nowNanos, nowMillis, false);
    }

    Tenant(String id, long nowNanos, long nowMillis, boolean gate) {
      this.id = id;
      this.gate = gate;
      this.released = gate;
      this.lastUseNanos = nowNanos;
      this.lastAccessMillis = nowMillis;
    }

    void touch(long nowNanos, long nowMillis) {
      // A release store, not a volatile one: no fence on the hot path. Eviction reads the stamp
      // under no lock anyway, so it only needs to see a recent value, which release guarantees.
      LAST_USE.setRelease(this, nowNanos);
      if (nowMillis != lastAccessMillis) { // skip the write when unchanged: fewer shared stores
        lastAccessMillis = nowMillis;
      }
    }
  }
}
