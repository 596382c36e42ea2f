package dev.cachebricks.spring.boot;

import dev.cachebricks.CacheConfigException;
import dev.cachebricks.EntryLimits;
import dev.cachebricks.hazelcast.HazelcastConfig;
import dev.cachebricks.hazelcast.HazelcastProperties;
import dev.cachebricks.tenant.ManagerConfig;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Turns {@link CachebricksProperties} into the library's validated settings, in one place. The
 * library validates (it names its own fields); this class only renames the field in a
 * {@link CacheConfigException} to the property the user wrote, so a failed startup points at
 * the line of {@code application.yml} to fix.
 */
final class PropertyConfigs {

  private static final String HAZELCAST = CachebricksProperties.PREFIX + ".hazelcast.";
  private static final String MANAGER = CachebricksProperties.PREFIX + ".manager.";
  /** The value limit is a {@code DataSize} here, bytes in the library (no key of its own). */
  private static final String MAX_VALUE_BYTES = "maxValueBytes";

  private PropertyConfigs() {}

  /**
   * Builds the Hazelcast settings the properties describe; like
   * {@link dev.cachebricks.hazelcast.HazelcastProperties#read()}, client mode unless told otherwise
   * when
   * addresses or a client config are given.
   *
   * @param asyncExecutor the executor that completes asynchronous results, or null
   */
  static HazelcastConfig hazelcast(CachebricksProperties.Hazelcast p,
      java.util.concurrent.Executor asyncExecutor) {
    return validated(HAZELCAST, () -> {
      HazelcastConfig.Builder b = HazelcastConfig.builder()
          .asyncExecutor(asyncExecutor)
          .clusterName(p.getClusterName())
          .port(p.getPort())
          .connectTimeout(p.getConnectTimeout())
          .operationTimeout(p.getOperationTimeout())
          .maxEntriesPerCache(p.getMaxEntries())
          .backupCount(p.getBackupCount())
          .limits(new EntryLimits(p.getMaxKeyLength(), valueBytes(p)));
      CachebricksProperties.NearCache nearCache = p.getNearCache();
      if (nearCache.getCaches() != null && !nearCache.getCaches().isEmpty()) {
        b.nearCache(nearCache.getCaches().toArray(String[]::new));
      }
      b.nearCacheMaxEntries(nearCache.getMaxEntries())
          .nearCacheMaxStaleness(nearCache.getMaxStaleness());
      boolean addresses = p.getAddresses() != null && !p.getAddresses().isEmpty();
      if (addresses) {
        b.addresses(p.getAddresses());
      }
      if (p.getClientConfig() != null) {
        b.clientConfig(p.getClientConfig());
      }
      if (p.getMode() != null) {
        b.mode(p.getMode());
      } else if (addresses) {
        b.mode(HazelcastConfig.Mode.CLIENT); // a client config switched the builder already
      }
      return b.build();
    });
  }

  /** Builds the manager configuration the properties describe. */
  static ManagerConfig manager(CachebricksProperties.Manager p) {
    return validated(MANAGER, () -> ManagerConfig.builder()
        .maxTenants(p.getMaxTenants())
        .idleTtl(p.getIdleTtl())
        .cleanupInterval(p.getCleanupInterval())
        .build());
  }

  private static int valueBytes(CachebricksProperties.Hazelcast p) {
    if (p.getMaxValueSize() == null) {
      throw new CacheConfigException(MAX_VALUE_BYTES, "must not be null");
    }
    long bytes = p.getMaxValueSize().toBytes();
    if (bytes > Integer.MAX_VALUE) {
      throw new CacheConfigException(MAX_VALUE_BYTES,
          "must be at most " + Integer.MAX_VALUE + " bytes, was " + bytes);
    }
    return (int) bytes;
  }

  private static <T> T validated(String prefix, Supplier<T> build) {
    try {
      return build.get();
    } catch (CacheConfigException e) {
      throw new CacheConfigException(property(prefix, e.field()), e.detail(), e.getCause());
    }
  }

  /**
   * The property of a library field: a Hazelcast field's key from {@link HazelcastProperties}'s
   * table ({@code maxEntriesPerCache} is {@code ...max-entries}), else the field in kebab case
   * ({@code idleTtl} is {@code ...idle-ttl}).
   */
  static String property(String prefix, String field) {
    if (prefix.equals(HAZELCAST)) {
      if (field.equals(MAX_VALUE_BYTES)) {
        return HAZELCAST + "max-value-size";
      }
      for (HazelcastProperties.Key key : HazelcastProperties.Key.values()) {
        if (key.field().equals(field)) {
          return key.property();
        }
      }
    }
    return prefix + field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
