package dev.cachebricks.hazelcast.internal;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.cache.impl.HazelcastServerCachingProvider;
import com.hazelcast.client.cache.impl.HazelcastClientCachingProvider;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.CacheConfigException;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.cache.CacheManager;
import javax.cache.spi.CachingProvider;

/**
 * The one owner of JCache state on a Hazelcast instance: every {@code HazelcastBackend}, tenant
 * manager and JSR-107 provider on one instance acquires its CacheManagers here.
 *
 * <p>Why it exists: Hazelcast keeps one cache proxy per cache name per instance, and that proxy
 * belongs to one CacheManager at a time ("Cannot overwrite a Cache's CacheManager"). Two
 * components that each created their own CacheManager for the same URI would therefore fail on
 * the second open, and a component that closed its manager while another opened a new one would
 * race it. Here a CacheManager per (URI, class loader) is shared and reference counted by
 * {@link Lease}s; it is created, and closed when its last lease is released, under that URI's
 * lock, so an open can never overlap a close. Within a manager, each cache proxy is counted the
 * same way ({@link Lease#addView}, {@link Lease#closeView}), so closing one user's view of a
 * cache never closes the proxy under another user.
 *
 * <p>The registry lives in the instance's user context while it has leases, and removes itself
 * when the last one is released (so it never pins a class loader after its users are gone).
 *
 * <p>Thread-safe. Internal: not part of the public API.
 */
public final class CacheManagerRegistry {

  private static final String USER_CONTEXT_KEY = CacheManagerRegistry.class.getName();

  private final HazelcastInstance instance;
  private final CachingProvider provider;
  private final Map<Key, Slot> slots = new HashMap<>(); // guarded by itself
  private boolean retired; // guarded by slots

  private CacheManagerRegistry(HazelcastInstance instance) {
    this.instance = instance;
    this.provider = isClient(instance)
        ? new HazelcastClientCachingProvider(instance)
        : new HazelcastServerCachingProvider(instance);
  }

  /**
   * Tells whether an instance is a client (its local endpoint is not a cluster member).
   *
   * @param instance the instance
   * @return true for a client
   */
  public static boolean isClient(HazelcastInstance instance) {
    return !(instance.getLocalEndpoint() instanceof Member);
  }

  /**
   * Acquires the shared CacheManager of {@code uri} on {@code instance}, creating it if this is
   * the first lease. Release the lease exactly once.
   *
   * @param instance the Hazelcast instance
   * @param uri the CacheManager URI
   * @param classLoader a non-default class loader, or null for the default (cache names then
   *     stay the same in every JVM)
   * @return a lease on the manager
   * @throws CacheConfigException if another copy of cachebricks, loaded by another class loader,
   *     owns JCache state on this instance
   * @throws RuntimeException whatever Hazelcast throws when it cannot create the manager
   */
  public static Lease acquire(HazelcastInstance instance, URI uri, ClassLoader classLoader) {
    Objects.requireNonNull(instance, "instance must not be null");
    Objects.requireNonNull(uri, "uri must not be null");
    Key key = new Key(uri, classLoader);
    while (true) {
      Lease lease = of(instance).tryAcquire(key);
      if (lease != null) {
        return lease;
      }
      // That registry retired itself between the lookup and the acquire: take the next one.
    }
  }

  private static CacheManagerRegistry of(HazelcastInstance instance) {
    ConcurrentMap<String, Object> context = instance.getUserContext();
    Object registry = context.computeIfAbsent(USER_CONTEXT_KEY,
        k -> new CacheManagerRegistry(instance));
    if (!(registry instanceof CacheManagerRegistry own)) {
      throw new CacheConfigException("instance", "its JCache state is owned by another copy of "
          + "cachebricks (loaded by " + registry.getClass().getClassLoader() + "); use one copy "
          + "per Hazelcast instance");
    }
    return own;
  }

  /** Returns a lease, or null if this registry retired and a fresh one must be used. */
  private Lease tryAcquire(Key key) {
    while (true) {
      Slot slot;
      synchronized (slots) {
        if (retired) {
          return null;
        }
        slot = slots.computeIfAbsent(key, Slot::new);
      }
      synchronized (slot) {
        if (slot.retired) {
          continue; // closed by its last release while we waited: a new slot replaces it
        }
        if (slot.manager == null) {
          try {
            slot.manager = provider.getCacheManager(key.uri, key.classLoader(),
                HazelcastCachingProvider.propertiesByInstanceItself(instance));
          } catch (RuntimeException e) {
            retire(slot);
            throw e;
          }
        }
        slot.leases++;
        return new Lease(this, slot);
      }
    }
  }

  /** Closes a slot's manager and removes it; the caller holds the slot's lock. */
  private void retire(Slot slot) {
    slot.retired = true;
    try {
      slot.openCaches.values().forEach(OpenCache::dropRestoredListener);
      if (slot.manager != null && instance.getLifecycleService().isRunning()) {
        closeManager(slot); // inside the slot's lock: no open of this URI can overlap it
      }
    } finally {
      synchronized (slots) {
        slots.remove(slot.key, slot);
        if (slots.isEmpty()) {
          retired = true;
          instance.getUserContext().remove(USER_CONTEXT_KEY, this);
        }
      }
    }
  }

  /**
   * Closes a slot's manager and drops it from the provider: {@code CacheManager.close()} alone
   * leaves the closed manager (and through it every proxy it opened) in the provider's map until
   * its URI is opened again, one per tenant ever attached. A key whose class loader was collected
   * cannot name its entry; its manager is only closed.
   */
  private void closeManager(Slot slot) {
    ClassLoader loader = slot.key.classLoader();
    if (slot.key.hasLoader() && loader == null) {
      slot.manager.close();
    } else {
      provider.close(slot.key.uri, loader);
      slot.manager.close(); // a no-op once the provider closed it; closes it if it was not mapped
    }
  }

