package dev.cachebricks.recipes;

import dev.cachebricks.Cache;
import dev.cachebricks.contract.CacheLockContract;
import dev.cachebricks.testing.InMemoryCache;

/** {@link CacheLock} on {@link InMemoryCache}. */
class InMemoryCacheLockContractTest extends CacheLockContract {

  private final InMemoryCache shared = InMemoryCache.create();

  @Override
  protected Cache newCache() {
    return shared.newHandle();
  }
}
