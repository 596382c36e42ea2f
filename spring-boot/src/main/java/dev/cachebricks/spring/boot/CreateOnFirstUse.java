package dev.cachebricks.spring.boot;

import java.net.URI;
import java.util.Objects;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.Configuration;
import javax.cache.spi.CachingProvider;

/**
 * The JSR-107 CacheManager that Spring's {@code JCacheCacheManager} sees when the starter runs
 * it: {@link #getCache(String)} of a cache that does not exist creates it, with the
 * configuration Spring Boot gives the caches of {@code spring.cache.cache-names}, as Boot's
 * simple cache creates its caches on first use. Every other call, and {@code getCache} of a
 * cache that exists (listed, created by the application, declared in the member's
 * configuration), goes to the provider's CacheManager unchanged.
 *
 * <p>Only Spring's cache manager holds this view; the {@code javax.cache.CacheManager} bean
 * keeps the JSR-107 rule that {@code getCache} of an unknown name returns null. Thread-safe:
 * when two threads, or two applications on one cluster, first use one name together, one
 * creates the cache and the other gets it.
 */
final class CreateOnFirstUse implements CacheManager {

  private final CacheManager delegate;
  private final Configuration<?, ?> defaults;

  CreateOnFirstUse(CacheManager delegate, Configuration<?, ?> defaults) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.defaults = Objects.requireNonNull(defaults, "defaults");
  }

  /**
   * Returns the cache, creating it with the default configuration when no cache of that name
   * exists.
   */
  @Override
  @SuppressWarnings("unchecked")
  public <K, V> Cache<K, V> getCache(String cacheName) {
    Cache<K, V> cache = delegate.getCache(cacheName);
    if (cache != null) {
      return cache;
    }
    try {
      return delegate.createCache(cacheName, (Configuration<K, V>) defaults);
    } catch (CacheException e) {
      // Created by another thread or process between the two calls ("already exists").
      Cache<K, V> created = delegate.getCache(cacheName);
      if (created == null) {
        throw e;
      }
      return created;
    }
  }

  @Override
  public <K, V> Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
    return delegate.getCache(cacheName, keyType, valueType);
  }

  @Override
  public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(
      String cacheName, C configuration) {
    return delegate.createCache(cacheName, configuration);
  }

  @Override
  public CachingProvider getCachingProvider() {
    return delegate.getCachingProvider();
  }

  @Override
  public URI getURI() {
    return delegate.getURI();
  }

  @Override
  public ClassLoader getClassLoader() {
    return delegate.getClassLoader();
  }

  @Override
  public Properties getProperties() {
    return delegate.getProperties();
  }

  @Override
  public Iterable<String> getCacheNames() {
    return delegate.getCacheNames();
  }

  @Override
  public void destroyCache(String cacheName) {
    delegate.destroyCache(cacheName);
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
    delegate.close();
  }

  @Override
  public boolean isClosed() {
    return delegate.isClosed();
  }

  @Override
  public <T> T unwrap(Class<T> clazz) {
    return clazz.isInstance(this) ? clazz.cast(this) : delegate.unwrap(clazz);
  }

  @Override
  public String toString() {
    return "CreateOnFirstUse[" + delegate + "]";
  }
}
