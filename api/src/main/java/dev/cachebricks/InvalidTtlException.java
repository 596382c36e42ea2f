package dev.cachebricks;

import java.time.Duration;

/**
 * A TTL was negative. Thrown before anything reaches the backend, so the failed call changes
 * nothing.
 *
 * @see Ttl
 */
public class InvalidTtlException extends CacheException {

  private static final long serialVersionUID = 1L;

  /** The message of every instance. */
  public static final String MESSAGE = "cache: invalid TTL";

  /** The rejected TTL. */
  private final Duration ttl;

  /**
   * Creates the exception for a rejected TTL.
   *
   * @param ttl the rejected value
   */
  public InvalidTtlException(Duration ttl) {
    super(MESSAGE);
    this.ttl = ttl;
  }

  /**
   * Returns the rejected TTL.
   *
   * @return the value that was passed
   */
  public Duration ttl() {
    return ttl;
  }
}
