package dev.cachebricks.hazelcast.internal;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.client.impl.connection.ClientConnectionManager;
import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.CacheConnectionException;
import dev.cachebricks.Operation;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether an instance can serve, known without a round trip, so that {@code health()} always
 * answers at once: the instance must be running and, for a client, connected to its cluster
 * now. The client's state is read from its connection manager at each check (the very check
 * the client makes before it sends a call), not tracked from lifecycle events: a client handed
 * over already started, or never connected, is seen as it is, and nothing is registered on an
 * instance that outlives this object.
 *
 * <p>Thread-safe. Internal: not part of the public API.
 */
public final class ConnectionState {

  private static final Logger LOG = LoggerFactory.getLogger(ConnectionState.class);

  private final HazelcastInstance instance;
  private final String address;
  private final boolean client;
  private final ClientConnectionManager connections; // null for a member, or if unreachable

  /**
   * Starts watching an instance.
   *
   * @param instance the instance
   * @param address where it is, for error messages
   */
  public ConnectionState(HazelcastInstance instance, String address) {
    this.instance = instance;
    this.address = address;
    this.client = CacheManagerRegistry.isClient(instance);
    this.connections = client ? connectionManager(instance) : null;
  }

  /**
   * Describes where an instance is: a member's own address, or a client's cluster name and the
   * addresses from its own configuration.
   *
   * @param instance the instance
   * @return e.g. {@code 127.0.0.1:5701} or {@code prod@10.0.0.5:5701,10.0.0.6:5701}
   */
  public static String describe(HazelcastInstance instance) {
    if (!CacheManagerRegistry.isClient(instance)) {
      var member = instance.getCluster().getLocalMember().getAddress();
      return member.getHost() + ":" + member.getPort();
    }
    if (instance instanceof HazelcastClientProxy proxy) {
      ClientConfig config = proxy.getClientConfig();
      List<String> addresses = config.getNetworkConfig().getAddresses();
      return config.getClusterName() + "@"
          + (addresses.isEmpty() ? "(discovery)" : String.join(",", addresses));
    }
    return "client " + instance.getName();
  }

  /**
   * Checks the instance can serve.
   *
   * @throws CacheConnectionException if it is stopped or, for a client, not connected
   */
  public void check() {
    if (!instance.getLifecycleService().isRunning()) {
      throw new CacheConnectionException(Operation.HEALTH, address,
          new IllegalStateException("Hazelcast instance is not running"));
    }
    if (client) {
      IOException offline = offline();
      if (offline != null) {
        throw new CacheConnectionException(Operation.HEALTH, address, offline);
      }
    }
  }

  /** Why a client cannot send a call now, or null if it can. */
  private IOException offline() {
    if (connections == null) {
      return instance.getCluster().getMembers().isEmpty()
          ? new IOException("client knows no cluster member") : null;
    }
    if (!connections.clientInitializedOnCluster()) {
      return new IOException("client has not connected to the cluster");
    }
    return connections.getActiveConnections().isEmpty()
        ? new IOException("client is not connected to the cluster") : null;
  }

  private static ClientConnectionManager connectionManager(HazelcastInstance instance) {
    try {
      if (instance instanceof HazelcastClientProxy proxy && proxy.client != null) {
        return proxy.client.getConnectionManager();
      }
    } catch (LinkageError | RuntimeException e) {
      LOG.warn("cannot read the connection state of {} ({}); health() falls back to its "
          + "member list", instance.getName(), e.toString());
    }
    return null;
  }
}
