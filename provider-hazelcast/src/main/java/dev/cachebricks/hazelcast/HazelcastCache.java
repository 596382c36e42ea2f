package dev.cachebricks.hazelcast;

import com.hazelcast.cache.CacheStatistics;
import com.hazelcast.cache.ICache;
import com.hazelcast.nearcache.NearCacheStats;
import com.hazelcast.spi.impl.operationexecutor.OperationHostileThread;
import com.hazelcast.spi.impl.operationexecutor.impl.OperationThread;
import dev.cachebricks.AsyncCache;
import dev.cachebricks.Cache;
import dev.cachebricks.CacheClosedException;
import dev.cachebricks.CacheException;
import dev.cachebricks.CacheOperationException;
import dev.cachebricks.EntryLimits;
import dev.cachebricks.GetOrSetResult;
import dev.cachebricks.Operation;
import dev.cachebricks.hazelcast.internal.Delivery;
import dev.cachebricks.hazelcast.internal.Expiry;
import dev.cachebricks.hazelcast.internal.HazelcastErrors;
import dev.cachebricks.hazelcast.internal.Liveness;
import dev.cachebricks.internal.CacheCounters;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.cache.expiry.ExpiryPolicy;

/**
 * The adapter: {@link Cache} on a Hazelcast {@link ICache}, translating each call onto the
 * {@code ICache} operation that does it atomically with a per-entry {@link ExpiryPolicy}:
 *
 * <table>
 *   <caption>Mapping</caption>
 *   <tr><td>get</td><td>{@code getAsync(k)}</td></tr>
 *   <tr><td>set</td><td>{@code putAsync(k, v, policy)}</td></tr>
 *   <tr><td>delete</td><td>{@code removeAsync(k)}</td></tr>
 *   <tr><td>getOrSet</td><td>{@code putIfAbsentAsync(k, v, policy)}, then {@code getAsync(k)},
 *       retried if the existing value vanished in between</td></tr>
 *   <tr><td>compareAndSet</td><td>{@code putIfAbsentAsync} (null expected) or
 *       {@code replaceAsync(k, old, new, policy)}</td></tr>
 *   <tr><td>compareAndDelete</td><td>{@code removeAsync(k, old)}</td></tr>
 * </table>
 *
 * Values are compared by content because the cache uses the BINARY in-memory format, where
 * Hazelcast compares serialized bytes. Blocking calls wait at most the operation timeout, and
 * so does every asynchronous result: one that has no answer by then fails as the blocking call
 * would. Asynchronous results never complete through Hazelcast's default async executor nor
 * the common pool: when they arrive on one of Hazelcast's threads they are handed to the
 * backend's {@link Delivery} before any caller's callback runs. Every outcome is reported to the
 * backend's {@link Liveness}, which {@code health()} reads. The operations go through
 * {@link CacheOps}:
 * on a client, the same requests are sent without the proxy ({@link ClientCacheOps}), whose
 * futures would start a thread per call on small machines, and a client near cache serves
 * {@code get} hits locally ({@link NearCacheOps}).
 */
final class HazelcastCache implements Cache {

  /** Attempts of getOrSet when the existing value keeps vanishing between its two steps. */
  private static final int GET_OR_SET_ATTEMPTS = 64;

