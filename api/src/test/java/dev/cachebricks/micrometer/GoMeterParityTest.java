package dev.cachebricks.micrometer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cachebricks.Cache;
import dev.cachebricks.CacheClosedException;
import dev.cachebricks.CacheOperationException;
import dev.cachebricks.Operation;
import dev.cachebricks.tenant.Manager;
import dev.cachebricks.tenant.ManagerConfig;
import dev.cachebricks.tenant.TenantManager;
import dev.cachebricks.testing.InMemoryCache;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Go package's meter table, run against ours in a real {@link SimpleMeterRegistry} and a
 * real {@link PrometheusMeterRegistry}. The table is data: change it only when the Go package
 * changes.
 */
class GoMeterParityTest {

  /** One row of the Go package's meter table. */
  record GoMeter(String name, Meter.Type type, String unit, Set<String> attributes,
      String prometheusName) {
  }

  private static final Set<String> OPERATION_ATTRIBUTES =
      Set.of("db.system.name", "db.operation.name", "error.type", "db.namespace");
  private static final Set<String> LOOKUP_ATTRIBUTES =
      Set.of("db.system.name", "db.operation.name", "db.namespace");
  private static final Set<String> MANAGER_ATTRIBUTES = Set.of("db.system.name");

  static final List<GoMeter> GO_METERS = List.of(
      new GoMeter("db.client.operation.duration", Meter.Type.TIMER, "seconds",
          OPERATION_ATTRIBUTES, "db_client_operation_duration_seconds"),
      new GoMeter("cache.hit", Meter.Type.COUNTER, null, LOOKUP_ATTRIBUTES, "cache_hit_total"),
      new GoMeter("cache.miss", Meter.Type.COUNTER, null, LOOKUP_ATTRIBUTES, "cache_miss_total"),
      new GoMeter("cache.manager.active_caches", Meter.Type.GAUGE, null, MANAGER_ATTRIBUTES,
          "cache_manager_active_caches"),
      // Prometheus' client reserves the suffixes _created and _total and strips them before
      // adding _total back: this Go name scrapes as cache_manager_total.
      new GoMeter("cache.manager.total_created", Meter.Type.COUNTER, null, MANAGER_ATTRIBUTES,
          "cache_manager_total"),
      new GoMeter("cache.manager.evictions", Meter.Type.COUNTER, null, MANAGER_ATTRIBUTES,
          "cache_manager_evictions_total"),
      new GoMeter("cache.manager.idle_cleanups", Meter.Type.COUNTER, null, MANAGER_ATTRIBUTES,
          "cache_manager_idle_cleanups_total"),
      new GoMeter("cache.manager.errors", Meter.Type.COUNTER, null, MANAGER_ATTRIBUTES,
          "cache_manager_errors_total"));

  static final List<String> GO_OPERATIONS =
      List.of("get", "set", "delete", "getorset", "cas", "cad", "ping");
  static final List<String> GO_ERROR_TYPES =
      List.of("connection_error", "timeout", "closed", "not_found", "error");
  static final List<Double> OTEL_BUCKETS =
      List.of(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 10.0);

  private final PrometheusMeterRegistry prometheus =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final SimpleMeterRegistry simple = new SimpleMeterRegistry();
  private final List<String> refused = new ArrayList<>();
  private Manager manager;

  @BeforeEach
  void exerciseEveryOperationAndOutcome() {
    for (MeterRegistry registry : List.of(prometheus, simple)) {
      registry.config().onMeterRegistrationFailed((id, reason) -> refused.add(reason));
      exercise(registry);
    }
  }

  @AfterEach
  void closeManagers() {
    if (manager != null) {
      manager.close();
    }
  }

  private void exercise(MeterRegistry registry) {
    CacheMetrics metrics = CacheMetrics.builder(registry).system("hazelcast")
        .tenantTag(true).build();
    Manager managed = metrics.instrument(
        TenantManager.inMemory(ManagerConfig.builder().maxTenants(1).build()));
    if (manager != null) {
      manager.close();
    }
    manager = managed;
    Cache tenant = managed.get("acme");
    byte[] v = "v".getBytes(UTF_8);
    tenant.set("k", v, Duration.ZERO);
    tenant.get("k");
    tenant.get("absent");
    tenant.getOrSet("k", v, Duration.ZERO);
    tenant.compareAndSet("k", v, v, Duration.ZERO);
    tenant.compareAndDelete("k", v);
    tenant.delete("k");
    tenant.health();
    managed.get("globex"); // evicts acme

    InMemoryCache backend = InMemoryCache.create();
    Cache plain = metrics.instrument(backend);
    backend.failNext(Operation.SET,
        new CacheOperationException(Operation.SET, "k", new TimeoutException()));
    assertThatThrownBy(() -> plain.set("k", v, Duration.ZERO));
    backend.failNext(Operation.HEALTH, new IllegalStateException("unreachable"));
    assertThatThrownBy(plain::health);
    backend.failNext(Operation.COMPARE_AND_SET, new IllegalStateException("boom"));
    assertThatThrownBy(() -> plain.compareAndSet("k", null, v, Duration.ZERO));
    plain.close();
    assertThatThrownBy(() -> plain.get("k")).isInstanceOf(CacheClosedException.class);
  }

