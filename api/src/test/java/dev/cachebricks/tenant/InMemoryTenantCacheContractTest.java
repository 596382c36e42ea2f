package dev.cachebricks.tenant;

import dev.cachebricks.Cache;
import dev.cachebricks.contract.CacheContract;
import org.junit.jupiter.api.AfterEach;

/**
 * The {@link Cache} contract on the tenant handle users hold ({@link Manager#get(String)}), on
 * a manager so small that every other test evicts the tenant under the handle.
 */
class InMemoryTenantCacheContractTest extends CacheContract {

  private final Manager manager =
      TenantManager.inMemory(ManagerConfig.builder().maxTenants(1).build());
  private int opened;

  @Override
  protected Cache newCache() {
    // Opening a neighbour evicts the tenant under test: its handle must re-attach.
    if (opened++ > 0) {
      manager.get("neighbour-" + opened);
    }
    return manager.get("tenant-under-test");
  }

  @AfterEach
  void closeManager() {
    manager.close();
  }
}