  private final ICache<String, byte[]> cache;
  private final CacheOps ops;
  private final String address;
  private final long timeoutNanos;
  private final EntryLimits limits;
  private final Runnable healthCheck;
  private final Delivery delivery;
  private final Liveness liveness;
  /**
   * Runs completion callbacks on a delivery thread when the completing thread is one of
   * Hazelcast's I/O or response threads, else right there. For a client: a caller's callback
   * that made a blocking call on the client's I/O thread would wait for a response only that
   * thread can read. Re-dispatching the call is not enough, the wait itself must move.
   */
  private final Executor offHazelcastThreads;
  private final Consumer<HazelcastCache> onClose;
  private final BooleanSupplier backendClosed;
  private final CacheCounters counters = new CacheCounters();
  private final AsyncView async = new AsyncView();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Creates the adapter.
   *
   * @param cache the Hazelcast cache (BINARY in-memory format)
   * @param address where the backend is, for error messages
   * @param config the operation timeout (bound of every call) and the key and value limits
   * @param healthCheck throws {@link dev.cachebricks.CacheConnectionException} when the
   *     instance cannot serve
   * @param delivery the threads that complete asynchronous results, and their timer
   * @param liveness where outcomes are reported
   * @param onClose releases the local resources behind this handle (its CacheManager lease);
   *     called once
   * @param backendClosed tells whether the backend that opened this handle was closed
   */
  HazelcastCache(ICache<String, byte[]> cache, String address, HazelcastConfig config,
      Runnable healthCheck, Delivery delivery, Liveness liveness,
      Consumer<HazelcastCache> onClose, BooleanSupplier backendClosed) {
    this.cache = cache;
    this.ops = CacheOps.of(cache);
    this.address = address;
    this.timeoutNanos = config.operationTimeout().toNanos();
    this.limits = config.limits();
    this.healthCheck = healthCheck;
    this.delivery = delivery;
    this.liveness = liveness;
    this.offHazelcastThreads = command -> {
      if (onHazelcastThread()) {
        delivery.execute(command);
      } else {
        command.run();
      }
    };
    this.onClose = onClose;
    this.backendClosed = backendClosed;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Unwraps to Hazelcast's {@code ICache<String, byte[]>} behind this handle.
   */
  @Override
  public <T> T unwrap(Class<T> type) {
    Objects.requireNonNull(type, "type must not be null");
    return type.isInstance(cache) && !type.isInstance(this) ? type.cast(cache)
        : Cache.super.unwrap(type);
  }

  CacheOps ops() {
    return ops;
  }

  // ---- Cache: each operation runs its one definition (below) and waits for it ----------

  @Override
  public Optional<byte[]> get(String key) {
    return run(getCall(key));
  }

  @Override
  public void set(String key, byte[] value, Duration ttl) {
    run(setCall(key, value, ttl));
  }

  @Override
  public void delete(String key) {
    run(deleteCall(key));
  }

  @Override
  public GetOrSetResult getOrSet(String key, byte[] value, Duration ttl) {
    // With the blocking runner every step has run when this returns: the future is complete.
    CompletableFuture<GetOrSetResult> done = getOrSetFuture(key, value, ttl, blocking);
    try {
      return done.join();
    } catch (java.util.concurrent.CompletionException e) {
      throw e.getCause() instanceof RuntimeException failure ? failure : e;
    }
  }

  @Override
  public boolean compareAndSet(String key, byte[] expected, byte[] newValue, Duration ttl) {
    return run(compareAndSetCall(key, expected, newValue, ttl));
  }

  @Override
  public boolean compareAndDelete(String key, byte[] expected) {
    return run(compareAndDeleteCall(key, expected));
  }

  @Override
  public void health() {
    ensureOpen();
    try {
      healthCheck.run();
    } catch (RuntimeException e) {
      counters.error();
      throw e;
    }
  }

  @Override
  public Map<String, Object> stats() {
    ensureOpen();
    Map<String, Object> stats = counters.snapshot();
    stats.put("backend", "hazelcast");
    stats.put("cache", cache.getName());
    if (ops instanceof NearCacheOps near) {
      NearCacheStats local = near.stats(); // plain counters, read without a round trip
      stats.put("hz_near_cache_entries", local.getOwnedEntryCount());
      stats.put("hz_near_cache_hits", local.getHits());
      stats.put("hz_near_cache_misses", local.getMisses());
      stats.put("hz_near_cache_evictions", local.getEvictions());
      stats.put("hz_near_cache_expirations", local.getExpirations());
      stats.put("hz_near_cache_invalidations", local.getInvalidations());
    }
    try {
      CacheStatistics hz = cache.getLocalCacheStatistics();
      stats.put("hz_owned_entries", hz.getOwnedEntryCount());
      stats.put("hz_gets", hz.getCacheGets());
      stats.put("hz_hits", hz.getCacheHits());
      stats.put("hz_misses", hz.getCacheMisses());
      stats.put("hz_puts", hz.getCachePuts());
      stats.put("hz_removals", hz.getCacheRemovals());
      stats.put("hz_evictions", hz.getCacheEvictions());
      stats.put("hz_avg_get_micros", hz.getAverageGetTime());
      stats.put("hz_avg_put_micros", hz.getAveragePutTime());
    } catch (RuntimeException e) {
      // Statistics are best-effort: a member going away must not make stats() fail.
      stats.put("hz_stats_error", e.getClass().getSimpleName());
    }
    return Collections.unmodifiableMap(stats);
  }

  @Override
  public AsyncCache async() {
    return async;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) { // two racing closes release the lease once
      onClose.accept(this);
    }
  }

