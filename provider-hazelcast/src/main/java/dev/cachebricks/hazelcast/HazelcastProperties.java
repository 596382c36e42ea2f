package dev.cachebricks.hazelcast;

import dev.cachebricks.CacheConfigException;
import dev.cachebricks.hazelcast.HazelcastConfig.Builder;
import dev.cachebricks.hazelcast.HazelcastConfig.ClientRouting;
import dev.cachebricks.hazelcast.HazelcastConfig.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BiConsumer;

/**
 * Reads a {@link HazelcastConfig} from Java system properties and environment variables, so the
 * same binary runs embedded on a laptop and as a client in production. One table of keys
 * ({@link Key}) names every setting once, for this reader, the documentation and frameworks that
 * bind their own property sources (pass them to {@link #read(Properties, Map)}).
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>system property</th><th>environment variable</th><th>default</th></tr>
 *   <tr><td>{@code cachebricks.hazelcast.mode}</td><td>{@code CACHEBRICKS_HAZELCAST_MODE}</td>
 *       <td>{@code embedded} ({@code client} when addresses or a client config are set)</td></tr>
 *   <tr><td>{@code cachebricks.hazelcast.cluster-name}</td>
 *       <td>{@code CACHEBRICKS_HAZELCAST_CLUSTER_NAME}</td><td>{@code cachebricks}</td></tr>
 *   <tr><td>{@code cachebricks.hazelcast.addresses}</td>
 *       <td>{@code CACHEBRICKS_HAZELCAST_ADDRESSES}</td><td>{@code 127.0.0.1:5701}
 *       (comma-separated {@code host:port})</td></tr>
 *   <tr><td>{@code cachebricks.hazelcast.client-config}</td>
 *       <td>{@code CACHEBRICKS_HAZELCAST_CLIENT_CONFIG}</td><td>none (a Hazelcast client YAML
 *       file; when set it configures the client entirely)</td></tr>
 *   <tr><td>{@code cachebricks.hazelcast.port}</td><td>{@code CACHEBRICKS_HAZELCAST_PORT}</td>
 *       <td>5701 (embedded; the next free port above)</td></tr>
 *   <tr><td>{@code cachebricks.hazelcast.connect-timeout}</td>
 *       <td>{@code CACHEBRICKS_HAZELCAST_CONNECT_TIMEOUT}</td><td>{@code PT10S}</td></tr>
 *   <tr><td>{@code cachebricks.hazelcast.operation-timeout}</td>
 *       <td>{@code CACHEBRICKS_HAZELCAST_OPERATION_TIMEOUT}</td><td>{@code PT5S}</td></tr>
 *   <tr><td>{@code cachebricks.hazelcast.max-entries}</td>
 *       <td>{@code CACHEBRICKS_HAZELCAST_MAX_ENTRIES}</td><td>100,000</td></tr>
 *   <tr><td>{@code cachebricks.hazelcast.backup-count}</td>
 *       <td>{@code CACHEBRICKS_HAZELCAST_BACKUP_COUNT}</td><td>1</td></tr>
 *   <tr><td>{@code cachebricks.hazelcast.near-cache.caches}</td>
 *       <td>{@code CACHEBRICKS_HAZELCAST_NEAR_CACHE_CACHES}</td><td>none (client mode:
 *       comma-separated cache names or patterns to near-cache; {@code default} for tenants)</td>
 *       </tr>
 *   <tr><td>{@code cachebricks.hazelcast.near-cache.max-entries}</td>
 *       <td>{@code CACHEBRICKS_HAZELCAST_NEAR_CACHE_MAX_ENTRIES}</td><td>10,000 (per near
 *       cache)</td></tr>
 *   <tr><td>{@code cachebricks.hazelcast.near-cache.max-staleness}</td>
 *       <td>{@code CACHEBRICKS_HAZELCAST_NEAR_CACHE_MAX_STALENESS}</td><td>{@code PT1S} (whole
 *       seconds)</td></tr>
 *   <tr><td>{@code cachebricks.hazelcast.client-routing}</td>
 *       <td>{@code CACHEBRICKS_HAZELCAST_CLIENT_ROUTING}</td><td>{@code all-members} (client
 *       mode; {@code single-member} for one connection to the first reachable address)</td></tr>
 *   <tr><td>{@code cachebricks.hazelcast.members}</td>
 *       <td>{@code CACHEBRICKS_HAZELCAST_MEMBERS}</td><td>none: a standalone member (embedded
 *       mode: comma-separated {@code host[:port]} to join by TCP/IP)</td></tr>
 *   <tr><td>{@code cachebricks.hazelcast.kubernetes.service-dns}</td>
 *       <td>{@code CACHEBRICKS_HAZELCAST_KUBERNETES_SERVICE_DNS}</td><td>none (embedded: join the
 *       members a headless service's DNS name resolves to)</td></tr>
 *   <tr><td>{@code cachebricks.hazelcast.kubernetes.namespace}</td>
 *       <td>{@code CACHEBRICKS_HAZELCAST_KUBERNETES_NAMESPACE}</td><td>the pod's (Kubernetes API
 *       join)</td></tr>
 *   <tr><td>{@code cachebricks.hazelcast.kubernetes.service-name}</td>
 *       <td>{@code CACHEBRICKS_HAZELCAST_KUBERNETES_SERVICE_NAME}</td><td>none (embedded: join the
 *       endpoints of this service, through the Kubernetes API)</td></tr>
 *   <tr><td>{@code cachebricks.hazelcast.member-config}</td>
 *       <td>{@code CACHEBRICKS_HAZELCAST_MEMBER_CONFIG}</td><td>none (a Hazelcast member YAML
 *       file; when set it configures the embedded member entirely)</td></tr>
 *   <tr><td>{@code cachebricks.hazelcast.bind-address}</td>
 *       <td>{@code CACHEBRICKS_HAZELCAST_BIND_ADDRESS}</td><td>{@code 127.0.0.1} (embedded: the
 *       interface to bind and announce; {@code 0.0.0.0} for every interface)</td></tr>
 *   <tr><td>{@code cachebricks.hazelcast.split-brain-protection}</td>
 *       <td>{@code CACHEBRICKS_HAZELCAST_SPLIT_BRAIN_PROTECTION}</td><td>0: off (the smallest
 *       cluster that serves, e.g. 2 of 3)</td></tr>
 *   <tr><td>{@code cachebricks.hazelcast.merge-policy}</td>
 *       <td>{@code CACHEBRICKS_HAZELCAST_MERGE_POLICY}</td><td>{@code put-if-absent}
 *       ({@link MergePolicy})</td></tr>
 * </table>
 *
 * Durations are ISO-8601 ({@code PT5S}) or whole milliseconds ({@code 5000}). System properties
 * win over environment variables; blank values count as unset. An invalid value is a
 * {@link CacheConfigException} naming the setting.
 */
