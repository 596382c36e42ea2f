package dev.cachebricks.hazelcast.internal;

import dev.cachebricks.Ttl;
import java.util.concurrent.TimeUnit;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;

/**
 * TTL to JCache {@link ExpiryPolicy}: the one place the TTL rules of {@link Ttl} meet Hazelcast's
 * per-entry expiry.
 *
 * <p>{@link ModifiedExpiryPolicy} gives creation = update = the TTL and access = unchanged
 * (null), which is exactly what {@code set}, {@code getOrSet} and a successful
 * {@code compareAndSet} need: reads and failed replaces never touch an entry's TTL, and
 * {@code putIfAbsent} on an existing key consults no policy at all. "No expiry" must be an
 * explicit {@link Duration#ETERNAL}: a plain {@code put} would keep an old TTL on overwrite, and
 * a zero duration means "expire now". Never {@code HazelcastExpiryPolicy}: it fails to serialize
 * across members and clients when a duration is null or eternal.
 *
 * <p>Internal: not part of the public API.
 */
public final class Expiry {

  private static final ExpiryPolicy ETERNAL = new ModifiedExpiryPolicy(Duration.ETERNAL);

  private Expiry() {}

  /**
   * Returns the policy for a write with the given TTL.
   *
   * @param ttlMillis a TTL already checked by {@link Ttl#toMillis}: 0 for no expiry, else at
   *     least 1
   * @return the policy
   */
  public static ExpiryPolicy forWrite(long ttlMillis) {
    return ttlMillis == Ttl.NO_EXPIRY
        ? ETERNAL
        : new ModifiedExpiryPolicy(new Duration(TimeUnit.MILLISECONDS, ttlMillis));
  }
}
