package dev.cachebricks.micrometer;

import dev.cachebricks.Cache;
import dev.cachebricks.contract.CacheContract;
import dev.cachebricks.testing.InMemoryCache;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The {@link Cache} contract on the metered decorator users hold: metrics change nothing. */
class MeteredCacheContractTest extends CacheContract {

  private final InMemoryCache store = InMemoryCache.create();
  private final CacheMetrics metrics = CacheMetrics.builder(new SimpleMeterRegistry()).build();

  @Override
  protected Cache newCache() {
    return metrics.instrument(store.newHandle());
  }
}
