package dev.cachebricks.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachebricks.hazelcast.jcache.CachebricksCachingProvider;
import dev.cachebricks.hazelcast.testing.StockMemberProcess;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Runs every example's {@code main} and checks what it prints, so the docs cannot rot. */
class ExamplesTest {

  @FunctionalInterface
  interface Main {
    void run(String[] args) throws Exception;
  }

  private static String run(Main main) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      main.run(new String[0]);
    } finally {
      System.setOut(original);
    }
    String text = out.toString(StandardCharsets.UTF_8);
    original.print(text);
    return text;
  }

  @Test
  void quickstartShowsEveryOperation() throws Exception {
    String out = run(Quickstart::main);
    assertThat(out)
        .containsPattern("get greeting\\s+hello")
        .containsPattern("getOrSet msg:42 twice\\s+stored=true, then stored=false")
        .containsPattern("compareAndSet lock:job\\s+worker-1=true, worker-2=false")
        .containsPattern("health\\s+ok")
        .containsPattern("hits\\s+1")
        .contains("backend                      HazelcastBackend[member @ 127.0.0.1:");
  }

  @Test
  void messageDedupProcessesEachMessageOnce() throws Exception {
    String out = run(MessageDedup::main);
    assertThat(out).contains("processed=4 skipped=3");
    assertThat(out).containsPattern("4\\s+m-2\\s+duplicate, skipped");
  }

  @Test
  void distributedLockNeverHasTwoOwners() throws Exception {
    String out = run(DistributedLock::main);
    assertThat(out)
        .contains("acquisitions=9, most holders at once=1")
        .containsPattern("expired owner's release removed the lock:\\s+false")
        .containsPattern("next owner still holds it:\\s+true")
        .doesNotContain("holders now: 2");
  }

  @Test
  void tenantServiceShowsIsolationAndLruEviction() throws Exception {
    String out = run(TenantService::main);
    assertThat(out)
        .containsPattern("acme\\s+acme-enterprise")
        .containsPattern("globex\\s+globex-enterprise")
        .containsPattern("initech\\s+initech-enterprise")
        .containsPattern("max_size\\s+2")
        .containsPattern("active_tenants\\s+2")
        .doesNotContain("<miss>");
    assertThat(out).containsPattern("lru_evictions\\s+[1-9]");
  }

  @Test
  void cborStructsUseTheGoEncodersBytes() throws Exception {
    String out = run(CborStructs::main);
    assertThat(out)
        .contains("a3 01 18 7b 02 65 41 6c 69 63 65 03 71")
        .containsPattern("size\\s+30 bytes \\(JSON: 53 bytes\\)")
        .containsPattern(
            "read back\\s+User\\[id=123, name=Alice, email=alice@example.com\\] \\(equal: true\\)")
        .contains("round trip equal: true");
  }

  @Test
  void loadThroughCallsTheRepositoryOnceAndPublishesMetrics() throws Exception {
    String out = run(LoadThrough::main);
    assertThat(out)
        .containsPattern("repository calls\\s+1 \\(8 concurrent requests\\)")
        .containsPattern("later request\\s+cache hit")
        .containsPattern("cache.hit \\(Micrometer\\)\\s+[1-9]");
  }

  @Test
  void bootExampleServesCacheableAndTheCacheApiFromOneMember() throws Exception {
    String out = run(dev.cachebricks.examples.boot.BootExample::main);
    assertThat(out)
        .containsPattern("quote ACME\\s+ACME 101.25")
        .containsPattern("quote ACME again\\s+ACME 101.25 \\(lookups so far: 1\\)")
        .containsPattern("checkout req-1\\s+accepted")
        .containsPattern("checkout req-1 retried\\s+duplicate, skipped")
        .containsPattern("checkout req-2\\s+accepted")
        .containsPattern("acme's cart\\s+ACME x 10")
        .containsPattern("hazelcast members\\s+1")
        .containsPattern("/hz/cachebricks:default/quotes")
        .containsPattern("/hz/cachebricks:caches/idempotency")
        .containsPattern("/hz/cachebricks:tenant:acme/default");
  }

  @Test
  void hibernateSecondLevelCacheHitsOnATenantCacheManager() throws Exception {
    String out = run(HibernateSecondLevelCache::main);
    assertThat(out)
        .containsPattern("read 1 .*l2 hits=0 misses=1 puts=1")
        .containsPattern("read 3 .*l2 hits=2 misses=1 puts=1")
        .containsPattern("second-level cache hits\\s+2")
        .containsPattern("second-level cache misses\\s+1")
        .containsPattern("database loads \\(entities\\)\\s+1")
        .containsPattern("caches in tenant \"app\"\\s+\\[.*HibernateSecondLevelCache\\$Book.*\\]")
        .containsPattern("CacheManager closed with it\\s+true")
        .containsPattern("entries kept in the tenant\\s+1");
  }

  @Test
  void hibernateResolvesItsJCacheUriAsAClassPathResourceSoItCannotNameACachebricksUri() {
    // Fails before any CacheManager (or Hazelcast member) is created.
    assertThatThrownBy(() -> HibernateSecondLevelCache.sessionFactory(Map.of(
            "hibernate.javax.cache.provider", CachebricksCachingProvider.class.getName(),
            "hibernate.javax.cache.uri", CachebricksCachingProvider.tenantUri("app").toString())))
        .hasStackTraceContaining("org.hibernate.cache.CacheException")
        .hasStackTraceContaining("Couldn't load URI from cachebricks:tenant:app");
  }

  /**
   * Hibernate's JCache regions use only get, put, remove and clear: in client mode against a stock
   * member (no Hibernate, no application classes there) the second-level cache works as embedded.
   */
  @Test
  void hibernateSecondLevelCacheNeedsNothingOnAStockMemberInClientMode() throws Exception {
    try (StockMemberProcess member = StockMemberProcess.start()) {
      Properties client = new Properties();
      client.setProperty("cachebricks.hazelcast.mode", "client");
      client.setProperty("cachebricks.hazelcast.cluster-name", member.clusterName());
      client.setProperty("cachebricks.hazelcast.addresses", member.address());
      CachebricksCachingProvider provider = new CachebricksCachingProvider();
      try {
        String out = run(args -> HibernateSecondLevelCache.run(provider.getCacheManager(
            CachebricksCachingProvider.tenantUri("app"), null, client)));
        assertThat(out)
            .containsPattern("second-level cache hits\\s+2")
            .containsPattern("database loads \\(entities\\)\\s+1")
            .containsPattern("entries kept in the tenant\\s+1");
      } finally {
        provider.close();
      }
    }
  }
}
