package dev.cachebricks.spring.boot;

import dev.cachebricks.hazelcast.HazelcastConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code cachebricks.*} configuration properties: the same Hazelcast settings as the
 * {@code cachebricks.hazelcast.*} system properties and {@code CACHEBRICKS_HAZELCAST_*}
 * environment variables (which Spring binds here too), the tenant manager's settings, the named
 * caches to expose as beans, and the metrics and JCache switches.
 *
 * <p>Values are validated when the beans that use them are created: an invalid value fails
 * startup with a {@code CacheConfigException} naming the property. A value that is not even of
 * the right type (a word for a number, an unknown mode) fails binding, with Spring Boot's
 * message naming the property. Mutable, as Spring binding requires; not thread-safe.
 */
@ConfigurationProperties(CachebricksProperties.PREFIX)
public class CachebricksProperties {

  /** The prefix of every property here. */
  public static final String PREFIX = "cachebricks";

  /**
   * Names of caches to expose as Cache beans, one bean per name, the bean named like the
   * cache. A name already used by another bean is skipped (that bean wins).
   */
  private List<String> caches = new ArrayList<>();

  private final Hazelcast hazelcast = new Hazelcast();
  private final Manager manager = new Manager();
  private final Metrics metrics = new Metrics();
  private final Jcache jcache = new Jcache();

  /** Creates the properties with their defaults. */
  public CachebricksProperties() {}

  /**
   * Returns the names of the caches exposed as beans.
   *
   * @return the cache names, empty by default
   */
  public List<String> getCaches() {
    return caches;
  }

  /**
   * Sets the names of the caches exposed as beans.
   *
   * @param caches the cache names
   */
  public void setCaches(List<String> caches) {
    this.caches = caches;
  }

  /**
   * Returns the Hazelcast settings ({@code cachebricks.hazelcast.*}).
   *
   * @return the settings
   */
  public Hazelcast getHazelcast() {
    return hazelcast;
  }

  /**
   * Returns the tenant manager settings ({@code cachebricks.manager.*}).
   *
   * @return the settings
   */
  public Manager getManager() {
    return manager;
  }

  /**
   * Returns the metrics settings ({@code cachebricks.metrics.*}).
   *
   * @return the settings
   */
  public Metrics getMetrics() {
    return metrics;
  }

  /**
   * Returns the JCache settings ({@code cachebricks.jcache.*}).
   *
   * @return the settings
   */
  public Jcache getJcache() {
    return jcache;
  }

  /**
   * {@code cachebricks.hazelcast.*}: which Hazelcast to use and how. Ignored, except for the
   * timeouts, the entry bound, the backups and the entry limits, when the application has a
   * {@code HazelcastInstance} bean: that instance is used instead.
   */
  public static class Hazelcast {

    /**
     * Embedded member or client. Default: embedded, or client when addresses or a client
     * config are set.
     */
    private HazelcastConfig.Mode mode;

    /** The cluster to form (embedded) or join (client). */
    private String clusterName = "cachebricks";

    /** Member addresses (host:port) a client connects to. Default: 127.0.0.1:5701. */
    private List<String> addresses = new ArrayList<>();

    /**
     * A Hazelcast client YAML file. When set it configures the client entirely (cluster name
     * and addresses are then ignored) and selects client mode.
     */
    private Path clientConfig;

    /** First port an embedded member tries; it takes the next free one above. */
    private int port = 5701;

    /** How long a client may take to connect at startup. */
    private Duration connectTimeout = Duration.ofSeconds(10);

    /** Bound of every blocking cache call. */
    private Duration operationTimeout = Duration.ofSeconds(5);

    /**
     * Eviction bound of each cache and each tenant, entries per member (approximate: enforced
     * per partition). Also applied to caches created through JCache, @Cacheable's included.
     */
    private int maxEntries = 100_000;

    /** Synchronous backups of every entry, 0 to 6. */
    private int backupCount = 1;

    /** The longest key accepted, in chars. */
    private int maxKeyLength = 4096;

    /** The largest value accepted. */
    private DataSize maxValueSize = DataSize.ofMegabytes(16);

    /** The client near cache. */
    private final NearCache nearCache = new NearCache();

    /** Creates the settings with their defaults. */
    public Hazelcast() {}

    /**
     * Returns the mode, or null to derive it from the other settings.
     *
     * @return the mode, may be null
     */
    public HazelcastConfig.Mode getMode() {
      return mode;
    }

    /**
     * Sets the mode.
     *
     * @param mode embedded or client; null to derive it
     */
    public void setMode(HazelcastConfig.Mode mode) {
      this.mode = mode;
    }

    /**
     * Returns the cluster name.
     *
     * @return the name
     */
    public String getClusterName() {
      return clusterName;
    }

    /**
     * Sets the cluster name.
     *
     * @param clusterName the name
     */
    public void setClusterName(String clusterName) {
      this.clusterName = clusterName;
    }

    /**
     * Returns the member addresses a client connects to; empty when not set.
     *
     * @return host:port entries
     */
    public List<String> getAddresses() {
      return addresses;
    }

