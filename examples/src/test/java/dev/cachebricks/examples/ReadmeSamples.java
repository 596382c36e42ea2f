package dev.cachebricks.examples;

import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.Cache;
import dev.cachebricks.GetOrSetResult;
import dev.cachebricks.cbor.Cbor;
import dev.cachebricks.cbor.CborCodec;
import dev.cachebricks.cbor.CborKey;
import dev.cachebricks.hazelcast.HazelcastBackend;
import dev.cachebricks.hazelcast.HazelcastConfig;
import dev.cachebricks.hazelcast.HazelcastManager;
import dev.cachebricks.hazelcast.jcache.CachebricksCachingProvider;
import dev.cachebricks.micrometer.CacheMetrics;
import dev.cachebricks.recipes.CacheAside;
import dev.cachebricks.recipes.CacheLock;
import dev.cachebricks.tenant.Manager;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;

/**
 * Every Java sample of the README, verbatim, with just enough around it to compile:
 * {@code ReadmeSamplesTest} checks each README block appears here, so a sample that stops
 * compiling against the API breaks the build. Nothing here is run.
 */
@SuppressWarnings({"unused", "try"})
abstract class ReadmeSamples {

  // What the samples take from their surroundings.
  HazelcastBackend backend;
  HazelcastInstance hazelcastInstance;
  Cache cache;
  Manager manager;
  MeterRegistry meterRegistry;
  Properties properties;
  byte[] bytes;
  byte[] done;
  byte[] token;
  byte[] oldBytes;
  byte[] newBytes;
  long id;
  Repository repository;

  abstract void process(long id);

  abstract void runReport();

  interface Repository {
    User load(long id);
  }

  // ---- README: API tour
  void apiTour() {
    try (Cache cache = backend.cache("orders")) {                  // see "Getting a cache"
      cache.set("user:123", bytes, Duration.ofMinutes(5));          // overwrite, TTL replaces the old one
      Optional<byte[]> hit = cache.get("user:123");                  // empty when absent or expired
      cache.delete("user:123");                                      // idempotent

      // Deduplication / idempotency: only the first caller stores its value.
      GetOrSetResult r = cache.getOrSet("processed:msg:" + id, done, Duration.ofHours(1));
      if (r.stored()) {
        process(id);                                                 // first time only
      }

      // Optimistic concurrency and locks.
      cache.compareAndSet("lock:job", null, token, Duration.ofSeconds(30));   // SET NX
      cache.compareAndSet("counter", oldBytes, newBytes, Duration.ZERO);      // by content
      cache.compareAndDelete("lock:job", token);                             // safe release

      cache.health();                                                // answers at once, throws when down
      Map<String, Object> stats = cache.stats();                     // hits, misses, sets, ...
    }
  }

  // ---- README: Getting a cache
  void gettingACache() {
    // Embedded default: one member in this JVM, bound to 127.0.0.1 only.
    try (HazelcastBackend backend = HazelcastBackend.start()) {
      Cache sessions = backend.cache("sessions");
    }

    // Client of a cluster.
    HazelcastBackend client = HazelcastBackend.start(HazelcastConfig.builder()
        .clusterName("prod").client("10.0.0.5:5701", "10.0.0.6:5701")
        .connectTimeout(Duration.ofSeconds(10)).operationTimeout(Duration.ofSeconds(2))
        .build());

    // An instance you already run (member or client): never shut down by us.
    HazelcastBackend mine = HazelcastBackend.of(hazelcastInstance);
  }

  // ---- README: near cache
  void nearCache() {
    HazelcastBackend client = HazelcastBackend.start(HazelcastConfig.builder()
        .clusterName("prod").client("10.0.0.5:5701", "10.0.0.6:5701")
        .nearCache("products", "prices-*", "default")   // "default": every tenant
        .nearCacheMaxEntries(10_000)                      // per near cache, per client
        .nearCacheMaxStaleness(Duration.ofSeconds(1))     // the staleness bound (default)
        .build());
  }

  // ---- README: the tenant manager
  void tenantManager() {
    try (Manager manager = new HazelcastManager()) {          // embedded default, or from the environment
      Cache acme = manager.get("acme");                       // created on first use
      acme.set("user:1", bytes, Duration.ofMinutes(5));
      manager.startCleanup();                                 // release tenants idle > idle TTL
      Map<String, Object> stats = manager.stats();            // active_tenants, total_created, lru_evictions, ...
    }
  }

  // ---- README: CBOR
  record User(@CborKey(1) long id, @CborKey(2) String name, @CborKey(3) String email) {}

  static final CborCodec<User> USERS = Cbor.codec(User.class);      // reusable, pre-built reader

  void cbor() {
    byte[] data = Cbor.marshal(new User(123, "Alice", "alice@example.com"));
    // a3 01 18 7b 02 65 41 6c 69 63 65 03 71 61 6c 69 63 65 40 ...   (the Go encoder's bytes)
    User user = Cbor.unmarshal(data, User.class);
  }

  // ---- README: locks
  void locks() {
    try (CacheLock lock = CacheLock.acquire(cache, "lock:nightly-report",
        Duration.ofSeconds(30) /* lease */, Duration.ofSeconds(5) /* max wait */)) {
      runReport();                     // or lock.extend(Duration.ofSeconds(30)) while still the owner
    }                                  // release = compareAndDelete(key, token): never frees the next owner's lock
  }

  // ---- README: load-through
  void loadThrough() {
    CacheAside<User> users = CacheAside.builder(cache, Cbor.codec(User.class))
        .ttl(Duration.ofMinutes(5))
        .stampedeLock(Duration.ofSeconds(10), Duration.ofSeconds(2))   // optional, across processes
        .build();
    User user = users.get("user:" + id, key -> repository.load(id));
  }

  // ---- README: metrics
  void metrics() {
    CacheMetrics metrics = CacheMetrics.builder(meterRegistry).system("hazelcast").build();
    Cache metered = metrics.instrument(cache);
    Manager meteredManager = metrics.instrument(manager);
  }

  // ---- README: Spring Boot
  @Service
  class CheckoutService {
    private final Cache idempotency;
    private final Manager tenants;

    CheckoutService(@Qualifier("idempotency") Cache idempotency, Manager tenants) {
      this.idempotency = idempotency;
      this.tenants = tenants;
    }
  }

  // ---- README: the JSR-107 provider
  void jsr107Provider() {
    CachingProvider provider = Caching.getCachingProvider(
        "dev.cachebricks.hazelcast.jcache.CachebricksCachingProvider");
    CacheManager manager = provider.getCacheManager();                       // embedded member on 127.0.0.1
    CacheManager acme = provider.getCacheManager(
        CachebricksCachingProvider.tenantUri("acme"), null);                 // the "acme" tenant's namespace
  }

  // ---- README: Hibernate
  void hibernate() {
    CachebricksCachingProvider provider = new CachebricksCachingProvider();
    CacheManager app = provider.getCacheManager(
        CachebricksCachingProvider.tenantUri("app"), null, properties);   // client-mode properties, or empty for embedded

    StandardServiceRegistry registry = new StandardServiceRegistryBuilder()
        .applySetting("hibernate.cache.use_second_level_cache", "true")
        .applySetting("hibernate.cache.region.factory_class", "jcache")
        .applySetting("hibernate.javax.cache.cache_manager", app)          // the object, not a URI
        .applySetting("hibernate.javax.cache.missing_cache_strategy", "create")
        // ... datasource, dialect ...
        .build();
  }
}
