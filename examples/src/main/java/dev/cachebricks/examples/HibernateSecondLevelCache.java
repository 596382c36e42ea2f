package dev.cachebricks.examples;

import dev.cachebricks.hazelcast.jcache.CachebricksCachingProvider;
import jakarta.persistence.Cacheable;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.cache.CacheManager;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.Cache;
import org.hibernate.annotations.CacheConcurrencyStrategy;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.stat.Statistics;

/**
 * Hibernate ORM's second-level cache on cachebricks: the JCache region factory
 * ({@code hibernate-jcache}) with a tenant's {@link CacheManager} from
 * {@link CachebricksCachingProvider}, on the embedded default.
 *
 * <p>Hibernate resolves {@code hibernate.javax.cache.uri} as a class-path resource, so it cannot
 * name a {@code cachebricks:} URI. Pass the {@code CacheManager} object itself through
 * {@code hibernate.javax.cache.cache_manager} instead. Hibernate creates its regions with a plain
 * {@code MutableConfiguration} only when {@code hibernate.javax.cache.missing_cache_strategy} is
 * {@code create} (its default, {@code fail}, refuses on-the-fly creation), and it closes that
 * {@code CacheManager} when the {@code SessionFactory} closes (the data stays in the cluster).
 */
public final class HibernateSecondLevelCache {

  private HibernateSecondLevelCache() {}

  /** A cached entity. */
  @Entity(name = "Book")
  @Cacheable
  @Cache(usage = CacheConcurrencyStrategy.READ_WRITE)
  public static class Book {
    @Id
    private Long id;
    private String title;

    /** For Hibernate. */
    protected Book() {}

    Book(long id, String title) {
      this.id = id;
      this.title = title;
    }

    String title() {
      return title;
    }
  }

  /**
   * Runs the example on the embedded default.
   *
   * @param args ignored
   */
  public static void main(String[] args) {
    CachebricksCachingProvider provider = new CachebricksCachingProvider();
    try {
      CacheManager tenant = provider.getCacheManager(
          CachebricksCachingProvider.tenantUri("app"), null, new Properties());
      run(tenant);
    } finally {
      provider.close();
    }
  }

  static void run(CacheManager tenant) {
    SessionFactory factory = sessionFactory(Map.of(
        "hibernate.javax.cache.cache_manager", tenant,
        "hibernate.javax.cache.missing_cache_strategy", "create"));
    try {
      factory.inTransaction(session -> session.persist(new Book(1,
          "Designing Data-Intensive Applications")));
      factory.getCache().evictAllRegions(); // start cold: the first read goes to the database
      Statistics stats = factory.getStatistics();
      stats.clear();
      for (int read = 1; read <= 3; read++) {
        String title = factory.fromSession(session -> session.find(Book.class, 1L).title());
        System.out.printf("read %d  %-40s  l2 hits=%d misses=%d puts=%d%n", read, title,
            stats.getSecondLevelCacheHitCount(), stats.getSecondLevelCacheMissCount(),
            stats.getSecondLevelCachePutCount());
      }
      System.out.printf("%-28s %d%n", "second-level cache hits",
          stats.getSecondLevelCacheHitCount());
      System.out.printf("%-28s %d%n", "second-level cache misses",
          stats.getSecondLevelCacheMissCount());
      System.out.printf("%-28s %d%n", "database loads (entities)", stats.getEntityLoadCount());
      List<String> regions = new ArrayList<>();
      tenant.getCacheNames().forEach(regions::add);
      regions.sort(null);
      System.out.printf("%-28s %s%n", "caches in tenant \"app\"", regions);
    } finally {
      factory.close();
    }
    System.out.printf("%-28s %s%n", "CacheManager closed with it", tenant.isClosed());
    // The entries stay in the cluster: a new manager of the same tenant still sees them.
    CacheManager again = tenant.getCachingProvider()
        .getCacheManager(tenant.getURI(), null, tenant.getProperties());
    int entries = 0;
    for (javax.cache.Cache.Entry<Object, Object> ignored
        : again.getCache(Book.class.getName())) {
      entries++;
    }
    System.out.printf("%-28s %d%n", "entries kept in the tenant", entries);
    again.close();
  }

  /**
   * Builds a session factory on an in-memory H2 database with the JCache second-level cache.
   *
   * @param cacheSettings the {@code hibernate.javax.cache.*} settings
   * @return the factory
   */
  static SessionFactory sessionFactory(Map<String, Object> cacheSettings) {
    StandardServiceRegistryBuilder builder = new StandardServiceRegistryBuilder()
        .applySetting("hibernate.connection.url", "jdbc:h2:mem:books;DB_CLOSE_DELAY=-1")
        .applySetting("hibernate.connection.username", "sa")
        .applySetting("hibernate.hbm2ddl.auto", "create-drop")
        .applySetting("hibernate.cache.use_second_level_cache", "true")
        .applySetting("hibernate.cache.region.factory_class", "jcache")
        .applySetting("hibernate.generate_statistics", "true");
    cacheSettings.forEach(builder::applySetting);
    StandardServiceRegistry registry = builder.build();
    try {
      return new MetadataSources(registry).addAnnotatedClass(Book.class)
          .buildMetadata().buildSessionFactory();
    } catch (RuntimeException e) {
      StandardServiceRegistryBuilder.destroy(registry);
      throw e;
    }
  }
}
