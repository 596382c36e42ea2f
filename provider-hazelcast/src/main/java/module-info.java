/**
 * cachebricks on Hazelcast: the {@code Cache} adapter, backends, the tenant manager, settings
 * ({@code dev.cachebricks.hazelcast}) and the JSR-107 {@code CachingProvider}
 * ({@code dev.cachebricks.hazelcast.jcache}). The internal package is exported to cachebricks'
 * Spring Boot starter only.
 */
module dev.cachebricks.hazelcast {
  requires transitive dev.cachebricks.api;
  requires transitive com.hazelcast.core;
  requires transitive cache.api;
  requires org.slf4j;

  exports dev.cachebricks.hazelcast;
  exports dev.cachebricks.hazelcast.jcache;

  provides javax.cache.spi.CachingProvider
      with dev.cachebricks.hazelcast.jcache.CachebricksCachingProvider;
}
