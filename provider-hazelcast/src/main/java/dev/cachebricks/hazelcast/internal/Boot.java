package dev.cachebricks.hazelcast.internal;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig.ReconnectMode;
import com.hazelcast.client.config.YamlClientConfigBuilder;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.config.SplitBrainProtectionConfig;
import com.hazelcast.config.YamlConfigBuilder;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.core.LifecycleListener;
import dev.cachebricks.CacheConfigException;
import dev.cachebricks.CacheConnectionException;
import dev.cachebricks.hazelcast.HazelcastConfig;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starting Hazelcast from a {@link HazelcastConfig}, in one place: the secure embedded member,
 * or a client (with its near caches, {@link NearCaches}) that waits for its first connection at
 * most the connect timeout and then reconnects forever in the background.
 *
 * <p>Internal: not part of the public API.
 */
public final class Boot {

  private static final Logger LOG = LoggerFactory.getLogger(Boot.class);
  private static final String INVOCATION_TIMEOUT = "hazelcast.client.invocation.timeout.seconds";
  /**
   * Failure detection and merge timing of members that join others, chosen by measurement (the
   * partition tests): a member that stops answering heartbeats for 10 s is removed, so a 20 s
   * partition is detected after ~10 s; the sides of a healed split look for each other every
   * 5 s. Hazelcast's defaults (60 s, 300 s, 120 s) never detect a 20 s partition and take up to
   * five minutes to merge. A system property or a member YAML setting the same key wins.
   */
  static final Map<String, String> CLUSTER_TIMING = Map.of(
      "hazelcast.heartbeat.interval.seconds", "1",
      "hazelcast.max.no.heartbeat.seconds", "10",
      "hazelcast.merge.first.run.delay.seconds", "5",
      "hazelcast.merge.next.run.delay.seconds", "5");

  private Boot() {}

  /**
   * Starts the member or client {@code config} describes.
   *
   * @param config the configuration
   * @return the running instance; the caller owns it
   * @throws CacheConfigException if a client YAML is invalid or already configures a near cache
   *     the settings name
   * @throws CacheConnectionException if a client reaches no member within the connect timeout
   */
  public static HazelcastInstance start(HazelcastConfig config) {
    return config.mode() == HazelcastConfig.Mode.EMBEDDED
        ? Hazelcast.newHazelcastInstance(memberConfig(config))
        : startClient(config);
  }

  /**
   * Returns the member configuration the settings describe: the secure defaults bound to the
   * settings' interface, joining the members they name (or a member YAML as it is), with the
   * split-brain protection the settings' caches refer to and, for a member that joins others,
   * {@link #CLUSTER_TIMING}.
   *
   * @param settings embedded-mode settings
   * @return a new configuration
   * @throws CacheConfigException if the member YAML is invalid
   */
  public static Config memberConfig(HazelcastConfig settings) {
    HazelcastConfig.Cluster cluster = settings.cluster();
    Config config;
    if (cluster.memberConfig().isPresent()) {
      try {
        config = new YamlConfigBuilder(cluster.memberConfig().get().toString()).build();
      } catch (IOException | RuntimeException e) {
        throw new CacheConfigException("memberConfig",
            "invalid Hazelcast member YAML " + cluster.memberConfig().get(), e);
      }
      if (config.getProperty("hazelcast.logging.type") == null) {
        config.setProperty("hazelcast.logging.type", "slf4j");
      }
    } else {
      config = SecureDefaults.memberConfig(settings.clusterName(), settings.port(),
          cluster.bindAddress());
      JoinConfig join = config.getNetworkConfig().getJoin();
      if (!cluster.members().isEmpty()) {
        join.getTcpIpConfig().setEnabled(true).setMembers(cluster.members());
      }
      cluster.kubernetesServiceDns().ifPresent(dns ->
          join.getKubernetesConfig().setEnabled(true).setProperty("service-dns", dns));
      cluster.kubernetesServiceName().ifPresent(service -> {
        join.getKubernetesConfig().setEnabled(true).setProperty("service-name", service);
        cluster.kubernetesNamespace().ifPresent(namespace ->
            join.getKubernetesConfig().setProperty("namespace", namespace));
      });
    }
    if (cluster.joins()) {
      CLUSTER_TIMING.forEach((key, value) -> {
        if (config.getProperty(key) == null && System.getProperty(key) == null) {
          config.setProperty(key, value);
        }
      });
    }
    int minimum = cluster.splitBrainProtection();
    if (minimum > 0) {
      String name = CacheConfigs.protectionName(minimum);
      if (!config.getSplitBrainProtectionConfigs().containsKey(name)) {
        config.addSplitBrainProtectionConfig(new SplitBrainProtectionConfig(name, true, minimum));
      }
    }
    return config;
  }

