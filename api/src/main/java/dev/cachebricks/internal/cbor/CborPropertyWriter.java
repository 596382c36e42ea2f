package dev.cachebricks.internal.cbor;

import dev.cachebricks.cbor.CborKey;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.PropertyName;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.BeanPropertyWriter;

/**
 * A bean property as the Go encoder writes it, where Jackson's writer differs: a {@link CborKey}
 * property is named by an {@link IntKeyName} (written as an integer key), and a {@code
 * NON_DEFAULT} float or double property (the codec's {@code omitempty}) omits {@code -0.0} as
 * well as {@code 0.0}, as Go does ({@code -0.0 == 0}; Jackson compares with {@code equals}).
 */
final class CborPropertyWriter extends BeanPropertyWriter {

  private static final long serialVersionUID = 1L;

  private final boolean omitsNegativeZero;

  private CborPropertyWriter(BeanPropertyWriter base) {
    super(base);
    this.omitsNegativeZero = suppressesZero();
  }

  private CborPropertyWriter(BeanPropertyWriter base, IntKeyName name) {
    super(base, name);
    this.omitsNegativeZero = suppressesZero();
  }

  private CborPropertyWriter(BeanPropertyWriter base, PropertyName name) {
    super(base, name);
    this.omitsNegativeZero = suppressesZero();
  }

  /**
   * Returns the writer to use for a property: {@code base} itself unless the property has an
   * integer key or omits a zero float.
   *
   * @param base Jackson's writer
   * @return the writer
   */
  static BeanPropertyWriter of(BeanPropertyWriter base) {
    CborKey key = base.getAnnotation(CborKey.class);
    if (key != null) {
      return new CborPropertyWriter(base, new IntKeyName(IntKeyName.keyOf(key)));
    }
    CborPropertyWriter writer = new CborPropertyWriter(base);
    return writer.omitsNegativeZero ? writer : base;
  }

  /** Whether Jackson omits this property's value when it is (positive) zero. */
  private boolean suppressesZero() {
    return (_suppressableValue instanceof Double d && d == 0.0)
        || (_suppressableValue instanceof Float f && f == 0.0f);
  }

  @Override
  public void serializeAsProperty(Object bean, JsonGenerator g, SerializationContext ctxt)
      throws Exception {
    if (omitsNegativeZero) {
      Object value = get(bean);
      if ((value instanceof Double d && d == 0.0) || (value instanceof Float f && f == 0.0f)) {
        return; // -0.0 == 0.0 is true, as in Go
      }
    }
    super.serializeAsProperty(bean, g, ctxt);
  }

  /** A renamed copy (a prefix or suffix of {@code @JsonUnwrapped}): a text name, as decoded. */
  @Override
  protected BeanPropertyWriter _new(PropertyName newName) {
    return new CborPropertyWriter(this, newName);
  }
}
