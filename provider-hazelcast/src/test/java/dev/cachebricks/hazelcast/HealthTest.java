package dev.cachebricks.hazelcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig.ReconnectMode;
import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.Cache;
import dev.cachebricks.CacheConnectionException;
import dev.cachebricks.hazelcast.testing.Members;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What {@code health()} and {@code toString()} say of instances users hand over: the truth of
 * the instance as it is, and nothing left behind on it by a backend that is closed. (The hung
 * member is {@link HungMemberTest}.)
 */
class HealthTest {

  @Test
  void aUsersClientThatNeverConnectedIsNotHealthy() {
    ClientConfig config = new ClientConfig();
    config.setClusterName("nobody-" + UUID.randomUUID());
    config.getNetworkConfig().addAddress("127.0.0.1:1");
    config.getConnectionStrategyConfig().setAsyncStart(true)
        .setReconnectMode(ReconnectMode.ASYNC);
    config.setProperty("hazelcast.logging.type", "slf4j");
    HazelcastInstance neverConnected = HazelcastClient.newHazelcastClient(config);
    try (HazelcastBackend backend = HazelcastBackend.of(neverConnected)) {
      assertThatThrownBy(backend::health).isInstanceOf(CacheConnectionException.class)
          .hasMessageContaining("127.0.0.1:1");
      assertThat(backend.toString()).contains(config.getClusterName() + "@127.0.0.1:1");
    } finally {
      neverConnected.shutdown();
    }
  }

  @Test
  void aUsersClientIsDescribedByItsOwnClusterAndAddresses() {
    try (Members cluster = Members.start(1)) {
      ClientConfig config = new ClientConfig();
      config.setClusterName(cluster.clusterName());
      config.getNetworkConfig().setAddresses(cluster.addresses());
      config.setProperty("hazelcast.logging.type", "slf4j");
      HazelcastInstance mine = HazelcastClient.newHazelcastClient(config);
      try (HazelcastBackend backend = HazelcastBackend.of(mine);
          Cache cache = backend.cache("described")) {
        backend.health();
        cache.health();
        assertThat(backend.toString())
            .contains(cluster.clusterName() + "@" + String.join(",", cluster.addresses()))
            .doesNotContain("cachebricks@");
      } finally {
        mine.shutdown();
      }
    }
  }

  @Test
  void backendsOnASharedInstanceLeaveNoListenerBehind() throws Exception {
    try (Members cluster = Members.start(1)) {
      ClientConfig config = new ClientConfig();
      config.setClusterName(cluster.clusterName());
      config.getNetworkConfig().setAddresses(cluster.addresses());
      config.setProperty("hazelcast.logging.type", "slf4j");
      HazelcastInstance shared = HazelcastClient.newHazelcastClient(config);
      try {
        int before = lifecycleListeners(shared);
        for (int i = 0; i < 50; i++) {
          try (HazelcastBackend backend = HazelcastBackend.of(shared);
              Cache cache = backend.cache("shared")) {
            cache.set("k", new byte[] {1}, Duration.ZERO);
            backend.health();
          }
        }
        assertThat(lifecycleListeners(shared)).isEqualTo(before);
      } finally {
        shared.shutdown();
      }
    }
  }

  /** The listeners registered on an instance's lifecycle service, read from Hazelcast. */
  private static int lifecycleListeners(HazelcastInstance instance) throws Exception {
    Object service = instance.getLifecycleService();
    var field = service.getClass().getDeclaredField("lifecycleListeners");
    field.setAccessible(true);
    return ((Map<?, ?>) field.get(service)).size();
  }
}
