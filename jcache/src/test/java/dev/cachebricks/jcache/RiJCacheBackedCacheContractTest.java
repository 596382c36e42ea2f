package dev.cachebricks.jcache;

import dev.cachebricks.Cache;
import dev.cachebricks.contract.CacheContract;
import dev.cachebricks.contract.ClassResource;
import org.jsr107.ri.spi.RICachingProvider;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link Cache} contract on the portable path: {@link JCacheBackedCache} over the JSR-107
 * reference implementation, a provider with no per-entry expiry and by-identity array equality.
 * The standards-based provider swap: same contract, different JCache underneath.
 */
class RiJCacheBackedCacheContractTest extends CacheContract {

  @RegisterExtension
  static final ClassResource<BytesJCache> jcache =
      new ClassResource<>(() -> BytesJCache.open(new RICachingProvider(), "portable-contract"));

  @Override
  protected Cache newCache() {
    return JCacheBackedCache.adapt(jcache.get().cache());
  }
}
