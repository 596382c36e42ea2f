package dev.cachebricks.spring.boot;

import dev.cachebricks.Cache;
import dev.cachebricks.CacheConfigException;
import dev.cachebricks.hazelcast.HazelcastBackend;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Opens the named caches of {@code cachebricks.caches} on the backend bean. Each cache is a bean
 * made by {@link #open(String)} on this factory bean, so Spring knows it depends on the factory
 * (and through it on the backend) and closes it first.
 */
final class NamedCaches {

  /** The bean name of the factory. */
  static final String BEAN_NAME = "cachebricksNamedCaches";
  /** The property listing the names. */
  static final String PROPERTY = CachebricksProperties.PREFIX + ".caches";

  private static final Logger LOG = LoggerFactory.getLogger(NamedCaches.class);

  private final HazelcastBackend backend;

  NamedCaches(HazelcastBackend backend) {
    this.backend = backend;
  }

  /** Opens one named cache: the bean's factory method. */
  Cache open(String name) {
    return backend.cache(name);
  }

  /**
   * Registers one {@code Cache} bean per name, named like the cache, unless a bean of that name
   * exists already (the application's bean wins).
   */
  static final class Registrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
      this.environment = environment;
    }

    @Override
    public void registerBeanDefinitions(
        AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
      List<String> names = Binder.get(environment)
          .bind(PROPERTY, Bindable.listOf(String.class)).orElse(List.of());
      if (names.isEmpty()) {
        return;
      }
      for (String name : names) {
        if (name == null || name.isBlank()) {
          throw new CacheConfigException(PROPERTY, "cache names must not be blank: " + names);
        }
      }
      if (!registry.containsBeanDefinition(BEAN_NAME)) {
        RootBeanDefinition factory = new RootBeanDefinition(NamedCaches.class);
        factory.setAutowireMode(AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR);
        registry.registerBeanDefinition(BEAN_NAME, factory);
      }
      for (String name : names) {
        if (registry.containsBeanDefinition(name)) {
          LOG.debug("a bean named '{}' exists: not registering that cache", name);
          continue;
        }
        RootBeanDefinition cache = new RootBeanDefinition();
        cache.setTargetType(Cache.class);
        cache.setFactoryBeanName(BEAN_NAME);
        cache.setFactoryMethodName("open");
        cache.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
        cache.setDestroyMethodName("close");
        registry.registerBeanDefinition(name, cache);
      }
    }
  }
}
