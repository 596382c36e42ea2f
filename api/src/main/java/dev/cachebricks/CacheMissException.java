package dev.cachebricks;

/**
 * The key does not exist or has expired: the seed's {@code ErrNotFound}.
 *
 * <p>{@link Cache#get(String)} reports a miss as {@link java.util.Optional#empty()}; this exception
 * is for APIs that must return a value or throw, such as helpers built on the cache.
 */
public class CacheMissException extends CacheException {

  private static final long serialVersionUID = 1L;

  /** The message, identical to the seed's. */
  public static final String MESSAGE = "cache: key not found";

  /** Creates the exception with the seed's message. */
  public CacheMissException() {
    super(MESSAGE);
  }
}
