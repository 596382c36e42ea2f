package dev.cachebricks.hazelcast.internal;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import dev.cachebricks.CacheConnectionException;
import dev.cachebricks.Operation;

/**
 * Whether an instance can serve, known without a round trip, so that {@code health()} always
 * answers at once: the instance must be running and, for a client, connected (tracked from its
 * lifecycle events).
 *
 * <p>Thread-safe. Internal: not part of the public API.
 */
public final class ConnectionState {

  private final HazelcastInstance instance;
  private final String address;
  private final boolean client;
  private volatile boolean connected = true;

  /**
   * Starts tracking an instance.
   *
   * @param instance the instance
   * @param address where it is, for error messages
   */
  public ConnectionState(HazelcastInstance instance, String address) {
    this.instance = instance;
    this.address = address;
    this.client = CacheManagerRegistry.isClient(instance);
    if (client) {
      instance.getLifecycleService().addLifecycleListener(event -> {
        if (event.getState() == LifecycleState.CLIENT_CONNECTED) {
          connected = true;
        } else if (event.getState() == LifecycleState.CLIENT_DISCONNECTED) {
          connected = false;
        }
      });
    }
  }

  /**
   * Checks the instance can serve.
   *
   * @throws CacheConnectionException if it is stopped or, for a client, disconnected
   */
  public void check() {
    if (!instance.getLifecycleService().isRunning()) {
      throw new CacheConnectionException(Operation.HEALTH, address,
          new IllegalStateException("Hazelcast instance is not running"));
    }
    if (client && !connected) {
      throw new CacheConnectionException(Operation.HEALTH, address,
          new IllegalStateException("client is not connected to the cluster"));
    }
  }
}
