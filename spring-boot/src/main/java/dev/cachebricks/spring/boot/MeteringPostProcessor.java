package dev.cachebricks.spring.boot;

import dev.cachebricks.Cache;
import dev.cachebricks.micrometer.CacheMetrics;
import dev.cachebricks.tenant.Manager;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Wraps {@code Cache} and {@code Manager} beans in {@link CacheMetrics} instruments. A bean is
 * wrapped only when its declared type is the interface itself, so the wrapper satisfies every
 * injection point of that bean; beans {@code CacheMetrics} already made are left alone. With an
 * observation registry (unique bean), the operations are observed too.
 */
final class MeteringPostProcessor implements BeanPostProcessor, BeanFactoryAware {

  private final ObjectProvider<MeterRegistry> registry;
  /** Null when observations are switched off. */
  private final ObjectProvider<ObservationRegistry> observations;
  private final boolean tenantTag;
  private ConfigurableListableBeanFactory beanFactory;

  MeteringPostProcessor(ObjectProvider<MeterRegistry> registry,
      ObjectProvider<ObservationRegistry> observations, boolean tenantTag) {
    this.registry = registry;
    this.observations = observations;
    this.tenantTag = tenantTag;
  }

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    if (beanFactory instanceof ConfigurableListableBeanFactory listable) {
      this.beanFactory = listable;
    }
  }

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    boolean cache = bean instanceof Cache;
    if (!(cache || bean instanceof Manager)
        || bean.getClass().getEnclosingClass() == CacheMetrics.class
        || declaredType(beanName) != (cache ? Cache.class : Manager.class)) {
      return bean;
    }
    MeterRegistry meters = registry.getIfUnique();
    if (meters == null) {
      return bean;
    }
    CacheMetrics metrics = CacheMetrics.builder(meters)
        .system("hazelcast")
        .tags(Tags.of("cache", beanName))
        .tenantTag(tenantTag)
        .observationRegistry(observations == null ? null : observations.getIfUnique())
        .build();
    return cache ? metrics.instrument((Cache) bean) : metrics.instrument((Manager) bean);
  }

  private Class<?> declaredType(String beanName) {
    if (beanFactory == null || !beanFactory.containsBeanDefinition(beanName)) {
      return null;
    }
    return beanFactory.getMergedBeanDefinition(beanName).getResolvableType().resolve();
  }
}
