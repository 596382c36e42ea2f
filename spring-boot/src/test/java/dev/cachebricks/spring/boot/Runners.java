package dev.cachebricks.spring.boot;

import java.util.UUID;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Context runners with every cachebricks auto-configuration, each on a unique cluster name. */
final class Runners {

  private Runners() {}

  /** A cluster name no other test, build or machine uses. */
  static String uniqueCluster() {
    return "cb-test-" + UUID.randomUUID();
  }

  /** All cachebricks auto-configurations; an embedded member unless the test says otherwise. */
  static ApplicationContextRunner cachebricks() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(
            CachebricksAutoConfiguration.class,
            CachebricksHealthContributorAutoConfiguration.class,
            CachebricksJCacheAutoConfiguration.class,
            CachebricksMetricsAutoConfiguration.class))
        .withPropertyValues("cachebricks.hazelcast.cluster-name=" + uniqueCluster());
  }

  /** As {@link #cachebricks()}, plus what a SpringApplication would do to the environment. */
  static ApplicationContextRunner withEnvironmentPostProcessor(ApplicationContextRunner runner) {
    return runner.withInitializer(context -> new JCacheProviderDefault()
        .postProcessEnvironment(context.getEnvironment(), new SpringApplication()));
  }
}
