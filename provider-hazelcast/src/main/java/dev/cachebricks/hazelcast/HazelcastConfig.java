package dev.cachebricks.hazelcast;

import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.config.matcher.MatchingPointConfigPatternMatcher;
import dev.cachebricks.CacheConfigException;
import dev.cachebricks.EntryLimits;
import dev.cachebricks.hazelcast.internal.SecureDefaults;
import dev.cachebricks.internal.Timeouts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Immutable, validated configuration of a {@link HazelcastBackend}: which Hazelcast to use and
 * how to use it. Build it with {@link #builder()}, or read it from Java system properties and
 * environment variables with {@link HazelcastProperties#read()}.
 *
 * <p>Defaults: embedded mode on port 5701 (the next free one above), cluster name
 * {@code cachebricks}, client addresses {@code 127.0.0.1:5701}, connect timeout 10 s, operation
 * timeout 5 s, 100,000 entries per cache per member, one synchronous backup, default
 * {@link EntryLimits}, no near cache. {@link HazelcastProperties} lists the property and
 * environment variable of each setting.
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
 * @param nearCache which caches a client keeps a near cache of, and its bounds
 * @param asyncExecutor the executor that completes asynchronous results, if you supply one;
 *     empty for the backend's own threads
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
    EntryLimits limits,
    NearCache nearCache,
    Optional<Executor> asyncExecutor) {

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
   * @param nearCache near cache settings ({@link NearCache#NONE} for none)
   * @param asyncExecutor the executor that completes asynchronous results, or empty
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
    require(nearCache != null, "nearCache", "must not be null (use NearCache.NONE)");
    require(mode == Mode.CLIENT || !nearCache.enabled(), "nearCache.caches",
        "a near cache needs client mode (Hazelcast keeps JCache near caches on clients only), "
            + "but the mode is embedded; was " + nearCache.caches());
    require(asyncExecutor != null, "asyncExecutor", "must not be null (use Optional.empty())");
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
    private List<String> nearCacheCaches = List.of();
    private int nearCacheMaxEntries = NearCache.DEFAULT_MAX_ENTRIES;
    private Duration nearCacheMaxStaleness = NearCache.DEFAULT_MAX_STALENESS;
    private Executor asyncExecutor;

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
     * Gives the named caches a client near cache (client mode only): {@code get}s of a key read
     * recently are served from this client's memory, at most
     * {@link #nearCacheMaxStaleness(Duration) the staleness bound} after they were read from the
     * cluster; every other operation goes to the cluster. Names are Hazelcast near cache
     * patterns: an exact cache name, or one {@code *} standing for any characters
     * ({@code products-*}). Every tenant cache is named {@code default} inside its tenant's
     * CacheManager, so {@code "default"} near-caches all tenants. No arguments: no near cache.
     *
     * @param caches cache names or patterns
     * @return this builder
     */
    public Builder nearCache(String... caches) {
      this.nearCacheCaches = caches == null ? null : Arrays.asList(caches.clone());
      return this;
    }

    /**
     * Sets every near cache setting at once.
     *
     * @param nearCache the settings ({@link NearCache#NONE} for none)
     * @return this builder
     */
    public Builder nearCache(NearCache nearCache) {
      if (nearCache == null) {
        this.nearCacheCaches = null; // reported by build(), naming the field
        return this;
      }
      this.nearCacheCaches = nearCache.caches();
      this.nearCacheMaxEntries = nearCache.maxEntries();
      this.nearCacheMaxStaleness = nearCache.maxStaleness();
      return this;
    }

    /**
     * Sets how many entries each near cache keeps (per cache, per tenant, in this client);
     * beyond it the least recently used ones are evicted.
     *
     * @param maxEntries positive count
     * @return this builder
     */
    public Builder nearCacheMaxEntries(int maxEntries) {
      this.nearCacheMaxEntries = maxEntries;
      return this;
    }

    /**
     * Sets the staleness bound of near caches: a value is served locally at most this long after
     * it was read from the cluster, whatever happens to invalidation events. Whole seconds (the
     * near cache's own resolution), from 1 s to 1 day.
     *
     * @param maxStaleness whole seconds, 1 s by default
     * @return this builder
     */
    public Builder nearCacheMaxStaleness(Duration maxStaleness) {
      this.nearCacheMaxStaleness = maxStaleness;
      return this;
    }

    /**
     * Sets the executor that completes the futures of {@code cache.async()}, and so runs the
     * callbacks chained to them without an executor of their own. By default the backend owns a
     * small pool of daemon threads ({@code cachebricks-async-*}) that grows only while every
     * thread is blocked in a callback; pass yours to share a pool you size and monitor. It is
     * never shut down by the backend; a task it rejects runs on a new thread. Never pass an
     * executor that runs tasks on the calling thread (such as {@code Runnable::run}): that
     * thread is one of Hazelcast's.
     *
     * @param executor the executor, or null for the backend's own threads
     * @return this builder
     */
    public Builder asyncExecutor(Executor executor) {
      this.asyncExecutor = executor;
      return this;
    }

    /**
     * Validates and builds the settings.
     *
     * @return the settings
     * @throws CacheConfigException naming the first invalid field
     */
    public HazelcastConfig build() {
      NearCache nearCache = nearCacheCaches == null ? null
          : new NearCache(nearCacheCaches, nearCacheMaxEntries, nearCacheMaxStaleness);
      return new HazelcastConfig(mode, clusterName, addresses, Optional.ofNullable(clientConfig),
          port, connectTimeout, operationTimeout, maxEntriesPerCache, backupCount, limits,
          nearCache, Optional.ofNullable(asyncExecutor));
    }
  }

  @Override
  public String toString() {
    return "HazelcastConfig[" + mode.name().toLowerCase(Locale.ROOT) + ", cluster=" + clusterName
        + (mode == Mode.CLIENT ? ", addresses=" + addresses : ", port=" + port)
        + clientConfig.map(p -> ", clientConfig=" + p).orElse("")
        + (nearCache.enabled() ? ", nearCache=" + nearCache.caches() : "") + "]";
  }

  /**
   * Which caches a client keeps a near cache of, and its bounds: part of {@link HazelcastConfig},
   * set with {@link Builder#nearCache(String...)} or {@code cachebricks.hazelcast.near-cache.*}.
   *
   * <p>A near cache serves {@code get}s of recently read keys from the client's memory, with no
   * round trip. Writes of this client are visible to it at once; writes of other clients arrive
   * as invalidation events from the members, and whatever happens to those events, a value is
   * never served locally more than {@code maxStaleness} after it was read from the cluster (so
   * an entry is never readable more than its TTL plus {@code maxStaleness} after it was
   * written). Conditional operations ({@code getOrSet}, {@code compareAndSet},
   * {@code compareAndDelete}) never read the near cache.
   *
   * @param caches cache names or patterns (exact, or one {@code *} for any characters), as
   *     Hazelcast matches them against the simple cache name; {@code "default"} matches every
   *     tenant cache; empty for no near cache
   * @param maxEntries entries kept per near cache (per cache, per tenant, in each client); the
   *     least recently used are evicted beyond it
   * @param maxStaleness how long after it was read from the cluster a value may still be served
   *     locally; whole seconds, 1 s to 1 day
   */
  public record NearCache(List<String> caches, int maxEntries, Duration maxStaleness) {

    /** Default {@link #maxEntries()}. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;
    /** Default {@link #maxStaleness()}: keeps the TTL promise at TTL + 1 s. */
    public static final Duration DEFAULT_MAX_STALENESS = Duration.ofSeconds(1);
    /** The largest {@link #maxStaleness()}. */
    public static final Duration MAX_STALENESS_LIMIT = Duration.ofDays(1);
    /** No near cache. */
    public static final NearCache NONE =
        new NearCache(List.of(), DEFAULT_MAX_ENTRIES, DEFAULT_MAX_STALENESS);

    /**
     * Validates the settings; duplicate names are dropped.
     *
     * @param caches cache names or patterns
     * @param maxEntries entries kept per near cache
     * @param maxStaleness the staleness bound
     * @throws CacheConfigException naming the first invalid field ({@code nearCache.caches},
     *     {@code nearCache.maxEntries} or {@code nearCache.maxStaleness})
     */
    public NearCache {
      require(caches != null, "nearCache.caches", "must not be null (use an empty list)");
      for (String name : caches) {
        require(name != null && !name.isBlank(), "nearCache.caches",
            "a cache name or pattern must not be blank, was " + caches);
        require(name.indexOf('*') == name.lastIndexOf('*'), "nearCache.caches",
            "a pattern has at most one '*' (Hazelcast's matching), was '" + name + "'");
      }
      caches = List.copyOf(new LinkedHashSet<>(caches));
      requireUnambiguous(caches);
      require(maxEntries > 0, "nearCache.maxEntries", "must be positive, was " + maxEntries);
      require(maxStaleness != null, "nearCache.maxStaleness", "must not be null");
      require(maxStaleness.getNano() == 0 && maxStaleness.compareTo(Duration.ofSeconds(1)) >= 0
          && maxStaleness.compareTo(MAX_STALENESS_LIMIT) <= 0, "nearCache.maxStaleness",
          "must be whole seconds from 1 s to 1 day (the near cache counts whole seconds), was "
              + maxStaleness);
    }

    /**
     * Returns near cache settings for the given caches with the default bounds.
     *
     * @param caches cache names or patterns
     * @return the settings
     * @throws CacheConfigException if a name is invalid
     */
    public static NearCache of(String... caches) {
      return new NearCache(Arrays.asList(caches.clone()), DEFAULT_MAX_ENTRIES,
          DEFAULT_MAX_STALENESS);
    }

    /**
     * Tells whether any cache gets a near cache.
     *
     * @return true when {@link #caches()} is not empty
     */
    public boolean enabled() {
      return !caches.isEmpty();
    }

    /**
     * Hazelcast fails to open a cache two patterns match equally well (same number of literal
     * characters); catch that now, with the smallest name both patterns match as the example.
     */
    private static void requireUnambiguous(List<String> caches) {
      MatchingPointConfigPatternMatcher matcher = new MatchingPointConfigPatternMatcher();
      for (String a : caches) {
        for (String b : caches) {
          int starA = a.indexOf('*');
          int starB = b.indexOf('*');
          if (a.compareTo(b) >= 0 || starA < 0 || starB < 0) {
            continue;
          }
          String prefix = longer(a.substring(0, starA), b.substring(0, starB));
          String suffix = longer(a.substring(starA + 1), b.substring(starB + 1));
          String example = prefix + suffix;
          try {
            matcher.matches(caches, example);
          } catch (InvalidConfigurationException e) {
            throw new CacheConfigException("nearCache.caches", "patterns '" + a + "' and '" + b
                + "' match '" + example + "' equally well (Hazelcast would refuse to open it)");
          }
        }
      }
    }

    private static String longer(String a, String b) {
      return a.length() >= b.length() ? a : b;
    }
  }
}
