package dev.cachebricks.hazelcast.jcache;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.cache.impl.HazelcastServerCachingProvider;
import com.hazelcast.client.cache.impl.HazelcastClientCachingProvider;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.hazelcast.HazelcastBackend;
import dev.cachebricks.hazelcast.HazelcastSettings;
import dev.cachebricks.hazelcast.internal.TenantUris;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import javax.cache.CacheManager;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;

/**
 * The cachebricks JSR-107 {@link CachingProvider}: Hazelcast's JCache with the cachebricks
 * secure embedded default (one member on 127.0.0.1, no discovery, no phone-home), or a client
 * when configured by {@code cachebricks.hazelcast.*} properties — passed to
 * {@link #getCacheManager(URI, ClassLoader, Properties)}, or as Java system properties or
 * {@code CACHEBRICKS_HAZELCAST_*} environment variables (see {@link HazelcastSettings}).
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
 */
public final class CachebricksCachingProvider implements CachingProvider {

  /** The default CacheManager URI. */
  public static final URI DEFAULT_URI = URI.create("cachebricks:default");

  private final Map<ClassLoader, Map<URI, CachebricksCacheManager>> managers = new HashMap<>();
  private HazelcastBackend backend; // guarded by managers
  private CachingProvider hazelcast; // guarded by managers

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

  @Override
  public CacheManager getCacheManager(URI uri, ClassLoader classLoader, Properties properties) {
    URI managerUri = uri == null ? getDefaultURI() : uri;
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    Properties props = properties == null ? new Properties() : properties;
    synchronized (managers) {
      Map<URI, CachebricksCacheManager> byUri = managers.computeIfAbsent(loader, l -> new HashMap<>());
      CachebricksCacheManager manager = byUri.get(managerUri);
      if (manager == null || manager.isClosed()) {
        CachingProvider delegate = delegate(props);
        Properties delegateProps = new Properties();
        delegateProps.putAll(props);
        delegateProps.putAll(HazelcastCachingProvider.propertiesByInstanceItself(backend.instance()));
        manager = new CachebricksCacheManager(this,
            delegate.getCacheManager(managerUri, loader, delegateProps), managerUri, loader, props);
        byUri.put(managerUri, manager);
      }
      return manager;
    }
  }

  /** Starts (or reuses) the Hazelcast instance and the Hazelcast provider bound to it. */
  private CachingProvider delegate(Properties properties) {
    if (backend == null || !backend.instance().getLifecycleService().isRunning()) {
      Properties merged = new Properties();
      merged.putAll(System.getProperties());
      merged.putAll(properties);
      backend = HazelcastBackend.start(HazelcastSettings.fromEnvironment(merged, System.getenv()));
      HazelcastInstance instance = backend.instance();
      hazelcast = instance.getLocalEndpoint() instanceof Member
          ? new HazelcastServerCachingProvider(instance)
          : new HazelcastClientCachingProvider(instance);
    }
    return hazelcast;
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

  @Override
  public void close() {
    HazelcastBackend started;
    Map<ClassLoader, Map<URI, CachebricksCacheManager>> open;
    synchronized (managers) {
      open = new HashMap<>(managers);
      managers.clear();
      started = backend;
      backend = null;
      hazelcast = null;
    }
    open.values().forEach(byUri -> byUri.values().forEach(CachebricksCacheManager::closeQuietly));
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
      byUri.values().forEach(CachebricksCacheManager::closeQuietly);
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
      manager.closeQuietly();
    }
  }

  @Override
  public boolean isSupported(OptionalFeature feature) {
    java.util.Objects.requireNonNull(feature, "feature");
    return false; // Hazelcast stores by value only
  }

  @Override
  public String toString() {
    return "CachebricksCachingProvider";
  }
}
