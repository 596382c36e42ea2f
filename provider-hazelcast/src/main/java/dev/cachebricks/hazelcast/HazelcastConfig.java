package dev.cachebricks.hazelcast;

import dev.cachebricks.CacheConfigException;
import dev.cachebricks.EntryLimits;
import dev.cachebricks.hazelcast.internal.SecureDefaults;
import dev.cachebricks.internal.Timeouts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Immutable, validated configuration of a {@link HazelcastBackend}: which Hazelcast to use and
 * how to use it. Build it with {@link #builder()}, or read it from Java system properties and
 * environment variables with {@link HazelcastProperties#read()}.
 *
 * <p>Defaults: embedded mode on port 5701 (the next free one above), cluster name
 * {@code cachebricks}, client addresses {@code 127.0.0.1:5701}, connect timeout 10 s, operation
 * timeout 5 s, 100,000 entries per cache per member, one synchronous backup, default
 * {@link EntryLimits}. {@link HazelcastProperties} lists the property and environment variable
 * of each setting.
 *
 * <p>Invalid values are {@link CacheConfigException}s naming the
 * field, thrown by {@link Builder#build()} or {@link HazelcastProperties#read()}.
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
public record HazelcastConfig(
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
  public HazelcastConfig {
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
    require(maxEntriesPerCache > 0, "maxEntriesPerCache", "must be positive, was "
        + maxEntriesPerCache);
    require(backupCount >= 0 && backupCount <= 6, "backupCount", "must be 0..6, was "
        + backupCount);
    require(limits != null, "limits", "must not be null");
  }

  /**
   * Returns the embedded default: one member on 127.0.0.1, nothing read from the environment.
   *
   * @return the default settings
   */
  public static HazelcastConfig embedded() {
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

  private static void require(boolean ok, String field, String message) {
    if (!ok) {
      throw new CacheConfigException(field, message);
    }
  }

  /** Builds {@link HazelcastConfig}; validation happens in {@link #build()}. Not thread-safe. */
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
    public HazelcastConfig build() {
      return new HazelcastConfig(mode, clusterName, addresses, Optional.ofNullable(clientConfig),
          port, connectTimeout, operationTimeout, maxEntriesPerCache, backupCount, limits);
    }
  }

  @Override
  public String toString() {
    return "HazelcastConfig[" + mode.name().toLowerCase(Locale.ROOT) + ", cluster=" + clusterName
        + (mode == Mode.CLIENT ? ", addresses=" + addresses : ", port=" + port)
        + clientConfig.map(p -> ", clientConfig=" + p).orElse("") + "]";
  }
}
