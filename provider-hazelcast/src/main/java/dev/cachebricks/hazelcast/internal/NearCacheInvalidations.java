package dev.cachebricks.hazelcast.internal;

import com.hazelcast.client.cache.impl.nearcache.NearCachedClientCacheProxy;
import com.hazelcast.client.impl.protocol.ClientMessage;
import com.hazelcast.client.impl.protocol.codec.CacheAddNearCacheInvalidationListenerCodec;
import com.hazelcast.client.impl.protocol.codec.CacheRemoveEntryListenerCodec;
import com.hazelcast.client.impl.spi.ClientContext;
import com.hazelcast.client.impl.spi.EventHandler;
import com.hazelcast.client.impl.spi.impl.ListenerMessageCodec;
import com.hazelcast.internal.nearcache.NearCache;
import com.hazelcast.internal.nearcache.impl.invalidation.RepairingHandler;
import com.hazelcast.internal.nearcache.impl.invalidation.RepairingTask;
import com.hazelcast.internal.nio.Connection;
import com.hazelcast.internal.serialization.Data;
import java.util.Collection;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts back the invalidation listener of a reopened near-cached client cache proxy.
 *
 * <p>Hazelcast's {@code NearCachedClientCacheProxy} registers the listener that receives the
 * members' invalidation events once, when the proxy is created, and removes it in
 * {@code close()}; {@code open()}, which reopens a closed proxy (Hazelcast keeps one proxy per
 * cache per client and hands the closed one out again), does not register it again. The
 * reopened near cache then hears of no write of any other client, and serves stale values until
 * its time-to-live. {@link CacheManagerRegistry} closes a proxy when its last view closes
 * (a released tenant, a closed named cache) and reopens it on the next open, so it calls
 * {@link #restore} there, and removes what it restored before it closes the proxy again.
 *
 * <p>The listener restored is the proxy's own, rebuilt: the same request, and events handed to
 * the client's repairing task, which applies them to the proxy's near cache, ignores this
 * client's own writes (it invalidates those itself) and detects missed events.
 *
 * <p>Internal: not part of the public API. Uses Hazelcast's client internals: tied to the
 * Hazelcast version.
 */
public final class NearCacheInvalidations {

  private static final Logger LOG = LoggerFactory.getLogger(NearCacheInvalidations.class);

  private NearCacheInvalidations() {}

  /**
   * Registers the invalidation listener of a near-cached client proxy that has none (one that
   * was closed and reopened).
   *
   * @param cache an open cache proxy
   * @return the registration, to {@link Registration#remove()} before the proxy is closed again;
   *     null if nothing was registered (no near cache, no invalidation, or its listener runs)
   */
  public static Registration restore(javax.cache.Cache<?, ?> cache) {
    if (!(cache instanceof NearCachedClientCacheProxy<?, ?> proxy)) {
      return null;
    }
    NearCache<?, ?> nearCache = proxy.getNearCache();
    if (nearCache == null || !nearCache.getNearCacheConfig().isInvalidateOnChange()) {
      return null;
    }
    ClientContext context = proxy.getContext();
    String name = proxy.getPrefixedName();
    RepairingTask repairing = context.getRepairingTask(proxy.getServiceName());
    if (repairing.getHandlers().containsKey(name)) {
      return null; // the proxy's own listener is registered
    }
    try {
      UUID id = context.getListenerService().registerListener(
          new Codec(name), new Handler(repairing, name, nearCache));
      LOG.debug("restored the near cache invalidation listener of reopened cache {}", name);
      return new Registration(context, repairing, name, id);
    } catch (RuntimeException e) {
      // The near cache's time-to-live still bounds staleness; only timeliness is lost.
      LOG.warn("could not restore the near cache invalidation listener of {}: other clients' "
          + "writes are seen only when local values expire", name, e);
      return null;
    }
  }

  /** A listener registered by {@link #restore}. */
  public static final class Registration {
    private final ClientContext context;
    private final RepairingTask repairing;
    private final String name;
    private final UUID id;

    private Registration(ClientContext context, RepairingTask repairing, String name, UUID id) {
      this.context = context;
      this.repairing = repairing;
      this.name = name;
      this.id = id;
    }

    /** Removes the listener, as the proxy's {@code close()} removes its own. */
    public void remove() {
      try {
        repairing.deregisterHandler(name);
        context.getListenerService().deregisterListener(id);
      } catch (RuntimeException e) {
        LOG.debug("removing the near cache invalidation listener of {} failed", name, e);
      }
    }
  }

  /** The proxy's listener request: invalidations of one cache, removed like an entry listener. */
  private record Codec(String name) implements ListenerMessageCodec {

    @Override
    public ClientMessage encodeAddRequest(boolean localOnly) {
      return CacheAddNearCacheInvalidationListenerCodec.encodeRequest(name, localOnly);
    }

    @Override
    public UUID decodeAddResponse(ClientMessage clientMessage) {
      return CacheAddNearCacheInvalidationListenerCodec.decodeResponse(clientMessage);
    }

    @Override
    public ClientMessage encodeRemoveRequest(UUID realRegistrationId) {
      return CacheRemoveEntryListenerCodec.encodeRequest(name, realRegistrationId);
    }

    @Override
    public boolean decodeRemoveResponse(ClientMessage clientMessage) {
      return CacheRemoveEntryListenerCodec.decodeResponse(clientMessage);
    }
  }

  /** Hands invalidation events to the repairing task's handler of the near cache. */
  private static final class Handler
      extends CacheAddNearCacheInvalidationListenerCodec.AbstractEventHandler
      implements EventHandler<ClientMessage> {

    private final RepairingTask repairing;
    private final String name;
    private final NearCache<?, ?> nearCache;
    private volatile RepairingHandler handler;

    Handler(RepairingTask repairing, String name, NearCache<?, ?> nearCache) {
      this.repairing = repairing;
      this.name = name;
      this.nearCache = nearCache;
    }

    @Override
    public void beforeListenerRegister(Connection connection) {
      handler = repairing.registerAndGetHandler(name, nearCache);
    }

    @Override
    public void handleCacheInvalidationEvent(String cacheName, Data key, UUID sourceUuid,
        UUID partitionUuid, long sequence) {
      handler.handle(key, sourceUuid, partitionUuid, sequence);
    }

    @Override
    public void handleCacheBatchInvalidationEvent(String cacheName, Collection<Data> keys,
        Collection<UUID> sourceUuids, Collection<UUID> partitionUuids,
        Collection<Long> sequences) {
      handler.handle(keys, sourceUuids, partitionUuids, sequences);
    }
  }
}
