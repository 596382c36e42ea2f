package dev.cachebricks.hazelcast;

import static com.hazelcast.internal.nearcache.NearCache.UpdateSemantic.READ_UPDATE;
import static com.hazelcast.internal.nearcache.NearCacheRecord.NOT_RESERVED;

import com.hazelcast.cache.ICache;
import com.hazelcast.client.cache.impl.nearcache.NearCachedClientCacheProxy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.internal.nearcache.NearCache;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.nearcache.NearCacheStats;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import javax.cache.expiry.ExpiryPolicy;

/**
 * The adapter's operations on a Hazelcast client cache with a client near cache: a {@code get}
 * of a key the near cache holds is answered from it, with no round trip, no thread and no
 * Hazelcast future; everything else is sent through the client fast path ({@link ClientCacheOps})
 * rather than the near-cached proxy, whose futures start a thread per call on small machines.
 *
 * <p>The near cache is the proxy's own ({@code NearCachedClientCacheProxy.getNearCache()}), kept
 * exactly as the proxy keeps it, so its invalidation listener, repair of missed invalidations,
 * statistics and clearing on close or cluster change all keep working:
 *
 * <ul>
 *   <li>a miss reserves the key ({@code tryReserveForUpdate}) before the request leaves and
 *       publishes the answer only if the reservation survived ({@code tryPublishReserved}): an
 *       invalidation or a write of this client arriving meanwhile removes the reservation, so an
 *       older answer is never stored over a newer write. An absent key or a failed read removes
 *       the reservation;
 *   <li>every write and every conditional operation, applied or not, failed or not, invalidates
 *       the key after the cluster answered and before the caller's future completes: the
 *       members do not send this client its own invalidations, and the next read after a
 *       failed {@code compareAndSet} must not see the value that made it fail again;
 *   <li>{@link #getFromCluster} (the read step of {@code getOrSet}) and the conditional
 *       operations never read the near cache.
 * </ul>
 *
 * Written values are never stored locally: the near cache holds no per-entry TTL, so only what a
 * read brought back is kept, for at most the near cache's time-to-live. Values handed out are
 * fresh arrays (BINARY near cache; an OBJECT one is copied on the way out). Uses Hazelcast
 * internals ({@code NearCache}, its reservation protocol): tied to the Hazelcast version.
 */
final class NearCacheOps implements CacheOps {

  private final ICache<String, byte[]> cache;
  private final ClientCacheOps cluster;
  private final NearCache<Object, Object> nearCache;
  private final SerializationService serialization;
  /** Whether near cache keys are serialized ({@code serialize-keys}); ours are plain strings. */
  private final boolean serializeKeys;
  /** OBJECT near caches hand out the stored array itself: copy it. */
  private final boolean copyOnRead;

  /**
   * Tells whether a cache can take this path: exactly Hazelcast's near-cached client proxy.
   *
   * @param cache the cache
   * @return true for a near-cached client proxy
   */
  static boolean supports(ICache<?, ?> cache) {
    return cache.getClass() == NearCachedClientCacheProxy.class;
  }

  /**
   * Creates the operations of a near-cached client proxy.
   *
   * @param cache a cache for which {@link #supports} is true
   */
  @SuppressWarnings("unchecked")
  NearCacheOps(ICache<String, byte[]> cache) {
    if (!supports(cache)) {
      throw new IllegalArgumentException("not a near-cached Hazelcast client proxy: " + cache);
    }
    NearCachedClientCacheProxy<String, byte[]> proxy =
        (NearCachedClientCacheProxy<String, byte[]>) cache;
    this.cache = cache;
    this.cluster = new ClientCacheOps(cache);
    this.nearCache = proxy.getNearCache();
    this.serialization = proxy.getContext().getSerializationService();
    this.serializeKeys = nearCache.isSerializeKeys();
    this.copyOnRead = nearCache.getNearCacheConfig().getInMemoryFormat() == InMemoryFormat.OBJECT;
  }

  /**
   * Returns the near cache's statistics (hits, misses, entries, evictions, expirations,
   * invalidations).
   *
   * @return the live statistics
   */
  NearCacheStats stats() {
    return nearCache.getNearCacheStats();
  }

