package dev.cachebricks;

/**
 * The cache handle was closed, or the manager that issued it was closed. Every operation on a
 * closed {@link Cache} throws it.
 */
public class CacheClosedException extends CacheException {

  private static final long serialVersionUID = 1L;

  /** The message of every instance. */
  public static final String MESSAGE = "cache: connection closed";

  /** Creates the exception with {@link #MESSAGE}. */
  public CacheClosedException() {
    super(MESSAGE);
  }
}
