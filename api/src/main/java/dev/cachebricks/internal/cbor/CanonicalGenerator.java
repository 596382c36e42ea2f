package dev.cachebricks.internal.cbor;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.core.Base64Variant;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.IOContext;
import tools.jackson.core.util.ByteArrayBuilder;
import tools.jackson.dataformat.cbor.CBORGenerator;

/**
 * Jackson's CBOR generator, writing the common case canonically as it goes so that no second
 * pass is needed (see {@link CanonicalEncoder}).
 *
 * <ul>
 *   <li>A POJO is written as a definite-length map when its class has written the same number of
 *       properties before (a learned count; the generator checks it and a wrong one makes the
 *       class {@link #UNSTABLE} and the encode run again).
 *   <li>An {@link IntKeyName} (a {@code CborKey} property's name) is written as an integer key;
 *       every other name as text.
 *   <li>BigIntegers that fit a long are written as plain integers.
 *   <li>Anything else that is not canonical as written (an unknown or unstable POJO, keys out of
 *       order, long or streamed strings, raw output, indefinite arrays, big numbers) only sets
 *       {@link #dirty}, and {@link Canonicalizer} then rewrites the bytes.
 * </ul>
 *
 * <p>When the root value is complete, {@link #close()} runs {@link Canonicalizer} over the
 * output if anything was flagged; the target must be the {@link ByteArrayBuilder} that {@code
 * ObjectWriter.writeValueAsBytes} passes. A wrong learned count throws {@link Retry}.
 */
final class CanonicalGenerator extends CBORGenerator {

  /** A class not seen yet: written indefinite while its properties are counted. */
  static final int UNKNOWN = -2;
  /** A class whose property count varies: always written indefinite. */
  static final int UNSTABLE = -1;
  /** Strings longer than this may be written in chunks by Jackson. */
  private static final int LONG_STRING = 1000;

  /**
   * A writer attribute: present, the generator learns and uses no property counts (every POJO is
   * written indefinite and canonicalized afterwards). The fallback after a {@link Retry}.
   */
  static final Object NO_LEARNING = new Object();

  /** Learned counts, or null when not learning. */
  private final ClassValue<AtomicInteger> counts;
  /** Set when the output needs {@link Canonicalizer}. */
  private boolean dirty;

  // The innermost open container: the learned count being checked or learned (null if none), the
  // expected count (-1 if none), names written, and the previous key: text (with its UTF-8
  // length) or, when the text is null, an integer key (-1 before the first key). Enclosing
  // containers are saved in the arrays, allocated only when containers nest.
  private int depth;
  private AtomicInteger count;
  private int expected = -1;
  private int names;
  private String prevText;
  private int prevTextLength;
  private long prevInt = -1;
  private Object[] savedRefs; // count, prevText per enclosing container
  private long[] savedNums; // expected, names, prevTextLength, prevInt per enclosing container

  /**
   * Creates a generator.
   *
   * @param counts learned property counts per class, or null to write every POJO indefinite
   */
  CanonicalGenerator(ObjectWriteContext writeCtxt, IOContext ioCtxt, int streamWriteFeatures,
      int formatFeatures, OutputStream out, ClassValue<AtomicInteger> counts) {
    super(writeCtxt, ioCtxt, streamWriteFeatures, formatFeatures, out);
    this.counts = counts;
  }

  @Override
  public void close() {
    boolean complete = !isClosed() && depth == 0 && _streamWriteContext.inRoot();
    super.close();
    if (complete && dirty) {
      if (!(_out instanceof ByteArrayBuilder bytes)) {
        throw new IllegalStateException("canonical CBOR is written to a byte array only");
      }
      byte[] canonical = Canonicalizer.canonicalize(bytes.toByteArray());
      bytes.reset(); // always: toByteArray itself empties a builder of several blocks
      bytes.write(canonical);
    }
  }

  // --- containers ---------------------------------------------------------------------------

  private void push(AtomicInteger newCount, int newExpected) {
    if (depth > 0) {
      int at = depth - 1;
      if (savedRefs == null || 2 * at == savedRefs.length) {
        int n = Math.max(4, 2 * at);
        savedRefs = savedRefs == null ? new Object[2 * n] : Arrays.copyOf(savedRefs, 2 * n);
        savedNums = savedNums == null ? new long[4 * n] : Arrays.copyOf(savedNums, 4 * n);
      }
      savedRefs[2 * at] = count;
      savedRefs[2 * at + 1] = prevText;
      savedNums[4 * at] = expected;
      savedNums[4 * at + 1] = names;
      savedNums[4 * at + 2] = prevTextLength;
      savedNums[4 * at + 3] = prevInt;
    }
    depth++;
    count = newCount;
    expected = newExpected;
    names = 0;
    prevText = null;
    prevInt = -1;
  }

