package dev.cachebricks.jcache;

import dev.cachebricks.Cache;
import dev.cachebricks.contract.CacheContract;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.jsr107.ri.spi.RICachingProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The {@link Cache} contract on the portable path: {@link JCacheBackedCache} over the JSR-107
 * reference implementation, a provider with no per-entry expiry and by-identity array equality.
 * The standards-based provider swap: same contract, different JCache underneath.
 */
class RiJCacheBackedCacheContractTest extends CacheContract {

  private static RICachingProvider provider;
  private static javax.cache.Cache<String, byte[]> jcache;

  @BeforeAll
  static void start() {
    provider = new RICachingProvider();
    CacheManager manager = provider.getCacheManager();
    jcache = manager.createCache("portable-contract",
        new MutableConfiguration<String, byte[]>().setTypes(String.class, byte[].class));
  }

  @AfterAll
  static void stop() {
    provider.close();
  }

  @Override
  protected Cache newCache() {
    return JCacheBackedCache.adapt(jcache);
  }
}
