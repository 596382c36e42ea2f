/**
 * Micrometer instrumentation for {@link dev.cachebricks.Cache} and {@link
 * dev.cachebricks.tenant.Manager}. Micrometer is an optional dependency of cachebricks-api: add
 * {@code io.micrometer:micrometer-core} to use this package.
 */
package dev.cachebricks.micrometer;
