package dev.cachebricks;

import java.time.Duration;
import java.util.Objects;

/**
 * The TTL rules shared by every {@link Cache} implementation, in one place.
 *
 * <ul>
 *   <li>{@link Duration#ZERO} means no expiry: the entry is stored without expiration.
 *   <li>A negative TTL is an {@link InvalidTtlException}; nothing reaches the backend.
 *   <li>A positive TTL under one millisecond is rounded up to one millisecond, never truncated
 *       to zero (in JCache a zero duration means "expire now").
 *   <li>Otherwise the TTL is honoured to millisecond precision, rounding partial milliseconds up.
 *       TTLs too large for a {@code long} of milliseconds saturate at {@link Long#MAX_VALUE}.
 * </ul>
 *
 * <p>Implementers of {@link Cache} call {@link #toMillis(Duration)} at the top of every operation
 * that takes a TTL.
 */
public final class Ttl {

  /** The value {@link #toMillis(Duration)} returns for "no expiry". */
  public static final long NO_EXPIRY = 0L;

  private Ttl() {}

  /**
   * Validates a TTL and converts it to whole milliseconds.
   *
   * @param ttl the TTL passed by a caller
   * @return {@link #NO_EXPIRY} (0) for {@link Duration#ZERO}, otherwise at least 1
   * @throws NullPointerException if {@code ttl} is null
   * @throws InvalidTtlException if {@code ttl} is negative
   */
  public static long toMillis(Duration ttl) {
    Objects.requireNonNull(ttl, "ttl must not be null");
    if (ttl.isNegative()) {
      throw new InvalidTtlException(ttl);
    }
    if (ttl.isZero()) {
      return NO_EXPIRY;
    }
    long seconds = ttl.getSeconds();
    int nanos = ttl.getNano();
    if (seconds >= Long.MAX_VALUE / 1000 - 1) {
      return Long.MAX_VALUE;
    }
    // ceil(nanos / 1e6): 1 ns becomes 1 ms, 1.000001 ms becomes 2 ms.
    return seconds * 1000 + (nanos + 999_999) / 1_000_000;
  }
}
