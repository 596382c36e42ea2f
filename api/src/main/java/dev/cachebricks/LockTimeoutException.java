package dev.cachebricks;

import java.time.Duration;

/**
 * A lock stayed held by another owner for the whole wait: what
 * {@code CacheLock.acquire} throws when it gives up. It is a {@link CasFailedException} (the
 * acquiring compare-and-set kept failing), so code that catches that keeps working.
 */
public class LockTimeoutException extends CasFailedException {

  private static final long serialVersionUID = 1L;

  /** The lock's key. */
  private final String key;
  /** How long the caller waited. */
  private final Duration waited;

  /**
   * Creates the exception.
   *
   * @param key the lock's key
   * @param waited how long the caller waited
   */
  public LockTimeoutException(String key, Duration waited) {
    this.key = key;
    this.waited = waited;
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
   * Returns how long the caller waited for the lock.
   *
   * @return the wait
   */
  public Duration waited() {
    return waited;
  }
}
