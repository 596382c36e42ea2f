package dev.cachebricks.recipes;

import dev.cachebricks.Cache;
import dev.cachebricks.CacheOperationException;
import dev.cachebricks.CasFailedException;
import dev.cachebricks.InvalidTtlException;
import dev.cachebricks.LockTimeoutException;
import dev.cachebricks.Ttl;
import dev.cachebricks.internal.Saturating;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A lease-based lock on one cache key, built only on {@link Cache}'s atomic operations, so it
 * works on every implementation:
 *
 * <ul>
 *   <li>acquire: {@code compareAndSet(key, null, token, ttl)} with a token unique to this
 *       acquisition;
 *   <li>extend: {@code compareAndSet(key, token, token, ttl)}, only while still the owner;
 *   <li>release: {@code compareAndDelete(key, token)}, which never removes the lock of the next
 *       owner after this one's lease expired (an unconditional {@code delete} would).
 * </ul>
 *
 * <pre>{@code
 * try (CacheLock lock = CacheLock.acquire(cache, "lock:job:789", Duration.ofSeconds(30),
 *     Duration.ofSeconds(5))) {
 *   runJob(); // keep it shorter than the lease, or call lock.extend(...)
 * }
 * }</pre>
 *
 * <p>A lease is not a fence: if the work outlives the TTL, another process may acquire the lock.
 * Keep work shorter than the lease or {@link #extend(Duration)} it; {@link #extend} and
 * {@link #release()} tell you when ownership was lost.
 *
 * <p>A {@code CacheLock} object is one acquisition; it is safe to share between threads.
 */
public final class CacheLock implements AutoCloseable {

  private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final long MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private final Cache cache;
  private final String key;
  private final byte[] token;
  private volatile boolean released;

  private CacheLock(Cache cache, String key, byte[] token) {
    this.cache = cache;
    this.key = key;
    this.token = token;
  }

  /**
   * Tries once to acquire the lock.
   *
   * @param cache the cache holding the lock
   * @param key the lock's key
   * @param ttl the lease; must be positive (a lock without expiry would outlive a crashed owner)
   * @return the lock if acquired, empty if another owner holds it
   * @throws NullPointerException if an argument is null
   * @throws InvalidTtlException if {@code ttl} is zero or negative
   * @throws CacheOperationException if the backend fails
   */
  public static Optional<CacheLock> tryAcquire(Cache cache, String key, Duration ttl) {
    Objects.requireNonNull(cache, "cache must not be null");
    Objects.requireNonNull(key, "key must not be null");
    requireLease(ttl);
    byte[] token = newToken();
    return cache.compareAndSet(key, null, token, ttl)
        ? Optional.of(new CacheLock(cache, key, token))
        : Optional.empty();
  }

  /**
   * Acquires the lock, waiting up to {@code maxWait} with jittered exponential backoff
   * (5 ms doubling to 250 ms) while another owner holds it.
   *
   * @param cache the cache holding the lock
   * @param key the lock's key
   * @param ttl the lease; must be positive
   * @param maxWait how long to keep trying; {@link Duration#ZERO} tries once
   * @return the acquired lock
   * @throws LockTimeoutException (a {@link CasFailedException}) if the lock was still held by
   *     another owner after {@code maxWait}
   * @throws CacheOperationException if the backend fails, or the caller was interrupted while
   *     waiting (cause {@link InterruptedException}; the interrupt flag stays set)
   */
  public static CacheLock acquire(Cache cache, String key, Duration ttl, Duration maxWait) {
    Objects.requireNonNull(maxWait, "maxWait must not be null");
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("maxWait must not be negative: " + maxWait);
    }
    long deadline = Saturating.deadlineNanos(System.nanoTime(), maxWait);
    long backoff = FIRST_BACKOFF_NANOS;
    while (true) {
      Optional<CacheLock> lock = tryAcquire(cache, key, ttl);
      if (lock.isPresent()) {
        return lock.get();
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        throw new LockTimeoutException(key, maxWait);
      }
      long pause =
          Math.min(remaining, ThreadLocalRandom.current().nextLong(backoff / 2, backoff + 1));
      try {
        TimeUnit.NANOSECONDS.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CacheOperationException("lock", key, e);
      }
      backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
    }
  }

  /**
   * Returns the lock's key.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * Returns the owner token stored under the key while this acquisition holds the lock.
   *
   * @return a copy of the token
   */
  public byte[] token() {
    return token.clone();
  }

  /**
   * Tells whether the cache still holds this acquisition's token (one read; the answer can be
   * stale as soon as it is returned).
   *
   * @return true if this acquisition still owns the lock
   */
  public boolean isHeld() {
    return !released && cache.get(key).map(v -> Arrays.equals(v, token)).orElse(false);
  }

  /**
   * Renews the lease to {@code ttl} from now, only while still the owner.
   *
   * @param ttl the new lease; must be positive
   * @throws CasFailedException if the lock is no longer held by this acquisition (the lease
   *     expired, and perhaps another owner took it)
   * @throws CacheOperationException if the backend fails
   */
  public void extend(Duration ttl) {
    requireLease(ttl);
    if (released || !cache.compareAndSet(key, token, token, ttl)) {
      throw new CasFailedException();
    }
  }

  /**
   * Releases the lock if this acquisition still owns it. Idempotent.
   *
   * @return true if this call removed the lock; false if it was already released, or the lease
   *     had expired (the lock may now belong to someone else, whose lock is left alone)
   * @throws CacheOperationException if the backend fails
   */
  public boolean release() {
    if (released) {
      return false;
    }
    released = true;
    return cache.compareAndDelete(key, token);
  }

  /** Same as {@link #release()}, for try-with-resources. */
  @Override
  public void close() {
    release();
  }

  @Override
  public String toString() {
    return "CacheLock[" + key + ", token=" + new String(token, StandardCharsets.US_ASCII)
        + (released ? ", released]" : "]");
  }

  private static void requireLease(Duration ttl) {
    if (Ttl.toMillis(ttl) == Ttl.NO_EXPIRY) {
      throw new InvalidTtlException(ttl);
    }
  }

  private static byte[] newToken() {
    return UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
  }
}