  @Override
  public String toString() {
    return "HazelcastCache[" + cache.getName() + " @ " + address + (closed.get()
        ? ", closed]" : "]");
  }

  // ---- internals -------------------------------------------------------------------------

  private boolean isClosed() {
    return closed.get() || backendClosed.getAsBoolean();
  }

  private void ensureOpen() {
    if (isClosed()) {
      throw new CacheClosedException();
    }
  }

  /**
   * Tells whether this thread is one of Hazelcast's I/O, response or operation threads, which
   * must not wait for a remote call: a completion callback that calls the cache again runs on
   * one, and the response it would wait for may need that very thread. Member response and I/O
   * threads, and a client's I/O threads, are {@link OperationHostileThread}s; member operation
   * threads are {@link OperationThread}s; a client's response threads (a private class) are known
   * only by their name, {@code <instance name>.responsethread-<n>-}, with no "hz." prefix when
   * the instance is named. A client handles responses right on its I/O thread
   * ({@code hz.<instance name>.IO.thread-in-<n>}) until it detects concurrency.
   */
  private static boolean onHazelcastThread() {
    Thread thread = Thread.currentThread();
    return thread instanceof OperationHostileThread || thread instanceof OperationThread
        || thread.getName().contains(".responsethread-");
  }

  /** Checks the handle is open and starts an operation, translating a synchronous failure. */
  private <T> CompletionStage<T> start(Call<T, ?> call) {
    ensureOpen();
    try {
      if (onHazelcastThread()) {
        return redispatch(call.send());
      }
      return call.send().get();
    } catch (RuntimeException e) {
      throw failed(HazelcastErrors.translate(call.op().opName(), call.key(), address, e,
          isClosed()), call.key());
    }
  }

  /**
   * Counts a failed call and reports it to the backend's liveness, with the read that probes
   * whether the cluster answers again.
   *
   * @return {@code failure}, to throw
   */
  private RuntimeException failed(RuntimeException failure, String key) {
    counters.error();
    liveness.failed(failure, () -> ops.getFromCluster(key));
    return failure;
  }

  private CacheOperationException timeoutError(Operation op, String key) {
    return new CacheOperationException(op, key, new TimeoutException(
        "no response within " + Duration.ofNanos(timeoutNanos) + " (operation timeout)"));
  }

  /**
   * Fails {@code result} with the operation timeout's error if it is not complete by then, on a
   * delivery thread (the timer thread only hands it over).
   *
   * @return the scheduled timeout, to cancel when the result arrives; null once closed
   */
  private ScheduledFuture<?> failAfterTimeout(Operation op, String key,
      CompletableFuture<?> result) {
    return delivery.schedule(() -> delivery.execute(() -> {
      CacheOperationException timeout = timeoutError(op, key);
      if (result.completeExceptionally(timeout)) {
        failed(timeout, key);
      }
    }), timeoutNanos);
  }

