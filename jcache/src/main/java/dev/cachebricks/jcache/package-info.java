/**
 * The {@link dev.cachebricks.Cache} contract on any JSR-107 provider:
 * {@link dev.cachebricks.jcache.JCacheBackedCache#adapt(javax.cache.Cache)} turns a
 * {@code javax.cache.Cache<String, byte[]>} of Caffeine, Ehcache, the reference implementation
 * or any other provider into a {@code Cache} with per-entry TTLs and by-content
 * compare-and-set, without Hazelcast on the classpath.
 */
package dev.cachebricks.jcache;
