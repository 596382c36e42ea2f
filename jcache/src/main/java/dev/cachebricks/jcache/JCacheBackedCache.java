package dev.cachebricks.jcache;

import dev.cachebricks.Cache;
import dev.cachebricks.CacheClosedException;
import dev.cachebricks.CacheConnectionException;
import dev.cachebricks.CacheException;
import dev.cachebricks.CacheOperationException;
import dev.cachebricks.EntryLimits;
import dev.cachebricks.GetOrSetResult;
import dev.cachebricks.Operation;
import dev.cachebricks.Ttl;
import dev.cachebricks.internal.CacheCounters;
import dev.cachebricks.internal.Saturating;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.MutableEntry;

/**
 * The portable path: {@link Cache} on any JSR-107 {@code javax.cache.Cache<String, byte[]>},
 * for providers without Hazelcast's per-entry expiry (the RI, Caffeine, Ehcache, ...). Get one
 * with {@link #adapt(javax.cache.Cache)}.
 *
 * <p>JCache has no per-entry TTL and compares {@code byte[]} values by identity in
 * {@code replace}/{@code remove(k, old)}, so this adapter stores each value with an 8-byte
 * expiry deadline in front of it and runs every conditional operation as an
 * {@link EntryProcessor}, which JCache executes atomically per key: expired entries count as
 * absent (and are removed when touched), and values are compared by content. Clocks: the
 * calling process's wall clock. Expired entries nobody touches again stay until the provider
 * evicts them: give the underlying cache an eviction bound. Calls are as blocking as the
 * provider's; no operation timeout is applied.
 */
public final class JCacheBackedCache implements Cache {

  private static final int HEADER = Long.BYTES;

  private final javax.cache.Cache<String, byte[]> cache;
  private final EntryLimits limits;
  private final CacheCounters counters = new CacheCounters();
  private volatile boolean closed;

  private JCacheBackedCache(javax.cache.Cache<String, byte[]> cache, EntryLimits limits) {
    this.cache = cache;
    this.limits = limits;
  }

  /**
   * Adapts a JCache cache. Closing the returned {@link Cache} leaves {@code cache} open: it is
   * yours.
   *
   * @param cache a JCache cache of {@code String} to {@code byte[]}, used only through this
   *     adapter (values carry a header)
   * @return the adapter
   */
  public static Cache adapt(javax.cache.Cache<String, byte[]> cache) {
    return adapt(cache, EntryLimits.DEFAULT);
  }

