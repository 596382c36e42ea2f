package dev.cachebricks.hazelcast;

import com.hazelcast.cache.ICache;
import java.util.concurrent.CompletionStage;
import javax.cache.expiry.ExpiryPolicy;

/**
 * The six {@link ICache} operations the adapter is built on, behind one seam so that client mode
 * can bypass the {@code ICache} client proxy ({@link ClientCacheOps}, and {@link NearCacheOps}
 * with a client near cache) while members keep calling the proxy. Failures complete the stage
 * exceptionally with Hazelcast's own exception; argument and closed-proxy errors may also be
 * thrown by the call, as the proxy does.
 */
interface CacheOps {

  /** {@code getAsync(key)}: the value, or null when absent; may be served by a near cache. */
  CompletionStage<byte[]> get(String key);

  /**
   * {@code getAsync(key)} answered by the cluster, never by a near cache: the read step of
   * {@code getOrSet}, which must see what its {@code putIfAbsent} just found. Without a near
   * cache, that is {@link #get}.
   */
  default CompletionStage<byte[]> getFromCluster(String key) {
    return get(key);
  }

  /** {@code putAsync(key, value, policy)}. */
  CompletionStage<Void> put(String key, byte[] value, ExpiryPolicy policy);

  /** {@code putIfAbsentAsync(key, value, policy)}: whether the value was stored. */
  CompletionStage<Boolean> putIfAbsent(String key, byte[] value, ExpiryPolicy policy);

  /** {@code replaceAsync(key, oldValue, newValue, policy)}: whether the value was replaced. */
  CompletionStage<Boolean> replace(
      String key, byte[] oldValue, byte[] newValue, ExpiryPolicy policy);

  /** {@code removeAsync(key)}: whether an entry was removed. */
  CompletionStage<Boolean> remove(String key);

  /** {@code removeAsync(key, oldValue)}: whether the entry held that value and was removed. */
  CompletionStage<Boolean> remove(String key, byte[] oldValue);

  /**
   * Picks the implementation for a cache: the client fast path for a plain client proxy, the
   * near cache and the fast path for a near-cached client proxy, the proxy itself otherwise
   * (members, and any other proxy class).
   *
   * @param cache the cache
   * @return its operations
   */
  static CacheOps of(ICache<String, byte[]> cache) {
    if (ClientCacheOps.supports(cache)) {
      return new ClientCacheOps(cache);
    }
    return NearCacheOps.supports(cache) ? new NearCacheOps(cache) : new Proxy(cache);
  }

  /**
   * Straight onto the {@link ICache}'s own asynchronous methods. Used for member proxies, which
   * have no near cache.
   */
  record Proxy(ICache<String, byte[]> cache) implements CacheOps {

    @Override
    public CompletionStage<byte[]> get(String key) {
      return cache.getAsync(key);
    }

    @Override
    public CompletionStage<Void> put(String key, byte[] value, ExpiryPolicy policy) {
      return cache.putAsync(key, value, policy);
    }

    @Override
    public CompletionStage<Boolean> putIfAbsent(String key, byte[] value, ExpiryPolicy policy) {
      return cache.putIfAbsentAsync(key, value, policy);
    }

    @Override
    public CompletionStage<Boolean> replace(
        String key, byte[] oldValue, byte[] newValue, ExpiryPolicy policy) {
      return cache.replaceAsync(key, oldValue, newValue, policy);
    }

    @Override
    public CompletionStage<Boolean> remove(String key) {
      return cache.removeAsync(key);
    }

    @Override
    public CompletionStage<Boolean> remove(String key, byte[] oldValue) {
      return cache.removeAsync(key, oldValue);
    }
  }
}
