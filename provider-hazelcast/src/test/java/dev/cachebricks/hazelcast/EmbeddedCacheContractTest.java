package dev.cachebricks.hazelcast;

import dev.cachebricks.Cache;
import dev.cachebricks.contract.CacheContract;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The {@link Cache} contract on the embedded default: one member on loopback. */
class EmbeddedCacheContractTest extends CacheContract {

  private static HazelcastBackend backend;
  private static final String NAME = "contract-" + UUID.randomUUID();

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
  protected Cache newCache() {
    return backend.cache(NAME);
  }
}
