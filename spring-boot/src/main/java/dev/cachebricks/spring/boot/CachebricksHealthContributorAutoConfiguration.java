package dev.cachebricks.spring.boot;

import dev.cachebricks.Cache;
import dev.cachebricks.hazelcast.HazelcastBackend;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code cachebricks} health indicator, when Spring Boot's health
 * support (Actuator) is present and {@code management.health.cachebricks.enabled} is not false.
 *
 * <p>The indicator checks each {@link HazelcastBackend} bean ({@link HazelcastBackend#health()})
 * and every {@code Cache} bean, so an application that only uses tenants still has its backend
 * watched.
 */
@AutoConfiguration(after = CachebricksAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(HazelcastBackend.class)
@ConditionalOnEnabledHealthIndicator("cachebricks")
public final class CachebricksHealthContributorAutoConfiguration {

  /** Created by Spring. */
  CachebricksHealthContributorAutoConfiguration() {}

  /**
   * The {@code cachebricks} health indicator.
   *
   * @param beans where the backends and caches are found
   * @return the indicator
   */
  @Bean
  @ConditionalOnMissingBean(name = {"cachebricksHealthIndicator", "cachebricksHealthContributor"})
  public CachebricksHealthIndicator cachebricksHealthIndicator(ListableBeanFactory beans) {
    Map<String, Runnable> checked = new LinkedHashMap<>();
    beans.getBeansOfType(HazelcastBackend.class)
        .forEach((name, backend) -> checked.put(name, backend::health));
    beans.getBeansOfType(Cache.class)
        .forEach((name, cache) -> checked.putIfAbsent(name, cache::health));
    return new CachebricksHealthIndicator(checked);
  }
}
