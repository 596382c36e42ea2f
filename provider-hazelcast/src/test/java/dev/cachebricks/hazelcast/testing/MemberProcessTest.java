package dev.cachebricks.hazelcast.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.hazelcast.internal.SecureDefaults;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MemberProcessTest {

  @Test
  void aMemberProcessJoinsOnLoopbackAndCanBeKilled() throws Exception {
    String cluster = "cb-test-" + UUID.randomUUID();
    HazelcastInstance local = Hazelcast.newHazelcastInstance(
        Members.memberConfig(cluster, SecureDefaults.DEFAULT_PORT, "127.0.0.1"));
    try (MemberProcess remote = MemberProcess.start(cluster, addressOf(local))) {
      assertThat(remote.address()).startsWith("127.0.0.1:");
      await().atMost(Duration.ofSeconds(30)).until(() ->
          local.getCluster().getMembers().size() == 2);
      remote.kill();
      assertThat(remote.isAlive()).isFalse();
      await().atMost(Duration.ofSeconds(60)).until(() ->
          local.getCluster().getMembers().size() == 1);
    } finally {
      local.getLifecycleService().terminate();
    }
  }

  static String addressOf(HazelcastInstance member) {
    var address = member.getCluster().getLocalMember().getAddress();
    return address.getHost() + ":" + address.getPort();
  }
}
