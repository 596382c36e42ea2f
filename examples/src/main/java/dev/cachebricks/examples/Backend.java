package dev.cachebricks.examples;

import dev.cachebricks.Cache;
import dev.cachebricks.hazelcast.HazelcastBackend;
import dev.cachebricks.tenant.Manager;
import dev.cachebricks.tenant.ManagerConfig;

/**
 * Where the examples get their caches: {@link HazelcastBackend#start()}, which is the embedded
 * default (one member on 127.0.0.1) unless {@code cachebricks.hazelcast.*} system properties or
 * {@code CACHEBRICKS_HAZELCAST_*} environment variables say otherwise, e.g.
 * {@code -Dcachebricks.hazelcast.addresses=127.0.0.1:5701} to run as a client of a member
 * started with {@link Member}. Closing it stops what it started.
 */
final class Backend implements AutoCloseable {

  private final HazelcastBackend hazelcast;

  private Backend(HazelcastBackend hazelcast) {
    this.hazelcast = hazelcast;
  }

  static Backend embedded() {
    HazelcastBackend backend = HazelcastBackend.start();
    System.out.printf("%-28s %s%n", "backend", backend);
    return new Backend(backend);
  }

  Cache cache(String name) {
    return hazelcast.cache(name);
  }

  Manager manager(ManagerConfig config) {
    return hazelcast.manager(config);
  }

  @Override
  public void close() {
    hazelcast.close();
  }
}
