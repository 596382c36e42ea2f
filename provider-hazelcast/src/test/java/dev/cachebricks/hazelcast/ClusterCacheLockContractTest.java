package dev.cachebricks.hazelcast;

import dev.cachebricks.Cache;
import dev.cachebricks.contract.CacheLockContract;
import dev.cachebricks.hazelcast.testing.Members;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link dev.cachebricks.recipes.CacheLock} on a two-member cluster, contended through two clients
 * and a
 * member: never more than one holder, and an owner whose lease expired never frees the next
 * owner's lock.
 */
class ClusterCacheLockContractTest extends CacheLockContract {

  private static Members cluster;
  private static final List<HazelcastBackend> backends = new ArrayList<>();
  private static final List<Cache> peers = new ArrayList<>();
  private static final String NAME = "locks-" + UUID.randomUUID();

  @BeforeAll
  static void start() {
    cluster = Members.start(2);
    for (int client = 0; client < 2; client++) {
      backends.add(HazelcastBackend.start(TestSettings.generousBuilder()
          .clusterName(cluster.clusterName())
          .client(cluster.addresses().toArray(String[]::new)).build()));
    }
    backends.add(HazelcastBackend.of(cluster.member(1), TestSettings.generous()));
    for (HazelcastBackend backend : backends) {
      peers.add(backend.cache(NAME));
    }
    TestSettings.warmUp(peers);
  }

  @AfterAll
  static void stop() {
    peers.forEach(Cache::close);
    backends.forEach(HazelcastBackend::close);
    cluster.close();
  }

  @Override
  protected Cache newCache() {
    return backends.get(0).cache(NAME);
  }

  @Override
  protected Cache peerOf(Cache cache, int index) {
    return peers.get(index % peers.size());
  }
}
