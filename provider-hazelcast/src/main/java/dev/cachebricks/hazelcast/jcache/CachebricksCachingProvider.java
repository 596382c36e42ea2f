package dev.cachebricks.hazelcast.jcache;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.hazelcast.HazelcastBackend;
import dev.cachebricks.hazelcast.HazelcastConfig;
import dev.cachebricks.hazelcast.HazelcastProperties;
import dev.cachebricks.hazelcast.internal.CacheManagerRegistry;
import dev.cachebricks.hazelcast.internal.TenantUris;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.WeakHashMap;
import javax.cache.CacheManager;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;

/**
 * The cachebricks JSR-107 {@link CachingProvider}: Hazelcast's JCache with the cachebricks
 * secure embedded default (one member on 127.0.0.1, no discovery, no phone-home), or a client
 * when configured by {@code cachebricks.hazelcast.*} properties — passed to
 * {@link #getCacheManager(URI, ClassLoader, Properties)}, or as Java system properties or
 * {@code CACHEBRICKS_HAZELCAST_*} environment variables (see {@link HazelcastConfig}).
 *
 * <p>Select it from plain JSR-107 code with
 * {@code Caching.getCachingProvider("dev.cachebricks.hazelcast.jcache.CachebricksCachingProvider")}
 * or the system property {@code javax.cache.spi.CachingProvider} (Hazelcast's jar registers its
 * own provider too, so the no-argument {@code Caching.getCachingProvider()} sees two).
 * {@link #tenantUri(String)} gives the CacheManager URI of a cachebricks tenant, so JSR-107 code
 * and a cachebricks {@code Manager} address the same tenant namespace.
 *
 * <p>Managers, caches and this provider are one coherent family: a manager's
 * {@code getCachingProvider()} is this provider and a cache's {@code getCacheManager()} is its
 * cachebricks manager; {@code unwrap} reaches the Hazelcast objects underneath. {@link #close()}
 * closes this provider's managers and stops the Hazelcast instance only if this provider started
 * it; the provider can be used again afterwards.
 *
 * <p>Caches created from a JSR-107 configuration get an explicit entry bound
 * ({@code cachebricks.hazelcast.max-entries}, default 100,000 per member) and synchronous
 * backups ({@code cachebricks.hazelcast.backup-count}, default 1) instead of Hazelcast's implicit
 * 10,000; pass a Hazelcast {@code com.hazelcast.config.CacheConfig} to choose everything
 * yourself. On an instance shared with {@code HazelcastBackend}s or {@code HazelcastManager}s
 * (see {@link #propertiesOf}), all of them share one CacheManager per URI.
 */
public final class CachebricksCachingProvider implements CachingProvider {

  /** The default CacheManager URI. */
  public static final URI DEFAULT_URI = URI.create("cachebricks:default");

  /**
   * The property naming a {@link HazelcastInstance} object to use instead of starting one
   * (Hazelcast's own {@code hazelcast.instance.itself}); see {@link #propertiesOf}.
   */
  public static final String INSTANCE_PROPERTY = HazelcastCachingProvider.HAZELCAST_INSTANCE_ITSELF;

  // Weak keys: a redeployed application's class loader must not be pinned by this provider.
  private final Map<ClassLoader, Map<URI, CachebricksCacheManager>> managers = new WeakHashMap<>();
  private HazelcastBackend backend; // started lazily; guarded by managers

  /** Creates the provider; Hazelcast starts lazily, with the first CacheManager. */
  public CachebricksCachingProvider() {}

  /**
   * Returns the CacheManager URI of a cachebricks tenant: the same namespace a
   * {@code HazelcastManager} uses for that tenant id (its cache is named
   * {@code HazelcastBackend.TENANT_CACHE_NAME}).
   *
   * @param tenantId the tenant id
   * @return the URI
   */
  public static URI tenantUri(String tenantId) {
    return TenantUris.uri(tenantId);
  }

