package dev.cachebricks;

/**
 * The backend cannot be reached or cannot serve. Such failures may be transient; retrying later
 * can succeed.
 *
 * <p>Message: {@code cache connection error: <op> failed for <address>: <cause>}.
 */
public class CacheConnectionException extends CacheException {

  private static final long serialVersionUID = 1L;

  /** The operation that failed. */
  private final String op;
  /** The backend address involved. */
  private final String address;

  /**
   * Creates the exception.
   *
   * @param op the operation that failed, e.g. {@code "connect"} or {@code "health"}
   * @param address the backend address, e.g. {@code "127.0.0.1:5701"} or a cluster name
   * @param cause the underlying failure, may be {@code null}
   */
  public CacheConnectionException(String op, String address, Throwable cause) {
    super(render(op, address, cause), cause);
    this.op = op;
    this.address = address;
  }

  /**
   * Creates the exception for one of the {@link Cache} operations.
   *
   * @param op the operation that failed, e.g. {@link Operation#HEALTH}
   * @param address the backend address
   * @param cause the underlying failure, may be {@code null}
   */
  public CacheConnectionException(Operation op, String address, Throwable cause) {
    this(op.opName(), address, cause);
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
   * Returns the backend address involved.
   *
   * @return the address
   */
  public String address() {
    return address;
  }

  private static String render(String op, String address, Throwable cause) {
    String base = "cache connection error: " + op + " failed for " + address;
    return cause == null ? base : base + ": " + describe(cause);
  }
}
