package dev.cachebricks.internal.cbor;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.core.Base64Variant;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.SerializableString;
import tools.jackson.core.util.JsonGeneratorDelegate;

/**
 * Sits between Jackson's serializers and its CBOR generator so that the common case comes out
 * canonical without a second pass (see {@link CanonicalEncoder}).
 *
 * <ul>
 *   <li>A POJO is written as a definite-length map when its class has written the same number of
 *       properties before (a learned count; the generator checks it and a wrong one makes the
 *       class {@link #UNSTABLE} and the encode run again).
 *   <li>Names marked with {@link CborMappers#INT_KEY_PREFIX} are written as integer keys.
 *   <li>BigIntegers that fit a long are written as plain integers.
 *   <li>Anything else that is not canonical as written (an unknown or unstable POJO, keys out of
 *       order, long or streamed strings, raw output, indefinite arrays, big numbers) only sets
 *       {@link #dirty}, and {@link Canonicalizer} then rewrites the bytes.
 * </ul>
 */
final class CanonicalGenerator extends JsonGeneratorDelegate {

  /** A class not seen yet: written indefinite while its properties are counted. */
  static final int UNKNOWN = -2;
  /** A class whose property count varies: always written indefinite. */
  static final int UNSTABLE = -1;
  /** Strings longer than this may be written in chunks by Jackson. */
  private static final int LONG_STRING = 1000;

  private final ClassValue<AtomicInteger> counts;
  private final boolean learn;
  /** Set when the output needs {@link Canonicalizer}. */
  boolean dirty;
  /** Set when a learned count turned out wrong: the encode must run again. */
  boolean retry;

  // One frame per open container: the learned count being checked or learned, names written, and
  // the previous key (text bytes, or an integer key when prevText is null).
  private AtomicInteger[] frameCount = new AtomicInteger[16];
  private int[] frameExpected = new int[16];
  private int[] frameNames = new int[16];
  private byte[][] framePrevText = new byte[16][];
  private long[] framePrevInt = new long[16];
  private int top = -1;

  /**
   * Wraps a generator.
   *
   * @param delegate Jackson's CBOR generator
   * @param counts learned property counts per class
   * @param learn false to write every POJO indefinite (the fallback after a wrong count)
   */
  CanonicalGenerator(JsonGenerator delegate, ClassValue<AtomicInteger> counts, boolean learn) {
    super(delegate, false);
    this.counts = counts;
    this.learn = learn;
  }

  // --- containers ---------------------------------------------------------------------------

  private void push(AtomicInteger count, int expected) {
    if (++top == frameNames.length) {
      int n = top * 2;
      frameCount = Arrays.copyOf(frameCount, n);
      frameExpected = Arrays.copyOf(frameExpected, n);
      frameNames = Arrays.copyOf(frameNames, n);
      framePrevText = Arrays.copyOf(framePrevText, n);
      framePrevInt = Arrays.copyOf(framePrevInt, n);
    }
    frameCount[top] = count;
    frameExpected[top] = expected;
    frameNames[top] = 0;
    framePrevText[top] = null;
    framePrevInt[top] = -1;
  }

  @Override
  public JsonGenerator writeStartObject() throws JacksonException {
    return writeStartObject(null);
  }

  @Override
  public JsonGenerator writeStartObject(Object forValue) throws JacksonException {
    AtomicInteger count = learn && forValue != null ? counts.get(forValue.getClass()) : null;
    int known = count == null ? UNSTABLE : count.get();
    if (known >= 0) {
      push(count, known);
      delegate.writeStartObject(forValue, known);
    } else {
      dirty = true;
      push(known == UNKNOWN ? count : null, -1);
      delegate.writeStartObject(forValue);
    }
    return this;
  }

  @Override
  public JsonGenerator writeStartObject(Object forValue, int size) throws JacksonException {
    push(null, -1);
    delegate.writeStartObject(forValue, size);
    return this;
  }

