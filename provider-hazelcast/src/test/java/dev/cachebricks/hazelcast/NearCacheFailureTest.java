package dev.cachebricks.hazelcast;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.awaitility.Awaitility.await;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.Cache;
import dev.cachebricks.hazelcast.internal.SecureDefaults;
import dev.cachebricks.hazelcast.testing.MemberProcess;
import dev.cachebricks.hazelcast.testing.Members;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A near cache never serves a value longer than its staleness bound after a newer write was
 * acknowledged, across failures: a full cluster restart (the client reconnects to a new
 * cluster), and a member killed with SIGKILL (its partitions move to the survivor, whose
 * invalidation sequences the client has never seen). Reads that fail while the client
 * reconnects are skipped; every successful read is checked.
 */
class NearCacheFailureTest {

  private static final long BOUND = 1_000;

  /** A client with the generous test timeout: a busy machine's first calls can take seconds. */
  private static HazelcastConfig.Builder client(String cluster, List<String> addresses) {
    return TestSettings.generousBuilder().clusterName(cluster)
        .client(addresses.toArray(String[]::new));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  void aClusterRestartNeverLeavesAStaleValueServedBeyondTheBound() {
    String clusterName = "cb-test-" + UUID.randomUUID();
    HazelcastInstance member = Hazelcast.newHazelcastInstance(
        SecureDefaults.memberConfig(clusterName, SecureDefaults.DEFAULT_PORT));
    String address = Members.address(member);
    int port = member.getCluster().getLocalMember().getAddress().getPort();
    String name = "restart-" + UUID.randomUUID();
    try (HazelcastBackend readerBackend = HazelcastBackend.start(
            client(clusterName, List.of(address)).nearCache("restart-*").build());
        HazelcastBackend writerBackend = HazelcastBackend.start(
            client(clusterName, List.of(address)).build());
        Cache reader = readerBackend.cache(name);
        Cache writer = writerBackend.cache(name)) {
      writer.set("k", bytes("before"), Duration.ZERO);
      NearCacheTest.cache(reader, "k", "before");

      member.getLifecycleService().terminate();
      Config config = SecureDefaults.memberConfig(clusterName, port);
      config.getNetworkConfig().setPortAutoIncrement(false);
      member = Hazelcast.newHazelcastInstance(config);
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
          .ignoreExceptions().until(() -> {
            writer.set("k", bytes("after"), Duration.ZERO);
            return true;
          });
      long acked = System.currentTimeMillis();
      Reads reads = Reads.until(reader, List.of("k"), acked + BOUND + 200, true);
      reads.assertNoneFrom("k", acked + BOUND, "before");
      reads.assertFrom("k", acked + BOUND, "after");
      System.out.printf("near cache after a cluster restart: the write was seen %d ms after it "
          + "was acknowledged%n", reads.firstSeen("k", "after") - acked);

      // The near cache works again, invalidations included (bounded either way).
      NearCacheTest.cache(reader, "k", "after");
      writer.set("k", bytes("again"), Duration.ZERO);
      acked = System.currentTimeMillis();
      Reads.until(reader, List.of("k"), acked + BOUND + 200, true)
          .assertFrom("k", acked + BOUND, "again");
    } finally {
      member.getLifecycleService().terminate();
    }
  }

  @Test
  void aMemberKilledWithSigkillNeverLeavesAStaleValueServedBeyondTheBound() throws Exception {
    int keys = 50;
    try (Members cluster = Members.start(1);
        MemberProcess victim = MemberProcess.start(cluster.clusterName(),
            cluster.addresses().toArray(String[]::new))) {
      await().atMost(Duration.ofSeconds(60))
          .until(() -> cluster.member(0).getCluster().getMembers().size() == 2);
      List<String> addresses = new ArrayList<>(cluster.addresses());
      addresses.add(victim.address());
      String name = "kill-" + UUID.randomUUID();
      try (HazelcastBackend readerBackend = HazelcastBackend.start(
              client(cluster.clusterName(), addresses).nearCache("kill-*").build());
          HazelcastBackend writerBackend = HazelcastBackend.start(
              client(cluster.clusterName(), addresses).build());
          Cache reader = readerBackend.cache(name);
          Cache writer = writerBackend.cache(name)) {
        List<String> all = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
          all.add("k" + i);
          writer.set("k" + i, bytes("before"), Duration.ZERO);
          NearCacheTest.cache(reader, "k" + i, "before");
        }

        victim.kill();
        Map<String, Long> acked = new HashMap<>();
        for (String key : all) {
          await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
              .ignoreExceptions().until(() -> {
                writer.set(key, bytes("after"), Duration.ZERO);
                return true;
              });
          acked.put(key, System.currentTimeMillis());
        }
        long last = acked.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        Reads reads = Reads.until(reader, all, last + BOUND + 200, true);
        acked.forEach((key, at) -> {
          reads.assertNoneFrom(key, at + BOUND, "before");
          reads.assertFrom(key, last + BOUND, "after");
        });
      }
    }
  }
}