  /**
   * One user's share of a CacheManager. Every method is atomic with respect to other leases of
   * the same URI.
   */
  public static final class Lease {
    private final CacheManagerRegistry registry;
    private final Slot slot;
    private final AtomicBoolean released = new AtomicBoolean();

    private Lease(CacheManagerRegistry registry, Slot slot) {
      this.registry = registry;
      this.slot = slot;
    }

    /**
     * Returns Hazelcast's CacheManager; valid until this lease is released. Do not close it:
     * release the lease.
     *
     * @return the manager
     */
    public CacheManager cacheManager() {
      return slot.manager;
    }

    /**
     * Runs {@code action} on the manager under this URI's lock, so that it never overlaps the
     * opening or closing of a cache or of the manager by another lease (opening a cache with
     * {@code getCache}/{@code createCache} plus {@link #addView}, {@code destroyCache}, ...).
     *
     * @param action what to run
     * @param <T> result type
     * @return its result
     * @throws IllegalStateException if this lease was released
     */
    public <T> T locked(java.util.function.Function<CacheManager, T> action) {
      synchronized (slot) {
        ensureHeld();
        return action.apply(slot.manager);
      }
    }

    /**
     * Counts one more open view of a cache of this manager; balance it with
     * {@link #closeView(String)}. Call it inside {@link #locked} with the cache just looked up
     * or created there.
     *
     * @param name the cache name
     * @param cache the cache proxy
     */
    public void addView(String name, javax.cache.Cache<?, ?> cache) {
      synchronized (slot) {
        ensureHeld();
        OpenCache open = slot.openCaches.get(name);
        if (open == null || open.cache != cache) {
          // first view, or the proxy was replaced (destroyed and created again)
          if (open != null) {
            open.dropRestoredListener();
          }
          open = new OpenCache(cache, open == null ? 0 : open.views);
          slot.openCaches.put(name, open);
          // A reopened near-cached proxy lacks its invalidation listener (a Hazelcast quirk).
          open.restored = NearCacheInvalidations.restore(cache);
        }
        open.views++;
      }
    }

    /**
     * Closes one view counted by {@link #addView}; the last view to close closes Hazelcast's
     * proxy (deregistering its listeners, a near cache's restored one included) and, on a client,
     * removes it and its near cache from the client ({@link ClientProxies}), so that a released
     * tenant leaves nothing behind. Data and configuration stay in the cluster.
     *
     * @param name the cache name
     */
    public void closeView(String name) {
      synchronized (slot) {
        OpenCache open = slot.openCaches.get(name);
        if (open == null || --open.views > 0) {
          return;
        }
        slot.openCaches.remove(name);
        if (!slot.retired && registry.instance.getLifecycleService().isRunning()) {
          open.dropRestoredListener();
          open.cache.close();
          ClientProxies.forget(slot.manager, open.cache);
        }
      }
    }

    /** Releases this lease; the last lease of a URI closes its CacheManager. Idempotent. */
    public void release() {
      if (!released.compareAndSet(false, true)) {
        return;
      }
      synchronized (slot) {
        if (--slot.leases == 0) {
          registry.retire(slot);
        }
      }
    }

    /**
     * Tells whether {@link #release()} was called.
     *
     * @return true once released
     */
    public boolean isReleased() {
      return released.get();
    }

    private void ensureHeld() {
      if (released.get()) {
        throw new IllegalStateException("lease released");
      }
    }
  }

  /**
   * A URI and a class loader, the loader held weakly: a manager an undeployed application forgot
   * to close must not pin that application's class loader. A key whose loader was collected is
   * equal only to itself.
   */
  private static final class Key {
    final URI uri;
    private final WeakReference<ClassLoader> loader; // null for the default class loader
    private final int hash;

    Key(URI uri, ClassLoader classLoader) {
      this.uri = uri;
      this.loader = classLoader == null ? null : new WeakReference<>(classLoader);
      this.hash = uri.hashCode() * 31 + System.identityHashCode(classLoader);
    }

    ClassLoader classLoader() {
      return loader == null ? null : loader.get();
    }

    boolean hasLoader() {
      return loader != null;
    }

    @Override
    public boolean equals(Object o) {
      if (o == this) {
        return true;
      }
      if (!(o instanceof Key other) || !uri.equals(other.uri)
          || (loader == null) != (other.loader == null)) {
        return false;
      }
      if (loader == null) {
        return true;
      }
      ClassLoader mine = loader.get();
      return mine != null && mine == other.loader.get();
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /**
   * A cache proxy, the number of open views of it, and the near cache invalidation listener
   * restored for it, if any; guarded by its slot.
   */
  private static final class OpenCache {
    final javax.cache.Cache<?, ?> cache;
    int views;
    NearCacheInvalidations.Registration restored;

    OpenCache(javax.cache.Cache<?, ?> cache, int views) {
      this.cache = cache;
      this.views = views;
    }

    void dropRestoredListener() {
      if (restored != null) {
        restored.remove();
        restored = null;
      }
    }
  }

  /** One URI's CacheManager and its counts; guarded by itself. */
  private static final class Slot {
    final Key key;
    final Map<String, OpenCache> openCaches = new HashMap<>();
    CacheManager manager;
    int leases;
    boolean retired;

    Slot(Key key) {
      this.key = key;
    }
  }
}
