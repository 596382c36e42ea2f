package dev.cachebricks;

import java.time.Duration;

/**
 * The operations of a {@link Cache}, named once for everything that reports on them: error
 * messages ({@link CacheOperationException#op()}), metric attributes ({@code db.operation.name},
 * see {@link #metricName()}) and fault injection in the in-memory test double.
 */
public enum Operation {
  /** {@link Cache#get(String)}. */
  GET("get"),
  /** {@link Cache#set(String, byte[], Duration)}. */
  SET("set"),
  /** {@link Cache#delete(String)}. */
  DELETE("delete"),
  /** {@link Cache#getOrSet(String, byte[], Duration)}. */
  GET_OR_SET("getorset"),
  /** {@link Cache#compareAndSet(String, byte[], byte[], Duration)}. */
  COMPARE_AND_SET("cas"),
  /** {@link Cache#compareAndDelete(String, byte[])}. */
  COMPARE_AND_DELETE("cad"),
  /** {@link Cache#health()}; {@code ping} in metrics. */
  HEALTH("health", "ping");

  private final String opName;
  private final String metricName;

  Operation(String opName) {
    this(opName, opName);
  }

  Operation(String opName, String metricName) {
    this.opName = opName;
    this.metricName = metricName;
  }

  /**
   * Returns the short name used in error messages and metric tags ({@code "get"},
   * {@code "getorset"}, {@code "cas"}, ...).
   *
   * @return the name
   */
  public String opName() {
    return opName;
  }

  /**
   * Returns the value of the {@code db.operation.name} metric attribute: {@link #opName()} for
   * every operation but {@link #HEALTH}, which is {@code "ping"} so that dashboards shared with
   * the Go package match.
   *
   * @return the name
   */
  public String metricName() {
    return metricName;
  }

  @Override
  public String toString() {
    return opName;
  }
}
