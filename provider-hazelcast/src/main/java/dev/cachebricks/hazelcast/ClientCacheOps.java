package dev.cachebricks.hazelcast;

import com.hazelcast.cache.CacheStatistics;
import com.hazelcast.cache.ICache;
import com.hazelcast.cache.impl.CacheStatisticsImpl;
import com.hazelcast.client.cache.impl.ClientCacheProxy;
import com.hazelcast.client.impl.clientside.HazelcastClientInstanceImpl;
import com.hazelcast.client.impl.protocol.ClientMessage;
import com.hazelcast.client.impl.protocol.codec.CacheGetCodec;
import com.hazelcast.client.impl.protocol.codec.CachePutCodec;
import com.hazelcast.client.impl.protocol.codec.CachePutIfAbsentCodec;
import com.hazelcast.client.impl.protocol.codec.CacheRemoveCodec;
import com.hazelcast.client.impl.protocol.codec.CacheReplaceCodec;
import com.hazelcast.client.impl.spi.ClientContext;
import com.hazelcast.client.impl.spi.ClientPartitionService;
import com.hazelcast.client.impl.spi.impl.ClientInvocation;
import com.hazelcast.config.CacheConfig;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.InternalSerializationService;
import dev.cachebricks.Ttl;
import dev.cachebricks.hazelcast.internal.Expiry;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javax.cache.expiry.ExpiryPolicy;

/**
 * The adapter's six operations on a Hazelcast client, sent straight through the client's
 * invocation layer instead of the {@code ICache} client proxy.
 *
 * <p>Why: the proxy wraps every call in a {@code ClientDelegatingFuture}, whose constructor hops
 * to Hazelcast's default async executor; with a common-pool parallelism of 1 (any JVM with 2 CPUs
 * or fewer) that executor starts a new thread per task, capping every call at ~7 k ops/s. Here
 * the response is decoded and deserialized on the thread that completes the invocation (the
 * client's response or I/O thread), which completes a plain {@link CompletableFuture}; no
 * JVM-wide or Hazelcast-wide setting is changed.
 *
 * <p>The requests are the proxy's own ({@code ClientCacheProxySupport}): the same codecs, the
 * prefixed cache name, key, value and expiry policy serialized by the client's serialization
 * service (a replace's policy in the form {@link Expiry#forClient} gives it, which survives a
 * member forwarding the request), the partition of the serialized key, so the member runs the very
 * same operations (per-entry expiry policy, values compared as serialized bytes). Failures complete
 * the future with the invocation's own exception, as the proxy's futures do. Client-side statistics
 * ({@code getLocalCacheStatistics()}) are kept as the proxy keeps them (a failed replace counts a
 * miss, as the proxy's synchronous replace does; its async one counts a hit). Not reproduced:
 * completion events for synchronous cache entry listeners (every request says "no completion",
 * completion id -1, so a synchronous listener registered on the same proxy is not waited for) and
 * near caching: {@link #supports} admits only the plain proxy class, and a near-cached proxy is
 * served by {@link NearCacheOps}, which sends its cluster calls through an instance of this class.
 * Uses Hazelcast internals (client SPI, codecs): tied to the Hazelcast version.
 */
final class ClientCacheOps implements CacheOps {

  /** The completion id that asks the member for no completion event. */
  private static final int NO_COMPLETION = -1;
  /**
   * Runs the invocation's callback on the thread that completes it (Hazelcast's non-async
   * {@code whenComplete} may hop to its default executor; this never does).
   */
  private static final Executor ON_RESPONSE_THREAD = Runnable::run;
  /** The policy of every put without expiry (one instance). */
  private static final ExpiryPolicy ETERNAL = Expiry.forWrite(Ttl.NO_EXPIRY);

  private final ICache<String, byte[]> cache;
  private final HazelcastClientInstanceImpl client;
  /** The user-facing name: the proxy names its invocations by it. */
  private final String name;
  /** The name the members know the cache by: the one the requests carry. */
  private final String nameWithPrefix;
  private final InternalSerializationService serialization;
  private final ClientPartitionService partitions;
  /** The proxy's client-side statistics, or null when statistics are off. */
  private final CacheStatisticsImpl stats;
  /** The policy of every put without expiry, serialized once. */
  private final Data eternalPolicy;

