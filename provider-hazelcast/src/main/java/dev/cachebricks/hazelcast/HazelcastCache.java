package dev.cachebricks.hazelcast;

import com.hazelcast.cache.CacheStatistics;
import com.hazelcast.cache.ICache;
import com.hazelcast.spi.impl.operationexecutor.OperationHostileThread;
import com.hazelcast.spi.impl.operationexecutor.impl.OperationThread;
import dev.cachebricks.AsyncCache;
import dev.cachebricks.Cache;
import dev.cachebricks.CacheClosedException;
import dev.cachebricks.CacheOperationException;
import dev.cachebricks.EntryLimits;
import dev.cachebricks.GetOrSetResult;
import dev.cachebricks.Ttl;
import dev.cachebricks.hazelcast.internal.Expiry;
import dev.cachebricks.hazelcast.internal.HazelcastErrors;
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
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
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
 * Hazelcast compares serialized bytes. Blocking calls wait at most the operation timeout.
 * Asynchronous results complete on the thread that received the response ({@link #DIRECT}),
 * never through Hazelcast's default async executor. The operations go through {@link CacheOps}:
 * on a client, the same requests are sent without the proxy ({@link ClientCacheOps}), whose
 * futures would start a thread per call on small machines; the client receives responses on its
 * I/O and response threads, so there asynchronous results are handed to the common pool
 * ({@link #OFF_HAZELCAST_THREADS}) before any caller's callback runs.
 */
final class HazelcastCache implements Cache {

  /** Runs completion callbacks on the thread that completes the future: the response thread. */
  static final Executor DIRECT = Runnable::run;

  /**
   * Runs completion callbacks in the common pool when the completing thread is one of
   * Hazelcast's I/O or response threads, else right there. For a client: a caller's callback
   * that made a blocking call on the client's I/O thread would wait for a response only that
   * thread can read. Re-dispatching the call is not enough, the wait itself must move.
   */
  static final Executor OFF_HAZELCAST_THREADS = command -> {
    if (onHazelcastThread()) {
      ForkJoinPool.commonPool().execute(command);
    } else {
      command.run();
    }
  };

  /** Attempts of getOrSet when the existing value keeps vanishing between its two steps. */
  private static final int GET_OR_SET_ATTEMPTS = 64;

  private final ICache<String, byte[]> cache;
  private final CacheOps ops;
  /** Where asynchronous results complete: off Hazelcast's threads for a client. */
  private final Executor completions;
  private final String address;
  private final long timeoutNanos;
  private final EntryLimits limits;
  private final Runnable healthCheck;
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
   * @param operationTimeout bound of every blocking call
   * @param limits key and value size limits
   * @param healthCheck throws {@link dev.cachebricks.CacheConnectionException} when the
   *     instance cannot serve
   * @param onClose releases the local resources behind this handle (its CacheManager lease);
   *     called once
   * @param backendClosed tells whether the backend that opened this handle was closed
   */
  HazelcastCache(ICache<String, byte[]> cache, String address, Duration operationTimeout,
      EntryLimits limits, Runnable healthCheck, Consumer<HazelcastCache> onClose,
      BooleanSupplier backendClosed) {
    this.cache = cache;
    this.ops = CacheOps.of(cache);
    this.completions = ops instanceof ClientCacheOps ? OFF_HAZELCAST_THREADS : DIRECT;
    this.address = address;
    this.timeoutNanos = operationTimeout.toNanos();
    this.limits = limits;
    this.healthCheck = healthCheck;
    this.onClose = onClose;
    this.backendClosed = backendClosed;
  }

  ICache<String, byte[]> icache() {
    return cache;
  }

  CacheOps ops() {
    return ops;
  }

  // ---- Cache -----------------------------------------------------------------------------

  @Override
  public Optional<byte[]> get(String key) {
    limits.checkKey(key);
    byte[] value = await("get", key, start("get", key, () -> ops.get(key)));
    counters.get(value != null);
    return Optional.ofNullable(value);
  }

  @Override
  public void set(String key, byte[] value, Duration ttl) {
    ExpiryPolicy policy = checkWrite(key, value, "value", ttl);
    await("set", key, start("set", key, () -> ops.put(key, value, policy)));
    counters.set();
  }

  @Override
  public void delete(String key) {
    limits.checkKey(key);
    await("delete", key, start("delete", key, () -> ops.remove(key)));
    counters.delete();
  }

  @Override
  public GetOrSetResult getOrSet(String key, byte[] value, Duration ttl) {
    ExpiryPolicy policy = checkWrite(key, value, "value", ttl);
    for (int attempt = 0; attempt < GET_OR_SET_ATTEMPTS; attempt++) {
      boolean stored = await("getorset", key,
          start("getorset", key, () -> ops.putIfAbsent(key, value, policy)));
      if (stored) {
        counters.getOrSet(true);
        return new GetOrSetResult(value, true);
      }
      byte[] existing = await("getorset", key, start("getorset", key, () -> ops.get(key)));
      if (existing != null) {
        counters.getOrSet(false);
        return new GetOrSetResult(existing, false);
      }
      // The existing value expired or was deleted between the two steps: try again.
    }
    counters.error();
    throw new CacheOperationException("getorset", key,
        new IllegalStateException("the key kept changing for " + GET_OR_SET_ATTEMPTS + " attempts"));
  }

  @Override
  public boolean compareAndSet(String key, byte[] expected, byte[] newValue, Duration ttl) {
    ExpiryPolicy policy = checkWrite(key, newValue, "newValue", ttl);
    boolean applied = await("cas", key, start("cas", key, () -> expected == null
        ? ops.putIfAbsent(key, newValue, policy)
        : ops.replace(key, expected, newValue, policy)));
    counters.compareAndSet(applied);
    return applied;
  }

  @Override
  public boolean compareAndDelete(String key, byte[] expected) {
    limits.checkKey(key);
    Objects.requireNonNull(expected, "expected must not be null");
    boolean removed = await("cad", key, start("cad", key, () -> ops.remove(key, expected)));
    counters.compareAndDelete(removed);
    return removed;
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
    return "HazelcastCache[" + cache.getName() + " @ " + address + (closed.get() ? ", closed]" : "]");
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

  private ExpiryPolicy checkWrite(String key, byte[] value, String valueName, Duration ttl) {
    limits.checkKey(key);
    limits.checkValue(value, valueName);
    return Expiry.forWrite(Ttl.toMillis(ttl));
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
  private <T> CompletionStage<T> start(
      String op, String key, java.util.function.Supplier<CompletionStage<T>> call) {
    ensureOpen();
    try {
      if (onHazelcastThread()) {
        return redispatch(call);
      }
      return call.get();
    } catch (RuntimeException e) {
      counters.error();
      throw HazelcastErrors.translate(op, key, address, e, isClosed());
    }
  }

  /**
   * Starts a call from the common pool, because Hazelcast forbids remote calls from its response
   * and operation threads (a completion callback calling the cache again runs on one). The
   * Hazelcast future is waited on there and its resolved value handed over in a plain future:
   * composing Hazelcast's future directly can pass on an undeserialized response.
   */
  private <T> CompletionStage<T> redispatch(java.util.function.Supplier<CompletionStage<T>> call) {
    CompletableFuture<T> out = new CompletableFuture<>();
    ForkJoinPool.commonPool().execute(() -> {
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
  private <T> T await(String op, String key, CompletionStage<T> stage) {
    try {
      return stage.toCompletableFuture().get(timeoutNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      counters.error();
      throw new CacheOperationException(op, key, e);
    } catch (TimeoutException e) {
      counters.error();
      throw new CacheOperationException(op, key, new TimeoutException(
          "no response within " + Duration.ofNanos(timeoutNanos) + " (operation timeout)"));
    } catch (ExecutionException | RuntimeException e) {
      counters.error();
      throw HazelcastErrors.translate(op, key, address, e, isClosed());
    }
  }

  /**
   * Completes a plain {@link CompletableFuture} from a Hazelcast stage on the response thread
   * (for a client, off it: {@link #completions}): callers' dependent stages then never run in
   * Hazelcast's default executor.
   */
  private <T, R> CompletableFuture<R> bridge(
      String op, String key, CompletionStage<T> stage, Function<T, R> onSuccess) {
    CompletableFuture<R> result = new CompletableFuture<>();
    CompletableFuture<T> hz = stage.toCompletableFuture();
    hz.whenCompleteAsync((value, failure) -> {
      if (failure == null && isResolved(value)) {
        complete(result, onSuccess, value);
      } else {
        deliver(op, key, hz, onSuccess, result, true);
      }
    }, completions);
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
  private static <T, R> void complete(
      CompletableFuture<R> result, Function<T, R> onSuccess, Object value) {
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
  private <T, R> void deliver(String op, String key, CompletableFuture<T> hz,
      Function<T, R> onSuccess, CompletableFuture<R> result, boolean mayRetry) {
    Object value;
    try {
      value = hz.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result.completeExceptionally(new CacheOperationException(op, key, e));
      return;
    } catch (ExecutionException | CancellationException e) {
      counters.error();
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      result.completeExceptionally(HazelcastErrors.translate(op, key, address, cause, isClosed()));
      return;
    }
    if (!isResolved(value)) {
      if (mayRetry) {
        ForkJoinPool.commonPool().execute(() -> deliver(op, key, hz, onSuccess, result, false));
      } else {
        counters.error();
        result.completeExceptionally(new CacheOperationException(op, key, new IllegalStateException(
            "Hazelcast returned an unresolved " + value.getClass().getSimpleName())));
      }
      return;
    }
    complete(result, onSuccess, value);
  }

  /** The asynchronous view: same mapping, futures completed on the response thread. */
  private final class AsyncView implements AsyncCache {

    // Completions that count and map the result, made once rather than per call.
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

    @Override
    public CompletableFuture<Optional<byte[]>> get(String key) {
      limits.checkKey(key);
      return bridge("get", key, start("get", key, () -> ops.get(key)), onGet);
    }

    @Override
    public CompletableFuture<Void> set(String key, byte[] value, Duration ttl) {
      ExpiryPolicy policy = checkWrite(key, value, "value", ttl);
      return bridge("set", key, start("set", key, () -> ops.put(key, value, policy)),
          onSet);
    }

    @Override
    public CompletableFuture<Void> delete(String key) {
      limits.checkKey(key);
      return bridge("delete", key, start("delete", key, () -> ops.remove(key)),
          onDelete);
    }

    @Override
    public CompletableFuture<GetOrSetResult> getOrSet(String key, byte[] value, Duration ttl) {
      ExpiryPolicy policy = checkWrite(key, value, "value", ttl);
      CompletableFuture<GetOrSetResult> result = new CompletableFuture<>();
      attemptGetOrSet(key, value, policy, 0, result);
      return result;
    }

    private void attemptGetOrSet(String key, byte[] value, ExpiryPolicy policy, int attempt,
        CompletableFuture<GetOrSetResult> result) {
      if (attempt == GET_OR_SET_ATTEMPTS) {
        counters.error();
        result.completeExceptionally(new CacheOperationException("getorset", key,
            new IllegalStateException("the key kept changing for " + attempt + " attempts")));
        return;
      }
      CompletionStage<Boolean> put;
      try {
        put = start("getorset", key, () -> ops.putIfAbsent(key, value, policy));
      } catch (RuntimeException e) {
        result.completeExceptionally(e);
        return;
      }
      bridge("getorset", key, put, stored -> stored).whenComplete((stored, failure) -> {
        if (failure != null) {
          result.completeExceptionally(failure);
        } else if (stored) {
          counters.getOrSet(true);
          result.complete(new GetOrSetResult(value, true));
        } else {
          CompletionStage<byte[]> read;
          try {
            read = start("getorset", key, () -> ops.get(key));
          } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
          }
          bridge("getorset", key, read, existing -> existing).whenComplete((existing, e) -> {
            if (e != null) {
              result.completeExceptionally(e);
            } else if (existing != null) {
              counters.getOrSet(false);
              result.complete(new GetOrSetResult(existing, false));
            } else {
              attemptGetOrSet(key, value, policy, attempt + 1, result);
            }
          });
        }
      });
    }

    @Override
    public CompletableFuture<Boolean> compareAndSet(
        String key, byte[] expected, byte[] newValue, Duration ttl) {
      ExpiryPolicy policy = checkWrite(key, newValue, "newValue", ttl);
      return bridge("cas", key, start("cas", key, () -> expected == null
          ? ops.putIfAbsent(key, newValue, policy)
          : ops.replace(key, expected, newValue, policy)), onCompareAndSet);
    }

    @Override
    public CompletableFuture<Boolean> compareAndDelete(String key, byte[] expected) {
      limits.checkKey(key);
      Objects.requireNonNull(expected, "expected must not be null");
      return bridge("cad", key, start("cad", key, () -> ops.remove(key, expected)),
          onCompareAndDelete);
    }
  }
}
