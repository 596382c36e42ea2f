package dev.cachebricks.internal;

import java.time.Duration;

/**
 * Time arithmetic that saturates instead of overflowing, in one place: a deadline far in the
 * future is "never", not a negative number.
 *
 * <p>Internal: not part of the public API.
 */
public final class Saturating {

  private Saturating() {}

  /**
   * Adds a non-negative amount to a time.
   *
   * @param time a time, in any unit
   * @param amount a non-negative amount in the same unit
   * @return {@code time + amount}, or {@link Long#MAX_VALUE} if that overflows
   */
  public static long add(long time, long amount) {
    long sum = time + amount;
    return sum < time ? Long.MAX_VALUE : sum;
  }

  /**
   * Converts a non-negative duration to nanoseconds.
   *
   * @param duration the duration
   * @return its nanoseconds, or {@link Long#MAX_VALUE} if they do not fit
   */
  public static long toNanos(Duration duration) {
    return duration.getSeconds() >= Long.MAX_VALUE / 1_000_000_000L - 1
        ? Long.MAX_VALUE
        : duration.toNanos();
  }

  /**
   * Returns the deadline {@code timeout} after {@code nowNanos}, for {@link System#nanoTime()}
   * comparisons ({@code deadline - System.nanoTime() > 0} while time remains): saturated at
   * {@code Long.MAX_VALUE / 2} ahead of now, far beyond any real wait, so the subtraction never
   * wraps.
   *
   * @param nowNanos {@link System#nanoTime()}
   * @param timeout a non-negative duration
   * @return the deadline
   */
  public static long deadlineNanos(long nowNanos, Duration timeout) {
    return nowNanos + Math.min(toNanos(timeout), Long.MAX_VALUE / 2);
  }
}
