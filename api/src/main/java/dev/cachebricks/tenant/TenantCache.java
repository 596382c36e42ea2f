package dev.cachebricks.tenant;

import dev.cachebricks.AsyncCache;
import dev.cachebricks.Cache;
import dev.cachebricks.CacheClosedException;
import dev.cachebricks.EntryLimits;
import dev.cachebricks.GetOrSetResult;
import dev.cachebricks.internal.CacheCounters;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The {@link Cache} handed to callers: resolves the tenant's current attachment on every call,
 * so it keeps working after the tenant was evicted or idled out (it re-attaches), and fails
 * with {@link CacheClosedException} only when itself or the manager is closed.
 */
final class TenantCache implements Cache {
  /** Attempts of an operation that raced with the release of its attachment. */
  private static final int MAX_REATTACH = 8;

  private final TenantManager manager;
  private final String tenantId;
  private volatile boolean closed;

  TenantCache(TenantManager manager, String tenantId) {
    this.manager = manager;
    this.tenantId = tenantId;
  }

  private <T> T call(Function<Cache, T> op) {
    for (int attempt = 1; ; attempt++) {
      if (closed) {
        throw new CacheClosedException();
      }
      Cache cache = manager.attach(tenantId, CacheClosedException::new);
      try {
        return op.apply(cache);
      } catch (CacheClosedException e) {
        // The attachment was released under us (eviction, cleanup, remove). Its close ran
        // before the call reached the backend, so trying again on a fresh one is safe.
        if (!mayReattach(attempt)) {
          throw e;
        }
      }
    }
  }

  /**
   * Whether an operation whose attachment was released under it may try again on a fresh one:
   * while the handle and the manager are open, up to {@link #MAX_REATTACH} attempts.
   */
  private boolean mayReattach(int attempt) {
    return !closed && !manager.isClosed() && attempt < MAX_REATTACH;
  }

  @Override
  public Optional<byte[]> get(String key) {
    EntryLimits.UNLIMITED.checkKey(key);
    return call(c -> c.get(key));
  }

  @Override
  public void set(String key, byte[] value, Duration ttl) {
    check(key, value, "value", ttl);
    call(c -> {
      c.set(key, value, ttl);
      return null;
    });
  }

  @Override
  public void delete(String key) {
    EntryLimits.UNLIMITED.checkKey(key);
    call(c -> {
      c.delete(key);
      return null;
    });
  }

  @Override
  public GetOrSetResult getOrSet(String key, byte[] value, Duration ttl) {
    check(key, value, "value", ttl);
    return call(c -> c.getOrSet(key, value, ttl));
  }

  @Override
  public boolean compareAndSet(String key, byte[] expected, byte[] newValue, Duration ttl) {
    check(key, newValue, "newValue", ttl);
    return call(c -> c.compareAndSet(key, expected, newValue, ttl));
  }

