package dev.cachebricks.hazelcast;

import dev.cachebricks.Cache;
import dev.cachebricks.contract.CacheContract;
import dev.cachebricks.hazelcast.testing.Members;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The {@link Cache} contract through a Hazelcast client with a near cache on the cache under
 * test (default bounds): reads may be served locally, and every promise still holds.
 */
class NearCacheClientCacheContractTest extends CacheContract {

  private static Members cluster;
  private static HazelcastBackend client;
  private static final String NAME = "near-contract-" + UUID.randomUUID();

  @BeforeAll
  static void start() {
    cluster = Members.start(1);
    client = HazelcastBackend.start(TestSettings.generousBuilder()
        .clusterName(cluster.clusterName())
        .client(cluster.addresses().toArray(String[]::new))
        .nearCache(NAME)
        .build());
  }

  @AfterAll
  static void stop() {
    client.close();
    cluster.close();
  }

  @Override
  protected Cache newCache() {
    Cache cache = client.cache(NAME);
    if (!(((HazelcastCache) cache).ops() instanceof NearCacheOps)) {
      throw new AssertionError("expected a near-cached cache: " + cache);
    }
    return cache;
  }
}
