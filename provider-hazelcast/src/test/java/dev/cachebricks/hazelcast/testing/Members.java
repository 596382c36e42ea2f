package dev.cachebricks.hazelcast.testing;

import static org.awaitility.Awaitility.await;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.hazelcast.internal.SecureDefaults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Test clusters on loopback: every cluster gets a unique name, so concurrent builds on one machine
 * never join each other, and members join by their actual bound addresses.
 */
public final class Members implements AutoCloseable {

  private final String clusterName = "cb-test-" + UUID.randomUUID();
  private final List<HazelcastInstance> members = new ArrayList<>();

  /**
   * Starts {@code count} members forming one cluster.
   *
   * @param count how many
   * @return the running cluster
   */
  public static Members start(int count) {
    Members cluster = new Members();
    for (int i = 0; i < count; i++) {
      cluster.add();
    }
    return cluster;
  }

  /**
   * Starts one more member joining the others.
   *
   * @return the new member
   */
  public HazelcastInstance add() {
    String[] join = members.stream().map(Members::address).toArray(String[]::new);
    HazelcastInstance member = Hazelcast.newHazelcastInstance(
        memberConfig(clusterName, SecureDefaults.DEFAULT_PORT,
            join.length == 0 ? new String[] {"127.0.0.1"} : join));
    members.add(member);
    int expected = members.size();
    await().atMost(Duration.ofSeconds(60))
        .until(() -> member.getCluster().getMembers().size() == expected);
    return member;
  }

  /**
   * Returns the cluster name.
   *
   * @return the unique name
   */
  public String clusterName() {
    return clusterName;
  }

  /**
   * Returns a member.
   *
   * @param index which
   * @return the member
   */
  public HazelcastInstance member(int index) {
    return members.get(index);
  }

  /**
   * Returns the running members.
   *
   * @return the members
   */
  public List<HazelcastInstance> members() {
    return List.copyOf(members);
  }

  /**
   * Returns the addresses of the running members, {@code 127.0.0.1:port}.
   *
   * @return the addresses
   */
  public List<String> addresses() {
    return members.stream().map(Members::address).toList();
  }

  /**
   * Terminates a member abruptly (no graceful migration).
   *
   * @param member the member
   */
  public void terminate(HazelcastInstance member) {
    members.remove(member);
    member.getLifecycleService().terminate();
  }

  /**
   * Returns the address of a member.
   *
   * @param member the member
   * @return {@code host:port}
   */
  public static String address(HazelcastInstance member) {
    var address = member.getCluster().getLocalMember().getAddress();
    return address.getHost() + ":" + address.getPort();
  }

  /**
   * Returns the secure configuration of a standalone member (no join): what the embedded default
   * starts, for tests that start a member their own way.
   *
   * @param clusterName the cluster name (use a unique one per test run)
   * @return a new configuration
   */
  public static Config standaloneConfig(String clusterName) {
    return SecureDefaults.memberConfig(clusterName, SecureDefaults.DEFAULT_PORT);
  }

  /**
   * Returns the secure member configuration joining the given loopback members over TCP/IP: how
   * tests build a cluster of several members on one machine.
   *
   * @param clusterName the cluster name (use a unique one per test run)
   * @param port the first port to try
   * @param members addresses of the members to join, e.g. {@code "127.0.0.1:5701"}
   * @return a new configuration
   */
  public static Config memberConfig(String clusterName, int port, String... members) {
    Config config = SecureDefaults.memberConfig(clusterName, port);
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getTcpIpConfig().setEnabled(true);
    for (String member : members) {
      join.getTcpIpConfig().addMember(member);
    }
    return config;
  }

  @Override
  public void close() {
    for (HazelcastInstance member : members) {
      member.getLifecycleService().terminate();
    }
    members.clear();
  }
}
