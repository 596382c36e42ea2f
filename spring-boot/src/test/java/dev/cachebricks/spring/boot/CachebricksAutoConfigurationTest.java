package dev.cachebricks.spring.boot;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;
import dev.cachebricks.Cache;
import dev.cachebricks.CacheClosedException;
import dev.cachebricks.CacheConfigException;
import dev.cachebricks.ManagerClosedException;
import dev.cachebricks.contract.ClassResource;
import dev.cachebricks.hazelcast.HazelcastBackend;
import dev.cachebricks.hazelcast.HazelcastConfig;
import dev.cachebricks.hazelcast.testing.Members;
import dev.cachebricks.tenant.Manager;
import dev.cachebricks.tenant.ManagerConfig;
import dev.cachebricks.tenant.TenantManager;
import dev.cachebricks.testing.InMemoryCache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.hazelcast.autoconfigure.HazelcastAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The beans and their conditions: the embedded default, client properties, an application's
 * Hazelcast instance, the application's own beans winning, invalid properties failing startup,
 * and the order things close in.
 */
class CachebricksAutoConfigurationTest {

  @RegisterExtension
  static final ClassResource<Members> cluster =
      new ClassResource<>(() -> Members.start(1));
  private final ApplicationContextRunner runner = Runners.cachebricks();

  private static byte[] utf8(String s) {
    return s.getBytes(UTF_8);
  }

  @Test
  void defaultsStartAnEmbeddedLoopbackMemberWithTheLibraryDefaults() {
    List<HazelcastInstance> started = new ArrayList<>();
    runner.run(context -> {
      HazelcastBackend backend = context.getBean(HazelcastBackend.class);
      started.add(backend.instance());
      assertThat(backend.instance().getLocalEndpoint()).isInstanceOf(Member.class);
      assertThat(((Member) backend.instance().getLocalEndpoint()).getAddress().getHost())
          .isEqualTo("127.0.0.1");
      HazelcastConfig defaults = HazelcastConfig.embedded();
      assertThat(backend.config())
          .usingRecursiveComparison().ignoringFields("clusterName").isEqualTo(defaults);
      assertThat(context.getBean(ManagerConfig.class))
          .usingRecursiveComparison().ignoringFields("clock").isEqualTo(ManagerConfig.defaults());

      Manager manager = context.getBean(Manager.class);
      manager.get("acme").set("k", utf8("v"), Duration.ZERO);
      assertThat(manager.get("acme").get("k")).hasValue(utf8("v"));
      assertThat(context.getBeansOfType(Cache.class)).isEmpty();
    });
    assertThat(started.get(0).getLifecycleService().isRunning()).isFalse();
  }

  @Test
  void namedCachesAreBeansNamedLikeTheCacheOnTheSharedBackend() {
    runner.withPropertyValues("cachebricks.caches=sessions,quotes").run(context -> {
      assertThat(context.getBeansOfType(Cache.class)).containsOnlyKeys("sessions", "quotes");
      Cache sessions = context.getBean("sessions", Cache.class);
      sessions.set("s1", utf8("alice"), Duration.ofMinutes(5));
      Cache again = context.getBean(HazelcastBackend.class).cache("sessions");
      assertThat(again.get("s1")).hasValue(utf8("alice"));
      assertThat(context.getBean("quotes", Cache.class).get("s1")).isEmpty();
    });
  }

  @Test
  void anExecutorBeanNamedCachebricksAsyncExecutorDeliversAsyncResults() {
    java.util.concurrent.ExecutorService mine = java.util.concurrent.Executors
        .newSingleThreadExecutor(r -> new Thread(r, "app-executor"));
    // A plain Executor view: Spring would infer shutdown() as the destroy method of the pool.
    java.util.concurrent.Executor bean = mine::execute;
    try {
      runner.withBean(CachebricksAutoConfiguration.ASYNC_EXECUTOR,
              java.util.concurrent.Executor.class, () -> bean)
          .withPropertyValues("cachebricks.caches=sessions").run(context -> {
            assertThat(context.getBean(HazelcastConfig.class).asyncExecutor()).containsSame(bean);
            Cache sessions = context.getBean("sessions", Cache.class);
            sessions.set("s1", utf8("alice"), Duration.ofMinutes(5));
            // (Which thread completes what is AsyncDeliveryTest's; here: the wiring.)
            assertThat(sessions.async().get("s1").get()).hasValue(utf8("alice"));
          });
      assertThat(mine.isShutdown()).isFalse();
    } finally {
      mine.shutdown();
    }
  }

