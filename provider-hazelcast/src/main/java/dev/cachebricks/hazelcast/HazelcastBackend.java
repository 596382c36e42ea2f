package dev.cachebricks.hazelcast;

import com.hazelcast.cache.ICache;
import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.Cache;
import dev.cachebricks.CacheClosedException;
import dev.cachebricks.CacheConfigException;
import dev.cachebricks.CacheConnectionException;
import dev.cachebricks.CacheOperationException;
import dev.cachebricks.hazelcast.internal.Boot;
import dev.cachebricks.hazelcast.internal.CacheConfigs;
import dev.cachebricks.hazelcast.internal.CacheManagerRegistry;
import dev.cachebricks.hazelcast.internal.ConnectionState;
import dev.cachebricks.hazelcast.internal.Delivery;
import dev.cachebricks.hazelcast.internal.HazelcastErrors;
import dev.cachebricks.hazelcast.internal.Liveness;
import dev.cachebricks.hazelcast.internal.TenantUris;
import dev.cachebricks.tenant.Manager;
import dev.cachebricks.tenant.ManagerConfig;
import dev.cachebricks.tenant.TenantCacheFactory;
import dev.cachebricks.tenant.TenantManager;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.cache.CacheManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Hazelcast instance and the caches on it: the entry point of cachebricks on Hazelcast.
 *
 * <pre>{@code
 * try (HazelcastBackend backend = HazelcastBackend.start()) {    // embedded default
 *   Cache sessions = backend.cache("sessions");
 *   Manager tenants = backend.manager(ManagerConfig.defaults());
 * }
 * }</pre>
 *
 * <p>Three ways to start:
 *
 * <ul>
 *   <li>{@link #start()}: config from system properties and environment variables, else the
 *       embedded default — one member bound to 127.0.0.1 only, multicast and auto-detection
 *       off, phone-home off, never joining or exposing itself to other machines;
 *   <li>{@link #start(HazelcastConfig)}: an embedded member or a client, as configured;
 *   <li>{@link #of(HazelcastInstance)}: a member or client you manage, which
 *       {@link #close()} never shuts down.
 * </ul>
 *
 * Every cache gets an explicit configuration: BINARY in-memory format (so compare-and-set
 * compares bytes), statistics on, {@code backupCount} synchronous backups, and an ENTRY_COUNT
 * eviction bound of {@code maxEntriesPerCache}. Caches are reached through a privately created
 * JCache provider, never the JVM-wide {@code Caching} registry.
 *
 * <p>Thread-safe. {@link #close()} closes the caches and managers it handed out and stops the
 * instance if, and only if, this backend started it.
 */
public final class HazelcastBackend implements AutoCloseable {

  /** The CacheManager URI of caches opened with {@link #cache(String)}. */
  public static final URI NAMED_CACHES_URI = URI.create("cachebricks:caches");
  /** The name of a tenant's cache inside its tenant CacheManager. */
  public static final String TENANT_CACHE_NAME = "default";

  private static final Logger LOG = LoggerFactory.getLogger(HazelcastBackend.class);

  private final HazelcastInstance instance;
  private final boolean owned;
  private final boolean client;
  private final HazelcastConfig config;
  private final String address;
  private final Set<HazelcastCache> handles = new HashSet<>(); // guarded by itself
  private final ConnectionState connection;
  private final Delivery delivery;
  private final Liveness liveness;
  private final Set<String> reported = new HashSet<>(); // foreign-config warnings already given
  private volatile boolean closed;

  private HazelcastBackend(HazelcastInstance instance, boolean owned, HazelcastConfig config) {
    this.instance = instance;
    this.owned = owned;
    this.config = config;
    this.client = CacheManagerRegistry.isClient(instance);
    this.address = ConnectionState.describe(instance);
    this.connection = new ConnectionState(instance, address);
    this.delivery = config.asyncExecutor().map(Delivery::through)
        .orElseGet(Delivery::ownThreads);
    this.liveness = new Liveness(delivery, config.operationTimeout());
  }

  /**
   * Starts a backend configured by system properties and environment variables
   * ({@link HazelcastProperties#read()}), by default an embedded member on loopback.
   *
   * @return the started backend
   * @throws CacheConfigException if the configuration is invalid
   * @throws CacheConnectionException if a client cannot reach its cluster within the connect
   *     timeout
   */
  public static HazelcastBackend start() {
    return start(HazelcastProperties.read());
  }

  /**
   * Starts a backend: an embedded member, or a client connected to a cluster.
   *
   * @param config the config
   * @return the started backend
   * @throws CacheConfigException if a client YAML is invalid
   * @throws CacheConnectionException if a client cannot reach its cluster within the connect
   *     timeout
   */
  public static HazelcastBackend start(HazelcastConfig config) {
    Objects.requireNonNull(config, "config must not be null");
    return new HazelcastBackend(Boot.start(config), true, config);
  }

  /**
   * Uses an instance you manage (member or client); {@link #close()} leaves it running.
   *
   * @param instance the instance
   * @return a backend on it, with default config for timeouts and cache configuration
   */
  public static HazelcastBackend of(HazelcastInstance instance) {
    return of(instance, HazelcastConfig.embedded());
  }

  /**
   * Uses an instance you manage, with the given timeouts and cache configuration (the mode,
   * cluster name and addresses of {@code config} are ignored). Near caches are part of a
   * client's own configuration: configure them in your {@code ClientConfig}; caches with one
   * are served locally as with {@link HazelcastConfig.Builder#nearCache(String...)}, within the
   * time-to-live you gave them.
   *
   * @param instance the instance
   * @param config timeouts, eviction bound, backups and limits
   * @return a backend on it
   * @throws CacheConfigException if {@code config} names near caches, which cannot be added to
   *     an instance that is already running
   */
  public static HazelcastBackend of(HazelcastInstance instance, HazelcastConfig config) {
    Objects.requireNonNull(instance, "instance must not be null");
    Objects.requireNonNull(config, "config must not be null");
    if (config.nearCache().enabled()) {
      throw new CacheConfigException("nearCache.caches", "applies to clients cachebricks starts; "
          + "add a NearCacheConfig to your own instance's ClientConfig instead, was "
          + config.nearCache().caches());
    }
    return new HazelcastBackend(instance, false, config);
  }

  /**
   * Returns the Hazelcast instance behind this backend.
   *
   * @return the instance
   */
  public HazelcastInstance instance() {
    return instance;
  }

  /**
   * Checks this backend can serve, without a round trip (so it answers at once). Up means all
   * of: the instance runs; a client is connected to its cluster now; and no call of this
   * backend (on any of its caches) has failed for want of an answer (a timeout, a lost
   * connection) since the last call that succeeded. While such a failure stands, each check
   * also starts, at most once a second, a read of the failed key from the cluster in the
   * background, whose answer clears it: a backend with no traffic becomes healthy again once
   * the cluster answers. What every cache's {@code health()} checks, for callers that watch a
   * backend rather than a cache.
   *
   * @throws CacheConnectionException if it cannot serve
   * @throws CacheClosedException if this backend is closed
   */
  public void health() {
    if (closed) {
      throw new CacheClosedException();
    }
    check();
  }

  private void check() {
    connection.check();
    liveness.check(address);
  }

  /**
   * Returns the configuration this backend was started with.
   *
   * @return the configuration
   */
  public HazelcastConfig config() {
    return config;
  }

  /**
   * Opens a named cache shared by every process on the same cluster that opens the same name.
   * Closing the returned cache releases its local resources; the data stays in the cluster.
   *
   * @param name the cache name
   * @return an open cache
   * @throws CacheClosedException if this backend is closed
   */
  public Cache cache(String name) {
    Objects.requireNonNull(name, "name must not be null");
    return open(NAMED_CACHES_URI, name);
  }

  /**
   * Returns the factory that opens one tenant's cache: its own CacheManager, URI
   * {@code cachebricks:tenant:<percent-encoded id>}, so no two tenant ids share entries. Its
   * {@code destroy} deletes the tenant's cache (data and configuration) cluster-wide with
   * JCache's {@code destroyCache}; its {@code health} is this backend's {@link #health()}, which
   * opens nothing. {@code close()} on the factory does nothing; close this backend instead.
   *
   * @return the factory
   */
  public TenantCacheFactory tenantFactory() {
    return new TenantCacheFactory() {
      @Override
      public Cache open(String tenantId) {
        return HazelcastBackend.this.open(TenantUris.uri(tenantId), TENANT_CACHE_NAME);
      }

      @Override
      public void destroy(String tenantId) {
        HazelcastBackend.this.destroy(TenantUris.uri(tenantId), TENANT_CACHE_NAME);
      }

      @Override
      public void health(String tenantId) {
        HazelcastBackend.this.health();
      }
    };
  }

  /**
   * Returns a tenant manager on this backend. Closing the manager releases the tenants' local
   * resources but leaves this backend running.
   *
   * @param config the manager config
   * @return a new manager
   */
  public Manager manager(ManagerConfig config) {
    return TenantManager.create(config, tenantFactory());
  }

  /**
   * Closes every cache this backend opened (their data stays in the cluster) and stops the
   * instance if, and only if, this backend started it. Other backends, managers and JSR-107
   * providers on the same instance keep working. Idempotent.
   */
  @Override
  public void close() {
    List<HazelcastCache> open;
    synchronized (handles) {
      if (closed) {
        return;
      }
      closed = true;
      open = List.copyOf(handles);
      handles.clear();
    }
    for (HazelcastCache handle : open) {
      try {
        handle.close();
      } catch (RuntimeException e) {
        LOG.debug("closing {} failed", handle, e);
      }
    }
    try {
      if (owned) {
        instance.shutdown();
      }
    } finally {
      delivery.close(); // after the shutdown, which fails the calls still in flight
    }
  }

  @Override
  public String toString() {
    return "HazelcastBackend[" + (client ? "client" : "member") + " @ " + address
        + (owned ? "" : ", user instance") + "]";
  }

  // ---- internals -------------------------------------------------------------------------

  /**
   * Opens a cache through the instance's {@link CacheManagerRegistry}: each handle holds its own
   * lease on the URI's shared CacheManager and one open view of the cache, both released when
   * the handle closes. Everything that decides who holds Hazelcast's cache proxy is per
   * instance, so other backends, managers and the JSR-107 provider on it can open the same
   * caches at the same time.
   */
  private Cache open(URI uri, String name) {
    if (closed) {
      throw new CacheClosedException();
    }
    // Opening talks to the cluster (getCache, createCache) with no bound of Hazelcast's own
    // short of its 120 s invocation timeout, and a hung member never answers: the open runs on
    // a thread of its own, and the caller waits the operation timeout at most. An open that
    // completes after its caller gave up is closed at once.
    CompletableFuture<HazelcastCache> opening = new CompletableFuture<>();
    delivery.runBlocking(() -> {
      try {
        opening.complete(openNow(uri, name));
      } catch (Throwable t) {
        opening.completeExceptionally(t);
      }
    });
    Duration timeout = config.operationTimeout();
    try {
      return opening.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException failure ? failure : openFailed(name, e);
    } catch (TimeoutException e) {
      opening.thenAccept(HazelcastCache::close);
      throw new CacheOperationException("open", name, new TimeoutException(
          "cache not opened within " + timeout + " (operation timeout)"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      opening.thenAccept(HazelcastCache::close);
      throw new CacheOperationException("open", name, e);
    }
  }

  private HazelcastCache openNow(URI uri, String name) {
    CacheManagerRegistry.Lease lease;
    ICache<String, byte[]> cache;
    try {
      lease = CacheManagerRegistry.acquire(instance, uri, null);
    } catch (RuntimeException e) {
      throw openFailed(name, e);
    }
    try {
      cache = lease.locked(manager -> {
        // getCache first: createCache from another manager or JVM would silently return the
        // existing cache with its first configuration anyway.
        javax.cache.Cache<String, byte[]> found = typedCache(manager, name);
        if (found == null) {
          try {
            found = manager.createCache(name, CacheConfigs.forAdapter(config));
          } catch (javax.cache.CacheException createdMeanwhile) {
            found = typedCache(manager, name);
            if (found == null) {
              throw createdMeanwhile;
            }
          }
        }
        lease.addView(name, found);
        reportForeignConfig(uri, name, found);
        return found.unwrap(ICache.class);
      });
    } catch (RuntimeException e) {
      lease.release();
      throw openFailed(name, e);
    }
    HazelcastCache handle = new HazelcastCache(cache, address, config, this::check, delivery,
        liveness, closing -> {
          try {
            lease.closeView(name);
          } finally {
            lease.release();
            synchronized (handles) {
              handles.remove(closing);
            }
          }
        }, () -> closed);
    synchronized (handles) {
      if (!closed) {
        handles.add(handle);
        return handle;
      }
    }
    handle.close(); // close() ran while we opened: nothing may stay open
    throw new CacheClosedException();
  }

  /**
   * Deletes a cache cluster-wide (JCache {@code destroyCache}: data, configuration, and every
   * member's and this client's proxy), under the URI's lock so that no open of it here overlaps.
   * A cache that does not exist is left alone. Another component on this instance that still has
   * the cache open keeps a destroyed proxy, as with JCache's own {@code destroyCache}.
   */
  private void destroy(URI uri, String name) {
    if (closed) {
      throw new CacheClosedException();
    }
    CacheManagerRegistry.Lease lease;
    try {
      lease = CacheManagerRegistry.acquire(instance, uri, null);
    } catch (RuntimeException e) {
      throw HazelcastErrors.translate("destroy", name, address, e, closed);
    }
    try {
      lease.locked(manager -> {
        // Hazelcast's destroyCache deletes only a cache its manager has looked up.
        if (typedCache(manager, name) != null) {
          manager.destroyCache(name);
        }
        return null;
      });
    } catch (RuntimeException e) {
      throw HazelcastErrors.translate("destroy", name, address, e, closed);
    } finally {
      lease.release();
    }
  }

  @SuppressWarnings("unchecked")
  private static javax.cache.Cache<String, byte[]> typedCache(CacheManager manager, String name) {
    try {
      return manager.getCache(name, String.class, byte[].class);
    } catch (ClassCastException e) {
      throw new CacheConfigException("cache", "'" + name + "' exists with other key or value "
          + "types than String and byte[] (created through JSR-107?): " + e.getMessage(), e);
    }
  }

  /**
   * Warns when an existing cache has another configuration than the settings would create (a
   * cache declared in a member's configuration, or created by an application with other
   * settings): Hazelcast keeps the first configuration of a cache, so the settings do not apply
   * to it. Once per distinct difference per backend, so tenant churn cannot flood the log.
   */
  @SuppressWarnings("unchecked")
  private void reportForeignConfig(URI uri, String name, javax.cache.Cache<String, byte[]> found) {
    List<String> differences = CacheConfigs.differences(
        found.getConfiguration(com.hazelcast.config.CacheConfig.class), config);
    if (differences.isEmpty()) {
      return;
    }
    String summary = String.join("; ", differences);
    synchronized (reported) {
      if (reported.size() >= 100 || !reported.add(summary)) {
        return;
      }
    }
    LOG.warn("cache '{}' ({}) exists with a configuration the settings do not apply to, "
        + "declared on the members or created with other settings; Hazelcast keeps it: {}",
        name, uri, summary);
  }

  /** An open that failed: a {@code CacheException} as it is, anything else translated. */
  private RuntimeException openFailed(String name, Throwable e) {
    return HazelcastErrors.translate("open", name, address, e, closed);
  }

}
