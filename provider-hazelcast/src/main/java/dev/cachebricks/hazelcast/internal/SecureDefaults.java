package dev.cachebricks.hazelcast.internal;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;

/**
 * The embedded member's secure defaults, in one place: bound to loopback only,
 * no multicast, no auto-detection, no TCP/IP join (a standalone member that never looks for
 * others), phone-home off, Management Center metrics publishing off, Hazelcast logging through
 * SLF4J, Jet off, and a project-specific
 * cluster name. Clients on this machine can still connect to it on 127.0.0.1.
 *
 * <p>Internal: not part of the public API.
 */
public final class SecureDefaults {

  /** Cluster name used when none is configured. */
  public static final String DEFAULT_CLUSTER_NAME = "cachebricks";
  /** First port tried; the member takes the next free one above it. */
  public static final int DEFAULT_PORT = 5701;
  /** The only address an embedded member binds to. */
  public static final String LOOPBACK = "127.0.0.1";

  private SecureDefaults() {}

  /**
   * Returns a member configuration with the secure defaults.
   *
   * @param clusterName the cluster name
   * @param port the first port to try (auto-incremented when taken)
   * @return a new configuration the caller may refine (for example to join known members)
   */
  public static Config memberConfig(String clusterName, int port) {
    return memberConfig(clusterName, port, LOOPBACK);
  }

  /**
   * Returns a member configuration with the secure defaults, bound to the given interface
   * instead of loopback; {@code 0.0.0.0} binds every interface.
   *
   * @param clusterName the cluster name
   * @param port the first port to try (auto-incremented when taken)
   * @param bindAddress an IPv4 address of this machine, or {@code 0.0.0.0}
   * @return a new configuration the caller may refine (for example to join known members)
   */
  public static Config memberConfig(String clusterName, int port, String bindAddress) {
    boolean any = "0.0.0.0".equals(bindAddress);
    Config config = new Config();
    config.setClusterName(clusterName);
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.socket.bind.any", Boolean.toString(any));
    config.setProperty("hazelcast.socket.client.bind.any", Boolean.toString(any));
    if (!any) {
      config.setProperty("hazelcast.local.localAddress", bindAddress);
    }
    config.getJetConfig().setEnabled(false);
    // No Management Center by default: nothing to publish to, and long tenant cache names would
    // make its metrics publisher warn on every collection.
    config.getMetricsConfig().getManagementCenterConfig().setEnabled(false);

    NetworkConfig network = config.getNetworkConfig();
    network.setPort(port).setPortAutoIncrement(true).setPortCount(100);
    if (!any) {
      network.getInterfaces().setEnabled(true).addInterface(bindAddress);
    }
    network.getMemcacheProtocolConfig().setEnabled(false);

    JoinConfig join = network.getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(false);
    return config;
  }
}
