package dev.cachebricks.spring.boot;

import com.hazelcast.core.HazelcastInstance;
import dev.cachebricks.hazelcast.HazelcastBackend;
import dev.cachebricks.hazelcast.HazelcastConfig;
import dev.cachebricks.tenant.Manager;
import dev.cachebricks.tenant.ManagerConfig;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Auto-configuration of cachebricks on Hazelcast: one {@link HazelcastBackend} for the whole
 * application, a tenant {@link Manager} on it, and the named {@code Cache} beans listed in
 * {@code cachebricks.caches}. Every bean is {@code @ConditionalOnMissingBean}: a bean of the same
 * type (for the named caches: of the same name) defined by the application wins.
 *
 * <ul>
 *   <li>{@link HazelcastConfig} from {@code cachebricks.hazelcast.*};
 *   <li>{@link HazelcastBackend}: on the application's {@link HazelcastInstance} bean when it
 *       has one (for example from Spring Boot's Hazelcast auto-configuration; of several, the
 *       {@code @Primary} one), which cachebricks never shuts down; otherwise an embedded member
 *       on 127.0.0.1 or a client, as the settings say, stopped when the context closes;
 *   <li>{@link ManagerConfig} from {@code cachebricks.manager.*} and a {@link Manager} with its
 *       idle cleanup started ({@code cachebricks.manager.enabled=false} to go without);
 *   <li>one {@code Cache} bean per name in {@code cachebricks.caches}, named like the cache.
 * </ul>
 *
 * Beans close in reverse order of creation when the context closes, after Spring Boot's
 * graceful shutdown has let in-flight work finish: the caches, the manager and Spring's JCache
 * cache manager first, then the backend, which stops the instance it started. An application's
 * {@code HazelcastInstance} bean is created before the backend (the backend asks for it), so it
 * closes after it.
 */
@AutoConfiguration(afterName =
    "org.springframework.boot.hazelcast.autoconfigure.HazelcastAutoConfiguration")
@EnableConfigurationProperties(CachebricksProperties.class)
@Import(NamedCaches.Registrar.class)
public final class CachebricksAutoConfiguration {

  /**
   * The name of an application {@code Executor} bean that, when present, completes every
   * asynchronous result of the backend (see {@code HazelcastConfig.Builder#asyncExecutor}).
   */
  public static final String ASYNC_EXECUTOR = "cachebricksAsyncExecutor";

  private static final Logger LOG = LoggerFactory.getLogger(CachebricksAutoConfiguration.class);

  /** Created by Spring. */
  CachebricksAutoConfiguration() {}

  /**
   * The Hazelcast settings from {@code cachebricks.hazelcast.*}.
   *
   * @param properties the bound properties
   * @param asyncExecutor the application's {@code Executor} bean named
   *     {@value #ASYNC_EXECUTOR}, if any: it then completes every asynchronous result instead
   *     of the backend's own threads
   * @return the validated settings
   * @throws dev.cachebricks.CacheConfigException naming the property of an invalid value
   */
  @Bean
  @ConditionalOnMissingBean
  public HazelcastConfig cachebricksHazelcastConfig(CachebricksProperties properties,
      @Qualifier(ASYNC_EXECUTOR) ObjectProvider<Executor> asyncExecutor) {
    return PropertyConfigs.hazelcast(properties.getHazelcast(), asyncExecutor.getIfAvailable());
  }

  /**
   * The backend: on the application's {@code HazelcastInstance} bean if it has one (several
   * need one marked {@code @Primary}), else started from the settings.
   *
   * @param settings the settings
   * @param instances the application's Hazelcast instance, if any
   * @return the backend, closed with the context
   * @throws dev.cachebricks.CacheConnectionException if a client cannot reach its cluster
   * @throws org.springframework.beans.factory.NoUniqueBeanDefinitionException if the
   *     application has several instances and none is primary
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public HazelcastBackend cachebricksBackend(
      HazelcastConfig settings, ObjectProvider<HazelcastInstance> instances) {
    HazelcastInstance instance = instances.getIfAvailable();
    if (instance == null) {
      return HazelcastBackend.start(settings);
    }
    if (settings.mode() == HazelcastConfig.Mode.CLIENT) {
      LOG.warn("cachebricks.hazelcast.* configures a client ({}), but the application's "
          + "HazelcastInstance bean is used instead", settings);
    }
    return HazelcastBackend.of(instance, settings);
  }

  /**
   * The tenant manager configuration from {@code cachebricks.manager.*}.
   *
   * @param properties the bound properties
   * @return the validated configuration
   * @throws dev.cachebricks.CacheConfigException naming the property of an invalid value
   */
  @Bean
  @ConditionalOnMissingBean
  public ManagerConfig cachebricksManagerConfig(CachebricksProperties properties) {
    return PropertyConfigs.manager(properties.getManager());
  }

  /**
   * The tenant manager on the backend, with its idle cleanup started.
   *
   * @param backend the backend
   * @param config the configuration
   * @return the manager, closed with the context (before the backend)
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @ConditionalOnBooleanProperty(name = "cachebricks.manager.enabled", matchIfMissing = true)
  public Manager cachebricksManager(HazelcastBackend backend, ManagerConfig config) {
    Manager manager = backend.manager(config);
    manager.startCleanup();
    return manager;
  }
}
