/**
 * A Spring Boot service on the cachebricks starter: {@code @Cacheable} and the {@code Cache}
 * API side by side on one Hazelcast member, configured in {@code application.yml}. Run it with
 * {@code ./mvnw -B -q -pl examples -am -DskipTests package exec:java
 * -Dexample=dev.cachebricks.examples.boot.BootExample}.
 */
package dev.cachebricks.examples.boot;
