package dev.cachebricks;

import java.util.Arrays;
import java.util.Objects;

/**
 * The outcome of {@link Cache#getOrSet(String, byte[], java.time.Duration)}: the value now stored
 * under the key, and whether this call stored it.
 *
 * <p>Immutable: the value is copied on construction and on every read of {@link #value()}, and
 * {@link #equals(Object)} compares values by content.
 */
public final class GetOrSetResult {

  private final byte[] value;
  private final boolean stored;

  /**
   * Creates a result.
   *
   * @param value the value now stored under the key (copied)
   * @param stored true if this call stored {@code value}, false if an existing value was kept
   */
  public GetOrSetResult(byte[] value, boolean stored) {
    this.value = Objects.requireNonNull(value, "value must not be null").clone();
    this.stored = stored;
  }

  /**
   * Returns the value now stored under the key: the caller's value if {@link #stored()}, the
   * existing one otherwise.
   *
   * @return a copy of the value
   */
  public byte[] value() {
    return value.clone();
  }

  /**
   * Tells whether this call stored its value.
   *
   * @return true if the key was absent and this call stored the value
   */
  public boolean stored() {
    return stored;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GetOrSetResult other
        && stored == other.stored
        && Arrays.equals(value, other.value);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(value) + Boolean.hashCode(stored);
  }

  @Override
  public String toString() {
    return "GetOrSetResult[stored=" + stored + ", value=" + value.length + " bytes]";
  }
}
