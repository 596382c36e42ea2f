package dev.cachebricks.spring.boot;

import dev.cachebricks.micrometer.CacheMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationRegistry;
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
 * unless {@code cachebricks.metrics.tenant-tag=true}. When the application has an
 * {@link ObservationRegistry} bean (Boot's actuator auto-configures one), every operation also
 * runs in an observation, {@code cachebricks.operation}, so that Micrometer Tracing makes it a
 * span, unless {@code cachebricks.metrics.observations.enabled=false}. Boot also derives meters
 * from every observation (its {@code DefaultMeterObservationHandler}: a timer
 * {@code cachebricks.operation}, a long task timer {@code cachebricks.operation.active}); those
 * are denied, as {@code db.client.operation.duration} already times every operation.
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
   * @param observations the application's observation registry, if any, looked up likewise
   * @param environment where {@code cachebricks.metrics.tenant-tag} and
   *     {@code cachebricks.metrics.observations.enabled} are read
   * @return the post-processor
   */
  @Bean
  static MeteringPostProcessor cachebricksMeteringPostProcessor(
      ObjectProvider<MeterRegistry> registry, ObjectProvider<ObservationRegistry> observations,
      Environment environment) {
    Binder binder = Binder.get(environment);
    boolean tenantTag = binder
        .bind(CachebricksProperties.PREFIX + ".metrics.tenant-tag", Boolean.class)
        .orElse(false);
    boolean observe = binder
        .bind(CachebricksProperties.PREFIX + ".metrics.observations.enabled", Boolean.class)
        .orElse(true);
    return new MeteringPostProcessor(registry, observe ? observations : null, tenantTag);
  }

  /**
   * Denies the meters Boot's {@code DefaultMeterObservationHandler} would derive from the
   * {@value CacheMetrics#OBSERVATION} observations: they would duplicate
   * {@value CacheMetrics#OPERATION_DURATION}.
   *
   * @return the filter
   */
  @Bean
  @ConditionalOnBooleanProperty(name = "cachebricks.metrics.observations.enabled",
      matchIfMissing = true)
  MeterFilter cachebricksObservationMeterFilter() {
    String name = CacheMetrics.OBSERVATION;
    return MeterFilter.deny(id ->
        id.getName().equals(name) || id.getName().startsWith(name + "."));
  }
}
