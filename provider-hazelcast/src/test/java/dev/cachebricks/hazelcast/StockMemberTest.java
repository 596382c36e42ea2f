package dev.cachebricks.hazelcast;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.hazelcast.cache.ICache;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import dev.cachebricks.Cache;
import dev.cachebricks.CacheOperationException;
import dev.cachebricks.contract.CacheContract;
import dev.cachebricks.contract.ManagerContract;
import dev.cachebricks.hazelcast.jcache.CachebricksCachingProvider;
import dev.cachebricks.hazelcast.stock.AppClasses;
import dev.cachebricks.hazelcast.testing.StockMemberProcess;
import dev.cachebricks.tenant.Manager;
import dev.cachebricks.tenant.ManagerConfig;
import dev.cachebricks.tenant.TenantCacheFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriterException;
import javax.cache.processor.EntryProcessorException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Client mode against a stock Hazelcast member (a separate JVM running Hazelcast's own
 * {@code HazelcastMemberStarter} with only Hazelcast's jars, no cachebricks code): what works,
 * what needs the application's classes on the member, and the fix (the same member with the
 * application's classes on its classpath). The README's "Client mode: what runs where" quotes
 * these tests.
 */
class StockMemberTest {

  /** Hazelcast jar + JSR-107 API jar: what Hazelcast's distribution runs. */
  private static StockMemberProcess stock;
  /** The same, plus this module's test classes (the "application's classes"). */
  private static StockMemberProcess withApp;
  private static HazelcastBackend client;
  private static CachebricksCachingProvider provider;
  private static CachebricksCachingProvider appProvider;
  private static CacheManager jcache;
  private static CacheManager appJCache;

  @BeforeAll
  static void start() throws Exception {
    CompletableFuture<StockMemberProcess> app = CompletableFuture.supplyAsync(() -> {
      try {
        return StockMemberProcess.builder()
            .addClasspath(StockMemberProcess.codeSource(AppClasses.class)).start();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    try {
      stock = StockMemberProcess.start();
    } finally {
      withApp = app.join();
    }
    client = HazelcastBackend.start(TestSettings.generousBuilder()
        .clusterName(stock.clusterName()).client(stock.address()).build());
    TestSettings.warmUp(List.of(client.cache("warm-up")));
    provider = new CachebricksCachingProvider();
    jcache = provider.getCacheManager(URI.create("cachebricks:stock-test"), null, clientOf(stock));
    appProvider = new CachebricksCachingProvider();
    appJCache = appProvider.getCacheManager(
        URI.create("cachebricks:stock-test"), null, clientOf(withApp));
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {appProvider, provider, client, withApp, stock}) {
      if (c != null) {
        c.close();
      }
    }
  }

  /** The JSR-107 provider's client-mode properties for a member. */
  static Properties clientOf(StockMemberProcess member) {
    Properties properties = new Properties();
    properties.setProperty("cachebricks.hazelcast.mode", "client");
    properties.setProperty("cachebricks.hazelcast.cluster-name", member.clusterName());
    properties.setProperty("cachebricks.hazelcast.addresses", member.address());
    return properties;
  }

  private static String name(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  private static <K, V> MutableConfiguration<K, V> config(Class<K> keys, Class<V> values) {
    return new MutableConfiguration<K, V>().setTypes(keys, values);
  }

  /** Asserts that a call fails with {@code type}, caused (somewhere) by a missing class. */
  private static void assertMissingClass(ThrowingCallable call, Class<? extends Throwable> type,
      Class<?> missing) {
    assertThatThrownBy(call)
        .isInstanceOf(type)
        .hasRootCauseInstanceOf(ClassNotFoundException.class)
        .rootCause().hasMessageContaining(missing.getName());
  }

  // ---- the Cache API and the tenant manager: everything works -------------------------------

  /** Every {@code Cache} operation through a client of the stock member: the whole contract. */
  @Nested
  class CacheApiThroughAClient extends CacheContract {
    private final String cacheName = name("contract");

    @Override
    protected Cache newCache() {
      return client.cache(cacheName);
    }
  }

  /** The tenant manager on a client of the stock member: the whole contract. */
  @Nested
  class TenantManagerThroughAClient extends ManagerContract {
    @Override
    protected TenantCacheFactory newFactory() {
      return client.tenantFactory();
    }
  }

  @Test
  void hazelcastManagerInClientModeSharesTenantsWithJsr107Code() throws Exception {
    HazelcastConfig settings = TestSettings.generousBuilder()
        .clusterName(stock.clusterName()).client(stock.address()).build();
    String tenant = name("acme");
    try (Manager manager = new HazelcastManager(settings, ManagerConfig.defaults())) {
      manager.get(tenant).set("user:1", "alice".getBytes(UTF_8), Duration.ZERO);
      assertThat(manager.get(tenant).get("user:1")).hasValueSatisfying(
          v -> assertThat(new String(v, UTF_8)).isEqualTo("alice"));
      // The same tenant through JSR-107 code on the same stock member.
      CacheManager tenantManager = provider.getCacheManager(
          CachebricksCachingProvider.tenantUri(tenant), null, clientOf(stock));
      javax.cache.Cache<String, byte[]> tenantCache = tenantManager.getCache(
          HazelcastBackend.TENANT_CACHE_NAME, String.class, byte[].class);
      assertThat(new String(tenantCache.get("user:1"), UTF_8)).isEqualTo("alice");
      tenantManager.close();
    }
  }

  // ---- plain JSR-107 through our provider in client mode: works ----------------------------

  @Test
  void plainJsr107OperationsWorkThroughOurProviderInClientMode() {
    javax.cache.Cache<String, String> cache =
        jcache.createCache(name("plain"), config(String.class, String.class));
    assertThat(cache.get("k")).isNull();
    cache.put("k", "v1");
    assertThat(cache.get("k")).isEqualTo("v1");
    assertThat(cache.containsKey("k")).isTrue();
    assertThat(cache.putIfAbsent("k", "other")).isFalse();
    assertThat(cache.putIfAbsent("k2", "v2")).isTrue();
    assertThat(cache.replace("k", "v3")).isTrue();
    assertThat(cache.replace("absent", "x")).isFalse();
    assertThat(cache.replace("k", "wrong", "v4")).isFalse();
    assertThat(cache.replace("k", "v3", "v4")).isTrue();
    assertThat(cache.getAndPut("k", "v5")).isEqualTo("v4");
    assertThat(cache.getAndReplace("k", "v6")).isEqualTo("v5");
    assertThat(cache.remove("k", "wrong")).isFalse();
    assertThat(cache.remove("k", "v6")).isTrue();
    assertThat(cache.remove("k2")).isTrue();
    assertThat(cache.remove("k2")).isFalse();
    cache.putAll(Map.of("a", "1", "b", "2"));
    assertThat(cache.getAll(Set.of("a", "b", "c"))).isEqualTo(Map.of("a", "1", "b", "2"));
    assertThat(cache.getAndRemove("a")).isEqualTo("1");
    List<String> keys = new ArrayList<>();
    cache.forEach(e -> keys.add(e.getKey()));
    assertThat(keys).containsExactly("b");
    cache.removeAll();
    assertThat(cache.get("b")).isNull();
    assertThat(cache.getCacheManager().getCachingProvider()).isSameAs(provider);
  }

  @Test
  void jsr107ExpiryPolicyFactoriesOfTheApiWork() {
    javax.cache.Cache<String, String> cache = jcache.createCache(name("expiry"),
        config(String.class, String.class).setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
            new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, 300))));
    cache.put("k", "v");
    await().atMost(Duration.ofSeconds(20)).until(() -> cache.get("k") == null);
  }

  @Test
  void nonSerializableValuesWorkThroughZeroConfigCompactSerialization() {
    javax.cache.Cache<String, Object> cache =
        jcache.createCache(name("compact"), config(String.class, Object.class));
    cache.put("p", new Point(1, 2)); // not Serializable, and the member has no such class
    assertThat(cache.get("p")).isEqualTo(new Point(1, 2));
  }

  /** A value class that is not {@code Serializable}. */
  record Point(int x, int y) {}

  // ---- listeners: registered at run time they need nothing on the member -------------------

  @Test
  void aListenerWithoutAFilterReceivesEvents() {
    javax.cache.Cache<String, String> cache =
        jcache.createCache(name("listener"), config(String.class, String.class));
    String id = name("no-filter");
    cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
        FactoryBuilder.factoryOf(new AppClasses.RecordingListener(id)), null, false, true));
    cache.put("a", "1");
    cache.put("a", "2");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(AppClasses.EVENTS.get(id)).containsExactly("created:a=1", "updated:a=2"));
  }

  @Test
  void aListenerFilterRegisteredAtRunTimeRunsOnTheClient() {
    javax.cache.Cache<String, String> cache =
        jcache.createCache(name("filter"), config(String.class, String.class));
    String id = name("filtered");
    cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
        FactoryBuilder.factoryOf(new AppClasses.RecordingListener(id)),
        FactoryBuilder.factoryOf(new AppClasses.PrefixFilter("keep")), false, true));
    cache.put("drop-1", "x");
    cache.put("keep-1", "y");
    cache.put("drop-2", "z");
    cache.put("keep-2", "w");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(AppClasses.EVENTS.get(id)).containsExactly("created:keep-1=y",
            "created:keep-2=w"));
  }

  @Test
  void aListenerInTheCreateCacheConfigurationNeedsItsClassOnTheMember() {
    String id = name("in-config");
    MutableConfiguration<String, String> config = config(String.class, String.class)
        .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
            FactoryBuilder.factoryOf(new AppClasses.RecordingListener(id)), null, false, true));
    String cacheName = name("listener-in-config");
    assertMissingClass(() -> jcache.createCache(cacheName, config),
        HazelcastSerializationException.class, AppClasses.RecordingListener.class);
    assertThat(jcache.getCache(cacheName)).isNull();

    javax.cache.Cache<String, String> fixed = appJCache.createCache(cacheName, config);
    fixed.put("a", "1");
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        assertThat(AppClasses.EVENTS.get(id)).containsExactly("created:a=1"));
  }

  // ---- code that runs on the member: needs the application's classes there -----------------

  @Test
  void anEntryProcessorFailsWithClassNotFoundAndWorksWhenTheMemberHasTheClass() {
    String cacheName = name("processor");
    javax.cache.Cache<String, Integer> cache =
        jcache.createCache(cacheName, config(String.class, Integer.class));
    cache.put("k", 1);
    assertMissingClass(() -> cache.invoke("k", new AppClasses.Increment(), 5),
        EntryProcessorException.class, AppClasses.Increment.class);
    assertThat(cache.get("k")).isEqualTo(1); // nothing ran
    var results = cache.invokeAll(Set.of("k"), new AppClasses.Increment(), 5);
    assertMissingClass(() -> results.get("k").get(),
        EntryProcessorException.class, AppClasses.Increment.class);

    // A processor that is not Serializable (here a lambda) travels as zero-config Compact and
    // arrives as a GenericRecord, not as a missing class (embedded, it runs: ProviderSwapTest).
    assertThatThrownBy(() -> cache.invoke("k", (entry, args) -> entry.getValue()))
        .isInstanceOf(EntryProcessorException.class)
        .hasRootCauseInstanceOf(ClassCastException.class)
        .rootCause().hasMessageContaining("GenericRecord cannot be cast to class "
            + "javax.cache.processor.EntryProcessor");

    javax.cache.Cache<String, Integer> fixed =
        appJCache.createCache(cacheName, config(String.class, Integer.class));
    fixed.put("k", 1);
    assertThat(fixed.invoke("k", new AppClasses.Increment(), 5)).isEqualTo(6);
    assertThat(fixed.invokeAll(Set.of("k"), new AppClasses.Increment(), 1).get("k").get())
        .isEqualTo(7);
  }

  /**
   * Spring's {@code @Cacheable(sync = true)} in client mode (the shape of Spring's code, without
   * Spring): its processor is a non-static inner class that is not Serializable, so the client
   * cannot even send it, whatever the member has on its classpath. It is a
   * {@code HazelcastSerializationException}, not an {@code EntryProcessorException}, so Spring
   * does not turn it into a {@code ValueRetrievalException}.
   */
  @Test
  void springsSyncCacheableShapeCannotBeSentEvenToAMemberWithTheApplicationsClasses() {
    String cacheName = name("spring-sync");
    for (CacheManager manager : List.of(jcache, appJCache)) {
      AppClasses.SpringLikeCache spring = new AppClasses.SpringLikeCache(
          manager.createCache(cacheName, new MutableConfiguration<>()));
      assertThatThrownBy(() -> spring.get("k", () -> "computed"))
          .as(manager == jcache ? "stock member" : "member with the application's classes")
          .isInstanceOf(HazelcastSerializationException.class)
          .hasMessageContaining("Failed to serialize '" + AppClasses.SpringLikeCache.class.getName()
              + "$ValueLoaderEntryProcessor'")
          .rootCause().hasMessageContaining("cannot be serialized with zero configuration Compact"
              + " serialization because it has a field of type 'javax.cache.Cache'");
      assertThat(manager.getCache(cacheName).get("k")).isNull();
    }
  }

  @Test
  void aLoaderFactoryOfAClassFailsOnTheFirstMiss() {
    String cacheName = name("loader");
    MutableConfiguration<String, String> config = config(String.class, String.class)
        .setReadThrough(true)
        .setCacheLoaderFactory(FactoryBuilder.factoryOf(AppClasses.Loader.class));
    javax.cache.Cache<String, String> cache = jcache.createCache(cacheName, config);
    cache.put("present", "v"); // the member creates the loader only when it has to load
    assertThat(cache.get("present")).isEqualTo("v");
    assertMissingClass(() -> cache.get("absent"),
        CacheLoaderException.class, AppClasses.Loader.class);
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(stock.output())
        .contains("SEVERE")
        .contains("ClassNotFoundException: " + AppClasses.Loader.class.getName()));

    assertThat(appJCache.createCache(cacheName, config).get("absent")).isEqualTo("loaded:absent");
  }

  @Test
  void aLoaderFactoryOfAnInstanceFailsCreateCache() {
    String cacheName = name("loader-instance");
    MutableConfiguration<String, String> config = config(String.class, String.class)
        .setReadThrough(true)
        .setCacheLoaderFactory(FactoryBuilder.factoryOf(new AppClasses.Loader()));
    assertMissingClass(() -> jcache.createCache(cacheName, config),
        HazelcastSerializationException.class, AppClasses.Loader.class);

    assertThat(appJCache.createCache(cacheName, config).get("x")).isEqualTo("loaded:x");
  }

  @Test
  void aWriterFailsEveryWrite() {
    String cacheName = name("writer");
    MutableConfiguration<String, String> config = config(String.class, String.class)
        .setWriteThrough(true)
        .setCacheWriterFactory(FactoryBuilder.factoryOf(AppClasses.Writer.class));
    javax.cache.Cache<String, String> cache = jcache.createCache(cacheName, config);
    assertMissingClass(() -> cache.put("k", "v"),
        CacheWriterException.class, AppClasses.Writer.class);
    assertThat(cache.get("k")).isNull();

    javax.cache.Cache<String, String> fixed = appJCache.createCache(cacheName, config);
    fixed.put("k", "v");
    assertThat(fixed.get("k")).isEqualTo("v");
  }

  @Test
  void anApplicationExpiryPolicyNeedsItsClassOnTheMember() {
    // As a factory of a class: the cache is created, and the first write fails.
    String byClass = name("expiry-class");
    MutableConfiguration<String, String> classConfig = config(String.class, String.class)
        .setExpiryPolicyFactory(FactoryBuilder.factoryOf(AppClasses.HourExpiry.class));
    javax.cache.Cache<String, String> cache = jcache.createCache(byClass, classConfig);
    assertMissingClass(() -> cache.put("k", "v"),
        RuntimeException.class, AppClasses.HourExpiry.class);
    // As a factory of an instance: createCache fails.
    MutableConfiguration<String, String> instanceConfig = config(String.class, String.class)
        .setExpiryPolicyFactory(FactoryBuilder.factoryOf(new AppClasses.HourExpiry()));
    assertMissingClass(() -> jcache.createCache(name("expiry-instance"), instanceConfig),
        HazelcastSerializationException.class, AppClasses.HourExpiry.class);
    // As a per-call policy of Hazelcast's ICache: the call fails.
    ICache<String, String> icache = jcache.createCache(name("expiry-call"),
        config(String.class, String.class)).unwrap(ICache.class);
    assertMissingClass(() -> icache.put("k", "v", new AppClasses.HourExpiry()),
        HazelcastSerializationException.class, AppClasses.HourExpiry.class);

    javax.cache.Cache<String, String> fixed = appJCache.createCache(byClass, classConfig);
    fixed.put("k", "v");
    assertThat(fixed.get("k")).isEqualTo("v");
  }

  // ---- a member with only the Hazelcast jar has no JCache at all ---------------------------

  @Test
  void aMemberWithOnlyTheHazelcastJarHasNoJCacheService() throws Exception {
    try (StockMemberProcess bare = StockMemberProcess.builder().withoutJCacheApi().start();
        HazelcastBackend bareClient = HazelcastBackend.start(TestSettings.generousBuilder()
            .clusterName(bare.clusterName()).client(bare.address()).build())) {
      assertThatThrownBy(() -> bareClient.cache("x"))
          .isInstanceOf(CacheOperationException.class)
          .hasMessageContaining("Service with name 'hz:impl:cacheService' not found!");
      CachebricksCachingProvider bareProvider = new CachebricksCachingProvider();
      try {
        assertThatThrownBy(() -> bareProvider.getCacheManager(
                URI.create("cachebricks:bare"), null, clientOf(bare))
            .createCache("x", config(String.class, String.class)))
            .hasRootCauseInstanceOf(NoClassDefFoundError.class)
            .rootCause().hasMessageContaining("javax/cache/configuration/CompleteConfiguration");
      } finally {
        bareProvider.close();
      }
    }
  }
}
