package dev.cachebricks;

import dev.cachebricks.tenant.Manager;

/**
 * The documented keys of {@link Cache#stats()} and {@link Manager#stats()}. Every implementation
 * reports at least the cache counters below as {@code Long}s; backends add their own figures
 * under other names.
 */
public final class StatsKeys {

  private StatsKeys() {}

  /** {@code get} calls that found a value. */
  public static final String HITS = "hits";
  /** {@code get} calls that found nothing. */
  public static final String MISSES = "misses";
  /** Successful {@code set} calls. */
  public static final String SETS = "sets";
  /** Successful {@code delete} calls. */
  public static final String DELETES = "deletes";
  /** {@code getOrSet} calls that stored their value. */
  public static final String GETORSET_SET = "getorset_set";
  /** {@code getOrSet} calls that found an existing value. */
  public static final String GETORSET_EXISTING = "getorset_existing";
  /** {@code compareAndSet} calls that applied. */
  public static final String CAS_SUCCESS = "cas_success";
  /** {@code compareAndSet} calls that did not apply. */
  public static final String CAS_FAILURE = "cas_failure";
  /** {@code compareAndDelete} calls that removed the key. */
  public static final String CAD_SUCCESS = "cad_success";
  /** {@code compareAndDelete} calls that did not remove the key. */
  public static final String CAD_FAILURE = "cad_failure";
  /** Operations that failed with an exception other than an argument error. */
  public static final String ERRORS = "errors";

  /** Manager: tenants with live local resources now. */
  public static final String ACTIVE_TENANTS = "active_tenants";
  /** Manager: tenant attachments created since start (including re-attachments). */
  public static final String TOTAL_CREATED = "total_created";
  /** Manager: tenants released because the manager was over its maximum size. */
  public static final String LRU_EVICTIONS = "lru_evictions";
  /** Manager: tenants released because they were idle longer than the idle TTL. */
  public static final String IDLE_CLEANUPS = "idle_cleanups";
  /** Manager: the configured maximum number of tenants (0 = unbounded). */
  public static final String MAX_SIZE = "max_size";
  /** Manager: the configured idle TTL in milliseconds (0 = never idle out). */
  public static final String IDLE_TTL_MS = "idle_ttl_ms";
}
