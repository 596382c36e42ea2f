package dev.cachebricks.hazelcast.internal;

import com.hazelcast.splitbrainprotection.SplitBrainProtectionException;
import dev.cachebricks.CacheConnectionException;
import dev.cachebricks.CacheMinorityException;
import dev.cachebricks.Operation;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * What the operations of one backend observed of the cluster, so that {@code health()} can tell
 * the truth without a round trip of its own: the backend is suspect from the moment a call
 * failed because the cluster did not answer (a timeout, a lost connection, an offline client)
 * until a later call succeeds.
 *
 * <p>So that a suspect backend with no traffic does not stay suspect forever, a suspect
 * {@link #check} starts a probe (at most one at a time, at most one per second): the read, from
 * the cluster, of the key whose call failed, in the cache where it failed. Its success clears
 * the suspicion; its failure keeps it. A read changes nothing, but it counts in that cache's
 * Hazelcast statistics like any read.
 *
 * <p>Thread-safe; the hot path ({@link #succeeded()}) is a volatile read. Internal: not part of
 * the public API.
 */
public final class Liveness {

  private static final long PROBE_INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

  private final Delivery delivery;
  private final long timeoutNanos;
  private final AtomicBoolean probing = new AtomicBoolean();
  private volatile Suspicion suspicion; // null while the last outcome was not a connectivity one
  private volatile long lastProbeNanos = System.nanoTime() - PROBE_INTERVAL_NANOS;

  /**
   * Starts with no suspicion.
   *
   * @param delivery runs probes' outcomes and their timeouts
   * @param timeout how long a probe may take
   */
  public Liveness(Delivery delivery, Duration timeout) {
    this.delivery = delivery;
    this.timeoutNanos = timeout.toNanos();
  }

  /** Records that a call got its answer: the cluster serves. */
  public void succeeded() {
    if (suspicion != null) {
      suspicion = null;
    }
  }

  /**
   * Records a failed call; only a failure meaning the cluster did not answer
   * ({@link #isUnreachable}) makes the backend suspect.
   *
   * @param failure the failure as the caller gets it
   * @param probe sends the read that tells whether the cluster answers again
   */
  public void failed(Throwable failure, Supplier<? extends CompletionStage<?>> probe) {
    if (isUnreachable(failure)) {
      suspicion = new Suspicion(failure, System.nanoTime(), probe);
    }
  }

  /**
   * Throws if a call failed for want of an answer since the last call that succeeded.
   *
   * @param address where the backend is, for the message
   * @throws CacheConnectionException if suspect
   */
  public void check(String address) {
    Suspicion current = suspicion;
    if (current == null) {
      return;
    }
    probe(current);
    Duration since = Duration.ofNanos(System.nanoTime() - current.sinceNanos).withNanos(0);
    if (isMinority(current.failure)) {
      throw new CacheMinorityException(Operation.HEALTH.opName(), address,
          new IllegalStateException("split-brain protection refused a call " + since.toSeconds()
              + " s ago, and no call has succeeded since: " + current.failure, current.failure));
    }
    throw new CacheConnectionException(Operation.HEALTH, address, new IllegalStateException(
        "the cluster did not answer a call " + since.toSeconds() + " s ago, and no call has "
            + "succeeded since: " + current.failure, current.failure));
  }

  /**
   * Tells whether a failure means the cluster did not answer: a timeout, or a connectivity
   * failure ({@link HazelcastErrors#isConnectivity}), or a refusal by split-brain protection,
   * anywhere in its cause chain.
   *
   * @param failure the failure
   * @return true if it does
   */
  public static boolean isUnreachable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TimeoutException || t instanceof CacheConnectionException
          || t instanceof com.hazelcast.core.OperationTimeoutException
          || t instanceof SplitBrainProtectionException
          || HazelcastErrors.isConnectivity(t)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isMinority(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SplitBrainProtectionException || t instanceof CacheMinorityException) {
        return true;
      }
    }
    return false;
  }

  private void probe(Suspicion current) {
    long now = System.nanoTime();
    if (now - lastProbeNanos < PROBE_INTERVAL_NANOS || !probing.compareAndSet(false, true)) {
      return;
    }
    lastProbeNanos = now;
    CompletionStage<?> read;
    try {
      read = current.probe.get();
    } catch (RuntimeException e) {
      // The cache that failed cannot be asked any more (closed): nothing left to observe.
      clear(current);
      probing.set(false);
      return;
    }
    AtomicBoolean done = new AtomicBoolean();
    ScheduledFuture<?> timeout = delivery.schedule(() -> {
      if (done.compareAndSet(false, true)) {
        probing.set(false); // still no answer: stay suspect
      }
    }, timeoutNanos);
    read.whenComplete((value, failure) -> {
      if (!done.compareAndSet(false, true)) {
        return;
      }
      if (timeout != null) {
        timeout.cancel(false);
      }
      if (failure == null || !isUnreachable(failure)) {
        clear(current); // the cluster answered
      }
      probing.set(false);
    });
  }

  /** Clears a suspicion, unless a newer failure replaced it meanwhile. */
  private void clear(Suspicion current) {
    if (suspicion == current) {
      suspicion = null;
    }
  }

  private record Suspicion(Throwable failure, long sinceNanos,
      Supplier<? extends CompletionStage<?>> probe) {}
}
