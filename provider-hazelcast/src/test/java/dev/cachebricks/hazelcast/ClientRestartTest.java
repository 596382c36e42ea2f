package dev.cachebricks.hazelcast;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.Cache;
import dev.cachebricks.CacheConnectionException;
import dev.cachebricks.CacheException;
import dev.cachebricks.hazelcast.internal.SecureDefaults;
import dev.cachebricks.hazelcast.testing.Members;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A client-mode cache survives a full restart of its cluster: while the member is down,
 * operations fail fast with typed errors (no hang), and they succeed again soon after the
 * member is back on the same address.
 */
class ClientRestartTest {

  @Test
  void clientFailsFastDuringTheOutageAndRecoversAfterTheRestart() {
    String clusterName = "cb-test-" + UUID.randomUUID();
    HazelcastInstance member = Hazelcast.newHazelcastInstance(
        SecureDefaults.memberConfig(clusterName, SecureDefaults.DEFAULT_PORT));
    String address = Members.address(member);
    int port = member.getCluster().getLocalMember().getAddress().getPort();
    try (HazelcastBackend client = HazelcastBackend.start(HazelcastConfig.builder()
            .clusterName(clusterName).client(address)
            .operationTimeout(Duration.ofSeconds(2)).build());
        Cache cache = client.cache("restart")) {
      cache.set("k", "before".getBytes(UTF_8), Duration.ZERO);

      member.getLifecycleService().terminate();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        try {
          cache.health();
          return false;
        } catch (CacheConnectionException down) {
          return true;
        }
      });
      long start = System.nanoTime();
      assertThatThrownBy(() -> cache.get("k"))
          .isInstanceOf(CacheException.class)
          .satisfies(e -> assertThat(CacheException.isCausedBy(e, CacheConnectionException.class)
              || e.getMessage().contains("timed out") || e.getMessage().contains("no response"))
              .as("typed outage error: %s", e).isTrue());
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));

      var config = SecureDefaults.memberConfig(clusterName, port);
      config.getNetworkConfig().setPortAutoIncrement(false);
      member = Hazelcast.newHazelcastInstance(config);
      long restarted = System.nanoTime();
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .until(() -> {
            cache.set("k", "after".getBytes(UTF_8), Duration.ZERO);
            return true;
          });
      cache.health();
      assertThat(cache.get("k")).hasValueSatisfying(v -> assertThat(new String(v,
          UTF_8)).isEqualTo("after"));
      System.out.printf("client restart: recovered %d ms after the member came back%n",
          (System.nanoTime() - restarted) / 1_000_000);
    } finally {
      member.getLifecycleService().terminate();
    }
  }
}
