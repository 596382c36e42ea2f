package dev.cachebricks.spring.boot;

import dev.cachebricks.Cache;
import dev.cachebricks.micrometer.CacheMetrics;
import dev.cachebricks.tenant.Manager;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Wraps {@code Cache} and {@code Manager} beans in {@link CacheMetrics} instruments. A bean is
 * wrapped only when its declared type is the interface itself, so the wrapper satisfies every
 * injection point of that bean; beans {@code CacheMetrics} already made are left alone.
 */
final class MeteringPostProcessor implements BeanPostProcessor, BeanFactoryAware {

  private final ObjectProvider<MeterRegistry> registry;
  private final boolean tenantTag;
  private ConfigurableListableBeanFactory beanFactory;

  MeteringPostProcessor(ObjectProvider<MeterRegistry> registry, boolean tenantTag) {
    this.registry = registry;
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
