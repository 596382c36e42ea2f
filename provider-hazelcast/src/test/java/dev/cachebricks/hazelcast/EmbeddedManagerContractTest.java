package dev.cachebricks.hazelcast;

import dev.cachebricks.contract.ManagerContract;
import dev.cachebricks.tenant.TenantCacheFactory;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The {@link dev.cachebricks.tenant.Manager} contract with tenants on an embedded member. */
class EmbeddedManagerContractTest extends ManagerContract {

  private static HazelcastBackend backend;

  @BeforeAll
  static void startMember() {
    backend = HazelcastBackend.start(HazelcastConfig.builder()
        .clusterName("cb-test-" + UUID.randomUUID()).build());
  }

  @AfterAll
  static void stopMember() {
    backend.close();
  }

  @Override
  protected TenantCacheFactory newFactory() {
    return backend.tenantFactory();
  }
}
