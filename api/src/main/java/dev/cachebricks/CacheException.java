package dev.cachebricks;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Base class of every exception cachebricks throws: all are unchecked.
 *
 * <p>Fixed conditions have their own type and a fixed message ({@link CasFailedException},
 * {@link CacheClosedException}, {@link InvalidTtlException}, {@link ManagerClosedException});
 * failures with context carry it in fields ({@link CacheConfigException},
 * {@link CacheConnectionException}, {@link CacheOperationException}). A missing key is not an
 * exception: {@link Cache#get(String)} returns {@link java.util.Optional#empty()}.
 * {@link #isCausedBy(Throwable, Class)} and {@link #findCause(Throwable, Class)} walk the cause
 * chain.
 */
public class CacheException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message and no cause.
   *
   * @param message the detail message
   */
  public CacheException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message the detail message
   * @param cause the underlying failure, may be {@code null}
   */
  public CacheException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Tells whether {@code throwable} or any exception in its cause chain is an instance of
   * {@code type}: the Java form of Go's {@code errors.Is(err, ErrClosed)}.
   *
   * <pre>{@code
   * catch (CacheException e) {
   *   if (CacheException.isCausedBy(e, CacheClosedException.class)) { ... }
   * }
   * }</pre>
   *
   * @param throwable the exception to inspect, may be {@code null} (then the answer is false)
   * @param type the exception type looked for
   * @return true if the chain holds an instance of {@code type}
   */
  public static boolean isCausedBy(Throwable throwable, Class<? extends Throwable> type) {
    return findCause(throwable, type).isPresent();
  }

  /**
   * Returns the first exception in the cause chain of {@code throwable} (starting with
   * {@code throwable} itself) that is an instance of {@code type}: the Java form of Go's
   * {@code errors.As}. Cycles in the chain are tolerated.
   *
   * @param throwable the exception to inspect, may be {@code null}
   * @param type the exception type looked for
   * @param <T> the exception type looked for
   * @return the first matching exception, or empty
   */
  public static <T extends Throwable> Optional<T> findCause(Throwable throwable, Class<T> type) {
    Objects.requireNonNull(type, "type must not be null");
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Throwable t = throwable; t != null && seen.add(t); t = t.getCause()) {
      if (type.isInstance(t)) {
        return Optional.of(type.cast(t));
      }
    }
    return Optional.empty();
  }

  /** Renders a cause the way Go's {@code err.Error()} would: its message, or its class name. */
  static String describe(Throwable cause) {
    String message = cause.getMessage();
    return message == null || message.isEmpty() ? cause.getClass().getName() : message;
  }
}
