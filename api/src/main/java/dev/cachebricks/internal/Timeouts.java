package dev.cachebricks.internal;

import dev.cachebricks.CacheConfigException;
import java.time.Duration;

/**
 * Validation of configured timeouts, in one place: every timeout is positive and at most
 * {@link #MAX}, so converting it to nanoseconds or milliseconds can never overflow later, in
 * the middle of an operation.
 *
 * <p>Internal: not part of the public API.
 */
public final class Timeouts {

  /** The longest accepted timeout: 365 days (far below the ~292 years nanoseconds can hold). */
  public static final Duration MAX = Duration.ofDays(365);

  private Timeouts() {}

  /**
   * Checks a timeout setting.
   *
   * @param field the setting's name, for the error
   * @param value the timeout
   * @return {@code value}
   * @throws CacheConfigException naming {@code field} if it is null, not positive or above
   *     {@link #MAX}
   */
  public static Duration require(String field, Duration value) {
    if (value == null) {
      throw new CacheConfigException(field, "must not be null");
    }
    if (value.isNegative() || value.isZero()) {
      throw new CacheConfigException(field, "must be positive, was " + value);
    }
    if (value.compareTo(MAX) > 0) {
      throw new CacheConfigException(field, "must be at most " + MAX + " (365 days), was " + value);
    }
    return value;
  }
}
