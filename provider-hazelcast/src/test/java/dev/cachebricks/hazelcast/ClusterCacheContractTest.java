package dev.cachebricks.hazelcast;

import dev.cachebricks.Cache;
import dev.cachebricks.contract.CacheContract;
import dev.cachebricks.hazelcast.testing.Members;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The {@link Cache} contract on a three-member cluster on loopback, with the concurrency tests
 * contending through all three members.
 */
class ClusterCacheContractTest extends CacheContract {

  private static Members cluster;
  private static final List<HazelcastBackend> backends = new ArrayList<>();
  private static final List<Cache> peers = new ArrayList<>();
  private static final String NAME = "contract-" + UUID.randomUUID();

  @BeforeAll
  static void start() {
    cluster = Members.start(3);
    for (var member : cluster.members()) {
      HazelcastBackend backend = HazelcastBackend.of(member, TestSettings.generous());
      backends.add(backend);
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
