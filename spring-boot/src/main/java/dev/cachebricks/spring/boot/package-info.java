/**
 * Spring Boot auto-configuration of cachebricks: {@code cachebricks.*} properties, a
 * {@code HazelcastBackend}, a tenant {@code Manager} and named {@code Cache} beans on one shared
 * Hazelcast instance, Spring's JCache cache manager on that same instance, a {@code cachebricks}
 * health indicator and Micrometer metrics. Everything here is activated by having the starter on
 * the classpath; applications use the beans, not these classes.
 */
package dev.cachebricks.spring.boot;
