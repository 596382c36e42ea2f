package dev.cachebricks.hazelcast.jcache;

import dev.cachebricks.hazelcast.HazelcastConfig;
import dev.cachebricks.hazelcast.internal.CacheConfigs;
import dev.cachebricks.hazelcast.internal.CacheManagerRegistry;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.Configuration;
import javax.cache.spi.CachingProvider;

/**
 * A JSR-107 {@link CacheManager} of {@link CachebricksCachingProvider}: Hazelcast's manager
 * underneath, shared through the instance's registry with every other cachebricks component on
 * the same instance, with identities that point back into the cachebricks family (its provider
 * is the cachebricks provider, its caches' manager is this one). {@link #unwrap(Class)} reaches
 * the Hazelcast manager.
 *
 * <p>Closing this manager closes its caches and releases its share of Hazelcast's manager; the
 * data stays in the cluster, and other components keep using the same caches.
 */
public final class CachebricksCacheManager implements CacheManager {

  private final CachebricksCachingProvider provider;
  private final CacheManagerRegistry.Lease lease;
  private final URI uri;
  private final WeakReference<ClassLoader> classLoader; // never pins an application's loader
  private final Properties properties;
  private final HazelcastConfig settings;
  private final Map<String, CachebricksCache<?, ?>> caches = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  CachebricksCacheManager(CachebricksCachingProvider provider, CacheManagerRegistry.Lease lease,
      URI uri, ClassLoader classLoader, Properties properties, HazelcastConfig settings) {
    this.provider = provider;
    this.lease = lease;
    this.uri = uri;
    this.classLoader = new WeakReference<>(classLoader);
    this.properties = properties;
    this.settings = settings;
  }

  @Override
  public CachingProvider getCachingProvider() {
    return provider;
  }

  @Override
  public URI getURI() {
    return uri;
  }

  @Override
  public ClassLoader getClassLoader() {
    return classLoader.get();
  }

  @Override
  public Properties getProperties() {
    return properties;
  }

  /**
   * {@inheritDoc}
   *
   * <p>A Hazelcast {@code CacheConfig} is used as given. Any other configuration is created with
   * this manager's entry bound ({@code cachebricks.hazelcast.max-entries}) and backups
   * ({@code cachebricks.hazelcast.backup-count}), keeping all of its JSR-107 settings.
   */
  @Override
  public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(
      String cacheName, C configuration) {
    return open(cacheName, manager -> {
      Cache<K, V> cache = manager.createCache(cacheName,
          CacheConfigs.forJCache(configuration, settings));
      // A cache that already exists in the cluster (created before the last CacheManager of this
      // URI closed, or by another process) comes back as the instance's existing proxy, still
      // closed by that close; only getCache reopens it.
      return cache.isClosed()
          ? manager.getCache(cacheName, configuration.getKeyType(), configuration.getValueType())
          : cache;
    });
  }

  @Override
  public <K, V> Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
    return open(cacheName, manager -> manager.getCache(cacheName, keyType, valueType));
  }

  @Override
  public <K, V> Cache<K, V> getCache(String cacheName) {
    return open(cacheName, manager -> manager.getCache(cacheName));
  }

  /**
   * Looks up or creates a cache under the URI's lock and returns its one open view in this
   * manager, counting a new view with the registry when there was none.
   */
  @SuppressWarnings("unchecked")
  private <K, V> Cache<K, V> open(String cacheName, Function<CacheManager, Cache<K, V>> lookup) {
    ensureOpen();
    return lease.locked(manager -> {
      Cache<K, V> cache = lookup.apply(manager);
      if (cache == null) {
        return null;
      }
      CachebricksCache<?, ?> existing = caches.get(cache.getName());
      if (existing != null && existing.delegate() == cache && !existing.isClosed()) {
        return (Cache<K, V>) existing;
      }
      lease.addView(cache.getName(), cache);
      CachebricksCache<K, V> view = new CachebricksCache<>(this, cache);
      caches.put(cache.getName(), view);
      if (existing != null) {
        existing.close(); // its proxy was destroyed and replaced
      }
      return view;
    });
  }

  /** Called once by a cache view that closes: the last view of a cache closes its proxy. */
  void closed(CachebricksCache<?, ?> cache) {
    caches.remove(cache.getName(), cache);
    if (!lease.isReleased()) {
      lease.closeView(cache.getName());
    }
  }

  @Override
  public Iterable<String> getCacheNames() {
    ensureOpen();
    return lease.locked(CacheManager::getCacheNames);
  }

  @Override
  public void destroyCache(String cacheName) {
    ensureOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    lease.locked(manager -> {
      manager.destroyCache(cacheName);
      CachebricksCache<?, ?> view = caches.get(cacheName);
      if (view != null) {
        view.close();
      }
      return null;
    });
  }

  @Override
  public void enableManagement(String cacheName, boolean enabled) {
    ensureOpen();
    lease.locked(manager -> {
      manager.enableManagement(cacheName, enabled);
      return null;
    });
  }

  @Override
  public void enableStatistics(String cacheName, boolean enabled) {
    ensureOpen();
    lease.locked(manager -> {
      manager.enableStatistics(cacheName, enabled);
      return null;
    });
  }

  /**
   * Closes this manager's caches and releases its share of Hazelcast's CacheManager (the last
   * share closes it). Data stays in the cluster. Idempotent; never throws once the instance is
   * gone.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    provider.released(this);
    List<CachebricksCache<?, ?>> open = new ArrayList<>(caches.values());
    try {
      for (CachebricksCache<?, ?> cache : open) {
        try {
          cache.close();
        } catch (RuntimeException ignored) {
          // the instance stopped under us: nothing left to release
        }
      }
    } finally {
      caches.clear();
      lease.release();
    }
  }

  @Override
  public boolean isClosed() {
    return closed.get() || lease.cacheManager().isClosed();
  }

  private void ensureOpen() {
    if (isClosed()) {
      throw new IllegalStateException("CacheManager " + uri + " is closed");
    }
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
    CacheManager delegate = lease.cacheManager();
    if (clazz.isInstance(delegate)) {
      return clazz.cast(delegate);
    }
    return delegate.unwrap(clazz);
  }

  @Override
  public String toString() {
    return "CachebricksCacheManager[" + uri + "]";
  }
}
