package dev.cachebricks.hazelcast;

import dev.cachebricks.Cache;
import dev.cachebricks.contract.CacheLockContract;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The lock helper's contract on an embedded member. */
class EmbeddedCacheLockContractTest extends CacheLockContract {

  private static HazelcastBackend backend;
  private static final String NAME = "helpers-" + UUID.randomUUID();

  @BeforeAll
  static void start() {
    backend = HazelcastBackend.start(HazelcastConfig.builder()
        .clusterName("cb-test-" + UUID.randomUUID()).build());
  }

  @AfterAll
  static void stop() {
    backend.close();
  }

  @Override
  protected Cache newCache() {
    return backend.cache(NAME);
  }
}
