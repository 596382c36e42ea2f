/**
 * The cache contract: {@link dev.cachebricks.Cache} (and its {@link dev.cachebricks.AsyncCache}
 * view), which every backend implements, with its value types ({@link
 * dev.cachebricks.GetOrSetResult}, {@link dev.cachebricks.Ttl}, {@link
 * dev.cachebricks.EntryLimits}, {@link dev.cachebricks.StatsKeys}, {@link
 * dev.cachebricks.Operation}) and its errors, the {@link dev.cachebricks.CacheException}
 * hierarchy.
 *
 * <p>Features live in their own packages: tenancy in {@code dev.cachebricks.tenant}, the CBOR
 * codec in {@code dev.cachebricks.cbor}, locks and load-through in {@code
 * dev.cachebricks.recipes}, the in-memory test double in {@code dev.cachebricks.testing},
 * Micrometer metrics in {@code dev.cachebricks.micrometer}.
 */
package dev.cachebricks;