  @Override
  public CompletableFuture<byte[]> get(String key) {
    Object nearKey = nearKey(key);
    Object cached = nearCache.get(nearKey);
    if (cached != null) {
      return CompletableFuture.completedFuture(value(cached));
    }
    Data keyData = serializeKeys ? (Data) nearKey : cluster.keyData(key);
    long reservation = nearCache.tryReserveForUpdate(nearKey, keyData, READ_UPDATE);
    Miss miss = new Miss(nearKey, reservation);
    try {
      cluster.getData(keyData).whenComplete(miss);
    } catch (RuntimeException e) {
      nearCache.invalidate(nearKey);
      throw e;
    }
    return miss;
  }

  @Override
  public CompletableFuture<byte[]> getFromCluster(String key) {
    return cluster.get(key);
  }

  @Override
  public CompletableFuture<Void> put(String key, byte[] value, ExpiryPolicy policy) {
    Object nearKey = nearKey(key);
    return invalidatingAfter(nearKey, cluster.put(key, value, policy));
  }

  @Override
  public CompletableFuture<Boolean> putIfAbsent(String key, byte[] value, ExpiryPolicy policy) {
    Object nearKey = nearKey(key);
    return invalidatingAfter(nearKey, cluster.putIfAbsent(key, value, policy));
  }

  @Override
  public CompletableFuture<Boolean> replace(
      String key, byte[] oldValue, byte[] newValue, ExpiryPolicy policy) {
    Object nearKey = nearKey(key);
    return invalidatingAfter(nearKey, cluster.replace(key, oldValue, newValue, policy));
  }

  @Override
  public CompletableFuture<Boolean> remove(String key) {
    Object nearKey = nearKey(key);
    return invalidatingAfter(nearKey, cluster.remove(key));
  }

  @Override
  public CompletableFuture<Boolean> remove(String key, byte[] oldValue) {
    Object nearKey = nearKey(key);
    return invalidatingAfter(nearKey, cluster.remove(key, oldValue));
  }

  // ---- internals -------------------------------------------------------------------------

  /** The key as the near cache holds it; checks the proxy is open, as every call does first. */
  private Object nearKey(String key) {
    if (serializeKeys) {
      return cluster.keyData(key);
    }
    if (cache.isClosed()) {
      throw new IllegalStateException("Cache operations can not be performed. The cache closed");
    }
    return Objects.requireNonNull(key, "Null key is not allowed!");
  }

  private byte[] value(Object cached) {
    byte[] value = cached instanceof Data data ? serialization.toObject(data) : (byte[]) cached;
    return copyOnRead ? value.clone() : value;
  }

  /**
   * Completes after the key was invalidated: a caller that saw its write complete never reads
   * the value it replaced from the near cache.
   */
  private <T> CompletableFuture<T> invalidatingAfter(Object nearKey, CompletableFuture<T> call) {
    return call.whenComplete((result, failure) -> nearCache.invalidate(nearKey));
  }

  /**
   * A miss: the future handed out, and the callback of the cluster read that stores its answer
   * under the reservation (as {@code NearCachedClientCacheProxy} does) and completes the future.
   */
  private final class Miss extends CompletableFuture<byte[]>
      implements BiConsumer<Data, Throwable> {

    private final Object nearKey;
    private final long reservation;

    Miss(Object nearKey, long reservation) {
      this.nearKey = nearKey;
      this.reservation = reservation;
    }

    @Override
    public void accept(Data value, Throwable failure) {
      if (failure != null) {
        nearCache.invalidate(nearKey);
        completeExceptionally(failure);
        return;
      }
      byte[] result;
      try {
        if (value == null) {
          nearCache.invalidate(nearKey); // drops the reservation: absence is not cached
        } else if (reservation != NOT_RESERVED) {
          nearCache.tryPublishReserved(nearKey, value, reservation, false);
        }
        result = serialization.toObject(value);
      } catch (Throwable t) {
        nearCache.invalidate(nearKey);
        completeExceptionally(t);
        return;
      }
      complete(result);
    }
  }
}
