package dev.cachebricks.tenant;

import dev.cachebricks.contract.ManagerContract;

/** The {@link Manager} contract on {@link TenantManager} over in-memory tenant caches. */
class InMemoryManagerContractTest extends ManagerContract {

  @Override
  protected TenantCacheFactory newFactory() {
    return new TenantManager.InMemoryTenants();
  }
}
