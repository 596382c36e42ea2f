package dev.cachebricks;

/**
 * A cache operation failed in the backend. Backend exceptions never leave the library raw; they
 * arrive as the cause of this exception, with the operation and key that failed. An interrupted
 * caller gets this exception with an {@link InterruptedException} cause, and its interrupt flag
 * stays set.
 *
 * <p>Message: {@code cache operation error: <op> failed for key "<key>": <cause>}.
 */
public class CacheOperationException extends CacheException {

  private static final long serialVersionUID = 1L;

  /** The operation that failed. */
  private final String op;
  /** The key involved. */
  private final String key;

  /**
   * Creates the exception.
   *
   * @param op the operation that failed, e.g. {@code "get"}, {@code "set"}, {@code "cas"}
   * @param key the key involved
   * @param cause the underlying failure, may be {@code null}
   */
  public CacheOperationException(String op, String key, Throwable cause) {
    super(render(op, key, cause), cause);
    this.op = op;
    this.key = key;
  }

  /**
   * Creates the exception for one of the {@link Cache} operations.
   *
   * @param op the operation that failed
   * @param key the key involved
   * @param cause the underlying failure, may be {@code null}
   */
  public CacheOperationException(Operation op, String key, Throwable cause) {
    this(op.opName(), key, cause);
  }

  /**
   * Returns the operation that failed.
   *
   * @return the operation name
   */
  public String op() {
    return op;
  }

  /**
   * Returns the key involved.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  private static String render(String op, String key, Throwable cause) {
    String base = "cache operation error: " + op + " failed for key \"" + key + "\"";
    return cause == null ? base : base + ": " + describe(cause);
  }
}
