/**
 * A test double for users' unit tests: {@link dev.cachebricks.testing.InMemoryCache} keeps
 * every promise of {@link dev.cachebricks.Cache} in memory, measures TTLs against a clock the
 * test controls, and injects failures and delays per {@link dev.cachebricks.Operation}.
 */
package dev.cachebricks.testing;
