package dev.cachebricks.internal.cbor;

import dev.cachebricks.cbor.CborKey;
import tools.jackson.core.io.SerializedString;

/**
 * The serialized name of a {@link CborKey} property: its decimal digits, carrying the integer
 * key itself. The generator writes such a name as an integer key; any other name, however it
 * looks, is written as text. The key travels with the name object, out of band, so no text key
 * can ever be read as an integer key.
 */
final class IntKeyName extends SerializedString {

  private static final long serialVersionUID = 1L;

  /** The integer key, 0 or more. */
  final long key;

  IntKeyName(long key) {
    super(Long.toString(key));
    this.key = key;
  }

  /**
   * The integer key of a {@link CborKey} annotation.
   *
   * @throws IllegalArgumentException if it is negative
   */
  static int keyOf(CborKey key) {
    if (key.value() < 0) {
      throw new IllegalArgumentException("@CborKey must not be negative: " + key.value());
    }
    return key.value();
  }
}
