package dev.cachebricks.testing;

import dev.cachebricks.Cache;
import dev.cachebricks.contract.CacheContract;

/** The {@link Cache} contract on {@link InMemoryCache}. */
class InMemoryCacheContractTest extends CacheContract {

  private final InMemoryCache shared = InMemoryCache.create();

  @Override
  protected Cache newCache() {
    return shared.newHandle();
  }
}
