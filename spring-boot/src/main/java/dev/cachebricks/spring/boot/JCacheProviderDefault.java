package dev.cachebricks.spring.boot;

import dev.cachebricks.hazelcast.jcache.CachebricksCachingProvider;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@link CachebricksCachingProvider} the default of {@code spring.cache.jcache.provider}:
 * a property source of lowest precedence, so any value the application sets wins. Added only
 * when the application has not set {@code cachebricks.jcache.enabled=false}. Runs after the
 * configuration files are read, so it sees that switch in {@code application.yml}.
 */
final class JCacheProviderDefault implements EnvironmentPostProcessor, Ordered {

  /** The name of the property source holding the default. */
  static final String SOURCE = "cachebricksJCacheProviderDefault";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (!environment.getProperty("cachebricks.jcache.enabled", Boolean.class, true)
        || environment.getPropertySources().contains(SOURCE)) {
      return;
    }
    environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(
        CachebricksJCacheAutoConfiguration.PROVIDER_PROPERTY,
        CachebricksCachingProvider.class.getName())));
  }

  @Override
  public int getOrder() {
    return ConfigDataEnvironmentPostProcessor.ORDER + 1;
  }
}
