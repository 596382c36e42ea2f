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
   * Releases resources shared by all tenants (an embedded member this factory started, say).
   * Called once, by {@link Manager#close()}, after every tenant was released. Default: nothing.
   */
  @Override
  default void close() {}
}
