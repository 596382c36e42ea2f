package dev.cachebricks.hazelcast;

import dev.cachebricks.Cache;
import dev.cachebricks.contract.CacheLockContract;
import dev.cachebricks.contract.ClassResource;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The lock helper's contract on an embedded member. */
class EmbeddedCacheLockContractTest extends CacheLockContract {

  @RegisterExtension
  static final ClassResource<HazelcastBackend> backend =
      new ClassResource<>(() -> HazelcastBackend.start(HazelcastConfig.builder()
          .clusterName("cb-test-" + UUID.randomUUID()).build()));
  private static final String NAME = "helpers-" + UUID.randomUUID();

  @Override
  protected Cache newCache() {
    return backend.get().cache(NAME);
  }
}
