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
 * @param cluster how an embedded member finds and binds to the others, and how every cache
 *     behaves when the cluster splits ({@link Cluster#STANDALONE} by default)
 * @param clientRouting which members a client talks to
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
    Optional<Executor> asyncExecutor,
    Cluster cluster,
    ClientRouting clientRouting) {

  /** How the backend reaches Hazelcast. */
  public enum Mode {
    /** Start an embedded member in this JVM, bound to loopback only. */
    EMBEDDED,
    /** Connect as a client to an existing cluster. */
    CLIENT
  }

  /** Which members a client opens connections to. */
  public enum ClientRouting {
    /**
     * Every member: each call goes straight to the member that owns its key (Hazelcast's smart
     * routing). The default.
     */
    ALL_MEMBERS,
    /**
     * Only the first member of {@link HazelcastConfig#addresses()} it reaches; that member
     * forwards calls for keys it does not own (Hazelcast's unisocket client). For clients that
     * may reach only some members, such as behind a load balancer.
     */
    SINGLE_MEMBER
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
   * @param cluster embedded membership and split-brain behaviour
   * @param clientRouting which members a client talks to
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
    require(cluster != null, "cluster", "must not be null (use Cluster.STANDALONE)");
    require(clientRouting != null, "clientRouting", "must not be null");
    require(mode == Mode.EMBEDDED || !cluster.joins(), cluster.members().isEmpty()
        ? (cluster.memberConfig().isPresent() ? "memberConfig" : "kubernetes") : "members",
        "finding members is for an embedded member, but the mode is client (a client connects "
            + "to the addresses); was " + cluster);
    require(clientConfig.isEmpty() || cluster.memberConfig().isEmpty(), "memberConfig",
        "a client YAML and a member YAML exclude each other");
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
    private List<String> members = List.of();
    private String kubernetesServiceDns;
    private String kubernetesNamespace;
    private String kubernetesServiceName;
    private Path memberConfig;
    private String bindAddress = SecureDefaults.LOOPBACK;
    private int splitBrainProtection;
    private MergePolicy mergePolicy = MergePolicy.DEFAULT;
    private ClientRouting clientRouting = ClientRouting.ALL_MEMBERS;

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
     * Makes the embedded member join these members by TCP/IP (Hazelcast's member list join):
     * every application instance lists the same members, itself included or not. Entries are
     * {@code host} or {@code host:port}; without a port, Hazelcast tries the first three ports
     * from {@link #port(int)}. Members on other machines need {@link #bindAddress(String)} set to
     * this machine's interface. No arguments: a standalone member (the default).
     *
     * @param members {@code host[:port]} of the cluster's members
     * @return this builder
     */
    public Builder members(String... members) {
      this.members = members == null ? null : Arrays.asList(members.clone());
      return this;
    }

    /**
     * Makes the embedded member find the others through Kubernetes DNS: the members are the
     * addresses of a headless service, e.g.
     * {@code my-app-hazelcast.my-namespace.svc.cluster.local} (Hazelcast's built-in Kubernetes
     * join, DNS lookup mode; needs no API permissions).
     *
     * @param serviceDns the headless service's DNS name
     * @return this builder
     */
    public Builder kubernetesDns(String serviceDns) {
      this.kubernetesServiceDns = serviceDns;
      return this;
    }

    /**
     * Makes the embedded member find the others through the Kubernetes API: the members are the
     * ready endpoints of a service (Hazelcast's built-in Kubernetes join, API mode; the pod's
     * service account needs {@code get} and {@code list} on endpoints, pods and services).
     *
     * @param namespace the service's namespace, or null for the pod's own
     * @param serviceName the service's name
     * @return this builder
     */
    public Builder kubernetesApi(String namespace, String serviceName) {
      this.kubernetesNamespace = namespace;
      this.kubernetesServiceName = serviceName;
      return this;
    }

    Builder kubernetesNamespace(String namespace) {
      this.kubernetesNamespace = namespace;
      return this;
    }

    Builder kubernetesServiceName(String serviceName) {
      this.kubernetesServiceName = serviceName;
      return this;
    }

    /**
     * Configures the embedded member from a Hazelcast member YAML file (and switches to embedded
     * mode). The file then configures the member entirely: port, bind address, members and
     * Kubernetes set here are ignored, and nothing of cachebricks' secure defaults is added.
     * Split-brain protection and the merge policy set here still apply to every cachebricks
     * cache.
     *
     * @param memberConfig the YAML file
     * @return this builder
     */
    public Builder memberConfig(Path memberConfig) {
      this.mode = Mode.EMBEDDED;
      this.memberConfig = memberConfig;
      return this;
    }

    /**
     * Sets the interface the embedded member binds to and announces: {@code 127.0.0.1} by
     * default, so that it is reachable from this machine only. A cluster across machines needs
     * this machine's address (on Kubernetes, the pod IP). {@code 0.0.0.0} binds every interface
     * and is never a default.
     *
     * @param bindAddress an IPv4 address, or {@code 0.0.0.0}
     * @return this builder
     */
    public Builder bindAddress(String bindAddress) {
      this.bindAddress = bindAddress;
      return this;
    }

    /**
     * Turns on split-brain protection for every cache this library creates: a side of the
     * cluster with fewer members than {@code minClusterSize} refuses reads and writes with a
     * {@link dev.cachebricks.CacheMinorityException}, from when it notices the split until the
     * cluster is whole again. 0 turns it off (the default). Usually a majority: 2 of 3 members.
     *
     * @param minClusterSize the smallest cluster that serves, 0 or 2..1000
     * @return this builder
     */
    public Builder splitBrainProtection(int minClusterSize) {
      this.splitBrainProtection = minClusterSize;
      return this;
    }

    /**
     * Sets which value survives when the two sides of a healed split both hold an entry, for
     * every cache this library creates.
     *
     * @param mergePolicy the policy
     * @return this builder
     */
    public Builder mergePolicy(MergePolicy mergePolicy) {
      this.mergePolicy = mergePolicy;
      return this;
    }

    /**
     * Sets which members a client talks to: all of them (the default), or only one.
     *
     * @param clientRouting the routing
     * @return this builder
     */
    public Builder clientRouting(ClientRouting clientRouting) {
      this.clientRouting = clientRouting;
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
          nearCache, Optional.ofNullable(asyncExecutor),
          members == null ? null : new Cluster(members, Optional.ofNullable(kubernetesServiceDns),
              Optional.ofNullable(kubernetesNamespace), Optional.ofNullable(kubernetesServiceName),
              Optional.ofNullable(memberConfig), bindAddress, splitBrainProtection, mergePolicy),
          clientRouting);
    }
  }

  @Override
  public String toString() {
    return "HazelcastConfig[" + mode.name().toLowerCase(Locale.ROOT) + ", cluster=" + clusterName
        + (mode == Mode.CLIENT ? ", addresses=" + addresses : ", port=" + port)
        + (mode == Mode.EMBEDDED && cluster.joins() ? ", " + cluster : "")
        + clientConfig.map(p -> ", clientConfig=" + p).orElse("")
        + (nearCache.enabled() ? ", nearCache=" + nearCache.caches() : "") + "]";
  }

  /**
   * How an embedded member finds the others and binds to its network, and how every cache this
   * library creates behaves when the cluster splits: part of {@link HazelcastConfig}, set with
   * {@link Builder#members(String...)}, {@link Builder#kubernetesDns(String)},
   * {@link Builder#kubernetesApi(String, String)}, {@link Builder#memberConfig(Path)},
   * {@link Builder#bindAddress(String)}, {@link Builder#splitBrainProtection(int)} and
   * {@link Builder#mergePolicy(MergePolicy)}, or the {@code cachebricks.hazelcast.*} properties.
   *
   * <p>At most one way to find members: a member list, Kubernetes DNS, the Kubernetes API, or a
   * member YAML. None is a standalone member. A member that joins others detects a lost member
   * within about 10 s and looks for the other side of a split every 5 s (Hazelcast's defaults,
   * 60 s and 300 s, never detect a 20 s partition); Hazelcast's own system properties
   * ({@code hazelcast.max.no.heartbeat.seconds}, {@code hazelcast.merge.first.run.delay.seconds},
   * {@code hazelcast.merge.next.run.delay.seconds}, {@code hazelcast.heartbeat.interval.seconds})
   * win when set.
   *
   * @param members TCP/IP join: {@code host[:port]} of the members; empty for none
   * @param kubernetesServiceDns Kubernetes DNS join: a headless service's DNS name
   * @param kubernetesNamespace Kubernetes API join: the service's namespace (empty for the pod's)
   * @param kubernetesServiceName Kubernetes API join: the service's name
   * @param memberConfig a Hazelcast member YAML; when set it configures the member entirely
   * @param bindAddress the interface the member binds to and announces; {@code 0.0.0.0} for all
   * @param splitBrainProtection smallest cluster that serves (0: no protection)
   * @param mergePolicy which value survives a healed split for keys both sides hold
   */
  public record Cluster(
      List<String> members,
      Optional<String> kubernetesServiceDns,
      Optional<String> kubernetesNamespace,
      Optional<String> kubernetesServiceName,
      Optional<Path> memberConfig,
      String bindAddress,
      int splitBrainProtection,
      MergePolicy mergePolicy) {

    /** The wildcard {@link #bindAddress()}: every interface. */
    public static final String ANY_ADDRESS = "0.0.0.0";
    /** A standalone member on loopback, no protection, the default merge policy. */
    public static final Cluster STANDALONE = new Cluster(List.of(), Optional.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), SecureDefaults.LOOPBACK, 0,
        MergePolicy.DEFAULT);

    /**
     * Validates the settings.
     *
     * @param members TCP/IP join members
     * @param kubernetesServiceDns Kubernetes DNS join
     * @param kubernetesNamespace Kubernetes API join namespace
     * @param kubernetesServiceName Kubernetes API join service
     * @param memberConfig a member YAML
     * @param bindAddress the interface to bind
     * @param splitBrainProtection smallest cluster that serves, 0 for none
     * @param mergePolicy the merge policy
     * @throws CacheConfigException naming the first invalid field ({@code members},
     *     {@code kubernetes}, {@code memberConfig}, {@code bindAddress},
     *     {@code splitBrainProtection} or {@code mergePolicy})
     */
    public Cluster {
      require(members != null, "members", "must not be null (use an empty list)");
      for (String member : members) {
        require(member != null && member.matches("[^\\s:,]+(:\\d{1,5})?"), "members",
            "not a host[:port]: '" + member + "'");
      }
      members = List.copyOf(members);
      require(kubernetesServiceDns != null && kubernetesNamespace != null
          && kubernetesServiceName != null, "kubernetes",
          "must not be null (use Optional.empty())");
      kubernetesServiceDns = kubernetesServiceDns.filter(v -> !v.isBlank());
      kubernetesNamespace = kubernetesNamespace.filter(v -> !v.isBlank());
      kubernetesServiceName = kubernetesServiceName.filter(v -> !v.isBlank());
      require(kubernetesNamespace.isEmpty() || kubernetesServiceName.isPresent(), "kubernetes",
          "the API mode needs a service name, not only a namespace");
      require(memberConfig != null, "memberConfig", "must not be null (use Optional.empty())");
      memberConfig.ifPresent(path -> require(Files.isReadable(path), "memberConfig",
          "cannot read " + path.toAbsolutePath()));
      int ways = (members.isEmpty() ? 0 : 1) + (kubernetesServiceDns.isPresent() ? 1 : 0)
          + (kubernetesServiceName.isPresent() ? 1 : 0) + (memberConfig.isPresent() ? 1 : 0);
      require(ways <= 1, members.isEmpty() ? "kubernetes" : "members",
          "choose one way to find members (a member list, Kubernetes DNS, the Kubernetes API or"
              + " a member YAML), were " + describeJoin(members, kubernetesServiceDns,
              kubernetesServiceName, memberConfig));
      require(bindAddress != null && isIpv4(bindAddress), "bindAddress",
          "must be an IPv4 address of this machine, or 0.0.0.0 for every interface, was '"
              + bindAddress + "'");
      if (memberConfig.isEmpty() && bindAddress.startsWith("127.")) {
        for (String member : members) {
          String host = member.contains(":") ? member.substring(0, member.indexOf(':')) : member;
          require(!isIpv4(host) || host.startsWith("127."), "bindAddress",
              "the member binds to " + bindAddress + " (loopback) but member " + member
                  + " is on another machine: set the bind address to this machine's interface");
        }
        require(kubernetesServiceDns.isEmpty() && kubernetesServiceName.isEmpty(), "bindAddress",
            "a Kubernetes member must bind to the pod's address (the downward API's "
                + "status.podIP), not " + bindAddress);
      }
      require(splitBrainProtection == 0
          || (splitBrainProtection >= 2 && splitBrainProtection <= 1000),
          "splitBrainProtection", "must be 0 (off) or a minimum cluster size of 2..1000, was "
              + splitBrainProtection);
      require(mergePolicy != null, "mergePolicy", "must not be null");
    }

    /**
     * Tells whether the member looks for other members.
     *
     * @return true unless standalone
     */
    public boolean joins() {
      return !members.isEmpty() || kubernetesServiceDns.isPresent()
          || kubernetesServiceName.isPresent() || memberConfig.isPresent();
    }

    private static boolean isIpv4(String text) {
      String[] parts = text.split("\\.", -1);
      if (parts.length != 4) {
        return false;
      }
      for (String part : parts) {
        if (!part.matches("\\d{1,3}") || Integer.parseInt(part) > 255) {
          return false;
        }
      }
      return true;
    }

    private static String describeJoin(List<String> members, Optional<String> dns,
        Optional<String> service, Optional<Path> yaml) {
      List<String> ways = new ArrayList<>();
      if (!members.isEmpty()) {
        ways.add("members " + members);
      }
      dns.ifPresent(d -> ways.add("Kubernetes DNS " + d));
      service.ifPresent(n -> ways.add("Kubernetes service " + n));
      yaml.ifPresent(y -> ways.add("member YAML " + y));
      return String.join(", ", ways);
    }

    @Override
    public String toString() {
      List<String> parts = new ArrayList<>();
      parts.add("bind=" + bindAddress);
      if (joins()) {
        parts.add(describeJoin(members, kubernetesServiceDns, kubernetesServiceName,
            memberConfig));
      }
      if (splitBrainProtection > 0) {
        parts.add("splitBrainProtection=" + splitBrainProtection);
      }
      parts.add("mergePolicy=" + mergePolicy.name().toLowerCase(Locale.ROOT));
      return "Cluster[" + String.join(", ", parts) + "]";
    }
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