  private void pop() {
    if (--depth > 0) {
      int at = depth - 1;
      count = (AtomicInteger) savedRefs[2 * at];
      prevText = (String) savedRefs[2 * at + 1];
      savedRefs[2 * at] = null;
      savedRefs[2 * at + 1] = null;
      expected = (int) savedNums[4 * at];
      names = (int) savedNums[4 * at + 1];
      prevTextLength = (int) savedNums[4 * at + 2];
      prevInt = savedNums[4 * at + 3];
    } else {
      count = null;
      expected = -1;
      prevText = null;
    }
  }

  @Override
  public JsonGenerator writeStartObject() throws JacksonException {
    return writeStartObject(null);
  }

  @Override
  public JsonGenerator writeStartObject(Object forValue) throws JacksonException {
    AtomicInteger count = counts != null && forValue != null
        ? counts.get(forValue.getClass()) : null;
    int known = count == null ? UNSTABLE : count.get();
    if (known >= 0) {
      push(count, known);
      super.writeStartObject(forValue, known);
    } else {
      dirty = true;
      push(known == UNKNOWN ? count : null, -1);
      super.writeStartObject(forValue);
    }
    return this;
  }

  @Override
  public JsonGenerator writeStartObject(Object forValue, int size) throws JacksonException {
    push(null, -1);
    super.writeStartObject(forValue, size);
    return this;
  }

  @Override
  public JsonGenerator writeEndObject() throws JacksonException {
    if (depth > 0) {
      if (expected >= 0) {
        if (names != expected) {
          wrongCount(count);
        }
      } else if (count != null) {
        count.compareAndSet(UNKNOWN, names);
      }
      pop();
    }
    super.writeEndObject();
    return this;
  }

  private void wrongCount(AtomicInteger count) {
    count.set(UNSTABLE);
    throw new Retry();
  }

