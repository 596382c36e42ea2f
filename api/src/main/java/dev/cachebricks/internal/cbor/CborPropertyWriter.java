package dev.cachebricks.internal.cbor;

import dev.cachebricks.CborKey;
import tools.jackson.databind.PropertyName;
import tools.jackson.databind.ser.BeanPropertyWriter;

/**
 * A bean property as the Go encoder writes it, where Jackson's writer differs: a {@link CborKey}
 * property is named by an {@link IntKeyName} (written as an integer key).
 */
final class CborPropertyWriter extends BeanPropertyWriter {

  private static final long serialVersionUID = 1L;

  private CborPropertyWriter(BeanPropertyWriter base, IntKeyName name) {
    super(base, name);
  }

  private CborPropertyWriter(BeanPropertyWriter base, PropertyName name) {
    super(base, name);
  }

  /**
   * Returns the writer to use for a property: {@code base} itself unless the property has an
   * integer key.
   *
   * @param base Jackson's writer
   * @return the writer
   */
  static BeanPropertyWriter of(BeanPropertyWriter base) {
    CborKey key = base.getAnnotation(CborKey.class);
    if (key != null) {
      if (key.value() < 0) {
        throw new IllegalArgumentException("@CborKey must not be negative: " + key.value());
      }
      return new CborPropertyWriter(base, new IntKeyName(key.value()));
    }
    return base;
  }

  /** A renamed copy (a prefix or suffix of {@code @JsonUnwrapped}): a text name, as decoded. */
  @Override
  protected BeanPropertyWriter _new(PropertyName newName) {
    return new CborPropertyWriter(this, newName);
  }
}
