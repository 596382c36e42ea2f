package dev.cachebricks.hazelcast.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.cache.impl.ICacheService;
import com.hazelcast.client.cache.impl.ClientCacheProxy;
import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.client.impl.spi.ProxyManager;
import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.Cache;
import dev.cachebricks.hazelcast.HazelcastBackend;
import dev.cachebricks.hazelcast.HazelcastConfig;
import dev.cachebricks.hazelcast.testing.Members;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The assumptions {@link ClientProxies} makes about Hazelcast's client, one test each: checked
 * here so that a Hazelcast upgrade that breaks one fails in one place.
 */
class ClientProxiesTest {

  private static Members cluster;
  private static HazelcastBackend client;

  @BeforeAll
  static void start() {
    cluster = Members.start(1);
    client = HazelcastBackend.start(HazelcastConfig.builder()
        .operationTimeout(Duration.ofSeconds(30)).clusterName(cluster.clusterName())
        .client(cluster.addresses().toArray(String[]::new)).nearCache("default").build());
  }

  @AfterAll
  static void stop() {
    client.close();
    cluster.close();
  }

  @Test
  void aClientCacheProxyIsAClientCacheProxyAndANearCacheIsOnePerPrefixedName() {
    String a = "a-" + UUID.randomUUID();
    String b = "b-" + UUID.randomUUID();
    try (Cache first = open(a); Cache second = open(b)) {
      assertThat(first.unwrap(com.hazelcast.cache.ICache.class))
          .isInstanceOf(ClientCacheProxy.class);
      // Both caches are named "default" inside their managers, yet each has a near cache.
      assertThat(nearCacheNames()).contains(prefixed(a), prefixed(b));
    }
  }

  @Test
  void aClosedProxyLeavesTheClientAndItsDataStaysInTheCluster() {
    String tenant = "t-" + UUID.randomUUID();
    try (Cache cache = open(tenant)) {
      cache.set("k", new byte[] {7}, Duration.ZERO);
      cache.get("k");
      assertThat(proxyNames()).contains(prefixed(tenant));
    }
    assertThat(proxyNames()).doesNotContain(prefixed(tenant));
    assertThat(nearCacheNames()).doesNotContain(prefixed(tenant));
    assertThat(cluster.member(0).getDistributedObjects().stream()
        .map(ClientProxiesTest::prefixedName)).contains(prefixed(tenant));
    try (Cache again = open(tenant)) {
      assertThat(again.get("k")).hasValueSatisfying(v -> assertThat(v).containsExactly(7));
    }
  }

  @Test
  void forgettingADestroyedOrMemberProxyDoesNothing() {
    String tenant = "d-" + UUID.randomUUID();
    CacheManagerRegistry.Lease lease = CacheManagerRegistry.acquire(client.instance(),
        TenantUris.uri(tenant), null);
    try {
      lease.locked(manager -> {
        javax.cache.Cache<Object, Object> cache = manager.createCache("default",
            new javax.cache.configuration.MutableConfiguration<>());
        manager.destroyCache("default");
        assertThat(ClientProxies.forget(manager, cache)).isFalse();
        return null;
      });
    } finally {
      lease.release();
    }
    HazelcastInstance member = cluster.member(0);
    CacheManagerRegistry.Lease onMember = CacheManagerRegistry.acquire(member,
        TenantUris.uri(tenant), null);
    try {
      onMember.locked(manager -> {
        javax.cache.Cache<Object, Object> cache = manager.createCache("default",
            new javax.cache.configuration.MutableConfiguration<>());
        cache.close();
        assertThat(ClientProxies.forget(manager, cache)).isFalse();
        manager.destroyCache("default");
        return null;
      });
    } finally {
      onMember.release();
    }
  }

  @Test
  void aProxyWithoutAManagerIsNotDestroyedInTheClusterWhenForgotten() {
    String tenant = "m-" + UUID.randomUUID();
    CacheManagerRegistry.Lease lease = CacheManagerRegistry.acquire(client.instance(),
        TenantUris.uri(tenant), null);
    try {
      lease.locked(manager -> {
        javax.cache.Cache<Object, Object> cache = manager.createCache("default",
            new javax.cache.configuration.MutableConfiguration<>());
        cache.put("k", "v");
        cache.close();
        assertThat(ClientProxies.forget(manager, cache)).isTrue();
        assertThat(manager.getCache("default").get("k")).isEqualTo("v");
        manager.destroyCache("default");
        return null;
      });
    } finally {
      lease.release();
    }
  }

  private static Cache open(String tenant) {
    return client.tenantFactory().open(tenant);
  }

  private static String prefixed(String tenant) {
    return "/hz/" + TenantUris.uri(tenant) + "/default";
  }

  private static ProxyManager proxyManager() {
    return ((HazelcastClientProxy) client.instance()).client.getProxyManager();
  }

  private static java.util.List<String> proxyNames() {
    return proxyManager().getDistributedObjects().stream()
        .filter(o -> ICacheService.SERVICE_NAME.equals(o.getServiceName()))
        .map(ClientProxiesTest::prefixedName).toList();
  }

  private static String prefixedName(DistributedObject o) {
    return o instanceof com.hazelcast.cache.ICache<?, ?> cache ? cache.getPrefixedName()
        : o.getName();
  }

  private static java.util.List<String> nearCacheNames() {
    return proxyManager().getContext().getNearCacheManager(ICacheService.SERVICE_NAME)
        .listAllNearCaches().stream().map(n -> n.getName()).toList();
  }
}