public final class HazelcastProperties {

  /** The prefix of every property. */
  public static final String PREFIX = "cachebricks.hazelcast.";

  private HazelcastProperties() {}

  /** Every setting this reader knows: its name under {@link #PREFIX}, and how it applies. */
  public enum Key {
    /** {@code embedded} or {@code client}. */
    MODE("mode", "mode", (b, v) -> b.mode(parseMode(v))),
    /** The cluster to form or join. */
    CLUSTER_NAME("cluster-name", "clusterName", Builder::clusterName),
    /** Comma-separated member addresses of a client. */
    ADDRESSES("addresses", "addresses", (b, v) -> b.addresses(List.of(v.split("\\s*,\\s*")))),
    /** A Hazelcast client YAML file. */
    CLIENT_CONFIG("client-config", "clientConfig", (b, v) -> b.clientConfig(Path.of(v))),
    /** The first port an embedded member tries. */
    PORT("port", "port", (b, v) -> b.port(parseInt("port", v))),
    /** How long a client may take to connect at start. */
    CONNECT_TIMEOUT("connect-timeout", "connectTimeout",
        (b, v) -> b.connectTimeout(parseDuration("connectTimeout", v))),
    /** The bound of every blocking cache call. */
    OPERATION_TIMEOUT("operation-timeout", "operationTimeout",
        (b, v) -> b.operationTimeout(parseDuration("operationTimeout", v))),
    /** The entry bound of each cache, per member. */
    MAX_ENTRIES("max-entries", "maxEntriesPerCache",
        (b, v) -> b.maxEntriesPerCache(parseInt("maxEntriesPerCache", v))),
    /** Synchronous backups of every entry. */
    BACKUP_COUNT("backup-count", "backupCount",
        (b, v) -> b.backupCount(parseInt("backupCount", v))),
    /** Comma-separated cache names or patterns that get a client near cache. */
    NEAR_CACHE_CACHES("near-cache.caches", "nearCache.caches",
        (b, v) -> b.nearCache(v.split("\\s*,\\s*"))),
    /** Entries kept per near cache. */
    NEAR_CACHE_MAX_ENTRIES("near-cache.max-entries", "nearCache.maxEntries",
        (b, v) -> b.nearCacheMaxEntries(parseInt("nearCache.maxEntries", v))),
    /** How long after it was read from the cluster a value may be served from a near cache. */
    NEAR_CACHE_MAX_STALENESS("near-cache.max-staleness", "nearCache.maxStaleness",
        (b, v) -> b.nearCacheMaxStaleness(parseDuration("nearCache.maxStaleness", v))),
    /** Which members a client talks to: {@code all-members} or {@code single-member}. */
    CLIENT_ROUTING("client-routing", "clientRouting",
        (b, v) -> b.clientRouting(parseEnum("clientRouting", ClientRouting.class, v))),
    /** Comma-separated members an embedded member joins by TCP/IP. */
    MEMBERS("members", "members", (b, v) -> b.members(v.split("\\s*,\\s*"))),
    /** The headless service whose DNS records are the members (Kubernetes DNS join). */
    KUBERNETES_SERVICE_DNS("kubernetes.service-dns", "kubernetes", Builder::kubernetesDns),
    /** The namespace of the service whose endpoints are the members (Kubernetes API join). */
    KUBERNETES_NAMESPACE("kubernetes.namespace", "kubernetes", Builder::kubernetesNamespace),
    /** The service whose endpoints are the members (Kubernetes API join). */
    KUBERNETES_SERVICE_NAME("kubernetes.service-name", "kubernetes",
        Builder::kubernetesServiceName),
    /** A Hazelcast member YAML file. */
    MEMBER_CONFIG("member-config", "memberConfig", (b, v) -> b.memberConfig(Path.of(v))),
    /** The interface an embedded member binds to. */
    BIND_ADDRESS("bind-address", "bindAddress", Builder::bindAddress),
    /** The smallest cluster that serves; 0 for no split-brain protection. */
    SPLIT_BRAIN_PROTECTION("split-brain-protection", "splitBrainProtection",
        (b, v) -> b.splitBrainProtection(parseInt("splitBrainProtection", v))),
    /** Which value survives a healed split for keys both sides hold. */
    MERGE_POLICY("merge-policy", "mergePolicy",
        (b, v) -> b.mergePolicy(parseEnum("mergePolicy", MergePolicy.class, v)));

