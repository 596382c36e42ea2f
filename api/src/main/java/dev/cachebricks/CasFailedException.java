package dev.cachebricks;

/**
 * A compare-and-set did not apply because the stored value was not the expected one.
 *
 * <p>{@link Cache#compareAndSet} reports this as {@code false}; helpers that must throw (a lock
 * that could not be acquired or extended, for example) use this exception.
 */
public class CasFailedException extends CacheException {

  private static final long serialVersionUID = 1L;

  /** The message of every instance. */
  public static final String MESSAGE = "cache: compare-and-set failed";

  /** Creates the exception with {@link #MESSAGE}. */
  public CasFailedException() {
    super(MESSAGE);
  }
}