  /** A learned count was wrong (the class is now {@link #UNSTABLE}): encode again. */
  static final class Retry extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Retry() {
      super("a learned property count was wrong", null, false, false);
    }
  }

  @Override
  public JsonGenerator writeStartArray() throws JacksonException {
    return writeStartArray(null);
  }

  @Override
  public JsonGenerator writeStartArray(Object forValue) throws JacksonException {
    dirty = true;
    push(null, -1);
    super.writeStartArray(forValue);
    return this;
  }

  @Override
  public JsonGenerator writeStartArray(Object forValue, int size) throws JacksonException {
    push(null, -1);
    super.writeStartArray(forValue, size);
    return this;
  }

  @Override
  public JsonGenerator writeEndArray() throws JacksonException {
    if (depth > 0) {
      pop();
    }
    super.writeEndArray();
    return this;
  }

  // --- keys ---------------------------------------------------------------------------------

  @Override
  public JsonGenerator writeName(SerializableString name) throws JacksonException {
    if (name instanceof IntKeyName intKey) {
      return writePropertyId(intKey.key);
    }
    if (!dirty) {
      orderText(name.getValue(), name.asUnquotedUTF8().length); // cached by SerializedString
    }
    countName();
    super.writeName(name);
    return this;
  }

  @Override
  public JsonGenerator writeName(String name) throws JacksonException {
    if (!dirty) {
      orderText(name, TextKeys.utf8Length(name));
    }
    countName();
    super.writeName(name);
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
    super.writePropertyId(id);
    return this;
  }

  private void countName() {
    if (++names > expected && expected >= 0) {
      wrongCount(count);
    }
  }

  /** Keys must come strictly in canonical order: shorter encoded key first, then bytewise. */
  private void orderText(String text, int utf8Length) {
    if (depth == 0) {
      return;
    }
    if (prevText != null) {
      if (TextKeys.compare(prevText, prevTextLength, text, utf8Length) >= 0) {
        dirty = true;
      }
    } else if (prevInt >= 0
        && Canonicalizer.headSize(prevInt) > Canonicalizer.headSize(utf8Length) + utf8Length) {
      dirty = true; // an integer key of the same size sorts first (major type 0 before 3)
    }
    prevText = text;
    prevTextLength = utf8Length;
  }

  private void orderInt(long id) {
    if (depth == 0) {
      return;
    }
    int length = Canonicalizer.headSize(id);
    if (prevText != null) {
      if (Canonicalizer.headSize(prevTextLength) + prevTextLength >= length) {
        dirty = true;
      }
    } else if (prevInt >= 0
        && (Canonicalizer.headSize(prevInt) > length || Long.compareUnsigned(prevInt, id) >= 0)) {
      dirty = true;
    }
    prevText = null;
    prevInt = id;
  }

  // --- values that may not be canonical as Jackson writes them ---------------------------

  @Override
  public JsonGenerator writeString(String text) throws JacksonException {
    if (text != null && text.length() > LONG_STRING) {
      dirty = true;
    }
    super.writeString(text);
    return this;
  }

  @Override
  public JsonGenerator writeString(char[] text, int offset, int len) throws JacksonException {
    if (len > LONG_STRING) {
      dirty = true;
    }
    super.writeString(text, offset, len);
    return this;
  }

  @Override
  public JsonGenerator writeString(SerializableString text) throws JacksonException {
    if (text.getValue().length() > LONG_STRING) {
      dirty = true;
    }
    super.writeString(text);
    return this;
  }

  @Override
  public JsonGenerator writeString(Reader reader, int len) throws JacksonException {
    dirty = true;
    super.writeString(reader, len);
    return this;
  }

  @Override
  public JsonGenerator writeUTF8String(byte[] text, int offset,
      int length) throws JacksonException {
    if (length > LONG_STRING) {
      dirty = true;
    }
    super.writeRawUTF8String(text, offset, length); // what Jackson's does, minus our dirty mark
    return this;
  }

  @Override
  public JsonGenerator writeRawUTF8String(byte[] text, int offset,
      int length) throws JacksonException {
    dirty = true;
    super.writeRawUTF8String(text, offset, length);
    return this;
  }

  @Override
  public int writeBinary(Base64Variant variant, InputStream data,
      int dataLength) throws JacksonException {
    dirty = true;
    return super.writeBinary(variant, data, dataLength);
  }

  // NaN and the infinities as the Go encoder writes them, for float64 and float32 alike: the
  // 2-byte floats f97e00, f97c00 and f9fc00 (any NaN payload becomes the one quiet NaN).
  private static final byte[] NAN = {(byte) 0xf9, 0x7e, 0};
  private static final byte[] POSITIVE_INFINITY = {(byte) 0xf9, 0x7c, 0};
  private static final byte[] NEGATIVE_INFINITY = {(byte) 0xf9, (byte) 0xfc, 0};

  @Override
  public JsonGenerator writeNumber(double v) throws JacksonException {
    if (Double.isFinite(v)) {
      return super.writeNumber(v);
    }
    writeNonFinite(v);
    return this;
  }

  @Override
  public JsonGenerator writeNumber(float v) throws JacksonException {
    if (Float.isFinite(v)) {
      return super.writeNumber(v);
    }
    writeNonFinite(v);
    return this;
  }

  private void writeNonFinite(double v) {
    _verifyValueWrite("write number");
    writeBytes(Double.isNaN(v) ? NAN : v > 0 ? POSITIVE_INFINITY : NEGATIVE_INFINITY, 0, 3);
  }

  @Override
  public JsonGenerator writeArray(double[] array, int offset, int length) throws JacksonException {
    for (int i = offset; i < offset + length; i++) {
      if (!Double.isFinite(array[i])) { // Jackson's bulk write would take it as it is
        writeStartArray(array, length);
        for (int j = offset; j < offset + length; j++) {
          writeNumber(array[j]);
        }
        return writeEndArray();
      }
    }
    return super.writeArray(array, offset, length);
  }

  @Override
  public JsonGenerator writeNumber(BigInteger v) throws JacksonException {
    if (v != null && v.bitLength() < 64) {
      super.writeNumber(v.longValue());
    } else {
      dirty = true;
      super.writeNumber(v);
    }
    return this;
  }

  @Override
  public JsonGenerator writeNumber(BigDecimal v) throws JacksonException {
    if (v != null && v.unscaledValue().bitLength() >= 63) {
      dirty = true;
    }
    super.writeNumber(v);
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
