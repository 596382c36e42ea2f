package dev.cachebricks.micrometer;

import dev.cachebricks.AsyncCache;
import dev.cachebricks.Cache;
import dev.cachebricks.GetOrSetResult;
import dev.cachebricks.Operation;
import dev.cachebricks.StatsKeys;
import dev.cachebricks.tenant.Manager;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Publishes cache and manager metrics to a Micrometer {@link MeterRegistry}.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@value #OPERATION_DURATION}</td><td>timer</td>
 *       <td>{@code db.system.name}, {@code db.operation.name} (get, set, delete, getorset, cas,
 *       cad, health), {@code outcome} (success, failure), {@code error.type} (exception class,
 *       {@code none} on success), [{@code tenant}]</td></tr>
 *   <tr><td>{@value #HITS}, {@value #MISSES}</td><td>counter</td>
 *       <td>{@code db.system.name}, [{@code tenant}]</td></tr>
 *   <tr><td>{@value #ACTIVE_TENANTS}</td><td>gauge</td><td>{@code db.system.name}</td></tr>
 *   <tr><td>{@value #TENANT_RELEASES}</td><td>function counter</td>
 *       <td>{@code db.system.name}, {@code reason} (lru, idle)</td></tr>
 *   <tr><td>{@value #TENANT_ERRORS}</td><td>function counter</td>
 *       <td>{@code db.system.name}</td></tr>
 * </table>
 *
 * The timer name and its attribute names follow the OpenTelemetry database client conventions;
 * hits and misses are the counters {@value #HITS} and {@value #MISSES}. Every tag is
 * low-cardinality: keys are never tags, and the tenant tag is off unless
 * {@link Builder#tenantTag(boolean)} turns it on (do that only with a bounded number of tenants).
 *
 * <pre>{@code
 * CacheMetrics metrics = CacheMetrics.builder(registry).system("hazelcast").build();
 * Manager manager = metrics.instrument(new HazelcastManager());
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; instrumented caches add one timer record per call.
 */
public final class CacheMetrics {

  /** Timer of every cache operation. */
  public static final String OPERATION_DURATION = "db.client.operation.duration";
  /** Counter of {@code get} calls that found a value. */
  public static final String HITS = "cache.hit";
  /** Counter of {@code get} calls that found nothing. */
  public static final String MISSES = "cache.miss";
  /** Gauge of tenants with live local resources. */
  public static final String ACTIVE_TENANTS = "cache.manager.tenants.active";
  /** Function counter of tenant releases, by reason. */
  public static final String TENANT_RELEASES = "cache.manager.tenants.released";
  /** Function counter of failed tenant creations and releases. */
  public static final String TENANT_ERRORS = "cache.manager.errors";

  private final MeterRegistry registry;
  private final Tags baseTags;
  private final boolean tenantTag;

  private CacheMetrics(MeterRegistry registry, Tags baseTags, boolean tenantTag) {
    this.registry = registry;
    this.baseTags = baseTags;
    this.tenantTag = tenantTag;
  }

  /**
   * Returns a builder publishing to {@code registry}.
   *
   * @param registry the registry
   * @return a new builder
   */
  public static Builder builder(MeterRegistry registry) {
    return new Builder(Objects.requireNonNull(registry, "registry must not be null"));
  }

  /**
   * Returns {@code cache} with every operation timed and gets counted as hits or misses. The
   * returned cache behaves exactly like {@code cache}; closing it closes {@code cache}.
   *
   * @param cache the cache to instrument
   * @return the instrumented cache
   */
  public Cache instrument(Cache cache) {
    return new MeteredCache(Objects.requireNonNull(cache, "cache must not be null"),
        meters(baseTags));
  }

  /**
   * Returns {@code manager} with its gauges registered and every handle it returns instrumented
   * (tagged with the tenant id if {@link Builder#tenantTag(boolean)} is on). Closing the returned
   * manager closes {@code manager}.
   *
   * @param manager the manager to instrument
   * @return the instrumented manager
   */
  public Manager instrument(Manager manager) {
    Objects.requireNonNull(manager, "manager must not be null");
    Gauge.builder(ACTIVE_TENANTS, manager, m -> stat(m, StatsKeys.ACTIVE_TENANTS))
        .tags(baseTags).description("tenants with live local resources").register(registry);
    FunctionCounter.builder(TENANT_RELEASES, manager, m -> stat(m, StatsKeys.LRU_EVICTIONS))
        .tags(baseTags.and("reason", "lru")).register(registry);
    FunctionCounter.builder(TENANT_RELEASES, manager, m -> stat(m, StatsKeys.IDLE_CLEANUPS))
        .tags(baseTags.and("reason", "idle")).register(registry);
    FunctionCounter.builder(TENANT_ERRORS, manager, m -> stat(m, StatsKeys.ERRORS))
        .tags(baseTags).register(registry);
    if (!tenantTag) {
      Meters shared = meters(baseTags);
      return new MeteredManager(manager, tenantId -> shared);
    }
    Map<String, Meters> perTenant = new java.util.concurrent.ConcurrentHashMap<>();
    return new MeteredManager(manager, tenantId -> perTenant.computeIfAbsent(
        tenantId, id -> meters(baseTags.and(Tag.of("tenant", id)))));
  }

  private static double stat(Manager manager, String key) {
    Object value = manager.stats().get(key);
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private Meters meters(Tags tags) {
    return new Meters(registry, tags);
  }

  /** The meters of one (tag set of a) cache. */
  static final class Meters {
    private final MeterRegistry registry;
    private final Tags tags;
    private final Counter hits;
    private final Counter misses;
    private final Map<Operation, Timer> success = new java.util.EnumMap<>(Operation.class);

    Meters(MeterRegistry registry, Tags tags) {
      this.registry = registry;
      this.tags = tags;
      this.hits = Counter.builder(HITS).tags(tags).register(registry);
      this.misses = Counter.builder(MISSES).tags(tags).register(registry);
      for (Operation op : Operation.values()) {
        success.put(op, timer(op, "success", "none"));
      }
    }

    void get(boolean hit) {
      (hit ? hits : misses).increment();
    }

    void record(Operation op, long startNanos, Throwable failure) {
      long nanos = System.nanoTime() - startNanos;
      Timer timer = failure == null
          ? success.get(op) // filled for every operation in the constructor, read-only since
          : timer(op, "failure", failure.getClass().getSimpleName());
      timer.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private Timer timer(Operation op, String outcome, String errorType) {
      return Timer.builder(OPERATION_DURATION)
          .tags(tags)
          .tag("db.operation.name", op.opName())
          .tag("outcome", outcome)
          .tag("error.type", errorType)
          .register(registry);
    }

    <T> T time(Operation op, Supplier<T> call) {
      long start = System.nanoTime();
      try {
        T result = call.get();
        record(op, start, null);
        return result;
      } catch (RuntimeException | Error e) {
        record(op, start, e);
        throw e;
      }
    }

    <T> CompletableFuture<T> timeAsync(Operation op, Supplier<CompletableFuture<T>> call) {
      long start = System.nanoTime();
      CompletableFuture<T> future;
      try {
        future = call.get();
      } catch (RuntimeException | Error e) {
        record(op, start, e);
        throw e;
      }
      return future.whenComplete((r, e) -> record(op, start,
          e instanceof java.util.concurrent.CompletionException && e.getCause() != null
              ? e.getCause() : e));
    }
  }

  /** Builds {@link CacheMetrics}. Not thread-safe. */
  public static final class Builder {
    private final MeterRegistry registry;
    private String system = "cachebricks";
    private Tags tags = Tags.empty();
    private boolean tenantTag;

    private Builder(MeterRegistry registry) {
      this.registry = registry;
    }

    /**
     * Sets the {@code db.system.name} tag, e.g. {@code "hazelcast"} (default
     * {@code "cachebricks"}).
     *
     * @param system the backend name
     * @return this builder
     */
    public Builder system(String system) {
      this.system = Objects.requireNonNull(system, "system must not be null");
      return this;
    }

    /**
     * Adds tags to every meter (e.g. the cache's name).
     *
     * @param tags extra tags
     * @return this builder
     */
    public Builder tags(Iterable<Tag> tags) {
      this.tags = this.tags.and(Objects.requireNonNull(tags, "tags must not be null"));
      return this;
    }

    /**
     * Tags the meters of managed caches with their tenant id. Off by default: turn it on only
     * when the number of tenants is bounded, or the registry's cardinality grows with tenants.
     *
     * @param enabled whether to add a {@code tenant} tag
     * @return this builder
     */
    public Builder tenantTag(boolean enabled) {
      this.tenantTag = enabled;
      return this;
    }

    /**
     * Builds the metrics binder.
     *
     * @return the binder
     */
    public CacheMetrics build() {
      return new CacheMetrics(registry, tags.and("db.system.name", system), tenantTag);
    }
  }

  /** A cache whose calls are timed. */
  private static final class MeteredCache implements Cache {
    private final Cache delegate;
    private final Meters meters;

    MeteredCache(Cache delegate, Meters meters) {
      this.delegate = delegate;
      this.meters = meters;
    }

    @Override
    public Optional<byte[]> get(String key) {
      Optional<byte[]> value = meters.time(Operation.GET, () -> delegate.get(key));
      meters.get(value.isPresent());
      return value;
    }

    @Override
    public void set(String key, byte[] value, Duration ttl) {
      meters.time(Operation.SET, () -> {
        delegate.set(key, value, ttl);
        return null;
      });
    }

    @Override
    public void delete(String key) {
      meters.time(Operation.DELETE, () -> {
        delegate.delete(key);
        return null;
      });
    }

    @Override
    public GetOrSetResult getOrSet(String key, byte[] value, Duration ttl) {
      GetOrSetResult result =
          meters.time(Operation.GET_OR_SET, () -> delegate.getOrSet(key, value, ttl));
      meters.get(!result.stored()); // an existing value is a hit, storing ours a miss
      return result;
    }

    @Override
    public boolean compareAndSet(String key, byte[] expected, byte[] newValue, Duration ttl) {
      return meters.time(Operation.COMPARE_AND_SET, () -> delegate.compareAndSet(key, expected,
          newValue, ttl));
    }

    @Override
    public boolean compareAndDelete(String key, byte[] expected) {
      return meters.time(Operation.COMPARE_AND_DELETE, () -> delegate.compareAndDelete(key,
          expected));
    }

    @Override
    public void health() {
      meters.time(Operation.HEALTH, () -> {
        delegate.health();
        return null;
      });
    }

    @Override
    public Map<String, Object> stats() {
      return delegate.stats();
    }

    @Override
    public AsyncCache async() {
      return new MeteredAsyncCache(delegate.async(), meters);
    }

    @Override
    public <T> T unwrap(Class<T> type) {
      return type.isInstance(this) ? type.cast(this) : delegate.unwrap(type);
    }

    @Override
    public void close() {
      delegate.close();
    }

    @Override
    public String toString() {
      return "Metered" + delegate;
    }
  }

  /** The asynchronous view of a metered cache: timed until each future completes. */
  private record MeteredAsyncCache(AsyncCache delegate, Meters meters) implements AsyncCache {
    @Override
    public CompletableFuture<Optional<byte[]>> get(String key) {
      return meters.timeAsync(Operation.GET, () -> delegate.get(key))
          .whenComplete((v, e) -> {
            if (e == null) {
              meters.get(v.isPresent());
            }
          });
    }

    @Override
    public CompletableFuture<Void> set(String key, byte[] value, Duration ttl) {
      return meters.timeAsync(Operation.SET, () -> delegate.set(key, value, ttl));
    }

    @Override
    public CompletableFuture<Void> delete(String key) {
      return meters.timeAsync(Operation.DELETE, () -> delegate.delete(key));
    }

    @Override
    public CompletableFuture<GetOrSetResult> getOrSet(String key, byte[] value, Duration ttl) {
      return meters.timeAsync(Operation.GET_OR_SET, () -> delegate.getOrSet(key, value, ttl))
          .whenComplete((r, e) -> {
            if (r != null) {
              meters.get(!r.stored());
            }
          });
    }

    @Override
    public CompletableFuture<Boolean> compareAndSet(
        String key, byte[] expected, byte[] newValue, Duration ttl) {
      return meters.timeAsync(Operation.COMPARE_AND_SET, () -> delegate.compareAndSet(key, expected,
          newValue, ttl));
    }

    @Override
    public CompletableFuture<Boolean> compareAndDelete(String key, byte[] expected) {
      return meters.timeAsync(Operation.COMPARE_AND_DELETE, () -> delegate.compareAndDelete(key,
          expected));
    }
  }

  /** A manager whose handles are metered. */
  private static final class MeteredManager implements Manager {
    private final Manager delegate;
    private final java.util.function.Function<String, Meters> metersFor;

    MeteredManager(Manager delegate, java.util.function.Function<String, Meters> metersFor) {
      this.delegate = delegate;
      this.metersFor = metersFor;
    }

    @Override
    public Cache get(String tenantId) {
      Cache cache = delegate.get(tenantId);
      return new MeteredCache(cache, metersFor.apply(tenantId));
    }

    @Override
    public void remove(String tenantId) {
      delegate.remove(tenantId);
    }

    @Override
    public void destroy(String tenantId) {
      delegate.destroy(tenantId);
    }

    @Override
    public Map<String, Object> stats() {
      return delegate.stats();
    }

    @Override
    public void startCleanup(Duration interval) {
      delegate.startCleanup(interval);
    }

    @Override
    public void startCleanup() {
      delegate.startCleanup();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
