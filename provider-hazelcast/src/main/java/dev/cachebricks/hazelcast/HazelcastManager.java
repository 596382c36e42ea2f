package dev.cachebricks.hazelcast;

import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.Cache;
import dev.cachebricks.tenant.Manager;
import dev.cachebricks.tenant.ManagerConfig;
import dev.cachebricks.tenant.TenantCacheFactory;
import dev.cachebricks.tenant.TenantManager;
import java.time.Duration;
import java.util.Map;

/**
 * The tenant {@link Manager} on Hazelcast: each tenant is its own JCache CacheManager on one
 * shared Hazelcast instance (see {@link HazelcastBackend#tenantFactory()}).
 *
 * <pre>{@code
 * try (Manager manager = new HazelcastManager()) {     // embedded member on 127.0.0.1
 *   Cache acme = manager.get("acme");
 *   acme.set("user:1", bytes, Duration.ofMinutes(5));
 * }
 * }</pre>
 *
 * <p>{@code new HazelcastManager()} reads system properties and environment variables
 * ({@link HazelcastProperties#read()}) and otherwise starts the secure embedded
 * default. {@link #close()} releases every tenant and stops the instance if this manager started
 * it; an instance passed in is never shut down.
 */
public final class HazelcastManager implements Manager {

  private final HazelcastBackend backend;
  private final TenantManager tenants;

  /** Starts the manager with settings from the environment, else the embedded default. */
  public HazelcastManager() {
    this(HazelcastProperties.read(), ManagerConfig.defaults());
  }

  /**
   * Starts the manager on a backend it starts and owns.
   *
   * @param settings how to reach Hazelcast
   * @param config the manager settings
   */
  public HazelcastManager(HazelcastConfig settings, ManagerConfig config) {
    this(HazelcastBackend.start(settings), config);
  }

  /**
   * Starts the manager on an instance you manage; {@link #close()} leaves it running.
   *
   * @param instance a Hazelcast member or client
   * @param config the manager settings
   */
  public HazelcastManager(HazelcastInstance instance, ManagerConfig config) {
    this(HazelcastBackend.of(instance), config);
  }

  private HazelcastManager(HazelcastBackend backend, ManagerConfig config) {
    this.backend = backend;
    TenantCacheFactory factory = backend.tenantFactory();
    this.tenants = TenantManager.create(config, new TenantCacheFactory() {
      @Override
      public Cache open(String tenantId) {
        return factory.open(tenantId);
      }

      @Override
      public void destroy(String tenantId) {
        factory.destroy(tenantId);
      }

      @Override
      public void health(String tenantId) {
        factory.health(tenantId);
      }

      @Override
      public void close() {
        backend.close();
      }
    });
  }

  /**
   * Returns the backend this manager runs on (for its instance, or for named caches).
   *
   * @return the backend
   */
  public HazelcastBackend backend() {
    return backend;
  }

  @Override
  public Cache get(String tenantId) {
    return tenants.get(tenantId);
  }

  @Override
  public void remove(String tenantId) {
    tenants.remove(tenantId);
  }

  @Override
  public void destroy(String tenantId) {
    tenants.destroy(tenantId);
  }

  @Override
  public Map<String, Object> stats() {
    return tenants.stats();
  }

  @Override
  public void startCleanup(Duration interval) {
    tenants.startCleanup(interval);
  }

  @Override
  public void startCleanup() {
    tenants.startCleanup();
  }

  @Override
  public void close() {
    tenants.close();
  }

  @Override
  public String toString() {
    return "HazelcastManager[" + backend + ", " + tenants + "]";
  }
}
