package dev.cachebricks.jcache;

import com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider;
import dev.cachebricks.Cache;
import dev.cachebricks.contract.CacheContract;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The {@link Cache} contract on {@link JCacheBackedCache} over Caffeine's JSR-107 provider: the
 * provider swap a Caffeine user makes, with no Hazelcast on the classpath.
 */
class CaffeineJCacheBackedCacheContractTest extends CacheContract {

  private static CaffeineCachingProvider provider;
  private static javax.cache.Cache<String, byte[]> jcache;

  @BeforeAll
  static void start() {
    provider = new CaffeineCachingProvider();
    CacheManager manager = provider.getCacheManager();
    jcache = manager.createCache("caffeine-contract",
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
