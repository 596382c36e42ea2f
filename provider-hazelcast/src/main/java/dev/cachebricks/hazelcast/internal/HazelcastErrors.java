package dev.cachebricks.hazelcast.internal;

import com.hazelcast.client.HazelcastClientOfflineException;
import com.hazelcast.core.HazelcastInstanceNotActiveException;
import com.hazelcast.spi.exception.TargetDisconnectedException;
import com.hazelcast.spi.exception.TargetNotMemberException;
import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import dev.cachebricks.CacheClosedException;
import dev.cachebricks.CacheConnectionException;
import dev.cachebricks.CacheException;
import dev.cachebricks.CacheMinorityException;
import dev.cachebricks.CacheOperationException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Hazelcast and JCache exceptions to the cachebricks hierarchy: the one place backend failures
 * are translated, so none leaves the library raw.
 *
 * <ul>
 *   <li>{@link ExecutionException} and {@link CompletionException} are unwrapped first;
 *   <li>a refusal of a handle that is closed meanwhile is a {@link CacheClosedException}
 *       (Hazelcast reports a closed proxy as {@link IllegalStateException}, a stopped instance
 *       as {@link HazelcastInstanceNotActiveException});
 *   <li>connectivity failures (client offline, member gone, instance not active, I/O) become a
 *       {@link CacheOperationException} whose cause is a {@link CacheConnectionException}, so
 *       {@code CacheException.isCausedBy(e, CacheConnectionException.class)} tells a transient
 *       outage from a bug;
 *   <li>a refusal by split-brain protection (this side of a split is too small) is the same,
 *       with a {@link CacheMinorityException} (a {@code CacheConnectionException}) as the cause;
 *   <li>anything else becomes a {@link CacheOperationException} with the operation and key.
 * </ul>
 *
 * <p>Internal: not part of the public API.
 */
public final class HazelcastErrors {

  private HazelcastErrors() {}

  /**
   * Translates a failure of an operation.
   *
   * @param op the operation name ({@code "get"}, {@code "set"}, ...)
   * @param key the key
   * @param address where the backend is, for connection errors
   * @param failure what Hazelcast threw or completed the future with
   * @param closed whether the handle was closed by the time the failure arrived
   * @return the exception to throw
   */
  public static CacheException translate(
      String op, String key, String address, Throwable failure, boolean closed) {
    Throwable cause = unwrap(failure);
    if (cause instanceof CacheException ce) {
      return ce;
    }
    if (closed && (cause instanceof IllegalStateException
        || cause instanceof HazelcastInstanceNotActiveException)) {
      // How Hazelcast refuses a call on a closed proxy or a stopped instance. Any other failure
      // is reported as it is, even on a handle closed meanwhile: it may not be safe to retry.
      return new CacheClosedException();
    }
    if (cause instanceof SplitBrainProtectionException) {
      return new CacheOperationException(op, key, new CacheMinorityException(op, address, cause));
    }
    if (isConnectivity(cause)) {
      return new CacheOperationException(op, key, new CacheConnectionException(op, address, cause));
    }
    return new CacheOperationException(op, key, cause);
  }

  /**
   * Tells whether a failure means the cluster could not be reached.
   *
   * @param failure the failure, possibly wrapped
   * @return true for connectivity failures
   */
  public static boolean isConnectivity(Throwable failure) {
    Throwable cause = unwrap(failure);
    return cause instanceof HazelcastClientOfflineException
        || cause instanceof HazelcastInstanceNotActiveException
        || cause instanceof TargetDisconnectedException
        || cause instanceof TargetNotMemberException
        || cause instanceof IOException;
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof ExecutionException || t instanceof CompletionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