  @Test
  void clientPropertiesConnectToTheirClusterAndCloseOnlyTheClient() {
    List<HazelcastInstance> started = new ArrayList<>();
    runner.withPropertyValues(
        "cachebricks.hazelcast.cluster-name=" + cluster.get().clusterName(),
        "cachebricks.hazelcast.addresses=" + cluster.get().addresses().get(0),
        "cachebricks.hazelcast.connect-timeout=20s",
        "cachebricks.caches=shared").run(context -> {
          HazelcastBackend backend = context.getBean(HazelcastBackend.class);
          started.add(backend.instance());
          assertThat(backend.config().mode()).isEqualTo(HazelcastConfig.Mode.CLIENT);
          assertThat(backend.instance()).isNotSameAs(cluster.get().member(0));
          context.getBean("shared", Cache.class).set("k", utf8("from-client"), Duration.ZERO);
          try (HazelcastBackend onMember = HazelcastBackend.of(cluster.get().member(0))) {
            assertThat(onMember.cache("shared").get("k")).hasValue(utf8("from-client"));
          }
        });
    assertThat(started.get(0).getLifecycleService().isRunning()).isFalse();
    assertThat(cluster.get().member(0).getLifecycleService().isRunning()).isTrue();
  }

  @Test
  void nearCachePropertiesGiveTheClientANearCache() {
    runner.withPropertyValues(
        "cachebricks.hazelcast.cluster-name=" + cluster.get().clusterName(),
        "cachebricks.hazelcast.addresses=" + cluster.get().addresses().get(0),
        "cachebricks.hazelcast.connect-timeout=20s",
        "cachebricks.hazelcast.near-cache.caches=products, prices-*",
        "cachebricks.hazelcast.near-cache.max-entries=500",
        "cachebricks.hazelcast.near-cache.max-staleness=2s",
        "cachebricks.caches=products").run(context -> {
          HazelcastConfig.NearCache nearCache =
              context.getBean(HazelcastBackend.class).config().nearCache();
          assertThat(nearCache.caches()).containsExactly("products", "prices-*");
          assertThat(nearCache.maxEntries()).isEqualTo(500);
          assertThat(nearCache.maxStaleness()).isEqualTo(Duration.ofSeconds(2));
          Cache products = context.getBean("products", Cache.class);
          products.set("k", utf8("v"), Duration.ZERO);
          products.get("k");
          products.get("k");
          assertThat((Long) products.stats().get("hz_near_cache_hits")).isPositive();
        });
  }

  @Test
  void anApplicationInstanceBeanIsUsedAndNeverShutDown() {
    runner.withBean(HazelcastInstance.class, () -> cluster.get().member(0))
        .withPropertyValues("cachebricks.hazelcast.max-entries=1234").run(context -> {
          HazelcastBackend backend = context.getBean(HazelcastBackend.class);
          assertThat(backend.instance()).isSameAs(cluster.get().member(0));
          assertThat(backend.config().maxEntriesPerCache()).isEqualTo(1234);
          context.getBean(Manager.class).get("acme").set("k", utf8("v"), Duration.ZERO);
        });
    assertThat(cluster.get().member(0).getLifecycleService().isRunning()).isTrue();
  }

