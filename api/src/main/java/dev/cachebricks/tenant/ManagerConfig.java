package dev.cachebricks.tenant;

import dev.cachebricks.CacheConfigException;
import java.time.Duration;
import java.time.InstantSource;

/**
 * Immutable, validated configuration of a {@link Manager}.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code maxTenants}</td><td>100</td>
 *       <td>tenants with live local resources before the least recently used is released;
 *       0 = unbounded</td></tr>
 *   <tr><td>{@code idleTtl}</td><td>15 min</td>
 *       <td>a tenant unused this long is released by cleanup; {@link Duration#ZERO} =
 *       never</td></tr>
 *   <tr><td>{@code cleanupInterval}</td><td>5 min</td>
 *       <td>period used by {@link Manager#startCleanup()}</td></tr>
 *   <tr><td>{@code clock}</td><td>{@link InstantSource#system()}</td>
 *       <td>time source for idle tracking; replace it in tests</td></tr>
 * </table>
 *
 * Negative values are {@link CacheConfigException}s naming the field.
 *
 * @param maxTenants maximum tenants with live local resources, 0 for unbounded
 * @param idleTtl idle time after which cleanup releases a tenant, zero for never
 * @param cleanupInterval period of {@link Manager#startCleanup()}, positive
 * @param clock time source for idle tracking
 */
public record ManagerConfig(
    int maxTenants, Duration idleTtl, Duration cleanupInterval, InstantSource clock) {

  /** Default {@link #maxTenants()}. */
  public static final int DEFAULT_MAX_TENANTS = 100;
  /** Default {@link #idleTtl()}. */
  public static final Duration DEFAULT_IDLE_TTL = Duration.ofMinutes(15);
  /** Default {@link #cleanupInterval()}. */
  public static final Duration DEFAULT_CLEANUP_INTERVAL = Duration.ofMinutes(5);

  /**
   * Validates the settings.
   *
   * @param maxTenants maximum tenants with live local resources, 0 for unbounded
   * @param idleTtl idle time after which cleanup releases a tenant, zero for never
   * @param cleanupInterval period of {@link Manager#startCleanup()}, positive
   * @param clock time source for idle tracking
   * @throws CacheConfigException naming the first invalid field
   */
  public ManagerConfig {
    if (maxTenants < 0) {
      throw new CacheConfigException("maxTenants", "must not be negative, was " + maxTenants);
    }
    requireNonNegative("idleTtl", idleTtl);
    requireNonNegative("cleanupInterval", cleanupInterval);
    if (cleanupInterval.isZero()) {
      throw new CacheConfigException("cleanupInterval", "must be positive, was 0");
    }
    if (clock == null) {
      throw new CacheConfigException("clock", "must not be null");
    }
  }

  /**
   * Returns the default configuration: 100 tenants, 15 min idle TTL, 5 min cleanup interval.
   *
   * @return the defaults
   */
  public static ManagerConfig defaults() {
    return builder().build();
  }

  /**
   * Returns a builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  private static void requireNonNegative(String field, Duration value) {
    if (value == null) {
      throw new CacheConfigException(field, "must not be null");
    }
    if (value.isNegative()) {
      throw new CacheConfigException(field, "must not be negative, was " + value);
    }
  }

  /** Builds a {@link ManagerConfig}; validation happens in {@link #build()}. Not thread-safe. */
  public static final class Builder {
    private int maxTenants = DEFAULT_MAX_TENANTS;
    private Duration idleTtl = DEFAULT_IDLE_TTL;
    private Duration cleanupInterval = DEFAULT_CLEANUP_INTERVAL;
    private InstantSource clock = InstantSource.system();

    private Builder() {}

    /**
     * Sets the maximum number of tenants with live local resources.
     *
     * @param maxTenants the maximum, 0 for unbounded
     * @return this builder
     */
    public Builder maxTenants(int maxTenants) {
      this.maxTenants = maxTenants;
      return this;
    }

    /**
     * Sets the idle time after which cleanup releases a tenant.
     *
     * @param idleTtl the idle TTL, {@link Duration#ZERO} for never
     * @return this builder
     */
    public Builder idleTtl(Duration idleTtl) {
      this.idleTtl = idleTtl;
      return this;
    }

    /**
     * Sets the period used by {@link Manager#startCleanup()}.
     *
     * @param cleanupInterval the period, positive
     * @return this builder
     */
    public Builder cleanupInterval(Duration cleanupInterval) {
      this.cleanupInterval = cleanupInterval;
      return this;
    }

    /**
     * Sets the time source for idle tracking (tests pass a controllable one).
     *
     * @param clock the time source
     * @return this builder
     */
    public Builder clock(InstantSource clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Validates and builds the configuration.
     *
     * @return the configuration
     * @throws CacheConfigException naming the first invalid field
     */
    public ManagerConfig build() {
      return new ManagerConfig(maxTenants, idleTtl, cleanupInterval, clock);
    }
  }
}
