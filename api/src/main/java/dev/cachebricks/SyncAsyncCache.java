package dev.cachebricks;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The default {@link AsyncCache}: runs each call on the caller's thread. Argument errors
 * (null, over a size limit, invalid TTL) and closed errors propagate as thrown exceptions (as the
 * interface promises); other failures complete the returned future exceptionally.
 */
final class SyncAsyncCache implements AsyncCache {

  private final Cache cache;

  SyncAsyncCache(Cache cache) {
    this.cache = cache;
  }

  @Override
  public CompletableFuture<Optional<byte[]>> get(String key) {
    return run(() -> cache.get(key));
  }

  @Override
  public CompletableFuture<Void> set(String key, byte[] value, Duration ttl) {
    return run(() -> {
      cache.set(key, value, ttl);
      return null;
    });
  }

  @Override
  public CompletableFuture<Void> delete(String key) {
    return run(() -> {
      cache.delete(key);
      return null;
    });
  }

  @Override
  public CompletableFuture<GetOrSetResult> getOrSet(String key, byte[] value, Duration ttl) {
    return run(() -> cache.getOrSet(key, value, ttl));
  }

  @Override
  public CompletableFuture<Boolean> compareAndSet(
      String key, byte[] expected, byte[] newValue, Duration ttl) {
    return run(() -> cache.compareAndSet(key, expected, newValue, ttl));
  }

  @Override
  public CompletableFuture<Boolean> compareAndDelete(String key, byte[] expected) {
    return run(() -> cache.compareAndDelete(key, expected));
  }

  private static <T> CompletableFuture<T> run(Supplier<T> call) {
    try {
      return CompletableFuture.completedFuture(call.get());
    } catch (NullPointerException | IllegalArgumentException | InvalidTtlException
        | CacheClosedException e) {
      throw e;
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
