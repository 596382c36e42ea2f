/**
 * The {@code Cache} contract on any JSR-107 provider, without Hazelcast: exports
 * {@code dev.cachebricks.jcache} only.
 */
module dev.cachebricks.jcache {
  requires transitive dev.cachebricks.api;
  requires transitive cache.api;

  exports dev.cachebricks.jcache;
}
