package dev.cachebricks.hazelcast;

import dev.cachebricks.Cache;
import dev.cachebricks.contract.CacheContract;
import dev.cachebricks.hazelcast.testing.Members;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The {@link Cache} contract through a Hazelcast client connected to one member. */
class ClientCacheContractTest extends CacheContract {

  private static Members cluster;
  private static HazelcastBackend client;
  private static final String NAME = "contract-" + UUID.randomUUID();

  @BeforeAll
  static void start() {
    cluster = Members.start(1);
    client = HazelcastBackend.start(TestSettings.generousBuilder()
        .clusterName(cluster.clusterName())
        .client(cluster.addresses().toArray(String[]::new))
        .build());
  }

  @AfterAll
  static void stop() {
    client.close();
    cluster.close();
  }

  @Override
  protected Cache newCache() {
    return client.cache(NAME);
  }
}
