package dev.cachebricks.hazelcast;

import dev.cachebricks.Cache;
import dev.cachebricks.contract.CacheContract;
import dev.cachebricks.contract.ClassResource;
import dev.cachebricks.hazelcast.testing.Members;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link Cache} contract on a three-member cluster on loopback, with the concurrency tests
 * contending through all three members.
 */
class ClusterCacheContractTest extends CacheContract {

  @RegisterExtension
  static final ClassResource<PeerCaches> peers = new ClassResource<>(() -> {
    Members cluster = Members.start(3);
    return PeerCaches.open(cluster, cluster.members().stream()
        .map(member -> HazelcastBackend.of(member, TestSettings.generous())).toList(),
        "contract-" + UUID.randomUUID());
  });

  @Override
  protected Cache newCache() {
    return peers.get().newCache();
  }

  @Override
  protected Cache peerOf(Cache cache, int index) {
    return peers.get().peer(index);
  }
}
