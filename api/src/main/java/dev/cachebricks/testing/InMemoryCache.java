package dev.cachebricks.testing;

import dev.cachebricks.Cache;
import dev.cachebricks.CacheClosedException;
import dev.cachebricks.CacheConfigException;
import dev.cachebricks.CacheConnectionException;
import dev.cachebricks.CacheException;
import dev.cachebricks.CacheOperationException;
import dev.cachebricks.EntryLimits;
import dev.cachebricks.GetOrSetResult;
import dev.cachebricks.Operation;
import dev.cachebricks.Ttl;
import dev.cachebricks.internal.CacheCounters;
import dev.cachebricks.internal.Saturating;
import dev.cachebricks.internal.Timeouts;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory {@link Cache} for your own unit tests, and a backend of the contract suite.
 *
 * <p>It keeps every promise of {@link Cache}: operations are atomic per key, TTLs are honoured
 * against a {@link InstantSource} you can replace (so tests can move time forward instead of
 * sleeping), values are copied, and operations are counted in {@link #stats()}. It can also be
 * told to fail or to slow down a given operation, to test how your code handles backend errors
 * and timeouts:
 *
 * <pre>{@code
 * InMemoryCache cache = InMemoryCache.builder().clock(testClock).build();
 * cache.failNext(Operation.SET, new IllegalStateException("boom"));
 * assertThrows(CacheOperationException.class, () -> service.save(cache));
 * }</pre>
 *
 * <p>An injected failure that is already a {@link CacheException} is thrown as it is; any other
 * is wrapped like a backend failure: a {@link CacheOperationException} with the operation and
 * key, or a {@link CacheConnectionException} for {@link Operation#HEALTH}. An injected delay
 * longer than the operation timeout fails with a {@link CacheOperationException} caused by a
 * {@link TimeoutException}; an interrupt during a delay fails with one caused by
 * {@link InterruptedException} and leaves the interrupt flag set.
 *
 * <p>Thread-safe. Not bounded: it holds whatever you put in it until it expires or is deleted.
 */
public final class InMemoryCache implements Cache {

  /** Default operation timeout. */
  public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(5);

  private static final String ADDRESS = "in-memory";
  private static final int SWEEP_EVERY_WRITES = 1024;

  /** The entries, shared by every handle on the same store (see {@link #newHandle()}). */
  private final Store store;
  private final CacheCounters counters = new CacheCounters();
  private final Map<Operation, Fault> faults = new ConcurrentHashMap<>();
  private final long operationTimeoutNanos;
  private final EntryLimits limits;
  private volatile boolean closed;

  private InMemoryCache(Store store, Duration operationTimeout, EntryLimits limits) {
    this.store = store;
    this.operationTimeoutNanos = operationTimeout.toNanos();
    this.limits = limits;
  }

  /**
   * Returns a new, empty cache on the system clock.
   *
   * @return a new cache
   */
  public static InMemoryCache create() {
    return builder().build();
  }

  /**
   * Returns a builder for a cache with a custom clock or operation timeout.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns another handle on the same entries, with its own counters, faults and closed state:
   * what a second process connected to the same backend would see.
   *
   * @return a new handle
   */
  public InMemoryCache newHandle() {
    return new InMemoryCache(store, Duration.ofNanos(operationTimeoutNanos), limits);
  }

  // ---- fault injection -------------------------------------------------------------------

  /**
   * Makes the next call of {@code op} fail with {@code failure}; later calls succeed again.
   *
   * @param op the operation
   * @param failure what to throw (wrapped unless it is a {@link CacheException})
   */
  public void failNext(Operation op, RuntimeException failure) {
    faults.put(
        Objects.requireNonNull(op, "op must not be null"),
        new Fault(Objects.requireNonNull(failure, "failure must not be null"), null, true));
  }

  /**
   * Makes every call of {@code op} fail with {@code failure} until {@link #clearFaults()}.
   *
   * @param op the operation
   * @param failure what to throw (wrapped unless it is a {@link CacheException})
   */
  public void failAlways(Operation op, RuntimeException failure) {
    faults.put(
        Objects.requireNonNull(op, "op must not be null"),
        new Fault(Objects.requireNonNull(failure, "failure must not be null"), null, false));
  }

  /**
   * Makes every call of {@code op} wait {@code delay} before running, until
   * {@link #clearFaults()}. A delay longer than the operation timeout makes the call time out.
   *
   * @param op the operation
   * @param delay how long to wait, not negative
   */
  public void delay(Operation op, Duration delay) {
    Objects.requireNonNull(delay, "delay must not be null");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative: " + delay);
    }
    faults.put(Objects.requireNonNull(op, "op must not be null"), new Fault(null, delay, false));
  }

  /** Removes every injected failure and delay. */
  public void clearFaults() {
    faults.clear();
  }

  // ---- Cache -----------------------------------------------------------------------------

  @Override
  public Optional<byte[]> get(String key) {
    limits.checkKey(key);
    enter(Operation.GET, key);
    Entry entry = store.live(key);
    counters.get(entry != null);
    return entry == null ? Optional.empty() : Optional.of(entry.value.clone());
  }

  @Override
  public void set(String key, byte[] value, Duration ttl) {
    long ttlMillis = limits.checkWrite(key, value, "value", ttl);
    enter(Operation.SET, key);
    store.put(key, new Entry(value.clone(), store.deadline(ttlMillis)));
    counters.set();
  }

  @Override
  public void delete(String key) {
    limits.checkKey(key);
    enter(Operation.DELETE, key);
    store.entries.remove(key);
    counters.delete();
  }

  @Override
  public GetOrSetResult getOrSet(String key, byte[] value, Duration ttl) {
    long ttlMillis = limits.checkWrite(key, value, "value", ttl);
    enter(Operation.GET_OR_SET, key);
    Entry fresh = new Entry(value.clone(), store.deadline(ttlMillis));
    Entry[] existing = new Entry[1];
    store.compute(key, current -> {
      if (current != null) {
        existing[0] = current;
        return current;
      }
      return fresh;
    });
    boolean stored = existing[0] == null;
    counters.getOrSet(stored);
    return new GetOrSetResult(stored ? fresh.value : existing[0].value, stored);
  }

  @Override
  public boolean compareAndSet(String key, byte[] expected, byte[] newValue, Duration ttl) {
    long ttlMillis = limits.checkWrite(key, newValue, "newValue", ttl);
    enter(Operation.COMPARE_AND_SET, key);
    Entry fresh = new Entry(newValue.clone(), store.deadline(ttlMillis));
    boolean[] applied = new boolean[1];
    store.compute(key, current -> {
      boolean matches = expected == null
          ? current == null
          : current != null && Arrays.equals(current.value, expected);
      applied[0] = matches;
      return matches ? fresh : current;
    });
    counters.compareAndSet(applied[0]);
    return applied[0];
  }

  @Override
  public boolean compareAndDelete(String key, byte[] expected) {
    limits.checkKey(key);
    Objects.requireNonNull(expected, "expected must not be null");
    enter(Operation.COMPARE_AND_DELETE, key);
    boolean[] removed = new boolean[1];
    store.compute(key, current -> {
      removed[0] = current != null && Arrays.equals(current.value, expected);
      return removed[0] ? null : current;
    });
    counters.compareAndDelete(removed[0]);
    return removed[0];
  }

  @Override
  public void health() {
    ensureOpen();
    Fault fault = takeFault(Operation.HEALTH);
    if (fault != null && fault.failure != null) {
      counters.error();
      throw fault.failure instanceof CacheException ce
          ? ce
          : new CacheConnectionException(Operation.HEALTH, ADDRESS, fault.failure);
    }
  }

  @Override
  public Map<String, Object> stats() {
    ensureOpen();
    Map<String, Object> stats = counters.snapshot();
    stats.put("entries", (long) store.entries.size());
    stats.put("backend", ADDRESS);
    return Collections.unmodifiableMap(stats);
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "InMemoryCache[entries=" + store.entries.size() + (closed ? ", closed]" : "]");
  }

  // ---- internals -------------------------------------------------------------------------

  private void ensureOpen() {
    if (closed) {
      throw new CacheClosedException();
    }
  }

  /** Checks the closed state, then applies an injected failure or delay of {@code op}. */
  private void enter(Operation op, String key) {
    ensureOpen();
    Fault fault = takeFault(op);
    if (fault == null) {
      return;
    }
    if (fault.failure != null) {
      counters.error();
      throw fault.failure instanceof CacheException ce
          ? ce
          : new CacheOperationException(op, key, fault.failure);
    }
    long delayNanos = fault.delay.toNanos();
    try {
      if (delayNanos > operationTimeoutNanos) {
        Thread.sleep(operationTimeoutNanos / 1_000_000, (int) (operationTimeoutNanos % 1_000_000));
        counters.error();
        throw new CacheOperationException(op, key, new TimeoutException(
            "operation timed out after " + Duration.ofNanos(operationTimeoutNanos)));
      }
      Thread.sleep(delayNanos / 1_000_000, (int) (delayNanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      counters.error();
      throw new CacheOperationException(op, key, e);
    }
    ensureOpen();
  }

  private Fault takeFault(Operation op) {
    Fault fault = faults.get(op);
    if (fault != null && fault.once && !faults.remove(op, fault)) {
      return null; // another thread consumed the one-shot failure
    }
    return fault;
  }

  private record Fault(RuntimeException failure, Duration delay, boolean once) {}

  private record Entry(byte[] value, long expiresAtMillis) {}

  /** The entries and the clock: shared by every handle made with {@link #newHandle()}. */
  static final class Store {
    final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final InstantSource clock;
    private final AtomicLong writes = new AtomicLong();

    Store(InstantSource clock) {
      this.clock = clock;
    }

    long deadline(long ttlMillis) {
      if (ttlMillis == Ttl.NO_EXPIRY) {
        return Long.MAX_VALUE;
      }
      return Saturating.add(clock.millis(), ttlMillis);
    }

    private boolean expired(Entry entry) {
      return entry.expiresAtMillis != Long.MAX_VALUE && clock.millis() >= entry.expiresAtMillis;
    }

    Entry live(String key) {
      Entry entry = entries.get(key);
      if (entry != null && expired(entry)) {
        entries.remove(key, entry);
        return null;
      }
      return entry;
    }

    void put(String key, Entry entry) {
      entries.put(key, entry);
      afterWrite();
    }

    /** Atomically replaces the live entry (null when absent or expired) with the function's. */
    void compute(String key, java.util.function.UnaryOperator<Entry> function) {
      entries.compute(key, (k, current) ->
          function.apply(current == null || expired(current) ? null : current));
      afterWrite();
    }

    private void afterWrite() {
      // Expired keys nobody reads again would otherwise stay forever: sweep now and then.
      if (writes.incrementAndGet() % SWEEP_EVERY_WRITES == 0) {
        entries.values().removeIf(this::expired);
      }
    }
  }

  /** Builds an {@link InMemoryCache}. Not thread-safe. */
  public static final class Builder {
    private InstantSource clock = InstantSource.system();
    private Duration operationTimeout = DEFAULT_OPERATION_TIMEOUT;
    private EntryLimits limits = EntryLimits.DEFAULT;

    private Builder() {}

    /**
     * Sets the key and value size limits (default {@link EntryLimits#DEFAULT}).
     *
     * @param limits the limits
     * @return this builder
     */
    public Builder limits(EntryLimits limits) {
      this.limits = limits;
      return this;
    }

    /**
     * Sets the clock TTLs are measured against; tests pass one they can move forward.
     *
     * @param clock the time source
     * @return this builder
     */
    public Builder clock(InstantSource clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Sets the operation timeout that bounds injected delays.
     *
     * @param operationTimeout the timeout, positive and at most 365 days
     * @return this builder
     */
    public Builder operationTimeout(Duration operationTimeout) {
      this.operationTimeout = operationTimeout;
      return this;
    }

    /**
     * Builds the cache.
     *
     * @return a new, empty cache
     * @throws CacheConfigException if a setting is invalid
     */
    public InMemoryCache build() {
      if (clock == null) {
        throw new CacheConfigException("clock", "must not be null");
      }
      Timeouts.require("operationTimeout", operationTimeout);
      if (limits == null) {
        throw new CacheConfigException("limits", "must not be null");
      }
      return new InMemoryCache(new Store(clock), operationTimeout, limits);
    }
  }
}