  @Override
  public JsonGenerator writeEndObject() throws JacksonException {
    if (top >= 0) {
      AtomicInteger count = frameCount[top];
      int names = frameNames[top];
      if (frameExpected[top] >= 0) {
        if (names != frameExpected[top]) {
          wrongCount(count);
        }
      } else if (count != null) {
        count.compareAndSet(UNKNOWN, names);
      }
      top--;
    }
    delegate.writeEndObject();
    return this;
  }

  private void wrongCount(AtomicInteger count) {
    count.set(UNSTABLE);
    retry = true;
  }

  @Override
  public JsonGenerator writeStartArray() throws JacksonException {
    return writeStartArray(null);
  }

  @Override
  public JsonGenerator writeStartArray(Object forValue) throws JacksonException {
    dirty = true;
    push(null, -1);
    delegate.writeStartArray(forValue);
    return this;
  }

  @Override
  public JsonGenerator writeStartArray(Object forValue, int size) throws JacksonException {
    push(null, -1);
    delegate.writeStartArray(forValue, size);
    return this;
  }

  @Override
  public JsonGenerator writeEndArray() throws JacksonException {
    top = Math.max(top - 1, -1);
    delegate.writeEndArray();
    return this;
  }

  // --- keys ---------------------------------------------------------------------------------

  @Override
  public JsonGenerator writeName(SerializableString name) throws JacksonException {
    String value = name.getValue();
    long intKey = CborMappers.intKey(value);
    if (intKey >= 0) {
      return writePropertyId(intKey);
    }
    if (!dirty) {
      orderText(name.asUnquotedUTF8());
    }
    countName();
    delegate.writeName(name);
    return this;
  }

  @Override
  public JsonGenerator writeName(String name) throws JacksonException {
    long intKey = CborMappers.intKey(name);
    if (intKey >= 0) {
      return writePropertyId(intKey);
    }
    if (!dirty) {
      orderText(name.getBytes(StandardCharsets.UTF_8));
    }
    countName();
    delegate.writeName(name);
    return this;
  }

  @Override
  public JsonGenerator writePropertyId(long id) throws JacksonException {
    if (id < 0) {
      dirty = true;
    }
    if (!dirty) {
      orderInt(id);
    }
    countName();
    delegate.writePropertyId(id);
    return this;
  }

  private void countName() {
    if (top >= 0 && ++frameNames[top] > frameExpected[top] && frameExpected[top] >= 0) {
      wrongCount(frameCount[top]); // the generator reports the size mismatch
    }
  }

  /** Keys must come strictly in canonical order: shorter encoded key first, then bytewise. */
  private void orderText(byte[] utf8) {
    if (top < 0) {
      return;
    }
    int length = Canonicalizer.headSize(utf8.length) + utf8.length;
    byte[] prevText = framePrevText[top];
    long prevInt = framePrevInt[top];
    if (prevText != null) {
      int prevLength = Canonicalizer.headSize(prevText.length) + prevText.length;
      if (prevLength > length || (prevLength == length && Arrays.compareUnsigned(prevText, utf8) >= 0)) {
        dirty = true;
      }
    } else if (prevInt >= 0 && Canonicalizer.headSize(prevInt) > length) {
      dirty = true; // an integer key of the same size sorts first (major type 0 before 3)
    }
    framePrevText[top] = utf8;
  }

  private void orderInt(long id) {
    if (top < 0) {
      return;
    }
    int length = Canonicalizer.headSize(id);
    byte[] prevText = framePrevText[top];
    long prevInt = framePrevInt[top];
    if (prevText != null) {
      if (Canonicalizer.headSize(prevText.length) + prevText.length >= length) {
        dirty = true;
      }
    } else if (prevInt >= 0 && (Canonicalizer.headSize(prevInt) > length || Long.compareUnsigned(prevInt, id) >= 0)) {
      dirty = true;
    }
    framePrevText[top] = null;
    framePrevInt[top] = id;
  }