  /**
   * Returns CacheManager properties that make this provider use an instance you already run
   * (member or client) instead of starting one: pass them to
   * {@link #getCacheManager(URI, ClassLoader, Properties)}. That instance is never shut down by
   * this provider, and its caches are shared with every {@code HazelcastBackend} and
   * {@code HazelcastManager} on it.
   *
   * @param instance the instance
   * @return new properties holding the instance
   */
  public static Properties propertiesOf(HazelcastInstance instance) {
    Objects.requireNonNull(instance, "instance must not be null");
    Properties properties = new Properties();
    properties.put(INSTANCE_PROPERTY, instance);
    return properties;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The manager runs on the instance given by {@link #propertiesOf}, else on the instance
   * this provider starts from {@code cachebricks.hazelcast.*} properties (these properties,
   * then system properties, then environment variables). {@code max-entries} and
   * {@code backup-count} apply to the caches it creates from JSR-107 configurations.
   *
   * @throws dev.cachebricks.CacheConfigException if a {@code cachebricks.hazelcast.*} value is
   *     invalid
   */
  @Override
  public CacheManager getCacheManager(URI uri, ClassLoader classLoader, Properties properties) {
    URI managerUri = uri == null ? getDefaultURI() : uri;
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    Properties props = properties == null ? new Properties() : properties;
    synchronized (managers) {
      Map<URI, CachebricksCacheManager> byUri = managers.computeIfAbsent(loader, l ->
          new HashMap<>());
      CachebricksCacheManager manager = byUri.get(managerUri);
      if (manager == null || manager.isClosed()) {
        HazelcastConfig settings = settings(props);
        HazelcastInstance instance = props.get(INSTANCE_PROPERTY) instanceof HazelcastInstance given
            ? given
            : ownInstance(settings);
        // A null class loader for the default: cache names then carry no class loader and are
        // the same in every JVM and for every component on the instance.
        CacheManagerRegistry.Lease lease = CacheManagerRegistry.acquire(instance, managerUri,
            loader == getDefaultClassLoader() ? null : loader);
        manager = new CachebricksCacheManager(this, lease, managerUri, loader, props, settings);
        byUri.put(managerUri, manager);
      }
      return manager;
    }
  }

  private static HazelcastConfig settings(Properties properties) {
    Properties merged = new Properties();
    merged.putAll(System.getProperties());
    properties.forEach((k, v) -> {
      if (v instanceof String) {
        merged.put(k, v);
      }
    });
    return HazelcastProperties.read(merged, System.getenv());
  }

  /** Starts (or reuses) the instance this provider owns; guarded by managers. */
  private HazelcastInstance ownInstance(HazelcastConfig settings) {
    if (backend == null || !backend.instance().getLifecycleService().isRunning()) {
      backend = HazelcastBackend.start(settings);
    }
    return backend.instance();
  }

  void released(CachebricksCacheManager manager) {
    synchronized (managers) {
      Map<URI, CachebricksCacheManager> byUri = managers.get(manager.getClassLoader());
      if (byUri != null && byUri.get(manager.getURI()) == manager) {
        byUri.remove(manager.getURI());
        if (byUri.isEmpty()) {
          managers.remove(manager.getClassLoader());
        }
      }
    }
  }

  @Override
  public ClassLoader getDefaultClassLoader() {
    return getClass().getClassLoader();
  }

  @Override
  public URI getDefaultURI() {
    return DEFAULT_URI;
  }

  @Override
  public Properties getDefaultProperties() {
    return new Properties();
  }

  @Override
  public CacheManager getCacheManager(URI uri, ClassLoader classLoader) {
    return getCacheManager(uri, classLoader, getDefaultProperties());
  }

  @Override
  public CacheManager getCacheManager() {
    return getCacheManager(getDefaultURI(), getDefaultClassLoader());
  }

  /**
   * Closes every CacheManager of this provider and stops the instance if this provider started
   * it. The provider can be used again afterwards.
   */
  @Override
  public void close() {
    HazelcastBackend started;
    List<CachebricksCacheManager> open = new ArrayList<>();
    synchronized (managers) {
      managers.values().forEach(byUri -> open.addAll(byUri.values()));
      managers.clear();
      started = backend;
      backend = null;
    }
    open.forEach(CachebricksCacheManager::close);
    if (started != null) {
      started.close(); // stops the instance only if it started it
    }
  }

  @Override
  public void close(ClassLoader classLoader) {
    Map<URI, CachebricksCacheManager> byUri;
    synchronized (managers) {
      byUri = managers.remove(classLoader == null ? getDefaultClassLoader() : classLoader);
    }
    if (byUri != null) {
      byUri.values().forEach(CachebricksCacheManager::close);
    }
  }

  @Override
  public void close(URI uri, ClassLoader classLoader) {
    CachebricksCacheManager manager;
    synchronized (managers) {
      Map<URI, CachebricksCacheManager> byUri =
          managers.get(classLoader == null ? getDefaultClassLoader() : classLoader);
      manager = byUri == null ? null : byUri.remove(uri == null ? getDefaultURI() : uri);
    }
    if (manager != null) {
      manager.close();
    }
  }

  @Override
  public boolean isSupported(OptionalFeature feature) {
    Objects.requireNonNull(feature, "feature");
    return false; // Hazelcast stores by value only
  }

  @Override
  public String toString() {
    return "CachebricksCachingProvider";
  }
}
