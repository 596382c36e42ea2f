/**
 * Recipes built only on the {@link dev.cachebricks.Cache} contract, so they work on every
 * backend: {@link dev.cachebricks.recipes.CacheLock}, a lease lock whose release never frees
 * the next owner's lock, and {@link dev.cachebricks.recipes.CacheAside}, typed load-through with
 * request collapsing and optional stampede protection across processes.
 */
package dev.cachebricks.recipes;
