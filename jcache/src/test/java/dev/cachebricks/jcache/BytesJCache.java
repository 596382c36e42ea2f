package dev.cachebricks.jcache;

import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

/**
 * A {@code String} to {@code byte[]} JCache made by a JSR-107 provider, closed with the provider:
 * what {@link JCacheBackedCache} adapts in the contract tests.
 *
 * @param provider the provider, closed by {@link #close()}
 * @param cache the cache
 */
record BytesJCache(CachingProvider provider, Cache<String, byte[]> cache)
    implements AutoCloseable {

  /** Creates the cache {@code name} in the provider's default cache manager. */
  static BytesJCache open(CachingProvider provider, String name) {
    return new BytesJCache(provider, provider.getCacheManager().createCache(name,
        new MutableConfiguration<String, byte[]>().setTypes(String.class, byte[].class)));
  }

  @Override
  public void close() {
    provider.close();
  }
}
