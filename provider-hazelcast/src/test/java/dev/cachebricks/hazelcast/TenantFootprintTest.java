package dev.cachebricks.hazelcast;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.cache.impl.ICacheService;
import com.hazelcast.client.impl.clientside.HazelcastClientProxy;
import com.hazelcast.client.impl.spi.ProxyManager;
import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.Cache;
import dev.cachebricks.StatsKeys;
import dev.cachebricks.hazelcast.testing.MemberProcess;
import dev.cachebricks.hazelcast.testing.Members;
import dev.cachebricks.tenant.Manager;
import dev.cachebricks.tenant.ManagerConfig;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * What a tenant costs: nothing on a client once released, and (measured, printed) a config, a
 * distributed object and its entries on the members while its data lives, nothing after
 * {@link Manager#destroy(String)}.
 *
 * <p>The client churn runs {@code cachebricks.footprint.tenants} tenants (default 10,000)
 * through {@code maxTenants} 10 with a near cache on every tenant, the member in its own JVM so
 * that the test JVM's heap is the client's. Before released proxies left the client, 10,000
 * tenants kept 10,000 proxies and near caches and 350 MB of the client's heap.
 */
class TenantFootprintTest {

  private static final int TENANTS = Integer.getInteger("cachebricks.footprint.tenants", 10_000);
  private static final int MAX_TENANTS = 10;
  private static final int THREADS = 4;
  private static final Duration TTL = Duration.ofMinutes(30);

  @Test
  void releasedTenantsLeaveNoProxyNearCacheOrHeapOnTheClient() throws Exception {
    String clusterName = "cb-test-" + UUID.randomUUID();
    try (MemberProcess member = MemberProcess.start(
        List.of("-Xmx768m", "-XX:TieredStopAtLevel=1"), clusterName);
        HazelcastBackend client = HazelcastBackend.start(TestSettings.generousBuilder()
            .clusterName(clusterName).client(member.address()).nearCache("default").build());
        Manager manager = client.manager(ManagerConfig.builder().maxTenants(MAX_TENANTS).build())) {
      String run = "fp-" + UUID.randomUUID() + "-";
      churn(manager, run, 0, 200); // warm-up: classes loaded, pools and buffers at their size
      awaitReleasesDone(client.instance());
      long heapBefore = usedHeapAfterGc();
      long started = System.nanoTime();

      churn(manager, run, 200, TENANTS);

      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      awaitReleasesDone(client.instance());
      long heapAfter = usedHeapAfterGc();
      long growth = heapAfter - heapBefore;
      System.out.printf("client footprint: %d tenants churned through maxTenants %d in %d ms; "
          + "cache proxies %d, near caches %d, heap %+.1f MB (%.0f bytes/tenant)%n",
          TENANTS, MAX_TENANTS, millis, cacheProxies(client.instance()).size(),
          nearCaches(client.instance()), growth / 1e6, (double) growth / TENANTS);

      assertThat(manager.stats().get(StatsKeys.ACTIVE_TENANTS)).isEqualTo((long) MAX_TENANTS);
      assertThat(cacheProxies(client.instance())).as("client cache proxies")
          .hasSizeLessThanOrEqualTo(MAX_TENANTS);
      assertThat(nearCaches(client.instance())).as("client near caches")
          .isLessThanOrEqualTo(MAX_TENANTS);
      // Generous: 10 live tenants, GC noise, and what Hazelcast's JMX metrics publisher keeps
      // per near cache name it ever published (~1.7 KB, see the README). Before the fix 10,000
      // tenants kept 350 MB (35 KB each).
      assertThat(growth).as("client heap growth over %d tenants", TENANTS)
          .isLessThan(16_000_000L + 3_000L * TENANTS);

      // The data stayed: a released tenant's entries read back through a re-attached handle.
      assertThat(manager.get(run + 7).get("a")).hasValue(bytes(run + 7));

      manager.close();
      assertThat(cacheProxies(client.instance())).as("after close").isEmpty();
      assertThat(nearCaches(client.instance())).as("after close").isZero();
    }
  }

  @Test
  void aTenantCostsTheMembersAConfigAndADistributedObjectUntilDestroyed() {
    int tenants = 2_000;
    try (Members cluster = Members.start(1);
        HazelcastBackend client = HazelcastBackend.start(TestSettings.clientOf(cluster).build());
        Manager manager = client.manager(ManagerConfig.builder().maxTenants(MAX_TENANTS).build())) {
      HazelcastInstance member = cluster.member(0);
      String run = "cost-" + UUID.randomUUID() + "-";
      churn(manager, run, 0, 50); // warm-up
      for (int i = 0; i < 50; i++) {
        manager.destroy(run + i);
      }
      awaitReleasesDone(client.instance());
      int objectsBefore = member.getDistributedObjects().size();

      churn(manager, run, 50, 50 + tenants);
      awaitReleasesDone(client.instance());
      int objectsLiving = member.getDistributedObjects().size();
      long heapLiving = usedHeapAfterGc();

      for (int i = 50; i < 50 + tenants; i++) {
        manager.destroy(run + i);
      }
      awaitReleasesDone(client.instance());
      int objectsDestroyed = member.getDistributedObjects().size();
      long heapDestroyed = usedHeapAfterGc();
      // The client holds the same 10 tenants in both states: the difference is the members'.
      System.out.printf("member footprint: %d living tenants with 2 entries each: %+d "
          + "distributed objects and %.0f bytes of member heap per tenant (living minus "
          + "destroyed); after destroy: %+d objects%n", tenants, objectsLiving - objectsBefore,
          (double) (heapLiving - heapDestroyed) / tenants, objectsDestroyed - objectsBefore);

      assertThat(objectsLiving - objectsBefore).as("one distributed object per living tenant")
          .isEqualTo(tenants);
      assertThat(objectsDestroyed).as("destroy deletes them").isEqualTo(objectsBefore);
      assertThat(manager.get(run + 60).get("a")).as("a destroyed tenant is empty").isEmpty();
    }
  }

  /** Tenants {@code from..to-1}: each attached, written twice, read (into the near cache). */
  private static void churnOrThrow(Manager manager, String run, int from, int to)
      throws Exception {
    AtomicInteger next = new AtomicInteger(from);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        done.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
            String tenant = run + i;
            Cache cache = manager.get(tenant);
            cache.set("a", bytes(tenant), TTL);
            cache.set("b", bytes("b"), TTL);
            assertThat(cache.get("a")).hasValue(bytes(tenant));
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(10, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static void churn(Manager manager, String run, int from, int to) {
    try {
      churnOrThrow(manager, run, from, to);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Releases run on the manager's background thread: wait until they caught up (or, on a client
   * that keeps released proxies, give up after a while and let the assertions say what is left).
   */
  private static void awaitReleasesDone(HazelcastInstance client) {
    try {
      await().atMost(Duration.ofSeconds(20)).until(() ->
          cacheProxies(client).size() <= MAX_TENANTS);
    } catch (ConditionTimeoutException e) {
      // asserted by the caller
    }
  }

  /** The cache proxies this client holds: its ProxyManager's own view, no round trip. */
  static List<DistributedObject> cacheProxies(HazelcastInstance client) {
    // Not client.getDistributedObjects(): that asks the cluster and creates a local proxy for
    // every object the members hold, every living tenant's cache included.
    List<DistributedObject> caches = new ArrayList<>();
    for (DistributedObject o : proxyManager(client).getDistributedObjects()) {
      if (ICacheService.SERVICE_NAME.equals(o.getServiceName())) {
        caches.add(o);
      }
    }
    return caches;
  }

  static int nearCaches(HazelcastInstance client) {
    return proxyManager(client).getContext().getNearCacheManager(ICacheService.SERVICE_NAME)
        .listAllNearCaches().size();
  }

  private static ProxyManager proxyManager(HazelcastInstance client) {
    return ((HazelcastClientProxy) client).client.getProxyManager();
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(UTF_8);
  }
}
