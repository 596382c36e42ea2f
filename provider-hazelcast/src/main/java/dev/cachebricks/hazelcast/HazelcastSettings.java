package dev.cachebricks.hazelcast;

import dev.cachebricks.CacheConfigException;
import dev.cachebricks.EntryLimits;
import dev.cachebricks.hazelcast.internal.SecureDefaults;
import dev.cachebricks.internal.Timeouts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;

/**
 * Immutable, validated settings of a {@link HazelcastBackend}: which Hazelcast to use and how to
 * use it. Build them with {@link #builder()}, or read them from Java system properties and
 * environment variables with {@link #fromEnvironment()}.
 *
 * <table>
 *   <caption>Settings, with their system property and environment variable</caption>
 *   <tr><th>setting</th><th>system property / environment variable</th><th>default</th></tr>
 *   <tr><td>{@code mode}</td><td>{@code cachebricks.hazelcast.mode} /
 *       {@code CACHEBRICKS_HAZELCAST_MODE}</td><td>{@code embedded} ({@code client} if
 *       addresses or a client config are given)</td></tr>
 *   <tr><td>{@code clusterName}</td><td>{@code cachebricks.hazelcast.cluster-name} /
 *       {@code CACHEBRICKS_HAZELCAST_CLUSTER_NAME}</td><td>{@code cachebricks}</td></tr>
 *   <tr><td>{@code addresses}</td><td>{@code cachebricks.hazelcast.addresses} /
 *       {@code CACHEBRICKS_HAZELCAST_ADDRESSES} (comma-separated host:port)</td>
 *       <td>{@code 127.0.0.1:5701}</td></tr>
 *   <tr><td>{@code clientConfig}</td><td>{@code cachebricks.hazelcast.client-config} /
 *       {@code CACHEBRICKS_HAZELCAST_CLIENT_CONFIG} (a Hazelcast client YAML file)</td>
 *       <td>none</td></tr>
 *   <tr><td>{@code port}</td><td>{@code cachebricks.hazelcast.port} /
 *       {@code CACHEBRICKS_HAZELCAST_PORT}</td><td>5701 (embedded; next free port above)</td></tr>
 *   <tr><td>{@code connectTimeout}</td><td>{@code cachebricks.hazelcast.connect-timeout} /
 *       {@code CACHEBRICKS_HAZELCAST_CONNECT_TIMEOUT}</td><td>10 s</td></tr>
 *   <tr><td>{@code operationTimeout}</td><td>{@code cachebricks.hazelcast.operation-timeout} /
 *       {@code CACHEBRICKS_HAZELCAST_OPERATION_TIMEOUT}</td><td>5 s</td></tr>
 *   <tr><td>{@code maxEntriesPerCache}</td><td>{@code cachebricks.hazelcast.max-entries} /
 *       {@code CACHEBRICKS_HAZELCAST_MAX_ENTRIES}</td><td>100,000</td></tr>
 *   <tr><td>{@code backupCount}</td><td>{@code cachebricks.hazelcast.backup-count} /
 *       {@code CACHEBRICKS_HAZELCAST_BACKUP_COUNT}</td><td>1 (synchronous)</td></tr>
 * </table>
 *
 * Durations are ISO-8601 ({@code PT5S}) or whole milliseconds ({@code 5000}). System properties
 * win over environment variables. Invalid values are {@link CacheConfigException}s naming the
 * field, thrown by {@link Builder#build()} or {@link #fromEnvironment()}.
 *
 * @param mode embedded member or client
 * @param clusterName the cluster to form (embedded) or join (client)
 * @param addresses member addresses a client connects to
 * @param clientConfig a Hazelcast client YAML; when set it configures the client entirely
 * @param port first port an embedded member tries
 * @param connectTimeout how long a client may take to connect at start
 * @param operationTimeout bound of every blocking cache call
 * @param maxEntriesPerCache eviction bound of each cache (each tenant), per member, approximate
 * @param backupCount synchronous backups of every entry
 * @param limits key and value size limits
 */
