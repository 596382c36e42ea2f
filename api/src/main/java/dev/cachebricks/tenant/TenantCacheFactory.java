package dev.cachebricks.tenant;

import dev.cachebricks.Cache;

/**
 * Opens the local resources of one tenant's cache: the backend half of a {@link TenantManager}.
 *
 * <p>{@link #open(String)} is called once per attachment of a tenant; closing the returned
 * {@link Cache} must release only local resources (connections, proxies, listeners) and keep the
 * tenant's data, so that a later {@code open} of the same id sees the same entries. Distinct
 * tenant ids must never share entries. Implementations must be thread-safe.
 */
@FunctionalInterface
public interface TenantCacheFactory extends AutoCloseable {

  /**
   * Opens the cache of a tenant.
   *
   * @param tenantId a valid tenant id (see {@link TenantIds})
   * @return an open cache holding exactly that tenant's entries
   * @throws RuntimeException if the backend cannot open it; the manager reports it with the
   *     tenant id and does not remember the failure
   */
  Cache open(String tenantId);

  /**
   * Deletes a tenant's data and configuration in the backend (off-boarding): afterwards the
   * tenant is empty, and a later {@link #open(String)} starts it afresh. Called by
   * {@link Manager#destroy(String)} after the manager released the tenant, while no attachment of
   * it is open in that manager. Destroying a tenant that has no data does nothing.
   * Default: {@link UnsupportedOperationException} (the manager reports it as a backend failure).
   *
   * @param tenantId a valid tenant id
   * @throws RuntimeException if the backend cannot delete it; the manager reports it with the
   *     tenant id
   */
  default void destroy(String tenantId) {
    throw new UnsupportedOperationException(getClass().getName() + " cannot destroy tenants");
  }

  /**
   * Checks the backend could serve {@code tenantId}, without attaching it: what the health of a
   * handle whose tenant is not attached reports. Default: opens the tenant's cache, checks its
   * {@link Cache#health()} and closes it again; a backend that can tell its health without
   * opening a tenant (a connection check) should override it.
   *
   * @param tenantId a valid tenant id
   * @throws dev.cachebricks.CacheException as {@link Cache#health()} does
   */
  default void health(String tenantId) {
    try (Cache cache = open(tenantId)) {
      cache.health();
    }
  }

  /**
   * Releases resources shared by all tenants (an embedded member this factory started, say).
   * Called once, by {@link Manager#close()}, after every tenant was released. Default: nothing.
   */
  @Override
  default void close() {}
}
