package dev.cachebricks.spring.boot;

import java.util.UUID;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Context runners with the cachebricks auto-configuration, each on a unique cluster name. */
final class Runners {

  private Runners() {}

  /** A cluster name no other test, build or machine uses. */
  static String uniqueCluster() {
    return "cb-test-" + UUID.randomUUID();
  }

  /** The cachebricks auto-configuration; an embedded member unless the test says otherwise. */
  static ApplicationContextRunner cachebricks() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(
            CachebricksAutoConfiguration.class))
        .withPropertyValues("cachebricks.hazelcast.cluster-name=" + uniqueCluster());
  }
}