  /**
   * Tells whether a cache can take this path: exactly the plain client proxy (a subclass such as
   * the near-cached proxy does more per call than the requests sent here).
   *
   * @param cache the cache
   * @return true for a plain client proxy
   */
  static boolean supports(ICache<?, ?> cache) {
    return cache.getClass() == ClientCacheProxy.class;
  }

  /**
   * Creates the operations of a client proxy.
   *
   * @param cache a cache for which {@link #supports} is true, or a near-cached client proxy whose
   *     near cache the caller takes care of ({@link NearCacheOps})
   */
  @SuppressWarnings("unchecked")
  ClientCacheOps(ICache<String, byte[]> cache) {
    if (!(cache instanceof ClientCacheProxy)) {
      throw new IllegalArgumentException("not a Hazelcast client cache proxy: " + cache);
    }
    ClientCacheProxy<String, byte[]> proxy = (ClientCacheProxy<String, byte[]>) cache;
    ClientContext context = proxy.getContext();
    this.cache = cache;
    this.client = (HazelcastClientInstanceImpl) context.getHazelcastInstance();
    this.name = proxy.getName();
    this.nameWithPrefix = proxy.getPrefixedName();
    this.serialization = context.getSerializationService();
    this.partitions = context.getPartitionService();
    this.eternalPolicy = serialization.toData(ETERNAL);
    CacheStatistics statistics = proxy.getLocalCacheStatistics();
    this.stats = proxy.getConfiguration(CacheConfig.class).isStatisticsEnabled()
        && statistics instanceof CacheStatisticsImpl impl ? impl : null;
    this.getResponse = new Response<>(
        response -> serialization.toObject(CacheGetCodec.decodeResponse(response)),
        (s, value, startNanos) -> recordGet(s, value != null, startNanos));
    this.replaceResponse = new Response<>(
        response -> serialization.toObject(CacheReplaceCodec.decodeResponse(response)),
        (s, replaced, startNanos) -> {
          if (Boolean.TRUE.equals(replaced)) {
            s.increaseCacheHits();
            recordPut(s, startNanos);
          } else {
            s.increaseCacheMisses();
          }
        });
  }

  // How each operation's response is decoded and counted, made once (a call allocates only
  // its Call). The counts are those of the proxy's own synchronous calls.
  private final Response<byte[]> getResponse;
  private static final Response<Data> GET_DATA = new Response<>(
      CacheGetCodec::decodeResponse,
      (s, value, startNanos) -> recordGet(s, value != null, startNanos));
  private static final Response<Void> PUT = new Response<>(
      response -> null, // without isGet the member answers no previous value
      (s, none, startNanos) -> recordPut(s, startNanos));
  private static final Response<Boolean> PUT_IF_ABSENT = new Response<>(
      CachePutIfAbsentCodec::decodeResponse,
      (s, stored, startNanos) -> {
        if (stored) {
          s.increaseCacheMisses();
          recordPut(s, startNanos);
        }
      });
  private final Response<Boolean> replaceResponse;
  private static final Response<Boolean> REMOVE = new Response<>(
      CacheRemoveCodec::decodeResponse,
      (s, removed, startNanos) -> {
        if (removed) {
          s.increaseCacheRemovals();
          s.addRemoveTimeNanos(System.nanoTime() - startNanos);
        }
      });

  @Override
  public CompletableFuture<byte[]> get(String key) {
    Data keyData = keyData(key);
    return invoke(CacheGetCodec.encodeRequest(nameWithPrefix, keyData, null), keyData,
        getResponse);
  }

  /**
   * {@code getAsync} of an already serialized key, answering the value as the member sent it
   * (serialized, or null when absent): what {@link NearCacheOps} stores on a miss.
   *
   * @param keyData the key, from {@link #keyData}
   * @return the serialized value, or null
   */
  CompletableFuture<Data> getData(Data keyData) {
    return invoke(CacheGetCodec.encodeRequest(nameWithPrefix, keyData, null), keyData,
        GET_DATA);
  }

  private static void recordGet(CacheStatisticsImpl s, boolean found, long startNanos) {
    if (found) {
      s.increaseCacheHits();
    } else {
      s.increaseCacheMisses();
    }
    s.addGetTimeNanos(System.nanoTime() - startNanos);
  }

  private static void recordPut(CacheStatisticsImpl s, long startNanos) {
    s.increaseCachePuts();
    s.addPutTimeNanos(System.nanoTime() - startNanos);
  }