  @Test
  void everyGoMeterExistsWithItsTypeUnitAndAttributes() {
    for (MeterRegistry registry : List.of(simple, prometheus)) {
      for (GoMeter go : GO_METERS) {
        List<Meter> ours = registry.find(go.name()).meters().stream().toList();
        assertThat(ours).as("%s in %s", go.name(), registry).isNotEmpty()
            .allSatisfy(m -> {
              assertThat(m.getId().getType()).as(go.name()).isEqualTo(go.type());
              assertThat(m.getId().getBaseUnit()).as(go.name()).isEqualTo(go.unit());
              assertThat(CacheMetricsTest.tags(m).keySet()).as(go.name())
                  .isEqualTo(go.attributes());
            });
      }
      // Registries without native histograms (the simple one) add Micrometer's own bucket
      // gauges, "<timer>.histogram{le}"; nothing else is ours.
      assertThat(registry.getMeters()).extracting(m -> m.getId().getName())
          .filteredOn(name -> !name.equals(CacheMetrics.OPERATION_DURATION + ".histogram"))
          .allMatch(name -> GO_METERS.stream().anyMatch(go -> go.name().equals(name)));
    }
    assertThat(refused).isEmpty();
  }

  @Test
  void operationNamesAndErrorTypesAreTheGoValues() {
    for (MeterRegistry registry : List.of(simple, prometheus)) {
      Set<String> ops = values(registry, "db.client.operation.duration", "db.operation.name");
      assertThat(ops).containsExactlyInAnyOrderElementsOf(GO_OPERATIONS);
      Set<String> errors = values(registry, "db.client.operation.duration", "error.type");
      errors.remove("");
      assertThat(errors).containsExactlyInAnyOrderElementsOf(GO_ERROR_TYPES);
      assertThat(values(registry, "cache.hit", "db.operation.name"))
          .containsExactlyInAnyOrder("get", "getorset");
      assertThat(values(registry, "cache.hit", "db.system.name")).containsOnly("hazelcast");
    }
  }

  @Test
  void prometheusScrapesTheNamesTheOtelExporterWouldWrite() {
    String scrape = prometheus.scrape();
    for (GoMeter go : GO_METERS) {
      String sample = go.type() == Meter.Type.TIMER ? go.prometheusName() + "_count"
          : go.prometheusName();
      assertThat(scrape).as(go.name()).containsPattern("(?m)^" + sample + "\\{");
    }
    assertThat(scrape).contains(
        "db_client_operation_duration_seconds_count{db_namespace=\"acme\","
            + "db_operation_name=\"get\",db_system_name=\"hazelcast\","
            + "error_type=\"not_found\"} 1",
        "cache_miss_total{db_namespace=\"acme\",db_operation_name=\"get\","
            + "db_system_name=\"hazelcast\"} 1.0",
        "cache_manager_evictions_total{db_system_name=\"hazelcast\"} 1.0");
    Matcher le = Pattern.compile(
        "db_client_operation_duration_seconds_bucket\\{[^}]*le=\"([^\"]+)\"").matcher(scrape);
    Set<String> bounds = new TreeSet<>();
    while (le.find()) {
      bounds.add(le.group(1));
    }
    assertThat(bounds.stream().filter(b -> !b.equals("+Inf")).map(Double::valueOf)
        .collect(Collectors.toSet())).containsExactlyInAnyOrderElementsOf(OTEL_BUCKETS);
    assertThat(bounds).contains("+Inf");
    assertThat(scrape).doesNotContain("outcome", "tenant=", "_milliseconds");
  }

  private static Set<String> values(MeterRegistry registry, String name, String key) {
    return registry.find(name).meters().stream()
        .flatMap(m -> Stream.ofNullable(m.getId().getTag(key)))
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
