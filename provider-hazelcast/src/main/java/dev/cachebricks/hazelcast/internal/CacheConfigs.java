package dev.cachebricks.hazelcast.internal;

import com.hazelcast.config.CacheConfig;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.config.MergePolicyConfig;
import dev.cachebricks.hazelcast.HazelcastConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;

/**
 * Cache configurations on Hazelcast, in one place for every path that creates a cache (the
 * adapter, tenants, the JSR-107 provider): no cache is ever created with Hazelcast's implicit
 * default bound of 10,000 entries per member.
 *
 * <p>Internal: not part of the public API.
 */
public final class CacheConfigs {

  private CacheConfigs() {}

  /**
   * Returns the configuration of a cachebricks cache: {@code String} keys, {@code byte[]}
   * values, BINARY in-memory format (so compare-and-set compares serialized bytes), statistics
   * on, synchronous backups, an explicit entry bound, and the settings' split-brain protection
   * and merge policy.
   *
   * @param settings the backend's settings
   * @return a new configuration
   */
  public static CacheConfig<String, byte[]> forAdapter(HazelcastConfig settings) {
    CacheConfig<String, byte[]> config = new CacheConfig<>();
    config.setTypes(String.class, byte[].class);
    config.setInMemoryFormat(InMemoryFormat.BINARY);
    config.setStatisticsEnabled(true);
    applySettings(config, settings);
    return config;
  }

  /**
   * Returns the name of the split-brain protection caches refer to when the settings ask for
   * one: every member must declare it ({@link SecureDefaults} does for cachebricks' embedded
   * members; members of a client's cluster declare it in their own configuration).
   *
   * @param minClusterSize the minimum cluster size, positive
   * @return the name, {@code cachebricks-min-<size>}
   */
  public static String protectionName(int minClusterSize) {
    return "cachebricks-min-" + minClusterSize;
  }

  /**
   * Lists how an existing cache's configuration differs from what the settings would have
   * created: a cache declared in a member's configuration, or created by another application
   * with other settings, keeps its own.
   *
   * @param existing the cache's configuration
   * @param settings the backend's settings
   * @return one line per difference; empty when it matches
   */
  public static List<String> differences(CacheConfig<?, ?> existing, HazelcastConfig settings) {
    CacheConfig<String, byte[]> wanted = forAdapter(settings);
    List<String> differences = new ArrayList<>();
    compare(differences, "backup-count", existing.getBackupCount(), wanted.getBackupCount());
    compare(differences, "async-backup-count", existing.getAsyncBackupCount(),
        wanted.getAsyncBackupCount());
    compare(differences, "in-memory-format", existing.getInMemoryFormat(),
        wanted.getInMemoryFormat());
    compare(differences, "eviction max-size-policy",
        existing.getEvictionConfig().getMaxSizePolicy(),
        wanted.getEvictionConfig().getMaxSizePolicy());
    compare(differences, "eviction size", existing.getEvictionConfig().getSize(),
        wanted.getEvictionConfig().getSize());
    compare(differences, "split-brain-protection-ref", existing.getSplitBrainProtectionName(),
        wanted.getSplitBrainProtectionName());
    compare(differences, "merge-policy", existing.getMergePolicyConfig().getPolicy(),
        wanted.getMergePolicyConfig().getPolicy());
    return differences;
  }

  private static void compare(List<String> out, String what, Object is, Object wanted) {
    if (!Objects.equals(is, wanted)) {
      out.add(what + " is " + is + ", settings say " + wanted);
    }
  }

  private static void applySettings(CacheConfig<?, ?> config, HazelcastConfig settings) {
    config.setBackupCount(settings.backupCount());
    config.setAsyncBackupCount(0);
    config.setEvictionConfig(entryBound(settings.maxEntriesPerCache()));
    int minimum = settings.cluster().splitBrainProtection();
    config.setSplitBrainProtectionName(minimum > 0 ? protectionName(minimum) : null);
    config.setMergePolicyConfig(new MergePolicyConfig(
        settings.cluster().mergePolicy().className(), MergePolicyConfig.DEFAULT_BATCH_SIZE));
  }

  /**
   * Translates a JSR-107 configuration for Hazelcast. A Hazelcast {@link CacheConfig} is the
   * application's explicit choice and is returned unchanged. Any other configuration keeps every
   * JSR-107 setting it has (types, expiry, loaders, writers, listeners, statistics, management)
   * and gets the same entry bound, backups, split-brain protection and merge policy as
   * cachebricks caches, instead of Hazelcast's implicit default bound.
   *
   * @param configuration what the application passed to {@code createCache}; null is passed on
   *     (Hazelcast then throws the {@code NullPointerException} JSR-107 requires)
   * @param settings the backend's settings
   * @param <K> key type
   * @param <V> value type
   * @param <C> configuration type
   * @return the configuration to create the cache with
   */
  @SuppressWarnings("unchecked")
  public static <K, V, C extends Configuration<K, V>> Configuration<K, V> forJCache(
      C configuration, HazelcastConfig settings) {
    if (configuration == null || configuration instanceof CacheConfig) {
      return configuration;
    }
    CacheConfig<K, V> config;
    if (configuration instanceof CompleteConfiguration<K, V> complete) {
      config = new CacheConfig<>(complete);
    } else {
      config = new CacheConfig<>();
      config.setStoreByValue(configuration.isStoreByValue());
      config.setTypes(configuration.getKeyType(), configuration.getValueType());
    }
    applySettings(config, settings);
    return config;
  }

  private static EvictionConfig entryBound(int maxEntries) {
    return new EvictionConfig()
        .setMaxSizePolicy(MaxSizePolicy.ENTRY_COUNT)
        .setSize(maxEntries)
        .setEvictionPolicy(EvictionPolicy.LRU);
  }
}
