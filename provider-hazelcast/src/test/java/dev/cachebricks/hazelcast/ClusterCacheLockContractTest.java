package dev.cachebricks.hazelcast;

import dev.cachebricks.Cache;
import dev.cachebricks.contract.CacheLockContract;
import dev.cachebricks.contract.ClassResource;
import dev.cachebricks.hazelcast.testing.Members;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link dev.cachebricks.recipes.CacheLock} on a two-member cluster, contended through two clients
 * and a
 * member: never more than one holder, and an owner whose lease expired never frees the next
 * owner's lock.
 */
class ClusterCacheLockContractTest extends CacheLockContract {

  @RegisterExtension
  static final ClassResource<PeerCaches> peers = new ClassResource<>(() -> {
    Members cluster = Members.start(2);
    List<HazelcastBackend> backends = new ArrayList<>();
    for (int client = 0; client < 2; client++) {
      backends.add(HazelcastBackend.start(TestSettings.clientOf(cluster).build()));
    }
    backends.add(HazelcastBackend.of(cluster.member(1), TestSettings.generous()));
    return PeerCaches.open(cluster, backends, "locks-" + UUID.randomUUID());
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
