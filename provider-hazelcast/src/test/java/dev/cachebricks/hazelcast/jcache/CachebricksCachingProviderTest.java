package dev.cachebricks.hazelcast.jcache;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.cache.ICache;
import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.hazelcast.HazelcastBackend;
import dev.cachebricks.hazelcast.HazelcastManager;
import dev.cachebricks.hazelcast.testing.Members;
import dev.cachebricks.tenant.Manager;
import dev.cachebricks.tenant.ManagerConfig;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JSR-107 provider: identities, secure default, tenant URIs shared with the Manager. */
class CachebricksCachingProviderTest {

  private CachebricksCachingProvider provider;
  private Properties properties;

  @BeforeEach
  void open() {
    provider = new CachebricksCachingProvider();
    properties = new Properties();
    properties.setProperty("cachebricks.hazelcast.cluster-name", "cb-test-" + UUID.randomUUID());
  }

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void managersAndCachesPointBackToTheCachebricksFamily() {
    CacheManager manager = provider.getCacheManager(null, null, properties);
    assertThat(manager.getCachingProvider()).isSameAs(provider);
    assertThat(manager.getURI()).isEqualTo(CachebricksCachingProvider.DEFAULT_URI);
    assertThat(provider.getCacheManager(null, null, properties)).isSameAs(manager);

    javax.cache.Cache<String, String> cache =
        manager.createCache("c", new MutableConfiguration<String, String>());
    assertThat(cache.getCacheManager()).isSameAs(manager);
    assertThat(manager.getCache("c")).isSameAs(cache);
    assertThat(cache.unwrap(CachebricksCache.class)).isSameAs(cache);
    assertThat(cache.unwrap(ICache.class)).isInstanceOf(ICache.class);
    assertThat(manager.unwrap(CacheManager.class)).isSameAs(manager);
    cache.put("k", "v");
    assertThat(cache.get("k")).isEqualTo("v");
  }

  @Test
  void theDefaultIsTheSecureEmbeddedMemberAndCloseStopsIt() {
    CacheManager manager = provider.getCacheManager(null, null, properties);
    HazelcastInstance instance = manager.unwrap(com.hazelcast.cache.HazelcastCacheManager.class)
        .getHazelcastInstance();
    assertThat(instance.getCluster().getLocalMember().getAddress().getHost()).isEqualTo(
        "127.0.0.1");
    assertThat(instance.getConfig().getNetworkConfig().getJoin().getMulticastConfig().isEnabled())
        .isFalse();
    provider.close();
    assertThat(instance.getLifecycleService().isRunning()).isFalse();
    assertThat(manager.isClosed()).isTrue();
    // usable again after close
    assertThat(provider.getCacheManager(null, null, properties).isClosed()).isFalse();
  }

  @Test
  void jsr107CodeAndTheTenantManagerShareTenantNamespaces() {
    // Two processes' view: the Manager on a member, JSR-107 code as a client of it. (Within one
    // Hazelcast instance a cache proxy belongs to one CacheManager at a time.)
    try (Members cluster = Members.start(1);
        Manager tenants = new HazelcastManager(cluster.member(0), ManagerConfig.defaults())) {
      Properties client = new Properties();
      client.setProperty("cachebricks.hazelcast.mode", "client");
      client.setProperty("cachebricks.hazelcast.cluster-name", cluster.clusterName());
      client.setProperty("cachebricks.hazelcast.addresses", cluster.addresses().get(0));
      tenants.get("acme/eu").set("greeting", "hello".getBytes(UTF_8), Duration.ZERO);
      CacheManager manager = provider.getCacheManager(
          CachebricksCachingProvider.tenantUri("acme/eu"), null, client);
      javax.cache.Cache<String, byte[]> cache =
          manager.getCache(HazelcastBackend.TENANT_CACHE_NAME, String.class, byte[].class);
      assertThat(new String(cache.get("greeting"), UTF_8)).isEqualTo("hello");
      assertThat(tenants.get("acme").get("greeting")).isEmpty();
      provider.close();
    }
  }

  @Test
  void tenThousandRandomTenantUrisNeverShareEntries() {
    int tenants = Integer.getInteger("cachebricks.isolation.tenants", 10_000);
    CacheManager first = provider.getCacheManager(null, null, properties);
    HazelcastInstance instance = first.unwrap(com.hazelcast.cache.HazelcastCacheManager.class)
        .getHazelcastInstance();
    Random random = new Random(7);
    String alphabet = "a/%:?#@ .~\u00e9\u4e2d";
    List<String> ids = new java.util.ArrayList<>(new java.util.LinkedHashSet<>(
        java.util.stream.Stream.generate(() -> {
          StringBuilder id = new StringBuilder();
          for (int i = random.nextInt(7); i >= 0; i--) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
          }
          return id.toString();
        }).limit(tenants * 2L).distinct().limit(tenants).toList()));
    try (HazelcastBackend backend = HazelcastBackend.of(instance)) {
      for (String id : ids) {
        CacheManager manager = provider.getCacheManager(
            CachebricksCachingProvider.tenantUri(id), null, properties);
        javax.cache.Cache<String, String> cache = manager.getCache("t");
        if (cache == null) {
          cache = manager.createCache("t", new MutableConfiguration<String, String>());
        }
        assertThat(cache.putIfAbsent("owner", id)).as("tenant %s saw another's entry", id).isTrue();
        manager.close();
      }
      for (String id : ids) {
        CacheManager manager = provider.getCacheManager(
            CachebricksCachingProvider.tenantUri(id), null, properties);
        assertThat(manager.<String, String>getCache("t").get("owner")).isEqualTo(id);
        manager.close();
      }
      System.out.printf(
          "provider tenant isolation: %d random tenant URIs, no cross-tenant visibility%n",
          ids.size());
      assertThat(backend.cache("unrelated").get("owner")).isEmpty();
    }
  }

  @Test
  void aManagerNobodyClosedDoesNotPinItsApplicationsClassLoader() {
    WeakReference<ClassLoader> undeployed = openAndForget();
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
      System.gc();
      return undeployed.get() == null;
    });
  }

  /** An application that gets a manager with its own class loader and is undeployed. */
  private WeakReference<ClassLoader> openAndForget() {
    ClassLoader application = new URLClassLoader(new URL[0], getClass().getClassLoader());
    CacheManager manager = provider.getCacheManager(
        URI.create("cachebricks:app-" + UUID.randomUUID()), application, properties);
    javax.cache.Cache<String, String> cache =
        manager.createCache("c", new MutableConfiguration<String, String>());
    cache.put("k", "v");
    assertThat(cache.get("k")).isEqualTo("v");
    return new WeakReference<>(application);
  }

  @Test
  void theProviderIsRegisteredForServiceLoading() {
    List<String> names = java.util.ServiceLoader.load(CachingProvider.class).stream()
        .map(p -> p.type().getName()).toList();
    assertThat(names).contains(CachebricksCachingProvider.class.getName());
  }
}
