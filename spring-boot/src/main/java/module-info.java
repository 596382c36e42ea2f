/**
 * cachebricks' Spring Boot starter: auto-configuration of the backend, the tenant manager, named
 * caches, health, metrics and Spring's JCache cache manager. Spring reads its configuration
 * classes by reflection, so the package is open.
 */
module dev.cachebricks.spring.boot {
  requires transitive dev.cachebricks.hazelcast;
  requires org.slf4j;
  requires spring.beans;
  requires spring.boot;
  requires spring.boot.autoconfigure;
  requires spring.context;
  requires spring.core;
  requires static spring.boot.cache;
  requires static spring.context.support;
  requires static spring.boot.health;
  requires static micrometer.core;
  requires static micrometer.observation;

  exports dev.cachebricks.spring.boot;

  opens dev.cachebricks.spring.boot;
}