  @Override
  public boolean compareAndDelete(String key, byte[] expected) {
    EntryLimits.UNLIMITED.checkKey(key);
    Objects.requireNonNull(expected, "expected must not be null");
    return call(c -> c.compareAndDelete(key, expected));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Checks the tenant's attachment if it has one; otherwise the backend, without attaching
   * the tenant (a health probe never re-creates a released tenant nor keeps one alive).
   */
  @Override
  public void health() {
    ensureOpen();
    Cache cache = manager.attachedOrNull(tenantId);
    if (cache != null) {
      try {
        cache.health();
        return;
      } catch (CacheClosedException released) {
        ensureOpen(); // else: released under us, check the backend instead
      }
    }
    manager.healthOfUnattached(tenantId);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The statistics of the tenant's current attachment (its counters start at zero on each
   * attachment), plus {@code tenant} (the id) and {@code attached} (true). A tenant that is not
   * attached is not attached for this: its counters are all zero and {@code attached} is false.
   */
  @Override
  public Map<String, Object> stats() {
    ensureOpen();
    Map<String, Object> stats = null;
    Cache cache = manager.attachedOrNull(tenantId);
    if (cache != null) {
      try {
        stats = new LinkedHashMap<>(cache.stats());
      } catch (CacheClosedException released) {
        ensureOpen();
      }
    }
    boolean attached = stats != null;
    if (!attached) {
      stats = new CacheCounters().snapshot();
    }
    stats.put("tenant", tenantId);
    stats.put("attached", attached);
    return Collections.unmodifiableMap(stats);
  }

  private void ensureOpen() {
    if (closed || manager.isClosed()) {
      throw new CacheClosedException();
    }
  }

  @Override
  public AsyncCache async() {
    return new TenantAsyncCache(this);
  }

  /**
   * {@inheritDoc}
   *
   * <p>A type this handle is not is looked up on the tenant's current attachment, which a
   * release may replace: do not keep what it returns.
   */
  @Override
  public <T> T unwrap(Class<T> type) {
    return type.isInstance(this) ? type.cast(this) : call(c -> c.unwrap(type));
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "TenantCache[" + tenantId + (closed ? ", closed]" : "]");
  }

  /** Checks a write before attaching: a bad call must not create or touch the tenant. */
  static void check(String key, byte[] value, String valueName, Duration ttl) {
    EntryLimits.UNLIMITED.checkWrite(key, value, valueName, ttl); // the backend checks sizes
  }

  /**
   * The asynchronous view of a handle: resolves the attachment per call, like the handle. An
   * operation whose attachment is released while it runs (its future fails with
   * {@link CacheClosedException} although neither the handle nor the manager is closed) runs
   * again on a fresh attachment: a released attachment refuses calls before sending them, so
   * the retried call was never applied.
   */
  private record TenantAsyncCache(TenantCache handle) implements AsyncCache {
    @Override
    public CompletableFuture<Optional<byte[]>> get(String key) {
      EntryLimits.UNLIMITED.checkKey(key);
      return call(c -> c.async().get(key));
    }

    @Override
    public CompletableFuture<Void> set(String key, byte[] value, Duration ttl) {
      TenantCache.check(key, value, "value", ttl);
      byte[] mine = value.clone(); // a retry on a fresh attachment runs after the call
      return call(c -> c.async().set(key, mine, ttl));
    }

    @Override
    public CompletableFuture<Void> delete(String key) {
      EntryLimits.UNLIMITED.checkKey(key);
      return call(c -> c.async().delete(key));
    }

    @Override
    public CompletableFuture<GetOrSetResult> getOrSet(String key, byte[] value, Duration ttl) {
      TenantCache.check(key, value, "value", ttl);
      byte[] mine = value.clone();
      return call(c -> c.async().getOrSet(key, mine, ttl));
    }

    @Override
    public CompletableFuture<Boolean> compareAndSet(
        String key, byte[] expected, byte[] newValue, Duration ttl) {
      TenantCache.check(key, newValue, "newValue", ttl);
      byte[] expectedCopy = expected == null ? null : expected.clone();
      byte[] newCopy = newValue.clone();
      return call(c -> c.async().compareAndSet(key, expectedCopy, newCopy, ttl));
    }

    @Override
    public CompletableFuture<Boolean> compareAndDelete(String key, byte[] expected) {
      EntryLimits.UNLIMITED.checkKey(key);
      Objects.requireNonNull(expected, "expected must not be null");
      byte[] expectedCopy = expected.clone();
      return call(c -> c.async().compareAndDelete(key, expectedCopy));
    }

    private <T> CompletableFuture<T> call(Function<Cache, CompletableFuture<T>> op) {
      CompletableFuture<T> first = handle.call(op); // argument and closed errors are thrown
      CompletableFuture<T> result = new CompletableFuture<>();
      relay(first, op, 1, result);
      return result;
    }

    private <T> void relay(CompletableFuture<T> attempt, Function<Cache, CompletableFuture<T>> op,
        int attempts, CompletableFuture<T> result) {
      attempt.whenComplete((value, failure) -> {
        if (failure == null) {
          result.complete(value);
          return;
        }
        Throwable cause = failure instanceof java.util.concurrent.CompletionException
            && failure.getCause() != null ? failure.getCause() : failure;
        if (!(cause instanceof CacheClosedException) || !handle.mayReattach(attempts)) {
          result.completeExceptionally(cause);
          return;
        }
        CompletableFuture<T> next;
        try {
          next = handle.call(op);
        } catch (RuntimeException e) {
          result.completeExceptionally(e);
          return;
        }
        relay(next, op, attempts + 1, result);
      });
    }
  }
}