  /**
   * Starts a call from a delivery thread, because Hazelcast forbids remote calls from its response
   * and operation threads (a completion callback calling the cache again runs on one). The
   * Hazelcast future is waited on there and its resolved value handed over in a plain future:
   * composing Hazelcast's future directly can pass on an undeserialized response.
   */
  private <T> CompletionStage<T> redispatch(Supplier<CompletionStage<T>> call) {
    CompletableFuture<T> out = new CompletableFuture<>();
    delivery.execute(() -> {
      try {
        out.complete(call.get().toCompletableFuture().get(timeoutNanos, TimeUnit.NANOSECONDS));
      } catch (ExecutionException e) {
        out.completeExceptionally(e.getCause() == null ? e : e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        out.completeExceptionally(e);
      } catch (TimeoutException | RuntimeException e) {
        out.completeExceptionally(e);
      }
    });
    return out;
  }

  /** Waits for an operation, bounded by the operation timeout. */
  private <T> T await(Operation op, String key, CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      counters.error();
      throw new CacheOperationException(op, key, e);
    } catch (TimeoutException e) {
      throw failed(timeoutError(op, key), key);
    } catch (ExecutionException | RuntimeException e) {
      throw failed(HazelcastErrors.translate(op.opName(), key, address, e, isClosed()), key);
    }
  }

  /**
   * Completes a plain {@link CompletableFuture} from a Hazelcast stage, off Hazelcast's threads
   * ({@link #offHazelcastThreads}): callers' dependent stages then never run on them, nor in
   * Hazelcast's default executor.
   *
   * @param timed whether the result fails after the operation timeout without an answer (a
   *     step of a multi-step operation is not: the whole operation is)
   */
  private <T, R> CompletableFuture<R> bridge(Operation op, String key, CompletionStage<T> stage,
      Function<T, R> onSuccess, boolean timed) {
    CompletableFuture<R> result = new CompletableFuture<>();
    CompletableFuture<T> hz = stage.toCompletableFuture();
    ScheduledFuture<?> timeout = timed && !hz.isDone() ? failAfterTimeout(op, key, result) : null;
    hz.whenCompleteAsync((value, failure) -> {
      if (timeout != null) {
        timeout.cancel(false);
      }
      if (failure == null && isResolved(value)) {
        complete(result, onSuccess, value);
      } else {
        deliver(op, key, hz, onSuccess, result, true);
      }
    }, offHazelcastThreads);
    return result;
  }

  /**
   * Whether a value handed to a callback is one of the adapter's result types (a value, a flag
   * or none) rather than a response Hazelcast has not deserialized yet. The common case then
   * takes the callback's value as it is, instead of resolving the response a second time.
   */
  private static boolean isResolved(Object value) {
    return value == null || value instanceof byte[] || value instanceof Boolean;
  }