  /**
   * Adapts a JCache cache with custom size limits.
   *
   * @param cache a JCache cache of {@code String} to {@code byte[]}
   * @param limits key and value size limits
   * @return the adapter
   */
  public static Cache adapt(javax.cache.Cache<String, byte[]> cache, EntryLimits limits) {
    return new JCacheBackedCache(Objects.requireNonNull(cache, "cache must not be null"),
        Objects.requireNonNull(limits, "limits must not be null"));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Unwraps to the adapted {@code javax.cache.Cache}.
   */
  @Override
  public <T> T unwrap(Class<T> type) {
    Objects.requireNonNull(type, "type must not be null");
    return type.isInstance(cache) && !type.isInstance(this) ? type.cast(cache)
        : Cache.super.unwrap(type);
  }

  @Override
  public Optional<byte[]> get(String key) {
    limits.checkKey(key);
    byte[] value = call(Operation.GET, key, () -> cache.invoke(key, GET, now()));
    counters.get(value != null);
    return Optional.ofNullable(value);
  }

  @Override
  public void set(String key, byte[] value, Duration ttl) {
    byte[] stored = encode(key, value, "value", ttl);
    call(Operation.SET, key, () -> {
      cache.put(key, stored);
      return null;
    });
    counters.set();
  }

  @Override
  public void delete(String key) {
    limits.checkKey(key);
    call(Operation.DELETE, key, () -> cache.remove(key));
    counters.delete();
  }

  @Override
  public GetOrSetResult getOrSet(String key, byte[] value, Duration ttl) {
    byte[] stored = encode(key, value, "value", ttl);
    byte[] existing = call(Operation.GET_OR_SET, key, () -> cache.invoke(key, GET_OR_SET,
        stored, now()));
    boolean wasSet = existing == null;
    counters.getOrSet(wasSet);
    return new GetOrSetResult(wasSet ? value : existing, wasSet);
  }

  @Override
  public boolean compareAndSet(String key, byte[] expected, byte[] newValue, Duration ttl) {
    byte[] stored = encode(key, newValue, "newValue", ttl);
    byte[] expectedCopy = expected == null ? null : expected.clone();
    boolean applied = call(Operation.COMPARE_AND_SET, key,
        () -> cache.invoke(key, COMPARE_AND_SET, expectedCopy, stored, now()));
    counters.compareAndSet(applied);
    return applied;
  }

  @Override
  public boolean compareAndDelete(String key, byte[] expected) {
    limits.checkKey(key);
    byte[] expectedCopy = Objects.requireNonNull(expected, "expected must not be null").clone();
    boolean removed = call(Operation.COMPARE_AND_DELETE, key,
        () -> cache.invoke(key, COMPARE_AND_DELETE, expectedCopy, now()));
    counters.compareAndDelete(removed);
    return removed;
  }

  @Override
  public void health() {
    ensureOpen();
    if (cache.isClosed()) {
      counters.error();
      throw new CacheConnectionException(Operation.HEALTH, describe(),
          new IllegalStateException("the JCache cache is closed"));
    }
  }

  @Override
  public Map<String, Object> stats() {
    ensureOpen();
    Map<String, Object> stats = counters.snapshot();
    stats.put("backend", describe());
    stats.put("cache", cache.getName());
    return Collections.unmodifiableMap(stats);
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "JCacheBackedCache[" + describe() + (closed ? ", closed]" : "]");
  }

  private String describe() {
    return "jcache:" + cache.getCacheManager().getCachingProvider().getClass().getName()
        + "/" + cache.getName();
  }

  private void ensureOpen() {
    if (closed) {
      throw new CacheClosedException();
    }
  }

  private byte[] encode(String key, byte[] value, String name, Duration ttl) {
    long ttlMillis = limits.checkWrite(key, value, name, ttl);
    long deadline = ttlMillis == Ttl.NO_EXPIRY ? 0 : Saturating.add(now(), ttlMillis);
    return ByteBuffer.allocate(HEADER + value.length).putLong(deadline).put(value).array();
  }

  private static long now() {
    return System.currentTimeMillis();
  }

  private <T> T call(Operation op, String key, Supplier<T> call) {
    ensureOpen();
    try {
      return call.get();
    } catch (CacheException e) {
      throw e;
    } catch (RuntimeException e) {
      counters.error();
      if (closed) {
        throw new CacheClosedException();
      }
      throw new CacheOperationException(op, key,
          e instanceof javax.cache.processor.EntryProcessorException && e.getCause() != null
              ? e.getCause() : e);
    }
  }

  // ---- entry processors: run atomically per key by the provider ----------------------------

  /** Returns the live payload of an entry, removing it if expired; null when absent. */
  static byte[] live(MutableEntry<String, byte[]> entry, long now) {
    if (!entry.exists()) {
      return null;
    }
    byte[] stored = entry.getValue();
    long deadline = ByteBuffer.wrap(stored, 0, HEADER).getLong();
    if (deadline != 0 && now >= deadline) {
      entry.remove();
      return null;
    }
    return Arrays.copyOfRange(stored, HEADER, stored.length);
  }

  // The entry processors are stateless (their arguments travel with each call): one of each.
  private static final Get GET = new Get();
  private static final GetOrSet GET_OR_SET = new GetOrSet();
  private static final CompareAndSet COMPARE_AND_SET = new CompareAndSet();
  private static final CompareAndDelete COMPARE_AND_DELETE = new CompareAndDelete();

  /** get: the live payload or null. */
  static final class Get implements EntryProcessor<String, byte[], byte[]>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] process(MutableEntry<String, byte[]> entry, Object... args) {
      return live(entry, (Long) args[0]);
    }
  }

  /** getOrSet: stores {@code args[0]} if absent and returns null, else the live payload. */
  static final class GetOrSet implements EntryProcessor<String, byte[], byte[]>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public byte[] process(MutableEntry<String, byte[]> entry, Object... args) {
      byte[] existing = live(entry, (Long) args[1]);
      if (existing == null) {
        entry.setValue((byte[]) args[0]);
      }
      return existing;
    }
  }

  /** compareAndSet: {@code args = expected (nullable), stored, now}. */
  static final class CompareAndSet implements EntryProcessor<String, byte[], Boolean>,
      Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Boolean process(MutableEntry<String, byte[]> entry, Object... args) {
      byte[] expected = (byte[]) args[0];
      byte[] current = live(entry, (Long) args[2]);
      boolean matches = expected == null ? current == null : Arrays.equals(current, expected);
      if (matches) {
        entry.setValue((byte[]) args[1]);
      }
      return matches;
    }
  }

  /** compareAndDelete: {@code args = expected, now}. */
  static final class CompareAndDelete implements EntryProcessor<String, byte[], Boolean>,
      Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Boolean process(MutableEntry<String, byte[]> entry, Object... args) {
      byte[] current = live(entry, (Long) args[1]);
      boolean matches = current != null && Arrays.equals(current, (byte[]) args[0]);
      if (matches) {
        entry.remove();
      }
      return matches;
    }
  }
}
