package dev.cachebricks.hazelcast.internal;

import com.hazelcast.config.CacheConfig;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MaxSizePolicy;
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
   * on, synchronous backups and an explicit entry bound.
   *
   * @param maxEntries the ENTRY_COUNT eviction bound (per member, enforced per partition)
   * @param backupCount synchronous backups
   * @return a new configuration
   */
  public static CacheConfig<String, byte[]> forAdapter(int maxEntries, int backupCount) {
    CacheConfig<String, byte[]> config = new CacheConfig<>();
    config.setTypes(String.class, byte[].class);
    config.setInMemoryFormat(InMemoryFormat.BINARY);
    config.setStatisticsEnabled(true);
    config.setBackupCount(backupCount);
    config.setAsyncBackupCount(0);
    config.setEvictionConfig(entryBound(maxEntries));
    return config;
  }

  /**
   * Translates a JSR-107 configuration for Hazelcast. A Hazelcast {@link CacheConfig} is the
   * application's explicit choice and is returned unchanged. Any other configuration keeps every
   * JSR-107 setting it has (types, expiry, loaders, writers, listeners, statistics, management)
   * and gets the same entry bound and backups as cachebricks caches, instead of Hazelcast's
   * implicit default bound.
   *
   * @param configuration what the application passed to {@code createCache}; null is passed on
   *     (Hazelcast then throws the {@code NullPointerException} JSR-107 requires)
   * @param maxEntries the ENTRY_COUNT eviction bound
   * @param backupCount synchronous backups
   * @param <K> key type
   * @param <V> value type
   * @param <C> configuration type
   * @return the configuration to create the cache with
   */
  @SuppressWarnings("unchecked")
  public static <K, V, C extends Configuration<K, V>> Configuration<K, V> forJCache(
      C configuration, int maxEntries, int backupCount) {
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
    config.setBackupCount(backupCount);
    config.setAsyncBackupCount(0);
    config.setEvictionConfig(entryBound(maxEntries));
    return config;
  }

  private static EvictionConfig entryBound(int maxEntries) {
    return new EvictionConfig()
        .setMaxSizePolicy(MaxSizePolicy.ENTRY_COUNT)
        .setSize(maxEntries)
        .setEvictionPolicy(EvictionPolicy.LRU);
  }
}
