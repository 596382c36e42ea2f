package dev.cachebricks.hazelcast;

import dev.cachebricks.Cache;
import dev.cachebricks.hazelcast.testing.Members;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Settings for test fixtures: a busy 2-core CI machine can take seconds for the first operations
 * on a fresh cluster (cache configs propagating, partitions assigned), so fixtures use a generous
 * operation timeout and warm every node up before the first test. Production keeps 5 s.
 */
final class TestSettings {

  private TestSettings() {}

  static HazelcastConfig.Builder generousBuilder() {
    return HazelcastConfig.builder().operationTimeout(Duration.ofSeconds(30));
  }

  static HazelcastConfig generous() {
    return generousBuilder().build();
  }

  /** Starts an embedded member (default settings) on a cluster name of its own. */
  static HazelcastBackend embeddedMember() {
    return HazelcastBackend.start(HazelcastConfig.builder()
        .clusterName("cb-test-" + UUID.randomUUID()).build());
  }

  /** Generous settings for a client of {@code cluster}. */
  static HazelcastConfig.Builder clientOf(Members cluster) {
    return generousBuilder().clusterName(cluster.clusterName())
        .client(cluster.addresses().toArray(String[]::new));
  }

  /** One round trip through every node, so that cold-start latency is not charged to a test. */
  static void warmUp(List<Cache> nodes) {
    for (Cache node : nodes) {
      node.set("warm-up", new byte[] {1}, Duration.ofMinutes(1));
      node.get("warm-up");
    }
  }
}
