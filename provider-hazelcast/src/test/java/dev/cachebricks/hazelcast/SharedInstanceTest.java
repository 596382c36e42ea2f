package dev.cachebricks.hazelcast;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.Cache;
import dev.cachebricks.CacheClosedException;
import dev.cachebricks.CacheConfigException;
import dev.cachebricks.contract.ClassResource;
import dev.cachebricks.hazelcast.Topologies.Kind;
import dev.cachebricks.hazelcast.jcache.CachebricksCachingProvider;
import dev.cachebricks.tenant.Manager;
import dev.cachebricks.tenant.ManagerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Several components on one Hazelcast instance, as applications run them: backends, tenant
 * managers and the JSR-107 provider share caches and tenants, none of them silently evicts at
 * Hazelcast's default bound, and closing one never closes another's caches.
 */
class SharedInstanceTest {

  private static final int ENTRIES = 30_000;
  @RegisterExtension
  static final ClassResource<Topologies> topologies =
      new ClassResource<>(() -> new Topologies());

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void thirtyThousandEntriesThroughTheProviderAreAllReadable(Kind kind) {
    HazelcastInstance instance = topologies.get().instance(kind);
    CachebricksCachingProvider provider = new CachebricksCachingProvider();
    try {
      CacheManager manager = provider.getCacheManager(
          null, null, CachebricksCachingProvider.propertiesOf(instance));
      javax.cache.Cache<Integer, String> cache =
          manager.createCache(unique("jsr107"), new MutableConfiguration<Integer, String>());
      for (int from = 0; from < ENTRIES; from += 1_000) {
        Map<Integer, String> batch = new HashMap<>();
        for (int i = from; i < from + 1_000; i++) {
          batch.put(i, "v" + i);
        }
        cache.putAll(batch);
      }
      Set<Integer> keys = IntStream.range(0, ENTRIES).boxed().collect(Collectors.toSet());
      Map<Integer, String> read = cache.getAll(keys);
      assertThat(read).as("entries readable after %d puts on %s", ENTRIES, kind)
          .hasSize(ENTRIES);
    } finally {
      provider.close();
    }
    assertThat(instance.getLifecycleService().isRunning()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void thirtyThousandEntriesThroughTheAdapterAreAllReadable(Kind kind) throws Exception {
    try (HazelcastBackend backend =
        HazelcastBackend.of(topologies.get().instance(kind), TestSettings.generous())) {
      Cache cache = backend.cache(unique("adapter"));
      byte[] value = "v".getBytes(UTF_8);
      List<CompletableFuture<?>> window = new ArrayList<>();
      for (int i = 0; i < ENTRIES; i++) {
        window.add(cache.async().set("k" + i, value, Duration.ZERO));
        if (window.size() == 256) {
          CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).get(60,
              TimeUnit.SECONDS);
          window.clear();
        }
      }
      CompletableFuture.allOf(window.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
      int readable = 0;
      List<CompletableFuture<java.util.Optional<byte[]>>> reads = new ArrayList<>();
      for (int i = 0; i < ENTRIES; i++) {
        reads.add(cache.async().get("k" + i));
        if (reads.size() == 256 || i == ENTRIES - 1) {
          for (var read : reads) {
            readable += read.get(60, TimeUnit.SECONDS).isPresent() ? 1 : 0;
          }
          reads.clear();
        }
      }
      assertThat(readable).as("entries readable after %d sets on %s", ENTRIES, kind)
          .isEqualTo(ENTRIES);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void twoBackendsOnOneInstanceShareACacheAndCloseIndependently(Kind kind) {
    HazelcastInstance instance = topologies.get().instance(kind);
    String name = unique("shared");
    HazelcastBackend first = HazelcastBackend.of(instance, TestSettings.generous());
    try (HazelcastBackend second = HazelcastBackend.of(instance, TestSettings.generous())) {
      Cache a = first.cache(name);
      Cache b = second.cache(name);
      a.set("k", "from-a".getBytes(UTF_8), Duration.ZERO);
      assertThat(b.get("k")).hasValueSatisfying(v ->
          assertThat(v).asString(UTF_8).isEqualTo("from-a"));
      first.close();
      assertThatThrownBy(() -> a.get("k")).isInstanceOf(CacheClosedException.class);
      b.set("k", "from-b".getBytes(UTF_8), Duration.ZERO);
      assertThat(b.get("k")).hasValueSatisfying(v ->
          assertThat(v).asString(UTF_8).isEqualTo("from-b"));
      try (HazelcastBackend third = HazelcastBackend.of(instance, TestSettings.generous())) {
        assertThat(third.cache(name).get("k")).isPresent();
      }
      assertThat(b.get("k")).isPresent();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void twoManagersOnOneInstanceShareTenants(Kind kind) {
    HazelcastInstance instance = topologies.get().instance(kind);
    String tenant = unique("acme");
    try (Manager first = new HazelcastManager(instance, ManagerConfig.defaults());
        Manager second = new HazelcastManager(instance, ManagerConfig.defaults())) {
      first.get(tenant).set("k", "v".getBytes(UTF_8), Duration.ZERO);
      assertThat(second.get(tenant).get("k")).isPresent();
      first.remove(tenant);
      assertThat(second.get(tenant).get("k")).isPresent();
      first.close();
      assertThat(second.get(tenant).get("k")).isPresent();
    }
    assertThat(instance.getLifecycleService().isRunning()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aManagerAndTheProviderOnOneInstanceShareTenants(Kind kind) {
    HazelcastInstance instance = topologies.get().instance(kind);
    String tenant = unique("acme/eu");
    CachebricksCachingProvider provider = new CachebricksCachingProvider();
    try (Manager tenants = new HazelcastManager(instance, ManagerConfig.defaults())) {
      Cache handle = tenants.get(tenant);
      handle.set("greeting", "hello".getBytes(UTF_8), Duration.ZERO);
      CacheManager manager = provider.getCacheManager(CachebricksCachingProvider.tenantUri(tenant),
          null, CachebricksCachingProvider.propertiesOf(instance));
      javax.cache.Cache<String, byte[]> jcache =
          manager.getCache(HazelcastBackend.TENANT_CACHE_NAME, String.class, byte[].class);
      assertThat(new String(jcache.get("greeting"), UTF_8)).isEqualTo("hello");
      jcache.put("from-jsr107", "yes".getBytes(UTF_8));
      assertThat(handle.get("from-jsr107")).isPresent();

      // Closing the JSR-107 side closes only its views.
      jcache.close();
      manager.close();
      assertThat(handle.get("greeting")).isPresent();
      // And the other way round.
      CacheManager again = provider.getCacheManager(CachebricksCachingProvider.tenantUri(tenant),
          null, CachebricksCachingProvider.propertiesOf(instance));
      javax.cache.Cache<String, byte[]> view =
          again.getCache(HazelcastBackend.TENANT_CACHE_NAME, String.class, byte[].class);
      tenants.close();
      assertThat(view.get("from-jsr107")).isNotNull();
    } finally {
      provider.close();
    }
    assertThat(instance.getLifecycleService().isRunning()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void concurrentClosesOfOneHandleReleaseItOnce(Kind kind) throws Exception {
    try (HazelcastBackend backend =
        HazelcastBackend.of(topologies.get().instance(kind), TestSettings.generous())) {
      String name = unique("double-close");
      Cache keeper = backend.cache(name);
      keeper.set("k", "v".getBytes(UTF_8), Duration.ZERO);
      int closers = 4;
      ExecutorService pool = Executors.newFixedThreadPool(closers);
      try {
        for (int round = 0; round < 100; round++) {
          Cache doomed = backend.cache(name);
          CyclicBarrier barrier = new CyclicBarrier(closers);
          List<Future<?>> closes = new ArrayList<>();
          for (int i = 0; i < closers; i++) {
            closes.add(pool.submit(() -> {
              barrier.await(10, TimeUnit.SECONDS);
              doomed.close();
              return null;
            }));
          }
          for (Future<?> close : closes) {
            close.get(10, TimeUnit.SECONDS);
          }
          assertThat(keeper.get("k")).as("round %d: the other handle still works", round)
              .isPresent();
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aTenantCacheCreatedWithOtherTypesIsAConfigErrorNotAClassCast() {
    HazelcastInstance instance = topologies.get().instance(Kind.MEMBER);
    String tenant = unique("typed");
    CachebricksCachingProvider provider = new CachebricksCachingProvider();
    try (Manager tenants = new HazelcastManager(instance, ManagerConfig.defaults())) {
      CacheManager manager = provider.getCacheManager(CachebricksCachingProvider.tenantUri(tenant),
          null, CachebricksCachingProvider.propertiesOf(instance));
      manager.createCache(HazelcastBackend.TENANT_CACHE_NAME, new MutableConfiguration<>());
      assertThatThrownBy(() -> tenants.get(tenant).get("k"))
          .satisfies(e -> assertThat(dev.cachebricks.CacheException.findCause(
              e, CacheConfigException.class)).isPresent())
          .hasMessageContaining("types");
    } finally {
      provider.close();
    }
  }
}
