package dev.cachebricks.hazelcast.internal;

import com.hazelcast.cache.HazelcastCacheManager;
import com.hazelcast.client.cache.impl.ClientCacheProxy;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.cache.CacheManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a closed client cache proxy leave the client, so that a released tenant (or a closed
 * named cache) costs the client nothing.
 *
 * <p>Why it exists: {@code Cache.close()} on a Hazelcast client only closes the proxy. The client
 * keeps it in its {@code ProxyManager} (to hand the same proxy out again), a near-cached proxy's
 * near cache in its {@code NearCacheManager}, and the cache's configuration in its cache proxy
 * factory, until the cache is destroyed cluster-wide or the client shuts down: 10,000 tenants
 * attached once each left 10,000 proxies, near caches and configurations behind. Hazelcast's
 * public API has no "forget locally"; {@link #forget} uses its public
 * {@code HazelcastCacheManager.removeCache(name, false)} for the manager's reference and the
 * configuration, then the client internal {@code ProxyManager.destroyProxyLocally}, which removes
 * the proxy and destroys its near cache without a cluster-wide destroy.
 *
 * <p>The assumptions, each checked by {@code ClientProxiesTest}: the proxy of a client cache is a
 * {@link ClientCacheProxy}; {@code destroyProxyLocally} destroys the cluster-side cache only
 * through the proxy's CacheManager, which {@code close()} resets (reset again here); a near cache
 * is keyed by the cache's prefixed name (one per proxy, never shared with another cache). Should
 * an assumption fail (a {@link LinkageError} or any exception after a Hazelcast upgrade), the
 * proxy stays closed in the client as before, and one warning is logged.
 *
 * <p>Members need nothing of this: a member's proxy is the cache's distributed object, which every
 * member holds while the cache exists.
 *
 * <p>Internal: not part of the public API. Call under the cache's URI lock
 * ({@link CacheManagerRegistry}), after {@code close()}, only when no view of the cache is open.
 */
final class ClientProxies {

  private static final Logger LOG = LoggerFactory.getLogger(ClientProxies.class);
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private ClientProxies() {}

  /**
   * Removes a closed client proxy, its near cache and its configuration from the client. Does
   * nothing for a member's proxy or one already destroyed. Never throws.
   *
   * @param manager the CacheManager the proxy was opened from
   * @param cache the closed proxy
   * @return true if the proxy was removed
   */
  static boolean forget(CacheManager manager, javax.cache.Cache<?, ?> cache) {
    try {
      if (!(cache instanceof ClientCacheProxy<?, ?> proxy) || proxy.isDestroyed()) {
        return false;
      }
      if (manager instanceof HazelcastCacheManager hz && !manager.isClosed()) {
        hz.removeCache(proxy.getName(), false); // public API: reference and config, no destroy
      }
      // destroyProxyLocally ends in postDestroy(), which destroys the cache cluster-wide when the
      // proxy still knows a CacheManager: close() reset it; make sure.
      proxy.resetCacheManager();
      proxy.getContext().getProxyManager()
          .destroyProxyLocally(proxy.getServiceName(), proxy.getPrefixedName());
      return true;
    } catch (RuntimeException | LinkageError e) {
      if (WARNED.compareAndSet(false, true)) {
        LOG.warn("could not remove the closed cache proxy {} from the Hazelcast client (this "
            + "Hazelcast version differs from the one cachebricks was built against?): closed "
            + "proxies and their near caches stay in the client until it shuts down; logged once",
            cache.getName(), e);
      } else {
        LOG.debug("could not remove the closed cache proxy {}", cache.getName(), e);
      }
      return false;
    }
  }
}