  @Test
  void bootsHazelcastInstanceIsSharedAndClosesAfterManagerCachesAndBackend() {
    List<String> atShutdown = new ArrayList<>();
    String name = Runners.uniqueCluster();
    runner.withConfiguration(AutoConfigurations.of(HazelcastAutoConfiguration.class))
        .withBean(Config.class, () -> Members.standaloneConfig(name))
        .withPropertyValues("cachebricks.caches=sessions")
        .run(context -> {
          HazelcastInstance instance = context.getBean(HazelcastInstance.class);
          assertThat(context.getBean(HazelcastBackend.class).instance()).isSameAs(instance);
          assertThat(instance.getConfig().getClusterName()).isEqualTo(name);
          Manager manager = context.getBean(Manager.class);
          Cache sessions = context.getBean("sessions", Cache.class);
          manager.get("acme").set("k", utf8("v"), Duration.ZERO);
          instance.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleState.SHUTTING_DOWN) {
              atShutdown.add(closed(() -> manager.get("acme")));
              atShutdown.add(closed(() -> sessions.get("k")));
            }
          });
        });
    assertThat(atShutdown).containsExactly(
        "ManagerClosedException", "CacheClosedException");
  }

  @Test
  void anInstanceTheBackendStartedStopsAfterTheManagerAndCaches() {
    List<String> atShutdown = new ArrayList<>();
    runner.withPropertyValues("cachebricks.caches=sessions").run(context -> {
      Manager manager = context.getBean(Manager.class);
      Cache sessions = context.getBean("sessions", Cache.class);
      context.getBean(HazelcastBackend.class).instance().getLifecycleService()
          .addLifecycleListener(event -> {
            if (event.getState() == LifecycleState.SHUTTING_DOWN) {
              atShutdown.add(closed(() -> manager.get("acme")));
              atShutdown.add(closed(() -> sessions.get("k")));
            }
          });
    });
    assertThat(atShutdown).containsExactly(
        "ManagerClosedException", "CacheClosedException");
  }

  /** Runs a call on a closed component; returns the simple name of what it threw. */
  private static String closed(Runnable call) {
    try {
      call.run();
      return "open";
    } catch (ManagerClosedException | CacheClosedException e) {
      return e.getClass().getSimpleName();
    }
  }

  @Test
  void theApplicationsBeansWin() {
    HazelcastConfig settings = HazelcastConfig.builder()
        .clusterName(Runners.uniqueCluster()).maxEntriesPerCache(321).build();
    ManagerConfig config = ManagerConfig.builder().maxTenants(7).build();
    InMemoryCache sessions = InMemoryCache.create();
    runner.withBean(HazelcastConfig.class, () -> settings)
        .withBean(ManagerConfig.class, () -> config)
        .withBean("sessions", Cache.class, () -> sessions)
        .withPropertyValues("cachebricks.caches=sessions,quotes").run(context -> {
          assertThat(context.getBean(HazelcastBackend.class).config()).isSameAs(settings);
          assertThat(context.getBean(Manager.class).stats()).containsEntry("max_size", 7L);
          assertThat(context.getBean("sessions")).isSameAs(sessions);
          assertThat(context.getBean("quotes")).isInstanceOf(Cache.class);
        });

    try (HazelcastBackend mine = HazelcastBackend.of(cluster.get().member(0))) {
      Manager myManager = TenantManager.inMemory(ManagerConfig.defaults());
      runner.withBean(HazelcastBackend.class, () -> mine)
          .withBean(Manager.class, () -> myManager).run(context -> {
            assertThat(context.getBean(HazelcastBackend.class)).isSameAs(mine);
            assertThat(context.getBean(Manager.class)).isSameAs(myManager);
          });
    }
  }

  @Test
  void theManagerCanBeSwitchedOff() {
    runner.withBean(HazelcastInstance.class, () -> cluster.get().member(0))
        .withPropertyValues("cachebricks.manager.enabled=false")
        .run(context -> {
          assertThat(context).hasSingleBean(HazelcastBackend.class);
          assertThat(context).doesNotHaveBean(Manager.class);
        });
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "cachebricks.hazelcast.max-entries=0        | cachebricks.hazelcast.max-entries"
          + "       | must be positive, was 0",
      "cachebricks.hazelcast.backup-count=7       | cachebricks.hazelcast.backup-count"
          + "      | must be 0..6, was 7",
      "cachebricks.hazelcast.port=70000           | cachebricks.hazelcast.port"
          + "              | must be 1..65535, was 70000",
      "cachebricks.hazelcast.cluster-name=        | cachebricks.hazelcast.cluster-name"
          + "      | must not be blank",
      "cachebricks.hazelcast.operation-timeout=0  | cachebricks.hazelcast.operation-timeout"
          + " | must be positive, was PT0S",
      "cachebricks.hazelcast.max-key-length=0     | cachebricks.hazelcast.max-key-length"
          + "    | must be positive, was 0",
      "cachebricks.hazelcast.max-value-size=3GB   | cachebricks.hazelcast.max-value-size"
          + "    | must be at most 2147483647 bytes, was 3221225472",
      "cachebricks.hazelcast.client-config=/nope.yaml | cachebricks.hazelcast.client-config"
          + " | cannot read /nope.yaml",
      "cachebricks.manager.max-tenants=-1         | cachebricks.manager.max-tenants"
          + "         | must not be negative, was -1",
      "cachebricks.manager.idle-ttl=-1s           | cachebricks.manager.idle-ttl"
          + "            | must not be negative, was PT-1S",
      "cachebricks.manager.cleanup-interval=0     | cachebricks.manager.cleanup-interval"
          + "    | must be positive, was 0",
      "cachebricks.hazelcast.near-cache.caches=x  | cachebricks.hazelcast.near-cache.caches"
          + " | ",
      "cachebricks.caches[0]=                     | cachebricks.caches"
          + "                      | cache names must not be blank",
  })
  void anInvalidPropertyFailsStartupNamingIt(String property, String name, String detail) {
    runner.withPropertyValues(property).run(context -> {
      assertThat(context).hasFailed();
      CacheConfigException e = rootCause(context.getStartupFailure(), CacheConfigException.class);
      assertThat(e.field()).isEqualTo(name);
      assertThat(e.getMessage()).startsWith("cache configuration error: " + name + ": "
          + (detail == null ? "" : detail));
      FailureAnalysis analysis = new CacheConfigFailureAnalyzer()
          .analyze(context.getStartupFailure());
      assertThat(analysis.getDescription()).contains(name);
      assertThat(analysis.getAction()).contains("'" + name + "'");
    });
  }

  @Test
  void aValueOfTheWrongTypeFailsBindingNamingTheProperty() {
    runner.withPropertyValues("cachebricks.hazelcast.port=many").run(context -> {
      assertThat(context).hasFailed();
      BindException e = rootCause(context.getStartupFailure(), BindException.class);
      assertThat(e.getName().toString()).isEqualTo("cachebricks.hazelcast.port");
      assertThat(e.getMessage()).contains("cachebricks.hazelcast.port");
    });
  }

  private static <T extends Throwable> T rootCause(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in the chain of " + failure,
        failure);
  }

  @Test
  void aClosedContextLeavesNoUsableHandle() {
    List<Cache> handles = new ArrayList<>();
    runner.withPropertyValues("cachebricks.caches=sessions")
        .run(context -> handles.add(context.getBean("sessions", Cache.class)));
    assertThatThrownBy(() -> handles.get(0).get("k")).isInstanceOf(CacheClosedException.class);
  }
}
