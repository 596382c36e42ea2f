package dev.cachebricks.hazelcast;

import dev.cachebricks.contract.ClassResource;
import dev.cachebricks.contract.ManagerContract;
import dev.cachebricks.tenant.TenantCacheFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link dev.cachebricks.tenant.Manager} contract with tenants on an embedded member. */
class EmbeddedManagerContractTest extends ManagerContract {

  @RegisterExtension
  static final ClassResource<HazelcastBackend> backend =
      new ClassResource<>(TestSettings::embeddedMember);

  @Override
  protected TenantCacheFactory newFactory() {
    return backend.get().tenantFactory();
  }
}
