package dev.cachebricks.tenant;

import dev.cachebricks.Cache;
import dev.cachebricks.CacheClosedException;
import dev.cachebricks.CacheConfigException;
import dev.cachebricks.CacheOperationException;
import dev.cachebricks.ManagerClosedException;
import dev.cachebricks.StatsKeys;
import java.time.Duration;
import java.util.Map;

/**
 * Gives each tenant its own isolated {@link Cache}.
 *
 * <p>Tenants are created lazily on first {@link #get(String)}; concurrent first calls for one
 * tenant create it exactly once, and a failed creation is not remembered (the next call tries
 * again). Past the configured maximum the least recently used tenant's local resources are
 * released, and {@link #startCleanup(Duration)} releases tenants idle longer than the idle TTL.
 * Releasing never deletes data ({@link #destroy(String)} does), and a {@link Cache} handle a
 * caller still holds keeps working (it re-attaches on its next call). A handle's
 * {@link Cache#health()} and {@link Cache#stats()} never attach a released tenant. No two
 * distinct tenant ids, whatever characters they contain, ever share or see each other's entries.
 *
 * <p>After {@link #close()}, {@link #get(String)} throws {@link ManagerClosedException} and every
 * handle the manager issued throws {@link CacheClosedException}.
 *
 * <p>Thread-safe. Looking up an existing tenant takes no global lock, and closing one tenant's
 * resources never blocks {@link #get(String)} for other tenants.
 */
public interface Manager extends AutoCloseable {

  /**
   * Returns the cache of {@code tenantId}, creating it on first use.
   *
   * @param tenantId the tenant id: any string of at most {@link TenantIds#MAX_LENGTH} chars that
   *     is well-formed UTF-16 (no unpaired surrogates)
   * @return a handle on the tenant's cache; closing it affects only this handle's view
   * @throws NullPointerException if {@code tenantId} is null
   * @throws IllegalArgumentException if {@code tenantId} is too long or malformed
   * @throws ManagerClosedException if this manager is closed
   * @throws CacheOperationException if creating the tenant failed (the cause says why)
   */
  Cache get(String tenantId);

  /**
   * Releases the local resources of {@code tenantId} now. Its data stays in the backend; a
   * handle still held re-attaches on its next call. Removing an unknown tenant does nothing.
   * On Hazelcast a released tenant leaves nothing in this process (no proxy, near cache or
   * CacheManager); {@link #destroy(String)} deletes its data too.
   *
   * @param tenantId the tenant id
   * @throws NullPointerException if {@code tenantId} is null
   * @throws ManagerClosedException if this manager is closed
   */
  void remove(String tenantId);

  /**
   * Deletes {@code tenantId}'s data and cache configuration from the backend, cluster-wide, and
   * releases its local resources: the off-boarding of a tenant. Returns once the data is gone.
   * A handle still held keeps working on the now empty tenant (its next call re-attaches); calls
   * racing the destroy run before it (their writes are deleted) or after it (on the empty
   * tenant), and calls for the tenant wait while it runs. Destroying a tenant without data does
   * nothing. It does not count as a creation or an eviction in {@link #stats()}.
   *
   * <p>Other processes (and other managers on the same Hazelcast instance) that have the tenant
   * attached are not told: their calls fail with a {@link CacheOperationException} until they
   * release the tenant (remove, LRU, idle cleanup) and re-attach to the empty one. Destroy a
   * tenant once nobody uses it any more.
   *
   * @param tenantId the tenant id, as {@link #get(String)} takes it
   * @throws NullPointerException if {@code tenantId} is null
   * @throws IllegalArgumentException if {@code tenantId} is too long or malformed
   * @throws ManagerClosedException if this manager is closed (also when it closes meanwhile)
   * @throws CacheOperationException if the backend failed to delete it (with the tenant id and
   *     the cause); the tenant may then be partly deleted, and destroying it again is safe
   */
  void destroy(String tenantId);

  /**
   * Returns manager statistics: {@link StatsKeys#ACTIVE_TENANTS}, {@link StatsKeys#TOTAL_CREATED},
   * {@link StatsKeys#LRU_EVICTIONS}, {@link StatsKeys#IDLE_CLEANUPS}, {@link StatsKeys#ERRORS},
   * {@link StatsKeys#MAX_SIZE} and {@link StatsKeys#IDLE_TTL_MS}. Works after close too.
   *
   * @return an immutable snapshot
   */
  Map<String, Object> stats();

  /**
   * Starts releasing tenants idle longer than the configured idle TTL, checking every
   * {@code interval}. Calling it again replaces the previous schedule.
   *
   * @param interval time between checks; must be positive
   * @throws NullPointerException if {@code interval} is null
   * @throws CacheConfigException if {@code interval} is not positive
   * @throws ManagerClosedException if this manager is closed
   */
  void startCleanup(Duration interval);

  /**
   * Starts idle cleanup with the configured {@link ManagerConfig#cleanupInterval()}.
   *
   * @throws ManagerClosedException if this manager is closed
   */
  void startCleanup();

  /**
   * Stops cleanup, releases every tenant's local resources and, if this manager started its
   * backend (an embedded Hazelcast member, say), stops it. Idempotent.
   */
  @Override
  void close();
}