    private final String name;
    private final String field;
    private final BiConsumer<Builder, String> apply;

    Key(String name, String field, BiConsumer<Builder, String> apply) {
      this.name = name;
      this.field = field;
      this.apply = apply;
    }

    /**
     * Returns the system property, e.g. {@code cachebricks.hazelcast.operation-timeout}.
     *
     * @return the property name
     */
    public String property() {
      return PREFIX + name;
    }

    /**
     * Returns the environment variable, e.g. {@code CACHEBRICKS_HAZELCAST_OPERATION_TIMEOUT}.
     *
     * @return the variable name
     */
    public String environmentVariable() {
      return property().toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * Returns the {@link HazelcastConfig} field this key sets, as errors name it.
     *
     * @return the field name
     */
    public String field() {
      return field;
    }
  }

  /**
   * Reads the configuration from system properties and environment variables, falling back to
   * the embedded default for anything unset.
   *
   * @return the configuration
   * @throws CacheConfigException if a value is invalid
   */
  public static HazelcastConfig read() {
    return read(System.getProperties(), System.getenv());
  }

  /**
   * Reads the configuration from the given sources: {@link #read()} with explicit sources, for
   * tests and for frameworks with their own property sources.
   *
   * @param properties property source (keys {@code cachebricks.hazelcast.*})
   * @param env environment source (keys {@code CACHEBRICKS_HAZELCAST_*})
   * @return the configuration
   * @throws CacheConfigException if a value is invalid
   */
  public static HazelcastConfig read(Properties properties, Map<String, String> env) {
    Builder builder = HazelcastConfig.builder();
    // The mode goes last: a client config switches the builder to client mode, and an explicit
    // mode must win over that.
    List<Key> order = Arrays.stream(Key.values()).filter(k -> k != Key.MODE).toList();
    for (Key key : order) {
      value(key, properties, env).ifPresent(v -> key.apply.accept(builder, v));
    }
    Optional<String> mode = value(Key.MODE, properties, env);
    if (mode.isPresent()) {
      Key.MODE.apply.accept(builder, mode.get());
    } else if (value(Key.ADDRESSES, properties, env).isPresent()) {
      builder.mode(Mode.CLIENT); // addresses alone mean a client (a client config switches too)
    }
    return builder.build();
  }

  private static Optional<String> value(Key key, Properties properties, Map<String, String> env) {
    String value = properties.getProperty(key.property());
    if (value == null) {
      value = env.get(key.environmentVariable());
    }
    return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
  }

  private static <E extends Enum<E>> E parseEnum(String field, Class<E> type, String text) {
    try {
      return Enum.valueOf(type, text.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new CacheConfigException(field, "must be one of " + Arrays.stream(
          type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT).replace('_', '-'))
          .toList() + ", was '" + text + "'");
    }
  }

  private static Mode parseMode(String text) {
    try {
      return Mode.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new CacheConfigException("mode", "must be embedded or client, was '" + text + "'");
    }
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
}