public record HazelcastSettings(
    Mode mode,
    String clusterName,
    List<String> addresses,
    Optional<Path> clientConfig,
    int port,
    Duration connectTimeout,
    Duration operationTimeout,
    int maxEntriesPerCache,
    int backupCount,
    EntryLimits limits) {

  /** How the backend reaches Hazelcast. */
  public enum Mode {
    /** Start an embedded member in this JVM, bound to loopback only. */
    EMBEDDED,
    /** Connect as a client to an existing cluster. */
    CLIENT
  }

  /** Prefix of the system properties read by {@link #fromEnvironment()}. */
  public static final String PROPERTY_PREFIX = "cachebricks.hazelcast.";
  /** Default {@link #connectTimeout()}. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** Default {@link #operationTimeout()}. */
  public static final Duration DEFAULT_OPERATION_TIMEOUT = Duration.ofSeconds(5);
  /** Default {@link #maxEntriesPerCache()}. */
  public static final int DEFAULT_MAX_ENTRIES = 100_000;
  /** Default {@link #backupCount()}. */
  public static final int DEFAULT_BACKUP_COUNT = 1;

  /**
   * Validates the settings.
   *
   * @param mode embedded member or client
   * @param clusterName the cluster to form or join
   * @param addresses member addresses a client connects to
   * @param clientConfig a Hazelcast client YAML
   * @param port first port an embedded member tries
   * @param connectTimeout how long a client may take to connect at start
   * @param operationTimeout bound of every blocking cache call
   * @param maxEntriesPerCache eviction bound of each cache
   * @param backupCount synchronous backups of every entry
   * @param limits key and value size limits
   * @throws CacheConfigException naming the first invalid field
   */
  public HazelcastSettings {
    require(mode != null, "mode", "must not be null");
    require(clusterName != null && !clusterName.isBlank(), "clusterName", "must not be blank");
    require(addresses != null, "addresses", "must not be null");
    for (String address : addresses) {
      require(address != null && address.matches("[^\\s:,]+(:\\d{1,5})?"), "addresses",
          "not a host[:port]: '" + address + "'");
    }
    addresses = List.copyOf(addresses);
    require(clientConfig != null, "clientConfig", "must not be null (use Optional.empty())");
    require(mode != Mode.CLIENT || !addresses.isEmpty() || clientConfig.isPresent(),
        "addresses", "a client needs at least one member address");
    clientConfig.ifPresent(path -> require(Files.isReadable(path), "clientConfig",
        "cannot read " + path.toAbsolutePath()));
    require(port > 0 && port < 65536, "port", "must be 1..65535, was " + port);
    Timeouts.require("connectTimeout", connectTimeout);
    Timeouts.require("operationTimeout", operationTimeout);
    require(maxEntriesPerCache > 0, "maxEntriesPerCache", "must be positive, was " + maxEntriesPerCache);
    require(backupCount >= 0 && backupCount <= 6, "backupCount", "must be 0..6, was " + backupCount);
    require(limits != null, "limits", "must not be null");
  }

  /**
   * Returns the embedded default: one member on 127.0.0.1, nothing read from the environment.
   *
   * @return the default settings
   */
  public static HazelcastSettings embedded() {
    return builder().build();
  }

  /**
   * Returns a builder starting from the embedded default.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the settings from Java system properties and environment variables (see the table
   * above), falling back to the embedded default for anything unset.
   *
   * @return the settings
   * @throws CacheConfigException if a value is invalid
   */
  public static HazelcastSettings fromEnvironment() {
    return fromEnvironment(System.getProperties(), System.getenv());
  }

  /**
   * Reads the settings from the given properties and environment: {@link #fromEnvironment()}
   * with explicit sources, for tests and for frameworks with their own property sources.
   *
   * @param properties property source (keys {@code cachebricks.hazelcast.*})
   * @param env environment source (keys {@code CACHEBRICKS_HAZELCAST_*})
   * @return the settings
   * @throws CacheConfigException if a value is invalid
   */
  public static HazelcastSettings fromEnvironment(Properties properties, Map<String, String> env) {
    Function<String, Optional<String>> read = name -> {
      String value = properties.getProperty(PROPERTY_PREFIX + name);
      if (value == null) {
        value = env.get(("CACHEBRICKS_HAZELCAST_" + name).toUpperCase(Locale.ROOT).replace('-', '_'));
      }
      return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    };
    Builder b = builder();
    read.apply("cluster-name").ifPresent(b::clusterName);
    Optional<String> addresses = read.apply("addresses");
    addresses.ifPresent(a -> b.addresses(List.of(a.split("\\s*,\\s*"))));
    Optional<String> clientConfig = read.apply("client-config");
    clientConfig.ifPresent(p -> b.clientConfig(Path.of(p)));
    read.apply("port").ifPresent(p -> b.port(parseInt("port", p)));
    read.apply("connect-timeout").ifPresent(d -> b.connectTimeout(parseDuration("connectTimeout", d)));
    read.apply("operation-timeout").ifPresent(d -> b.operationTimeout(parseDuration("operationTimeout", d)));
    read.apply("max-entries").ifPresent(n -> b.maxEntriesPerCache(parseInt("maxEntriesPerCache", n)));
    read.apply("backup-count").ifPresent(n -> b.backupCount(parseInt("backupCount", n)));
    Optional<String> mode = read.apply("mode");
    if (mode.isPresent()) {
      try {
        b.mode(Mode.valueOf(mode.get().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new CacheConfigException("mode", "must be embedded or client, was '" + mode.get() + "'");
      }
    } else if (addresses.isPresent() || clientConfig.isPresent()) {
      b.mode(Mode.CLIENT);
    }
    return b.build();
  }

  /**
   * Parses a duration: ISO-8601 ({@code PT5S}) or whole milliseconds ({@code 5000}).
   *
   * @param field the setting, for the error
   * @param text the text
   * @return the duration
   * @throws CacheConfigException if it is neither
   */
  static Duration parseDuration(String field, String text) {
    try {
      return text.chars().allMatch(Character::isDigit)
          ? Duration.ofMillis(Long.parseLong(text))
          : Duration.parse(text);
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new CacheConfigException(field,
          "not a duration (ISO-8601 like PT5S, or milliseconds): '" + text + "'", e);
    }
  }

  private static int parseInt(String field, String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new CacheConfigException(field, "not a whole number: '" + text + "'", e);
    }
  }

  private static void require(boolean ok, String field, String message) {
    if (!ok) {
      throw new CacheConfigException(field, message);
    }
  }

  /** Builds {@link HazelcastSettings}; validation happens in {@link #build()}. Not thread-safe. */
  public static final class Builder {
    private Mode mode = Mode.EMBEDDED;
    private String clusterName = SecureDefaults.DEFAULT_CLUSTER_NAME;
    private List<String> addresses = new ArrayList<>(List.of("127.0.0.1:5701"));
    private Path clientConfig;
    private int port = SecureDefaults.DEFAULT_PORT;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration operationTimeout = DEFAULT_OPERATION_TIMEOUT;
    private int maxEntriesPerCache = DEFAULT_MAX_ENTRIES;
    private int backupCount = DEFAULT_BACKUP_COUNT;
    private EntryLimits limits = EntryLimits.DEFAULT;

    private Builder() {}

    /**
     * Sets the mode.
     *
     * @param mode embedded member or client
     * @return this builder
     */
    public Builder mode(Mode mode) {
      this.mode = mode;
      return this;
    }

    /**
     * Switches to client mode with the given member addresses.
     *
     * @param addresses {@code host:port} of one or more members
     * @return this builder
     */
    public Builder client(String... addresses) {
      this.mode = Mode.CLIENT;
      return addresses(List.of(addresses));
    }

    /**
     * Sets the cluster name.
     *
     * @param clusterName the name
     * @return this builder
     */
    public Builder clusterName(String clusterName) {
      this.clusterName = clusterName;
      return this;
    }

    /**
     * Sets the member addresses a client connects to.
     *
     * @param addresses {@code host:port} entries
     * @return this builder
     */
    public Builder addresses(List<String> addresses) {
      this.addresses = addresses == null ? null : new ArrayList<>(addresses);
      return this;
    }

    /**
     * Configures the client from a Hazelcast client YAML file (and switches to client mode).
     * The file then configures the client entirely; cluster name and addresses set here are
     * ignored.
     *
     * @param clientConfig the YAML file
     * @return this builder
     */
    public Builder clientConfig(Path clientConfig) {
      this.mode = Mode.CLIENT;
      this.clientConfig = clientConfig;
      return this;
    }

    /**
     * Sets the first port an embedded member tries.
     *
     * @param port the port
     * @return this builder
     */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * Sets how long a client may take to connect when the backend starts.
     *
     * @param connectTimeout positive duration
     * @return this builder
     */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /**
     * Sets the bound of every blocking cache call.
     *
     * @param operationTimeout positive duration
     * @return this builder
     */
    public Builder operationTimeout(Duration operationTimeout) {
      this.operationTimeout = operationTimeout;
      return this;
    }

    /**
     * Sets the eviction bound of each cache (each tenant): Hazelcast's ENTRY_COUNT policy,
     * enforced per partition, so the bound is approximate.
     *
     * @param maxEntriesPerCache positive count
     * @return this builder
     */
    public Builder maxEntriesPerCache(int maxEntriesPerCache) {
      this.maxEntriesPerCache = maxEntriesPerCache;
      return this;
    }

    /**
     * Sets the number of synchronous backups of every entry.
     *
     * @param backupCount 0..6
     * @return this builder
     */
    public Builder backupCount(int backupCount) {
      this.backupCount = backupCount;
      return this;
    }

    /**
     * Sets the key and value size limits.
     *
     * @param limits the limits
     * @return this builder
     */
    public Builder limits(EntryLimits limits) {
      this.limits = limits;
      return this;
    }

    /**
     * Validates and builds the settings.
     *
     * @return the settings
     * @throws CacheConfigException naming the first invalid field
     */
    public HazelcastSettings build() {
      return new HazelcastSettings(mode, clusterName, addresses, Optional.ofNullable(clientConfig),
          port, connectTimeout, operationTimeout, maxEntriesPerCache, backupCount, limits);
    }
  }

  @Override
  public String toString() {
    return "HazelcastSettings[" + mode.name().toLowerCase(Locale.ROOT) + ", cluster=" + clusterName
        + (mode == Mode.CLIENT ? ", addresses=" + addresses : ", port=" + port)
        + clientConfig.map(p -> ", clientConfig=" + p).orElse("") + "]";
  }
}
