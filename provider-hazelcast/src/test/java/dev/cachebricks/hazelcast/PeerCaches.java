package dev.cachebricks.hazelcast;

import dev.cachebricks.Cache;
import dev.cachebricks.hazelcast.testing.Members;
import java.util.List;

/**
 * A cluster and one backend per way in (members, clients), each with the cache {@code name}
 * open and warmed up: the peers a contract's concurrency tests contend through.
 *
 * @param cluster the members
 * @param backends the backends, the first one used for the cache under test
 * @param peers the cache on every backend
 * @param name the cache's name
 */
record PeerCaches(Members cluster, List<HazelcastBackend> backends, List<Cache> peers,
    String name) implements AutoCloseable {

  /** Opens {@code name} on every backend and warms each up. */
  static PeerCaches open(Members cluster, List<HazelcastBackend> backends, String name) {
    List<Cache> peers = backends.stream().map(backend -> backend.cache(name)).toList();
    TestSettings.warmUp(peers);
    return new PeerCaches(cluster, backends, peers, name);
  }

  /** A fresh handle on the first backend. */
  Cache newCache() {
    return backends.get(0).cache(name);
  }

  /** The peer for a contract's {@code peerOf(cache, index)}. */
  Cache peer(int index) {
    return peers.get(index % peers.size());
  }

  @Override
  public void close() {
    peers.forEach(Cache::close);
    backends.forEach(HazelcastBackend::close);
    cluster.close();
  }
}
