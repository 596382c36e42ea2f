package dev.cachebricks.hazelcast;

import dev.cachebricks.Cache;
import dev.cachebricks.contract.CacheLockContract;
import dev.cachebricks.hazelcast.testing.Members;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link dev.cachebricks.CacheLock} contending through two members and a client. */
class ClusterCacheLockTest extends CacheLockContract {

  private static Members cluster;
  private static final List<HazelcastBackend> backends = new ArrayList<>();
  private static final List<Cache> peers = new ArrayList<>();
  private static final String NAME = "locks-" + UUID.randomUUID();

  @BeforeAll
  static void start() {
    cluster = Members.start(2);
    backends.add(HazelcastBackend.of(cluster.member(0)));
    backends.add(HazelcastBackend.of(cluster.member(1)));
    backends.add(HazelcastBackend.start(HazelcastSettings.builder()
        .clusterName(cluster.clusterName())
        .client(cluster.addresses().toArray(String[]::new)).build()));
    for (HazelcastBackend backend : backends) {
      peers.add(backend.cache(NAME));
    }
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
