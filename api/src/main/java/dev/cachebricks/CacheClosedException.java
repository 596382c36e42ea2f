package dev.cachebricks;

/**
 * The cache handle was closed, or the manager that issued it was closed: the seed's
 * {@code ErrClosed}. Every operation on a closed {@link Cache} throws it.
 */
public class CacheClosedException extends CacheException {

  private static final long serialVersionUID = 1L;

  /** The message, identical to the seed's. */
  public static final String MESSAGE = "cache: connection closed";

  /** Creates the exception with the seed's message. */
  public CacheClosedException() {
    super(MESSAGE);
  }
}
