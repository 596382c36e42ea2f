package dev.cachebricks.cbor;

import dev.cachebricks.CacheException;

/**
 * A value could not be encoded to CBOR, or bytes could not be decoded: the codec's only
 * exception. Jackson's own exceptions never leave the codec raw; they are the cause of this one.
 */
public class CborException extends CacheException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   * @param cause the underlying failure, may be {@code null}
   */
  public CborException(String message, Throwable cause) {
    super(message, cause);
  }
}