    /**
     * Sets the member addresses a client connects to.
     *
     * @param addresses host:port entries
     */
    public void setAddresses(List<String> addresses) {
      this.addresses = addresses;
    }

    /**
     * Returns the Hazelcast client YAML file.
     *
     * @return the file, or null
     */
    public Path getClientConfig() {
      return clientConfig;
    }

    /**
     * Sets the Hazelcast client YAML file.
     *
     * @param clientConfig the file, or null
     */
    public void setClientConfig(Path clientConfig) {
      this.clientConfig = clientConfig;
    }

    /**
     * Returns the first port an embedded member tries.
     *
     * @return the port
     */
    public int getPort() {
      return port;
    }

    /**
     * Sets the first port an embedded member tries.
     *
     * @param port the port
     */
    public void setPort(int port) {
      this.port = port;
    }

    /**
     * Returns how long a client may take to connect at startup.
     *
     * @return the timeout
     */
    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    /**
     * Sets how long a client may take to connect at startup.
     *
     * @param connectTimeout the timeout
     */
    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    /**
     * Returns the bound of every blocking cache call.
     *
     * @return the timeout
     */
    public Duration getOperationTimeout() {
      return operationTimeout;
    }

    /**
     * Sets the bound of every blocking cache call.
     *
     * @param operationTimeout the timeout
     */
    public void setOperationTimeout(Duration operationTimeout) {
      this.operationTimeout = operationTimeout;
    }

    /**
     * Returns the eviction bound of each cache and tenant.
     *
     * @return entries per member
     */
    public int getMaxEntries() {
      return maxEntries;
    }

    /**
     * Sets the eviction bound of each cache and tenant.
     *
     * @param maxEntries entries per member
     */
    public void setMaxEntries(int maxEntries) {
      this.maxEntries = maxEntries;
    }

    /**
     * Returns the number of synchronous backups.
     *
     * @return the count
     */
    public int getBackupCount() {
      return backupCount;
    }

    /**
     * Sets the number of synchronous backups.
     *
     * @param backupCount the count
     */
    public void setBackupCount(int backupCount) {
      this.backupCount = backupCount;
    }

    /**
     * Returns the longest key accepted.
     *
     * @return chars
     */
    public int getMaxKeyLength() {
      return maxKeyLength;
    }

    /**
     * Sets the longest key accepted.
     *
     * @param maxKeyLength chars
     */
    public void setMaxKeyLength(int maxKeyLength) {
      this.maxKeyLength = maxKeyLength;
    }

    /**
     * Returns the largest value accepted.
     *
     * @return the size
     */
    public DataSize getMaxValueSize() {
      return maxValueSize;
    }

    /**
     * Sets the largest value accepted.
     *
     * @param maxValueSize the size
     */
    public void setMaxValueSize(DataSize maxValueSize) {
      this.maxValueSize = maxValueSize;
    }

    /**
     * Returns the client near cache settings ({@code cachebricks.hazelcast.near-cache.*}).
     *
     * @return the settings
     */
    public NearCache getNearCache() {
      return nearCache;
    }
  }

  /** {@code cachebricks.hazelcast.near-cache.*}: a client's near cache of chosen caches. */
  public static class NearCache {

    /** Caches a client keeps a near cache of: names, or patterns with one {@code *}. */
    private List<String> caches = new ArrayList<>();

    /** Entries each near cache keeps, per client. */
    private int maxEntries = HazelcastConfig.NearCache.DEFAULT_MAX_ENTRIES;

    /** How long a value read from the cluster may be served locally (whole seconds). */
    private Duration maxStaleness = HazelcastConfig.NearCache.DEFAULT_MAX_STALENESS;

    /**
     * Returns the near-cached cache names or patterns.
     *
     * @return the names
     */
    public List<String> getCaches() {
      return caches;
    }

    /**
     * Sets the near-cached cache names or patterns.
     *
     * @param caches the names
     */
    public void setCaches(List<String> caches) {
      this.caches = caches;
    }

    /**
     * Returns the entries each near cache keeps.
     *
     * @return the bound
     */
    public int getMaxEntries() {
      return maxEntries;
    }

    /**
     * Sets the entries each near cache keeps.
     *
     * @param maxEntries the bound
     */
    public void setMaxEntries(int maxEntries) {
      this.maxEntries = maxEntries;
    }

    /**
     * Returns the staleness bound.
     *
     * @return the bound
     */
    public Duration getMaxStaleness() {
      return maxStaleness;
    }

    /**
     * Sets the staleness bound.
     *
     * @param maxStaleness the bound
     */
    public void setMaxStaleness(Duration maxStaleness) {
      this.maxStaleness = maxStaleness;
    }
  }

  /** {@code cachebricks.manager.*}: the tenant manager bean. */
  public static class Manager {

    /** Whether to create the tenant Manager bean. */
    private boolean enabled = true;

    /**
     * Tenants with live local resources before the least recently used is released; 0 for
     * unbounded. Released tenants keep their data.
     */
    private int maxTenants = 100;

    /** A tenant unused this long is released by the cleanup; 0 for never. */
    private Duration idleTtl = Duration.ofMinutes(15);

