package dev.cachebricks.micrometer;

import dev.cachebricks.AsyncCache;
import dev.cachebricks.Cache;
import dev.cachebricks.CacheClosedException;
import dev.cachebricks.CacheConnectionException;
import dev.cachebricks.CacheException;
import dev.cachebricks.GetOrSetResult;
import dev.cachebricks.Operation;
import dev.cachebricks.StatsKeys;
import dev.cachebricks.tenant.Manager;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Publishes cache and manager metrics to a Micrometer {@link MeterRegistry}, with the names,
 * units and attributes of the Go {@code cache} package's OpenTelemetry meters, so that one query
 * charts both.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>attributes</th></tr>
 *   <tr><td>{@value #OPERATION_DURATION}</td><td>timer (seconds, buckets 0.001 to 10)</td>
 *       <td>{@code db.system.name}, {@code db.operation.name} (get, set, delete, getorset, cas,
 *       cad, ping), {@code error.type} (empty on success, else connection_error, timeout,
 *       closed, not_found, error), [{@code db.namespace}]</td></tr>
 *   <tr><td>{@value #HITS}, {@value #MISSES}</td><td>counter</td>
 *       <td>{@code db.system.name}, {@code db.operation.name} (get, getorset),
 *       [{@code db.namespace}]</td></tr>
 *   <tr><td>{@value #ACTIVE_CACHES}</td><td>gauge</td><td>{@code db.system.name}</td></tr>
 *   <tr><td>{@value #TOTAL_CREATED}, {@value #EVICTIONS}, {@value #IDLE_CLEANUPS},
 *       {@value #MANAGER_ERRORS}</td><td>function counter</td><td>{@code db.system.name}</td></tr>
 * </table>
 *
 * <p>A {@code get} that finds nothing is timed with {@code error.type=not_found}, as the Go
 * package times its {@code ErrNotFound}, and counted in {@value #MISSES}; it still returns
 * {@link Optional#empty()}. A failure's {@code error.type} is {@code closed} if it is a
 * {@link CacheClosedException}, else {@code timeout} if its cause chain holds a
 * {@link TimeoutException}, else {@code connection_error} if it holds a
 * {@link CacheConnectionException}, else {@code error}.
 *
 * <p>Every meter of one name has the same attribute keys, because Micrometer's Prometheus
 * registry refuses a meter whose keys differ from an earlier one of its name. So
 * {@code error.type} is the empty string on success, and with the tenant attribute on,
 * {@code db.namespace} is empty on caches that belong to no tenant. Prometheus treats an empty
 * label as an absent one, which is what the Go package sends.
 *
 * <p>Every attribute is low-cardinality: keys are never attributes, and {@code db.namespace}
 * (the tenant id) is off unless {@link Builder#tenantTag(boolean)} turns it on (do that only
 * with a bounded number of tenants).
 *
 * <pre>{@code
 * CacheMetrics metrics = CacheMetrics.builder(registry).system("hazelcast").build();
 * Manager manager = metrics.instrument(new HazelcastManager());
 * }</pre>
 *
 * <p>Traces: with {@link Builder#observationRegistry(ObservationRegistry)} set, every operation
 * of an instrumented cache (and of its {@link Cache#async()} view, until the future completes)
 * also runs in a Micrometer {@link Observation} named {@value #OBSERVATION}, contextual name
 * {@code cache <db.operation.name>} (e.g. {@code cache get}), whose low-cardinality key values
 * are the attributes of its {@value #OPERATION_DURATION} record ({@code error.type} included,
 * empty on success); a failure is also passed to {@link Observation#error(Throwable)}, a get
 * miss is not. An application with Micrometer Tracing and a bridge gets a span per operation.
 * Keys and values are never key values. Off by default.
 *
 * <p>Instances are immutable and thread-safe; instrumented caches add one timer record per call
 * (and one observation when observations are on).
 */
public final class CacheMetrics {

  /** Timer of every cache operation, in seconds. */
  public static final String OPERATION_DURATION = "db.client.operation.duration";
  /** The name of the observation of every cache operation, when observations are on. */
  public static final String OBSERVATION = "cachebricks.operation";
  /** Counter of {@code get} calls that found a value ({@code getOrSet} calls that found one). */
  public static final String HITS = "cache.hit";
  /** Counter of {@code get} calls that found nothing ({@code getOrSet} calls that stored). */
  public static final String MISSES = "cache.miss";
  /** Gauge of tenants with live local resources. */
  public static final String ACTIVE_CACHES = "cache.manager.active_caches";
  /** Function counter of tenant attachments created, re-attachments included. */
  public static final String TOTAL_CREATED = "cache.manager.total_created";
  /** Function counter of tenants released because the manager was over its maximum size. */
  public static final String EVICTIONS = "cache.manager.evictions";
  /** Function counter of tenants released because they were idle longer than the idle TTL. */
  public static final String IDLE_CLEANUPS = "cache.manager.idle_cleanups";
  /** Function counter of failed tenant creations and releases. */
  public static final String MANAGER_ERRORS = "cache.manager.errors";

  /** The OpenTelemetry advice for {@value #OPERATION_DURATION}, in seconds. */
  static final List<Duration> BUCKETS = List.of(Duration.ofMillis(1), Duration.ofMillis(5),
      Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
      Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5),
      Duration.ofSeconds(10));

  static final String SYSTEM = "db.system.name";
  static final String OPERATION = "db.operation.name";
  static final String ERROR_TYPE = "error.type";
  static final String NAMESPACE = "db.namespace";

  /** The {@code error.type} values. */
  enum ErrorType {
    NONE(""), CONNECTION_ERROR("connection_error"), TIMEOUT("timeout"), CLOSED("closed"),
    NOT_FOUND("not_found"), ERROR("error");

    final String value;

    ErrorType(String value) {
      this.value = value;
    }

    static ErrorType of(Throwable failure) {
      if (failure instanceof CacheClosedException) {
        return CLOSED;
      }
      if (CacheException.isCausedBy(failure, TimeoutException.class)) {
        return TIMEOUT;
      }
      if (CacheException.isCausedBy(failure, CacheConnectionException.class)) {
        return CONNECTION_ERROR;
      }
      return ERROR;
    }
  }

  private final MeterRegistry registry;
  private final Tags baseTags;
  private final boolean tenantTag;
  private final ObservationRegistry observations;

  private CacheMetrics(MeterRegistry registry, Tags baseTags, boolean tenantTag,
      ObservationRegistry observations) {
    this.registry = registry;
    this.baseTags = baseTags;
    this.tenantTag = tenantTag;
    this.observations = observations;
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
   * returned cache behaves exactly like {@code cache}; closing it closes {@code cache}. With the
   * tenant attribute on, its {@code db.namespace} is empty.
   *
   * @param cache the cache to instrument
   * @return the instrumented cache
   */
  public Cache instrument(Cache cache) {
    return new MeteredCache(Objects.requireNonNull(cache, "cache must not be null"),
        meters(tenantTag ? baseTags.and(NAMESPACE, "") : baseTags));
  }

  /**
   * Returns {@code manager} with its gauge and counters registered and every handle it returns
   * instrumented (with {@code db.namespace} set to the tenant id if
   * {@link Builder#tenantTag(boolean)} is on). Closing the returned manager closes
   * {@code manager}.
   *
   * @param manager the manager to instrument
   * @return the instrumented manager
   */
  public Manager instrument(Manager manager) {
    Objects.requireNonNull(manager, "manager must not be null");
    Gauge.builder(ACTIVE_CACHES, manager, m -> stat(m, StatsKeys.ACTIVE_TENANTS))
        .tags(baseTags).description("tenants with live local resources").register(registry);
    managerCounter(manager, TOTAL_CREATED, StatsKeys.TOTAL_CREATED, "tenant attachments created");
    managerCounter(manager, EVICTIONS, StatsKeys.LRU_EVICTIONS, "tenants released over max size");
    managerCounter(manager, IDLE_CLEANUPS, StatsKeys.IDLE_CLEANUPS, "tenants released idle");
    managerCounter(manager, MANAGER_ERRORS, StatsKeys.ERRORS, "failed creations and releases");
    if (!tenantTag) {
      Meters shared = meters(baseTags);
      return new MeteredManager(manager, tenantId -> shared);
    }
    Map<String, Meters> perTenant = new ConcurrentHashMap<>();
    return new MeteredManager(manager, tenantId -> perTenant.computeIfAbsent(
        tenantId, id -> meters(baseTags.and(Tag.of(NAMESPACE, id)))));
  }

  private void managerCounter(Manager manager, String name, String statKey, String description) {
    FunctionCounter.builder(name, manager, m -> stat(m, statKey))
        .tags(baseTags).description(description).register(registry);
  }

  private static double stat(Manager manager, String key) {
    Object value = manager.stats().get(key);
    return value instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  private Meters meters(Tags tags) {
    return new Meters(registry, tags, observations);
  }

  /** The meters of one (attribute set of a) cache. */
  static final class Meters {
    private final MeterRegistry registry;
    private final Tags tags;
    private final Map<Operation, Counter> hits = new EnumMap<>(Operation.class);
    private final Map<Operation, Counter> misses = new EnumMap<>(Operation.class);
    private final Map<Operation, Timer> success = new EnumMap<>(Operation.class);
    /** Null when observations are off: then no observation code runs. */
    private final ObservationRegistry observations;
    /** The observations' low-cardinality key values per operation, error.type apart. */
    private final Map<Operation, KeyValues> keyValues = new EnumMap<>(Operation.class);

    Meters(MeterRegistry registry, Tags tags, ObservationRegistry observations) {
      this.registry = registry;
      this.tags = tags;
      this.observations = observations;
      if (observations != null) {
        KeyValues base = KeyValues.of(tags, Tag::getKey, Tag::getValue);
        for (Operation op : Operation.values()) {
          keyValues.put(op, base.and(OPERATION, op.metricName()));
        }
      }
      for (Operation op : List.of(Operation.GET, Operation.GET_OR_SET)) {
        hits.put(op, counter(HITS, op, "calls that found a value"));
        misses.put(op, counter(MISSES, op, "calls that found nothing"));
      }
      for (Operation op : Operation.values()) {
        success.put(op, timer(op, ErrorType.NONE));
      }
    }

    private Counter counter(String name, Operation op, String description) {
      return Counter.builder(name).tags(tags).tag(OPERATION, op.metricName())
          .description(description).register(registry);
    }

    /** Counts a hit or miss of {@code op} (get or getOrSet). Maps read-only after construction. */
    void lookup(Operation op, boolean hit) {
      (hit ? hits : misses).get(op).increment();
    }

    /** Starts the observation of {@code op}, or returns null when observations are off. */
    Observation start(Operation op) {
      if (observations == null) {
        return null;
      }
      return Observation.createNotStarted(OBSERVATION, observations)
          .contextualName("cache " + op.metricName())
          .lowCardinalityKeyValues(keyValues.get(op))
          .start();
    }

    /** Stops {@code observation} (if any) with {@code type}, and {@code failure} if not null. */
    private static void stop(Observation observation, ErrorType type, Throwable failure) {
      if (observation == null) {
        return;
      }
      observation.lowCardinalityKeyValue(ERROR_TYPE, type.value);
      if (failure != null) {
        observation.error(failure);
      }
      observation.stop();
    }

    /** Runs {@code call} in {@code observation}'s scope, if any, so that it is the parent. */
    private static <T> T inScope(Observation observation, Supplier<T> call) {
      if (observation == null) {
        return call.get();
      }
      try (Observation.Scope scope = observation.openScope()) {
        return call.get();
      }
    }

    void record(Operation op, long startNanos, Observation observation, ErrorType type,
        Throwable failure) {
      stop(observation, type, failure);
      record(op, startNanos, type);
    }

    void record(Operation op, long startNanos, Observation observation, Throwable failure) {
      record(op, startNanos, observation,
          failure == null ? ErrorType.NONE : ErrorType.of(failure), failure);
    }

    void record(Operation op, long startNanos, ErrorType type) {
      long nanos = System.nanoTime() - startNanos;
      Timer timer = type == ErrorType.NONE
          ? success.get(op) // filled for every operation in the constructor, read-only since
          : timer(op, type);
      timer.record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Operation op, ErrorType type) {
      return Timer.builder(OPERATION_DURATION)
          .description("duration of cache operations")
          .serviceLevelObjectives(BUCKETS.toArray(Duration[]::new))
          .tags(tags)
          .tag(OPERATION, op.metricName())
          .tag(ERROR_TYPE, type.value)
          .register(registry);
    }

    /** Times a get: a miss is timed as {@code not_found} and counted as a miss. */
    Optional<byte[]> timeGet(Supplier<Optional<byte[]>> call) {
      Observation observation = start(Operation.GET);
      long start = System.nanoTime();
      Optional<byte[]> value;
      try {
        value = inScope(observation, call);
      } catch (RuntimeException | Error e) {
        record(Operation.GET, start, observation, e);
        throw e;
      }
      recordGet(start, observation, value);
      return value;
    }

    void recordGet(long start, Observation observation, Optional<byte[]> value) {
      // a miss is not_found, as on the timer, but not an error of the observation
      record(Operation.GET, start, observation,
          value.isPresent() ? ErrorType.NONE : ErrorType.NOT_FOUND, null);
      lookup(Operation.GET, value.isPresent());
    }

    <T> T time(Operation op, Supplier<T> call) {
      Observation observation = start(op);
      long start = System.nanoTime();
      try {
        T result = inScope(observation, call);
        record(op, start, observation, null);
        return result;
      } catch (RuntimeException | Error e) {
        record(op, start, observation, e);
        throw e;
      }
    }

    <T> CompletableFuture<T> timeAsync(Operation op, Supplier<CompletableFuture<T>> call) {
      Observation observation = start(op);
      long start = System.nanoTime();
      CompletableFuture<T> future;
      try {
        future = inScope(observation, call);
      } catch (RuntimeException | Error e) {
        record(op, start, observation, e);
        throw e;
      }
      return future.whenComplete((r, e) -> record(op, start, observation, unwrap(e)));
    }

    CompletableFuture<Optional<byte[]>> timeGetAsync(
        Supplier<CompletableFuture<Optional<byte[]>>> call) {
      Observation observation = start(Operation.GET);
      long start = System.nanoTime();
      CompletableFuture<Optional<byte[]>> future;
      try {
        future = inScope(observation, call);
      } catch (RuntimeException | Error e) {
        record(Operation.GET, start, observation, e);
        throw e;
      }
      return future.whenComplete((v, e) -> {
        if (e == null) {
          recordGet(start, observation, v);
        } else {
          record(Operation.GET, start, observation, unwrap(e));
        }
      });
    }

    private static Throwable unwrap(Throwable e) {
      return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
    }
  }

  /** Builds {@link CacheMetrics}. Not thread-safe. */
  public static final class Builder {
    private final MeterRegistry registry;
    private String system = "cachebricks";
    private Tags tags = Tags.empty();
    private boolean tenantTag;
    private ObservationRegistry observations;

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
     * Adds the {@code db.namespace} attribute, the tenant id, to the meters of managed caches
     * (empty on caches instrumented on their own). Off by default: turn it on only when the
     * number of tenants is bounded, or the registry's cardinality grows with tenants.
     *
     * @param enabled whether to add {@code db.namespace}
     * @return this builder
     */
    public Builder tenantTag(boolean enabled) {
      this.tenantTag = enabled;
      return this;
    }

    /**
     * Also runs every operation of the instrumented caches in an {@link Observation} of
     * {@code registry}, named {@value CacheMetrics#OBSERVATION} with the timer's attributes as
     * low-cardinality key values (see {@link CacheMetrics}). Off by default ({@code null}): no
     * observation is created.
     *
     * @param registry the observation registry, or {@code null} for none
     * @return this builder
     */
    public Builder observationRegistry(ObservationRegistry registry) {
      this.observations = registry;
      return this;
    }

    /**
     * Builds the metrics binder.
     *
     * @return the binder
     */
    public CacheMetrics build() {
      return new CacheMetrics(registry, tags.and("db.system.name", system), tenantTag,
          observations);
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
      return meters.timeGet(() -> delegate.get(key));
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
      // an existing value is a hit, storing ours a miss
      meters.lookup(Operation.GET_OR_SET, !result.stored());
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
      return meters.timeGetAsync(() -> delegate.get(key));
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
              meters.lookup(Operation.GET_OR_SET, !r.stored());
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
    private final Function<String, Meters> metersFor;

    MeteredManager(Manager delegate, Function<String, Meters> metersFor) {
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
