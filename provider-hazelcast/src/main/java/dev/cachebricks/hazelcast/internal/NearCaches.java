package dev.cachebricks.hazelcast.internal;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.ConfigPatternMatcher;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.InvalidConfigurationException;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.config.NearCacheConfig.LocalUpdatePolicy;
import dev.cachebricks.CacheConfigException;
import dev.cachebricks.hazelcast.HazelcastConfig.NearCache;

/**
 * The client near caches cachebricks configures, in one place: which Hazelcast
 * {@link NearCacheConfig} each configured cache name gets, and the one Hazelcast rule worked
 * around.
 *
 * <p>Each near cache: BINARY values (each hit deserializes a fresh copy, so callers never share
 * an array), keys kept as objects (a hit serializes nothing), invalidation events on, writes of
 * this client invalidating (never caching what was written, which holds no per-entry TTL),
 * ENTRY_COUNT LRU eviction at {@code maxEntries}, and a time-to-live of {@code maxStaleness}: the
 * near cache drops a value that long after the read that fetched it, whatever happens to
 * invalidation events (lost, batched by the members, delayed by a reconnect), and the cluster
 * never returns an expired entry, so an entry is never served later than its TTL plus
 * {@code maxStaleness}.
 *
 * <p>The rule: Hazelcast uses a near cache configuration named {@code default} for every data
 * structure no other configuration matches. Tenant caches are all named {@code default}, so a
 * near cache for tenants registered under that name would near-cache every cache (and every
 * {@code IMap}) of the client. It is registered under {@link #EXACT_DEFAULT} instead, and the
 * client's pattern matcher is wrapped ({@link ExactDefaultMatcher}) to give it to the name
 * {@code default} only.
 *
 * <p>Internal: not part of the public API.
 */
public final class NearCaches {

  /** The key the near cache of caches named exactly {@code default} is registered under. */
  static final String EXACT_DEFAULT = "default [cachebricks: this name only]";
  private static final String DEFAULT = "default";

  private NearCaches() {}

  /**
   * Adds the near caches of {@code settings} to a client configuration (one that may have come
   * from a client YAML, which keeps its own near caches).
   *
   * @param config the client configuration
   * @param settings the near cache settings
   * @throws CacheConfigException if the configuration already has a near cache under one of the
   *     names
   */
  public static void configure(ClientConfig config, NearCache settings) {
    if (!settings.enabled()) {
      return;
    }
    for (String name : settings.caches()) {
      String key = DEFAULT.equals(name) ? EXACT_DEFAULT : name;
      if (config.getNearCacheConfigMap().containsKey(name)
          || config.getNearCacheConfigMap().containsKey(key)) {
        throw new CacheConfigException("nearCache.caches", "the client configuration already "
            + "has a near cache named '" + name + "'; configure it in one place");
      }
      config.addNearCacheConfig(nearCacheConfig(key, settings));
    }
    if (settings.caches().contains(DEFAULT)) {
      config.setConfigPatternMatcher(new ExactDefaultMatcher(config.getConfigPatternMatcher()));
    }
  }

  /**
   * Returns the Hazelcast configuration of one near cache.
   *
   * @param name the name or pattern it is registered under
   * @param settings the bounds
   * @return a new configuration
   */
  static NearCacheConfig nearCacheConfig(String name, NearCache settings) {
    return new NearCacheConfig(name)
        .setInMemoryFormat(InMemoryFormat.BINARY)
        .setSerializeKeys(false)
        .setInvalidateOnChange(true)
        .setLocalUpdatePolicy(LocalUpdatePolicy.INVALIDATE)
        .setTimeToLiveSeconds((int) settings.maxStaleness().toSeconds())
        .setMaxIdleSeconds(0)
        .setEvictionConfig(new EvictionConfig()
            .setEvictionPolicy(EvictionPolicy.LRU)
            .setMaxSizePolicy(MaxSizePolicy.ENTRY_COUNT)
            .setSize(settings.maxEntries()));
  }

  /**
   * The client's pattern matcher, plus: the name {@code default} matches {@link #EXACT_DEFAULT}
   * ahead of any pattern (an exact name wins, as in Hazelcast's own lookup). Everything else is
   * the wrapped matcher's answer; it never matches {@link #EXACT_DEFAULT} itself, which has no
   * {@code *}.
   */
  record ExactDefaultMatcher(ConfigPatternMatcher delegate) implements ConfigPatternMatcher {

    @Override
    public String matches(Iterable<String> configPatterns, String itemName)
        throws InvalidConfigurationException {
      if (DEFAULT.equals(itemName)) {
        for (String pattern : configPatterns) {
          if (EXACT_DEFAULT.equals(pattern)) {
            return pattern;
          }
        }
      }
      return delegate.matches(configPatterns, itemName);
    }
  }
}
