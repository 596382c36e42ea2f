package dev.cachebricks;

/**
 * The part of the cluster this call reached is smaller than its split-brain protection minimum:
 * the cluster is split (or lost members), and this side refuses reads and writes until it is
 * whole again. A transient outage, like every {@link CacheConnectionException}: retrying after
 * the cluster heals, or through a member on the larger side, can succeed. Nothing was written.
 *
 * <p>Message: {@code cache connection error: <op> failed for <address>: <cause>}.
 */
public class CacheMinorityException extends CacheConnectionException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param op the operation that was refused, e.g. {@code "set"}
   * @param address the backend address, e.g. {@code "127.0.0.1:5701"} or a cluster name
   * @param cause the backend's refusal, may be {@code null}
   */
  public CacheMinorityException(String op, String address, Throwable cause) {
    super(op, address, cause);
  }
}