  @SuppressWarnings("unchecked")
  private <T, R> void complete(
      CompletableFuture<R> result, Function<T, R> onSuccess, Object value) {
    liveness.succeeded();
    try {
      result.complete(onSuccess.apply((T) value));
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
  }

  /**
   * Completes {@code result} from a completed Hazelcast future. Hazelcast can still hold an
   * undeserialized response (a {@code Data} or {@code Packet}) while its callbacks run on the
   * response thread; when that happens the read is retried once off that thread, where the
   * future has resolved.
   */
  @SuppressWarnings("unchecked")
  private <T, R> void deliver(Operation op, String key, CompletableFuture<T> hz,
      Function<T, R> onSuccess, CompletableFuture<R> result, boolean mayRetry) {
    Object value;
    try {
      value = hz.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result.completeExceptionally(new CacheOperationException(op, key, e));
      return;
    } catch (ExecutionException | CancellationException e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      CacheException failure = HazelcastErrors.translate(op.opName(), key, address, cause,
          isClosed());
      if (result.completeExceptionally(failure)) {
        failed(failure, key);
      }
      return;
    }
    if (!isResolved(value)) {
      if (mayRetry) {
        delivery.execute(() -> deliver(op, key, hz, onSuccess, result, false));
      } else {
        counters.error();
        result.completeExceptionally(new CacheOperationException(op, key, new IllegalStateException(
            "Hazelcast returned an unresolved " + value.getClass().getSimpleName())));
      }
      return;
    }
    complete(result, onSuccess, value);
  }

  // ---- one definition per operation: what it sends and what its result means ------------

  /**
   * One operation, for both views: the arguments are checked when it is defined, {@code send}
   * starts it on Hazelcast, {@code onResult} counts and maps the result.
   */
  private record Call<T, R>(
      Operation op, String key, Supplier<CompletionStage<T>> send, Function<T, R> onResult) {}

  // Result mappings that count, made once rather than per call.
  private final Function<byte[], Optional<byte[]>> onGet = value -> {
    counters.get(value != null);
    return Optional.ofNullable(value);
  };
  private final Function<Void, Void> onSet = ignored -> {
    counters.set();
    return null;
  };
  private final Function<Boolean, Void> onDelete = ignored -> {
    counters.delete();
    return null;
  };
  private final Function<Boolean, Boolean> onCompareAndSet = applied -> {
    counters.compareAndSet(applied);
    return applied;
  };
  private final Function<Boolean, Boolean> onCompareAndDelete = removed -> {
    counters.compareAndDelete(removed);
    return removed;
  };

  private Call<byte[], Optional<byte[]>> getCall(String key) {
    limits.checkKey(key);
    return new Call<>(Operation.GET, key, () -> ops.get(key), onGet);
  }

  private Call<Void, Void> setCall(String key, byte[] value, Duration ttl) {
    ExpiryPolicy policy = Expiry.forWrite(limits.checkWrite(key, value, "value", ttl));
    return new Call<>(Operation.SET, key, () -> ops.put(key, value, policy), onSet);
  }

  private Call<Boolean, Void> deleteCall(String key) {
    limits.checkKey(key);
    return new Call<>(Operation.DELETE, key, () -> ops.remove(key), onDelete);
  }

  private Call<Boolean, Boolean> compareAndSetCall(
      String key, byte[] expected, byte[] newValue, Duration ttl) {
    long ttlMillis = limits.checkWrite(key, newValue, "newValue", ttl);
    if (expected == null) { // SET NX
      ExpiryPolicy policy = Expiry.forWrite(ttlMillis);
      return new Call<>(Operation.COMPARE_AND_SET, key,
          () -> ops.putIfAbsent(key, newValue, policy), onCompareAndSet);
    }
    // A failed replace applies the policy's access duration: this one leaves the TTL alone.
    ExpiryPolicy policy = Expiry.forReplace(ttlMillis);
    return new Call<>(Operation.COMPARE_AND_SET, key,
        () -> ops.replace(key, expected, newValue, policy), onCompareAndSet);
  }

  private Call<Boolean, Boolean> compareAndDeleteCall(String key, byte[] expected) {
    limits.checkKey(key);
    Objects.requireNonNull(expected, "expected must not be null");
    return new Call<>(Operation.COMPARE_AND_DELETE, key, () -> ops.remove(key, expected),
        onCompareAndDelete);
  }

  /** How a multi-step operation runs its steps: blocking on the caller's thread, or not. */
  private interface Runner {
    <T, R> CompletableFuture<R> run(Call<T, R> call);
  }

  /** Runs each step on the caller's thread and returns it completed. */
  private final Runner blocking = new Runner() {
    @Override
    public <T, R> CompletableFuture<R> run(Call<T, R> call) {
      try {
        return CompletableFuture.completedFuture(HazelcastCache.this.run(call));
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
  };

  /** Starts each step and completes it off Hazelcast's threads. */
  private final Runner nonBlocking = new Runner() {
    @Override
    public <T, R> CompletableFuture<R> run(Call<T, R> call) {
      return submit(call);
    }
  };

  /**
   * getOrSet: {@code putIfAbsent(k, v, policy)}, and when that finds a value, {@code get(k)};
   * retried when the existing value expired or was deleted between the two steps. Written once
   * for both views: the blocking view runs the steps with {@link #blocking}, so the chain
   * completes on the caller's thread before this returns.
   */
  private CompletableFuture<GetOrSetResult> getOrSetFuture(
      String key, byte[] value, Duration ttl, Runner runner) {
    ExpiryPolicy policy = Expiry.forWrite(limits.checkWrite(key, value, "value", ttl));
    // Copied now: the result reports it, and a retry sends it again, long after the call for
    // an asynchronous caller, who may reuse the array meanwhile.
    byte[] mine = value.clone();
    Call<Boolean, Boolean> put = new Call<>(Operation.GET_OR_SET, key,
        () -> ops.putIfAbsent(key, mine, policy), Function.identity());
    // The read goes to the cluster: a near cache may hold an older value than the one
    // putIfAbsent just found.
    Call<byte[], byte[]> read = new Call<>(Operation.GET_OR_SET, key,
        () -> ops.getFromCluster(key), Function.identity());
    CompletableFuture<GetOrSetResult> result = new CompletableFuture<>();
    attemptGetOrSet(put, read, mine, 0, runner, result);
    return result;
  }

  private void attemptGetOrSet(Call<Boolean, Boolean> put, Call<byte[], byte[]> read,
      byte[] value, int attempt, Runner runner, CompletableFuture<GetOrSetResult> result) {
    if (attempt == GET_OR_SET_ATTEMPTS) {
      counters.error();
      result.completeExceptionally(new CacheOperationException(Operation.GET_OR_SET, put.key(),
          new IllegalStateException("the key kept changing for " + attempt + " attempts")));
      return;
    }
    runner.run(put).whenComplete((stored, failure) -> {
      if (failure != null) {
        result.completeExceptionally(failure);
      } else if (stored) {
        counters.getOrSet(true);
        result.complete(new GetOrSetResult(value, true));
      } else {
        runner.run(read).whenComplete((existing, readFailure) -> {
          if (readFailure != null) {
            result.completeExceptionally(readFailure);
          } else if (existing != null) {
            counters.getOrSet(false);
            result.complete(new GetOrSetResult(existing, false));
          } else {
            attemptGetOrSet(put, read, value, attempt + 1, runner, result);
          }
        });
      }
    });
  }

  /** Runs a call and waits for it, bounded by the operation timeout. */
  private <T, R> R run(Call<T, R> call) {
    T value = await(call.op(), call.key(), start(call));
    liveness.succeeded();
    return call.onResult().apply(value);
  }

  /**
   * Starts a call and returns its future; a call refused at the start (closed handle, stopped
   * instance) is a failed future.
   */
  private <T, R> CompletableFuture<R> submit(Call<T, R> call) {
    try {
      return bridge(call.op(), call.key(), start(call), call.onResult(), false);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The asynchronous view: the same definitions, futures completed off Hazelcast's threads. */
  private final class AsyncView implements AsyncCache {

    @Override
    public CompletableFuture<Optional<byte[]>> get(String key) {
      return async(getCall(key));
    }

    @Override
    public CompletableFuture<Void> set(String key, byte[] value, Duration ttl) {
      return async(setCall(key, value, ttl));
    }

    @Override
    public CompletableFuture<Void> delete(String key) {
      return async(deleteCall(key));
    }

    @Override
    public CompletableFuture<GetOrSetResult> getOrSet(String key, byte[] value, Duration ttl) {
      ensureOpen();
      CompletableFuture<GetOrSetResult> result = getOrSetFuture(key, value, ttl, nonBlocking);
      if (!result.isDone()) {
        ScheduledFuture<?> timeout = failAfterTimeout(Operation.GET_OR_SET, key, result);
        if (timeout != null) {
          result.whenComplete((done, failure) -> timeout.cancel(false));
        }
      }
      return result;
    }

    @Override
    public CompletableFuture<Boolean> compareAndSet(
        String key, byte[] expected, byte[] newValue, Duration ttl) {
      return async(compareAndSetCall(key, expected, newValue, ttl));
    }

    @Override
    public CompletableFuture<Boolean> compareAndDelete(String key, byte[] expected) {
      return async(compareAndDeleteCall(key, expected));
    }

    /** Arguments and a closed handle are thrown (the AsyncCache rule); the rest is the future. */
    private <T, R> CompletableFuture<R> async(Call<T, R> call) {
      return bridge(call.op(), call.key(), start(call), call.onResult(), true);
    }
  }
}
