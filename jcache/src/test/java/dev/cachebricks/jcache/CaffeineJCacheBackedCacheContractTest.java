package dev.cachebricks.jcache;

import com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider;
import dev.cachebricks.Cache;
import dev.cachebricks.contract.CacheContract;
import dev.cachebricks.contract.ClassResource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link Cache} contract on {@link JCacheBackedCache} over Caffeine's JSR-107 provider: the
 * provider swap a Caffeine user makes, with no Hazelcast on the classpath.
 */
class CaffeineJCacheBackedCacheContractTest extends CacheContract {

  @RegisterExtension
  static final ClassResource<BytesJCache> jcache =
      new ClassResource<>(
          () -> BytesJCache.open(new CaffeineCachingProvider(), "caffeine-contract"));

  @Override
  protected Cache newCache() {
    return JCacheBackedCache.adapt(jcache.get().cache());
  }
}
