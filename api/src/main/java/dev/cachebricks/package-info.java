/**
 * cachebricks: one small, honest cache API.
 *
 * <p>{@link dev.cachebricks.Cache} is the contract every backend implements;
 * {@link dev.cachebricks.Manager} gives each tenant its own cache; {@link dev.cachebricks.Cbor}
 * turns objects into compact CBOR values; {@link dev.cachebricks.InMemoryCache} is an in-memory
 * backend for unit tests. Errors are the {@link dev.cachebricks.CacheException} hierarchy.
 */
package dev.cachebricks;
