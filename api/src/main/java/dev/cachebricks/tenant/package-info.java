/**
 * Multi-tenancy: a {@link dev.cachebricks.tenant.Manager} gives each tenant id its own isolated
 * {@link dev.cachebricks.Cache}, created lazily, released when idle or least recently used,
 * with handles that keep working across releases. {@link dev.cachebricks.tenant.TenantManager}
 * is that logic over any {@link dev.cachebricks.tenant.TenantCacheFactory}, configured by
 * {@link dev.cachebricks.tenant.ManagerConfig}; {@link dev.cachebricks.tenant.TenantIds} says
 * which ids are valid.
 */
package dev.cachebricks.tenant;
