package dev.cachebricks.examples;

import dev.cachebricks.Cache;
import dev.cachebricks.InMemoryCache;

/** Where the examples get their caches: the embedded default. Closing it stops what it started. */
final class Backend implements AutoCloseable {

  private final InMemoryCache root = InMemoryCache.create();

  private Backend() {}

  static Backend embedded() {
    return new Backend();
  }

  Cache cache(String name) {
    return root.newHandle();
  }

  @Override
  public void close() {}
}
