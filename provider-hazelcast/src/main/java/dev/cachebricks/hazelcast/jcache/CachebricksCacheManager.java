package dev.cachebricks.hazelcast.jcache;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.Configuration;
import javax.cache.spi.CachingProvider;

/**
 * A JSR-107 {@link CacheManager} of {@link CachebricksCachingProvider}: Hazelcast's manager
 * underneath, with identities that point back into the cachebricks family (its provider is the
 * cachebricks provider, its caches' manager is this one). {@link #unwrap(Class)} reaches the
 * Hazelcast manager.
 */
public final class CachebricksCacheManager implements CacheManager {

  private final CachebricksCachingProvider provider;
  private final CacheManager delegate;
  private final URI uri;
  private final ClassLoader classLoader;
  private final Properties properties;
  private final Map<String, CachebricksCache<?, ?>> caches = new ConcurrentHashMap<>();

  CachebricksCacheManager(CachebricksCachingProvider provider, CacheManager delegate, URI uri,
      ClassLoader classLoader, Properties properties) {
    this.provider = provider;
    this.delegate = delegate;
    this.uri = uri;
    this.classLoader = classLoader;
    this.properties = properties;
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
    return classLoader;
  }

  @Override
  public Properties getProperties() {
    return properties;
  }

  @Override
  public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(String cacheName, C configuration) {
    return wrap(delegate.createCache(cacheName, configuration));
  }

  @Override
  public <K, V> Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
    return wrap(delegate.getCache(cacheName, keyType, valueType));
  }

  @Override
  public <K, V> Cache<K, V> getCache(String cacheName) {
    return wrap(delegate.getCache(cacheName));
  }

  @SuppressWarnings("unchecked")
  private <K, V> Cache<K, V> wrap(Cache<K, V> cache) {
    if (cache == null) {
      return null;
    }
    return (Cache<K, V>) caches.compute(cache.getName(), (name, existing) ->
        existing != null && existing.delegate() == cache ? existing : new CachebricksCache<>(this, cache));
  }

  @Override
  public Iterable<String> getCacheNames() {
    return delegate.getCacheNames();
  }

  @Override
  public void destroyCache(String cacheName) {
    delegate.destroyCache(cacheName);
    caches.remove(Objects.requireNonNull(cacheName, "cacheName"));
  }

  @Override
  public void enableManagement(String cacheName, boolean enabled) {
    delegate.enableManagement(cacheName, enabled);
  }

  @Override
  public void enableStatistics(String cacheName, boolean enabled) {
    delegate.enableStatistics(cacheName, enabled);
  }

  @Override
  public void close() {
    provider.released(this);
    delegate.close();
    caches.clear();
  }

  void closeQuietly() {
    try {
      delegate.close();
    } catch (RuntimeException ignored) {
      // closing after the instance stopped: nothing left to release
    }
    caches.clear();
  }

  @Override
  public boolean isClosed() {
    return delegate.isClosed();
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    if (clazz.isInstance(this)) {
      return clazz.cast(this);
    }
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
