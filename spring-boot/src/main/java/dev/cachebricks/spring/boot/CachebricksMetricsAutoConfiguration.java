package dev.cachebricks.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of Micrometer metrics, when Micrometer is present and
 * {@code cachebricks.metrics.enabled} is not false: every {@code Cache} and {@code Manager} bean
 * declared as such (the auto-configured ones, and the application's beans whose declared type is
 * the {@code Cache} or {@code Manager} interface) is instrumented through
 * {@code dev.cachebricks.micrometer.CacheMetrics} into the application's {@link MeterRegistry},
 * tagged {@code db.system.name=hazelcast} and {@code cache=<bean name>}. The tenant tag is off
 * unless {@code cachebricks.metrics.tenant-tag=true}.
 *
 * <p>Beans declared with a concrete type, and caches already instrumented by {@code CacheMetrics},
 * are left as they are (wrapping them would break injection by that type, or time each call
 * twice). Without a {@code MeterRegistry} bean nothing is instrumented.
 */
@AutoConfiguration(after = CachebricksAutoConfiguration.class)
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "cachebricks.metrics.enabled", matchIfMissing = true)
public final class CachebricksMetricsAutoConfiguration {

  /** Created by Spring. */
  CachebricksMetricsAutoConfiguration() {}

  /**
   * The post-processor that instruments the beans.
   *
   * @param registry the application's registry, looked up when the first bean is instrumented
   * @param environment where {@code cachebricks.metrics.tenant-tag} is read
   * @return the post-processor
   */
  @Bean
  static MeteringPostProcessor cachebricksMeteringPostProcessor(
      ObjectProvider<MeterRegistry> registry, Environment environment) {
    boolean tenantTag = Binder.get(environment)
        .bind(CachebricksProperties.PREFIX + ".metrics.tenant-tag", Boolean.class)
        .orElse(false);
    return new MeteringPostProcessor(registry, tenantTag);
  }
}