  private static HazelcastInstance startClient(HazelcastConfig settings) {
    ClientConfig config;
    if (settings.clientConfig().isPresent()) {
      try {
        config = new YamlClientConfigBuilder(settings.clientConfig().get().toFile()).build();
      } catch (IOException | RuntimeException e) {
        throw new CacheConfigException("clientConfig",
            "invalid Hazelcast client YAML " + settings.clientConfig().get(), e);
      }
    } else {
      config = new ClientConfig();
      config.setClusterName(settings.clusterName());
      config.getNetworkConfig().setAddresses(settings.addresses());
      if (settings.clientRouting() == HazelcastConfig.ClientRouting.SINGLE_MEMBER) {
        singleMember(config);
      }
    }
    NearCaches.configure(config, settings.nearCache());
    if (settings.nearCache().enabled() && settings.clientConfig().isEmpty()) {
      // Hazelcast's JMX metrics publisher keeps ~1.7 KB per near cache name it ever published,
      // until the client shuts down: with tenants churning through a near cache, an unbounded
      // leak. cachebricks' own metrics go through Micrometer; a client YAML decides for itself.
      config.getMetricsConfig().getJmxConfig().setEnabled(false);
    }
    config.setProperty("hazelcast.logging.type", "slf4j");
    // Hazelcast gives up retrying a call after its invocation timeout (120 s by default): align
    // it with the operation timeout, after which no caller waits anyway. A YAML's own wins.
    if (config.getProperty(INVOCATION_TIMEOUT) == null) {
      long seconds = Math.max(1, (settings.operationTimeout().toMillis() + 999) / 1000);
      config.setProperty(INVOCATION_TIMEOUT, Long.toString(seconds));
    }
    config.setProperty("hazelcast.phone.home.enabled", "false");
    // Start asynchronously and wait for the first connection ourselves, bounded by the connect
    // timeout; then keep reconnecting forever in the background (a cluster restart must not kill
    // the client), failing operations fast while disconnected.
    config.getConnectionStrategyConfig().setAsyncStart(true).setReconnectMode(ReconnectMode.ASYNC);
    config.getConnectionStrategyConfig().getConnectionRetryConfig()
        .setClusterConnectTimeoutMillis(-1)
        .setInitialBackoffMillis(200)
        .setMaxBackoffMillis(2000);
    CountDownLatch connected = new CountDownLatch(1);
    config.addListenerConfig(new ListenerConfig((LifecycleListener) event -> {
          if (event.getState() == LifecycleState.CLIENT_CONNECTED) {
            connected.countDown();
          }
        }));
    HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
    String target = settings.clientConfig().map(Object::toString)
        .orElse(settings.clusterName() + "@" + String.join(",", settings.addresses()));
    try {
      if (!connected.await(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        client.shutdown();
        throw new CacheConnectionException("connect", target,
            new TimeoutException("no member reachable within " + settings.connectTimeout()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      client.shutdown();
      throw new CacheConnectionException("connect", target, e);
    }
    LOG.debug("connected to {}", target);
    return client;
  }

  /**
   * Hazelcast's unisocket client. {@code setSmartRouting} is deprecated since 5.5 in favour of
   * routing modes, which older 5.x releases lack; it still sets the single-member mode.
   */
  @SuppressWarnings("removal")
  private static void singleMember(ClientConfig config) {
    config.getNetworkConfig().setSmartRouting(false);
  }
}
