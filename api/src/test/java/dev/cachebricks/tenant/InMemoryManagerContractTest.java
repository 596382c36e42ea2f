package dev.cachebricks.tenant;

import dev.cachebricks.contract.ManagerContract;
import dev.cachebricks.testing.InMemoryCache;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link Manager} contract on {@link TenantManager} over in-memory tenant caches. */
class InMemoryManagerContractTest extends ManagerContract {

  private final Map<String, InMemoryCache> stores = new ConcurrentHashMap<>();

  @Override
  protected TenantCacheFactory newFactory() {
    return tenantId -> stores.computeIfAbsent(tenantId, id -> InMemoryCache.create()).newHandle();
  }
}
