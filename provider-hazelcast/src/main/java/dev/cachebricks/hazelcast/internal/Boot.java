package dev.cachebricks.hazelcast.internal;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.client.config.ClientConnectionStrategyConfig.ReconnectMode;
import com.hazelcast.client.config.YamlClientConfigBuilder;
import com.hazelcast.config.ListenerConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import com.hazelcast.core.LifecycleListener;
import dev.cachebricks.CacheConfigException;
import dev.cachebricks.CacheConnectionException;
import dev.cachebricks.hazelcast.HazelcastConfig;
import java.io.IOException;
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
        ? Hazelcast.newHazelcastInstance(
            SecureDefaults.memberConfig(config.clusterName(), config.port()))
        : startClient(config);
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
}
