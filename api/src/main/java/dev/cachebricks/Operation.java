package dev.cachebricks;

import java.time.Duration;

/**
 * The operations of a {@link Cache}, named once for everything that reports on them: error
 * messages ({@link CacheOperationException#op()}), metric tags ({@code db.operation.name}) and
 * fault injection in the in-memory test double.
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
  /** {@link Cache#health()}. */
  HEALTH("health");

  private final String opName;

  Operation(String opName) {
    this.opName = opName;
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

  @Override
  public String toString() {
    return opName;
  }
}
