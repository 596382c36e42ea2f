package dev.cachebricks.hazelcast;

import dev.cachebricks.Cache;
import dev.cachebricks.contract.CacheContract;
import dev.cachebricks.tenant.Manager;
import dev.cachebricks.tenant.ManagerConfig;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The {@link Cache} contract on the tenant handle users hold ({@link Manager#get(String)}) on an
 * embedded member, with a manager so small that every new test evicts the tenant under the
 * handles of the previous ones.
 */
class EmbeddedTenantCacheContractTest extends CacheContract {

  private static HazelcastBackend backend;
  private static Manager manager;
  private static int opened;
  private static final String TENANT = "contract-" + UUID.randomUUID();

  @BeforeAll
  static void startMember() {
    backend = HazelcastBackend.start(TestSettings.generousBuilder()
        .clusterName("cb-test-" + UUID.randomUUID()).build());
    manager = backend.manager(ManagerConfig.builder().maxTenants(1).build());
  }

  @AfterAll
  static void stopMember() {
    manager.close();
    backend.close();
  }

  @Override
  protected Cache newCache() {
    if (opened++ > 0) {
      manager.get(TENANT + "-neighbour-" + opened); // evicts the tenant under test
    }
    return manager.get(TENANT);
  }
}
