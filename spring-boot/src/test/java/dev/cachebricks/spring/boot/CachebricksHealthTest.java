package dev.cachebricks.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.contract.ClassResource;
import dev.cachebricks.hazelcast.testing.Members;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The {@code cachebricks} health indicator: with and without Actuator, up, down, switched off. */
class CachebricksHealthTest {

  @RegisterExtension
  static final ClassResource<Members> cluster =
      new ClassResource<>(() -> Members.start(1));
  private final ApplicationContextRunner runner = Runners.cachebricks()
      .withBean(HazelcastInstance.class, () -> cluster.get().member(0))
      .withConfiguration(AutoConfigurations.of(
          EndpointAutoConfiguration.class,
          HealthContributorAutoConfiguration.class,
          HealthContributorRegistryAutoConfiguration.class,
          HealthEndpointAutoConfiguration.class));

  @Test
  void withActuatorTheHealthEndpointReportsEveryCacheAndTheBackend() {
    runner.withPropertyValues("cachebricks.caches=sessions,quotes").run(context -> {
      assertThat(context).hasSingleBean(CachebricksHealthIndicator.class);
      Health health = context.getBean("cachebricksHealthIndicator", HealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsExactly(
          org.assertj.core.api.Assertions.entry("cachebricksBackend", "UP"),
          org.assertj.core.api.Assertions.entry("sessions", "UP"),
          org.assertj.core.api.Assertions.entry("quotes", "UP"));
      IndicatedHealthDescriptor endpoint = (IndicatedHealthDescriptor)
          context.getBean(HealthEndpoint.class).healthForPath("cachebricks");
      assertThat(endpoint.getStatus()).isEqualTo(Status.UP);
    });
  }

  @Test
  void withoutActuatorThereIsNoIndicatorAndTheRestWorks() {
    runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class)).run(context -> {
      assertThat(context).hasNotFailed();
      assertThat(context).doesNotHaveBean("cachebricksHealthIndicator");
      assertThat(context).hasBean("cachebricksBackend");
    });
  }

  @Test
  void theIndicatorCanBeSwitchedOffTheActuatorWay() {
    runner.withPropertyValues("management.health.cachebricks.enabled=false").run(context ->
        assertThat(context).doesNotHaveBean("cachebricksHealthIndicator"));
  }

  @Test
  void aStoppedInstanceIsDown() {
    Members own = Members.start(1);
    Runners.cachebricks().withBean(HazelcastInstance.class, () -> own.member(0))
        .withPropertyValues("cachebricks.caches=sessions").run(context -> {
          HealthIndicator indicator =
              context.getBean("cachebricksHealthIndicator", HealthIndicator.class);
          assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
          own.close();
          Health health = indicator.health();
          assertThat(health.getStatus()).isEqualTo(Status.DOWN);
          assertThat(health.getDetails()).containsKeys("error", "cachebricksBackend", "sessions");
          assertThat(health.getDetails().get("sessions").toString())
              .startsWith("DOWN: cache connection error: health failed");
        });
  }
}
