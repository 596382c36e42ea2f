package dev.cachebricks.hazelcast;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.Cache;
import dev.cachebricks.CacheClosedException;
import dev.cachebricks.CacheConfigException;
import dev.cachebricks.CacheConnectionException;
import dev.cachebricks.hazelcast.testing.Members;
import dev.cachebricks.tenant.Manager;
import dev.cachebricks.tenant.ManagerConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starting, connecting and stopping: the three ways to get a backend, and their failures. */
class HazelcastBackendTest {

  private static HazelcastConfig.Builder unique() {
    return HazelcastConfig.builder().clusterName("cb-test-" + UUID.randomUUID());
  }

  @Test
  void embeddedDefaultBindsToLoopbackOnlyAndNeverLooksForOtherMembers() throws IOException {
    try (HazelcastBackend backend = HazelcastBackend.start(unique().build())) {
      HazelcastInstance member = backend.instance();
      var address = member.getCluster().getLocalMember().getAddress();
      assertThat(address.getHost()).isEqualTo("127.0.0.1");

      Config config = member.getConfig();
      JoinConfig join = config.getNetworkConfig().getJoin();
      assertThat(join.getMulticastConfig().isEnabled()).isFalse();
      assertThat(join.getAutoDetectionConfig().isEnabled()).isFalse();
      assertThat(join.getTcpIpConfig().isEnabled()).isFalse();
      assertThat(config.getProperty("hazelcast.phone.home.enabled")).isEqualTo("false");
      assertThat(config.getProperty("hazelcast.socket.bind.any")).isEqualTo("false");

      // The kernel's own view: the member's listening socket is on 127.0.0.1, not a wildcard.
      List<String> listening = listeningAddresses(address.getPort());
      if (listening != null) {
        assertThat(listening).isNotEmpty().allMatch(local ->
            local.equals("0100007F") || local.equals("0000000000000000FFFF00000100007F"));
      }
    }
  }

  /** Local addresses (kernel hex) of sockets listening on {@code port}, or null off Linux. */
  private static List<String> listeningAddresses(int port) throws IOException {
    String hexPort = String.format(Locale.ROOT, "%04X", port);
    List<String> result = new java.util.ArrayList<>();
    boolean any = false;
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      Path path = Path.of(table);
      if (!Files.isReadable(path)) {
        continue;
      }
      any = true;
      for (String line : Files.readAllLines(path)) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length > 3 && fields[3].equals("0A") && fields[1].endsWith(":" + hexPort)) {
          result.add(fields[1].substring(0, fields[1].indexOf(':')));
        }
      }
    }
    return any ? result : null;
  }

  @Test
  void closeStopsAnInstanceTheBackendStarted() {
    HazelcastBackend backend = HazelcastBackend.start(unique().build());
    HazelcastInstance member = backend.instance();
    Cache cache = backend.cache("c");
    backend.close();
    backend.close();
    assertThat(member.getLifecycleService().isRunning()).isFalse();
    assertThatThrownBy(() -> cache.get("k")).isInstanceOf(CacheClosedException.class);
    assertThatThrownBy(() -> backend.cache("c")).isInstanceOf(CacheClosedException.class);
  }

  @Test
  void aUserInstanceIsNeverShutDown() {
    try (Members cluster = Members.start(1)) {
      HazelcastInstance member = cluster.member(0);
      HazelcastBackend backend = HazelcastBackend.of(member);
      backend.cache("c").set("k", "v".getBytes(UTF_8), Duration.ZERO);
      backend.close();
      Manager manager = new HazelcastManager(member, ManagerConfig.defaults());
      manager.get("acme").set("k", "v".getBytes(UTF_8), Duration.ZERO);
      manager.close();
      assertThat(member.getLifecycleService().isRunning()).isTrue();
      try (HazelcastBackend again = HazelcastBackend.of(member)) {
        assertThat(again.cache("c").get("k")).isPresent();
      }
    }
  }

  @Test
  void aClientConnectsThroughAHazelcastClientYaml(@TempDir Path dir) throws IOException {
    try (Members cluster = Members.start(1)) {
      Path yaml = dir.resolve("client.yaml");
      Files.writeString(yaml, String.join("\n",
          "hazelcast-client:",
          "  cluster-name: " + cluster.clusterName(),
          "  network:",
          "    cluster-members:",
          "      - " + cluster.addresses().get(0),
          ""));
      try (HazelcastBackend client = HazelcastBackend.start(
          HazelcastConfig.builder().clientConfig(yaml).build())) {
        Cache cache = client.cache("yaml");
        cache.set("k", "v".getBytes(UTF_8), Duration.ZERO);
        assertThat(cache.get("k")).isPresent();
        cache.health();
      }
    }
  }

  @Test
  void anInvalidClientYamlIsAConfigError(@TempDir Path dir) throws IOException {
    Path yaml = dir.resolve("client.yaml");
    Files.writeString(yaml, "hazelcast-client:\n  network: [not, a, map\n");
    assertThatThrownBy(() -> HazelcastBackend.start(
        HazelcastConfig.builder().clientConfig(yaml).build()))
        .isInstanceOfSatisfying(CacheConfigException.class,
            e -> assertThat(e.field()).isEqualTo("clientConfig"));
  }

  @Test
  void anUnreachableClusterIsAConnectionErrorWithinTheConnectTimeout() throws IOException {
    int freePort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      freePort = socket.getLocalPort();
    }
    long start = System.nanoTime();
    assertThatThrownBy(() -> HazelcastBackend.start(unique()
        .client("127.0.0.1:" + freePort)
        .connectTimeout(Duration.ofSeconds(2))
        .build()))
        .isInstanceOf(CacheConnectionException.class)
        .hasMessageContaining("connect failed for");
    // Generous bound: detects a hang, not a slow machine.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
  }
}