  @Override
  public CompletableFuture<Void> put(String key, byte[] value, ExpiryPolicy policy) {
    Data keyData = keyData(key);
    return invoke(CachePutCodec.encodeRequest(nameWithPrefix, keyData, valueData(value),
        policyData(policy), false, NO_COMPLETION), keyData, PUT);
  }

  @Override
  public CompletableFuture<Boolean> putIfAbsent(String key, byte[] value, ExpiryPolicy policy) {
    Data keyData = keyData(key);
    return invoke(CachePutIfAbsentCodec.encodeRequest(nameWithPrefix, keyData, valueData(value),
        policyData(policy), NO_COMPLETION), keyData, PUT_IF_ABSENT);
  }

  @Override
  public CompletableFuture<Boolean> replace(
      String key, byte[] oldValue, byte[] newValue, ExpiryPolicy policy) {
    Data keyData = keyData(key);
    return invoke(CacheReplaceCodec.encodeRequest(nameWithPrefix, keyData, valueData(oldValue),
        valueData(newValue), policyData(Expiry.forClient(policy)), NO_COMPLETION), keyData,
        replaceResponse);
  }

  @Override
  public CompletableFuture<Boolean> remove(String key) {
    return remove(key, null, false);
  }

  @Override
  public CompletableFuture<Boolean> remove(String key, byte[] oldValue) {
    return remove(key, oldValue, true);
  }

  private CompletableFuture<Boolean> remove(String key, byte[] oldValue, boolean hasOldValue) {
    Data keyData = keyData(key);
    Data oldValueData = hasOldValue ? valueData(oldValue) : null;
    return invoke(
        CacheRemoveCodec.encodeRequest(nameWithPrefix, keyData, oldValueData, NO_COMPLETION),
        keyData, REMOVE);
  }

  // ---- internals -------------------------------------------------------------------------

  /**
   * Checks the proxy is open, as each proxy call does first, and serializes the key.
   *
   * @param key the key
   * @return the serialized key
   * @throws IllegalStateException if the proxy is closed
   * @throws NullPointerException if the key is null
   */
  Data keyData(String key) {
    if (cache.isClosed()) {
      throw new IllegalStateException("Cache operations can not be performed. The cache closed");
    }
    return serialization.toData(Objects.requireNonNull(key, "Null key is not allowed!"));
  }

  private Data policyData(ExpiryPolicy policy) {
    return policy == ETERNAL ? eternalPolicy : serialization.toData(policy);
  }

  private Data valueData(byte[] value) {
    return serialization.toData(Objects.requireNonNull(value, "Null value is not allowed!"));
  }

  /**
   * Sends a request to the owner of the key's partition and completes the returned future from
   * the invocation's callback, run by the thread that completes the invocation (no executor hop).
   */
  private <T> CompletableFuture<T> invoke(ClientMessage request, Data keyData,
      Response<T> response) {
    int partitionId = partitions.getPartitionId(keyData);
    Call<T> call = new Call<>(response);
    new ClientInvocation(client, request, name, partitionId).invoke()
        .whenCompleteAsync(call, ON_RESPONSE_THREAD);
    return call;
  }

  /** Counts a successful call in the client-side statistics. */
  @FunctionalInterface
  private interface Recorder<T> {
    void record(CacheStatisticsImpl s, T result, long startNanos);
  }

  /**
   * What an operation's response means: how it decodes, and how it counts.
   *
   * @param decode decodes the response message into the result
   * @param record counts a successful call, as the proxy does
   */
  private record Response<T>(Function<ClientMessage, T> decode, Recorder<T> record) {}

  /**
   * One operation's result: the future handed out, and the invocation's callback that decodes
   * the response into it. One object for both saves an allocation per call.
   */
  private final class Call<T> extends CompletableFuture<T>
      implements BiConsumer<ClientMessage, Throwable> {

    private final long startNanos = stats == null ? 0 : System.nanoTime();
    private final Response<T> response;

    Call(Response<T> response) {
      this.response = response;
    }

    @Override
    public void accept(ClientMessage message, Throwable failure) {
      if (failure != null) {
        completeExceptionally(failure);
        return;
      }
      T result;
      try {
        result = response.decode().apply(message);
        if (stats != null) {
          response.record().record(stats, result, startNanos);
        }
      } catch (Throwable t) {
        completeExceptionally(t);
        return;
      }
      complete(result);
    }
  }
}