    /** Period of the idle cleanup, which the bean starts. */
    private Duration cleanupInterval = Duration.ofMinutes(5);

    /** Creates the settings with their defaults. */
    public Manager() {}

    /**
     * Returns whether the Manager bean is created.
     *
     * @return true by default
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether the Manager bean is created.
     *
     * @param enabled whether to create it
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * Returns the maximum number of tenants with live local resources.
     *
     * @return the maximum, 0 for unbounded
     */
    public int getMaxTenants() {
      return maxTenants;
    }

    /**
     * Sets the maximum number of tenants with live local resources.
     *
     * @param maxTenants the maximum, 0 for unbounded
     */
    public void setMaxTenants(int maxTenants) {
      this.maxTenants = maxTenants;
    }

    /**
     * Returns the idle time after which the cleanup releases a tenant.
     *
     * @return the idle TTL, zero for never
     */
    public Duration getIdleTtl() {
      return idleTtl;
    }

    /**
     * Sets the idle time after which the cleanup releases a tenant.
     *
     * @param idleTtl the idle TTL, zero for never
     */
    public void setIdleTtl(Duration idleTtl) {
      this.idleTtl = idleTtl;
    }

    /**
     * Returns the period of the idle cleanup.
     *
     * @return the period
     */
    public Duration getCleanupInterval() {
      return cleanupInterval;
    }

    /**
     * Sets the period of the idle cleanup.
     *
     * @param cleanupInterval the period
     */
    public void setCleanupInterval(Duration cleanupInterval) {
      this.cleanupInterval = cleanupInterval;
    }
  }

  /** {@code cachebricks.metrics.*}: Micrometer instrumentation of the cache beans. */
  public static class Metrics {

    /**
     * Whether Cache and Manager beans are instrumented into the application's MeterRegistry
     * (when Micrometer is present).
     */
    private boolean enabled = true;

    /**
     * Whether tenant handles' meters carry the {@code db.namespace} attribute, the tenant id.
     * Enable only with a bounded number of tenants: every tenant id becomes a tag value.
     */
    private boolean tenantTag;

    private final Observations observations = new Observations();

    /** Creates the settings with their defaults. */
    public Metrics() {}

    /**
     * Returns the observation settings ({@code cachebricks.metrics.observations.*}).
     *
     * @return the observation settings
     */
    public Observations getObservations() {
      return observations;
    }

    /**
     * Returns whether the beans are instrumented.
     *
     * @return true by default
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether the beans are instrumented.
     *
     * @param enabled whether to instrument
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * Returns whether tenant handles' meters carry a tenant tag.
     *
     * @return false by default
     */
    public boolean isTenantTag() {
      return tenantTag;
    }

    /**
     * Sets whether tenant handles' meters carry the {@code db.namespace} attribute.
     *
     * @param tenantTag whether to tag
     */
    public void setTenantTag(boolean tenantTag) {
      this.tenantTag = tenantTag;
    }

    /** {@code cachebricks.metrics.observations.*}: a Micrometer observation per operation. */
    public static class Observations {

      /**
       * Whether each operation of the instrumented beans also runs in a Micrometer observation
       * (a span with Micrometer Tracing), when the application has an ObservationRegistry.
       */
      private boolean enabled = true;

      /** Creates the settings with their defaults. */
      public Observations() {}

      /**
       * Returns whether operations are observed.
       *
       * @return true by default
       */
      public boolean isEnabled() {
        return enabled;
      }

      /**
       * Sets whether operations are observed.
       *
       * @param enabled whether to observe
       */
      public void setEnabled(boolean enabled) {
        this.enabled = enabled;
      }
    }
  }

  /** {@code cachebricks.jcache.*}: Spring's JCache cache manager on the shared instance. */
  public static class Jcache {

    /**
     * Whether Spring's JCache cache manager defaults to the cachebricks JSR-107 provider
     * (unless spring.cache.jcache.provider names another) and runs on the cachebricks
     * backend's Hazelcast instance.
     */
    private boolean enabled = true;

    /**
     * Whether Spring's JCache cache manager creates a cache on first use, as Spring Boot's
     * simple cache does, with the configuration the caches of spring.cache.cache-names get
     * (the entry bound and backups of cachebricks.hazelcast.*). When false, a cache that
     * Cacheable methods use must be listed in spring.cache.cache-names or created by the
     * application.
     */
    private boolean createMissingCaches = true;

    /** Creates the settings with their defaults. */
    public Jcache() {}

    /**
     * Returns whether the JCache integration is on.
     *
     * @return true by default
     */
    public boolean isEnabled() {
      return enabled;
    }

    /**
     * Sets whether the JCache integration is on.
     *
     * @param enabled whether it is on
     */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /**
     * Returns whether {@code @Cacheable} caches are created on first use.
     *
     * @return true by default
     */
    public boolean isCreateMissingCaches() {
      return createMissingCaches;
    }

    /**
     * Sets whether {@code @Cacheable} caches are created on first use.
     *
     * @param createMissingCaches whether they are
     */
    public void setCreateMissingCaches(boolean createMissingCaches) {
      this.createMissingCaches = createMissingCaches;
    }
  }
}