  // --- values that may not be canonical as Jackson writes them ---------------------------

  @Override
  public JsonGenerator writeString(String text) throws JacksonException {
    if (text != null && text.length() > LONG_STRING) {
      dirty = true;
    }
    delegate.writeString(text);
    return this;
  }

  @Override
  public JsonGenerator writeString(char[] text, int offset, int len) throws JacksonException {
    if (len > LONG_STRING) {
      dirty = true;
    }
    delegate.writeString(text, offset, len);
    return this;
  }

  @Override
  public JsonGenerator writeString(SerializableString text) throws JacksonException {
    if (text.getValue().length() > LONG_STRING) {
      dirty = true;
    }
    delegate.writeString(text);
    return this;
  }

  @Override
  public JsonGenerator writeString(Reader reader, int len) throws JacksonException {
    dirty = true;
    delegate.writeString(reader, len);
    return this;
  }

  @Override
  public JsonGenerator writeUTF8String(byte[] text, int offset, int length) throws JacksonException {
    if (length > LONG_STRING) {
      dirty = true;
    }
    delegate.writeUTF8String(text, offset, length);
    return this;
  }

  @Override
  public JsonGenerator writeRawUTF8String(byte[] text, int offset, int length) throws JacksonException {
    dirty = true;
    delegate.writeRawUTF8String(text, offset, length);
    return this;
  }

  @Override
  public int writeBinary(Base64Variant variant, InputStream data, int dataLength) throws JacksonException {
    dirty = true;
    return delegate.writeBinary(variant, data, dataLength);
  }

  @Override
  public JsonGenerator writeNumber(BigInteger v) throws JacksonException {
    if (v != null && v.bitLength() < 64) {
      delegate.writeNumber(v.longValue());
    } else {
      dirty = true;
      delegate.writeNumber(v);
    }
    return this;
  }

  @Override
  public JsonGenerator writeNumber(BigDecimal v) throws JacksonException {
    if (v != null && v.unscaledValue().bitLength() >= 63) {
      dirty = true;
    }
    delegate.writeNumber(v);
    return this;
  }

  @Override
  public JsonGenerator writeRaw(String text) throws JacksonException {
    dirty = true;
    return super.writeRaw(text);
  }

  @Override
  public JsonGenerator writeRaw(String text, int offset, int len) throws JacksonException {
    dirty = true;
    return super.writeRaw(text, offset, len);
  }

  @Override
  public JsonGenerator writeRaw(char[] text, int offset, int len) throws JacksonException {
    dirty = true;
    return super.writeRaw(text, offset, len);
  }

  @Override
  public JsonGenerator writeRaw(char c) throws JacksonException {
    dirty = true;
    return super.writeRaw(c);
  }

  @Override
  public JsonGenerator writeRaw(SerializableString raw) throws JacksonException {
    dirty = true;
    return super.writeRaw(raw);
  }

  @Override
  public JsonGenerator writeRawValue(String text) throws JacksonException {
    dirty = true;
    return super.writeRawValue(text);
  }

  @Override
  public JsonGenerator writeRawValue(String text, int offset, int len) throws JacksonException {
    dirty = true;
    return super.writeRawValue(text, offset, len);
  }

  @Override
  public JsonGenerator writeRawValue(char[] text, int offset, int len) throws JacksonException {
    dirty = true;
    return super.writeRawValue(text, offset, len);
  }

  @Override
  public JsonGenerator writeEmbeddedObject(Object object) throws JacksonException {
    dirty = true;
    return super.writeEmbeddedObject(object);
  }

  @Override
  public void copyCurrentEvent(JsonParser p) throws JacksonException {
    dirty = true;
    super.copyCurrentEvent(p);
  }

  @Override
  public void copyCurrentStructure(JsonParser p) throws JacksonException {
    dirty = true;
    super.copyCurrentStructure(p);
  }
}
