package dev.cachebricks.spring.boot;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.cache.HazelcastCacheManager;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.Cache;
import dev.cachebricks.hazelcast.HazelcastBackend;
import dev.cachebricks.hazelcast.HazelcastConfig;
import dev.cachebricks.micrometer.CacheMetrics;
import dev.cachebricks.tenant.Manager;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.jcache.JCacheCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Service;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A whole Spring Boot application on the starter, started as Boot starts it (environment
 * post-processors, every auto-configuration on the classpath, Actuator and Micrometer included):
 * {@code @Cacheable}, named caches and tenants on one embedded member.
 */
@SpringBootTest(properties = {
    "cachebricks.hazelcast.cluster-name=cb-test-${random.uuid}",
    "cachebricks.caches=sessions",
    "spring.cache.cache-names=quotes"})
@DirtiesContext // the JSR-107 provider is JVM-wide: no other test may meet this context's manager
class CachebricksApplicationTest {

  /** The application. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @EnableCaching
  static class QuoteApplication {
    @Bean
    QuoteService quoteService() {
      return new QuoteService();
    }
  }

  /** A service caching with {@code @Cacheable}. */
  @Service
  static class QuoteService {
    final AtomicInteger lookups = new AtomicInteger();

    @Cacheable("quotes")
    public String quote(String symbol) {
      return symbol + "@" + lookups.incrementAndGet();
    }
  }

  @Autowired QuoteService quotes;
  @Autowired @Qualifier("sessions") Cache sessions;
  @Autowired Manager tenants;
  @Autowired HazelcastBackend backend;
  @Autowired HazelcastConfig settings;
  @Autowired javax.cache.CacheManager jcache;
  @Autowired org.springframework.cache.CacheManager springCaches;
  @Autowired HealthEndpoint health;
  @Autowired MeterRegistry meters;

  @Test
  void cacheableNamedCachesAndTenantsShareOneEmbeddedMember() {
    assertThat(settings.mode()).isEqualTo(HazelcastConfig.Mode.EMBEDDED);
    HazelcastInstance member = backend.instance();
    assertThat(Hazelcast.getAllHazelcastInstances().stream()
        .filter(i -> i.getConfig().getClusterName().equals(settings.clusterName())))
        .containsExactly(member);
    assertThat(HazelcastClient.getAllHazelcastClients()).isEmpty();

    assertThat(springCaches).isInstanceOf(JCacheCacheManager.class);
    assertThat(jcache.unwrap(HazelcastCacheManager.class).getHazelcastInstance())
        .isSameAs(member);
    assertThat(quotes.quote("ACME")).isEqualTo("ACME@1");
    assertThat(quotes.quote("ACME")).isEqualTo("ACME@1");

    sessions.set("s1", "alice".getBytes(UTF_8), Duration.ofMinutes(5));
    assertThat(backend.cache("sessions").get("s1")).hasValue("alice".getBytes(UTF_8));
    tenants.get("acme").set("k", "v".getBytes(UTF_8), Duration.ZERO);
    assertThat(backend.tenantFactory().open("acme").get("k")).hasValue("v".getBytes(UTF_8));
  }

  @Test
  void healthAndMetricsComeWithActuator() {
    assertThat(health.healthForPath("cachebricks").getStatus()).isEqualTo(Status.UP);
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    sessions.get("nobody");
    assertThat(meters.get(CacheMetrics.MISSES).tags("cache", "sessions",
        "db.operation.name", "get").counter().count()).isGreaterThanOrEqualTo(1);
  }
}
