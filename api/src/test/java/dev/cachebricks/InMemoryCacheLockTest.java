package dev.cachebricks;

import dev.cachebricks.contract.CacheLockContract;

/** {@link CacheLock} on {@link InMemoryCache}. */
class InMemoryCacheLockTest extends CacheLockContract {

  private final InMemoryCache shared = InMemoryCache.create();

  @Override
  protected Cache newCache() {
    return shared.newHandle();
  }
}
