package dev.cachebricks;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A small, honest key-value cache with per-entry TTLs, atomic get-or-set, compare-and-set and
 * compare-and-delete.
 *
 * <p><b>Keys and values.</b> Keys are {@code String}s, values {@code byte[]} (see
 * {@link dev.cachebricks.cbor.Cbor} to store objects). Values are copied on the way in and on the
 * way out: mutating an array after passing it, or an array returned, never changes what is
 * stored. An empty array is a value like any other, not absence.
 *
 * <p><b>TTLs</b> follow {@link Ttl}: {@link Duration#ZERO} means no expiry, a negative TTL is an
 * {@link InvalidTtlException} and sends nothing, a TTL under one millisecond is rounded up to one.
 * An expired key is absent for every operation; it disappears within TTL + 1 s and is never
 * readable after that.
 *
 * <p><b>Errors.</b> A null argument is a {@link NullPointerException} naming the argument, thrown
 * before anything is sent. Backend failures are {@link CacheOperationException}s carrying the
 * operation and key; {@link #health()} reports {@link CacheConnectionException}s. Blocking calls
 * are bounded by the implementation's operation timeout; an interrupted caller gets a
 * {@link CacheOperationException} caused by {@link InterruptedException} and keeps its interrupt
 * flag. After {@link #close()} every operation throws {@link CacheClosedException}.
 *
 * <p><b>Thread safety.</b> Implementations are safe for use by many threads at once, and every
 * operation is atomic with respect to the others on the same key.
 */
public interface Cache extends AutoCloseable {

  /**
   * Returns the value stored under {@code key}.
   *
   * @param key the key
   * @return the value (a copy), or empty when the key is absent or expired
   * @throws NullPointerException if {@code key} is null
   * @throws CacheOperationException if the backend fails
   * @throws CacheClosedException if this cache is closed
   */
  Optional<byte[]> get(String key);

  /**
   * Stores {@code value} under {@code key}, overwriting any existing value. The new TTL replaces
   * the old one: {@link Duration#ZERO} makes an entry that had a TTL eternal.
   *
   * @param key the key
   * @param value the value (copied)
   * @param ttl time to live; {@link Duration#ZERO} for no expiry
   * @throws NullPointerException if an argument is null
   * @throws InvalidTtlException if {@code ttl} is negative
   * @throws CacheOperationException if the backend fails
   * @throws CacheClosedException if this cache is closed
   */
  void set(String key, byte[] value, Duration ttl);

  /**
   * Removes {@code key}. Idempotent: an absent key is not an error.
   *
   * @param key the key
   * @throws NullPointerException if {@code key} is null
   * @throws CacheOperationException if the backend fails
   * @throws CacheClosedException if this cache is closed
   */
  void delete(String key);

  /**
   * Atomically returns the existing value of {@code key}, or stores {@code value} if the key is
   * absent. An existing value is never overwritten and its TTL is not touched. Useful for
   * deduplication and idempotency:
   *
   * <pre>{@code
   * if (!cache.getOrSet("processed:msg:" + id, DONE, Duration.ofHours(1)).stored()) {
   *   return; // already processed
   * }
   * }</pre>
   *
   * @param key the key
   * @param value the value to store if absent (copied)
   * @param ttl time to live of a newly stored value; {@link Duration#ZERO} for no expiry
   * @return {@code (value, true)} when this call stored {@code value}, {@code (existing, false)}
   *     otherwise
   * @throws NullPointerException if an argument is null
   * @throws InvalidTtlException if {@code ttl} is negative
   * @throws CacheOperationException if the backend fails
   * @throws CacheClosedException if this cache is closed
   */
  GetOrSetResult getOrSet(String key, byte[] value, Duration ttl);

  /**
   * Atomically sets {@code key} to {@code newValue} if its current value is {@code expected}.
   *
   * <ul>
   *   <li>{@code expected == null}: set only if the key is absent (Redis {@code SET NX}); the way
   *       to acquire a lock.
   *   <li>otherwise: set only if the stored bytes equal {@code expected} by content. An empty
   *       array is a value, not absence: {@code compareAndSet(k, new byte[0], v, ttl)} on an
   *       absent key fails and creates nothing.
   * </ul>
   *
   * On success the entry gets {@code ttl}; on failure nothing changes.
   *
   * @param key the key
   * @param expected the value that must be stored, or null for "must be absent"
   * @param newValue the value to store (copied)
   * @param ttl time to live of the new value; {@link Duration#ZERO} for no expiry
   * @return true if the value was set
   * @throws NullPointerException if {@code key}, {@code newValue} or {@code ttl} is null
   * @throws InvalidTtlException if {@code ttl} is negative
   * @throws CacheOperationException if the backend fails
   * @throws CacheClosedException if this cache is closed
   */
  boolean compareAndSet(String key, byte[] expected, byte[] newValue, Duration ttl);

  /**
   * Atomically removes {@code key} if its stored bytes equal {@code expected} by content: the
   * safe way to release a lock, which never removes another owner's value.
   *
   * @param key the key
   * @param expected the value that must be stored
   * @return true if the key was removed
   * @throws NullPointerException if an argument is null (nothing is sent)
   * @throws CacheOperationException if the backend fails
   * @throws CacheClosedException if this cache is closed
   */
  boolean compareAndDelete(String key, byte[] expected);

  /**
   * Checks that the backend can serve. Fast (returns within 100 ms) and safe to call often.
   *
   * @throws CacheConnectionException if the backend cannot serve
   * @throws CacheClosedException if this cache is closed
   */
  void health();

  /**
   * Returns a snapshot of statistics: at least the counters named in {@link StatsKeys} (hits,
   * misses, sets, deletes, getorset_set, getorset_existing, cas_success, cas_failure,
   * cad_success, cad_failure, errors), plus figures specific to the backend.
   *
   * @return an immutable map from statistic name to value
   * @throws CacheClosedException if this cache is closed
   */
  Map<String, Object> stats();

  /**
   * Returns the asynchronous view of this cache. The default runs each call on the caller's
   * thread and returns an already completed future; backends with a native asynchronous path
   * override it.
   *
   * @return the asynchronous view
   */
  default AsyncCache async() {
    return new SyncAsyncCache(this);
  }

  /**
   * Closes this handle and releases its resources. Idempotent. Afterwards every operation throws
   * {@link CacheClosedException}. Data already stored stays in the backend.
   */
  @Override
  void close();

  /**
   * Returns this cache, or what it is built on, as {@code type}: the cache itself when it is a
   * {@code type}, else the native object an implementation documents (Hazelcast's {@code ICache},
   * a JSR-107 {@code javax.cache.Cache}), for the few things this API does not cover. The
   * JSR-107 style of reaching an implementation without casting to its classes.
   *
   * @param type the type wanted
   * @param <T> the type wanted
   * @return this cache or its underlying object, as {@code type}
   * @throws NullPointerException if {@code type} is null
   * @throws IllegalArgumentException if neither is a {@code type}
   */
  default <T> T unwrap(Class<T> type) {
    Objects.requireNonNull(type, "type must not be null");
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new IllegalArgumentException(
        getClass().getName() + " cannot be unwrapped to " + type.getName());
  }
}
