package dev.cachebricks.internal.cbor;

import dev.cachebricks.CborLimitException;
import dev.cachebricks.CborLimits;
import java.io.IOException;
import java.io.OutputStream;
import tools.jackson.core.Base64Variant;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.io.IOContext;
import tools.jackson.core.sym.ByteQuadsCanonicalizer;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.dataformat.cbor.CBORParser;
import tools.jackson.dataformat.cbor.CBORReadContext;

/**
 * Jackson's CBOR parser with {@link CborLimits} enforced as it reads, failing with {@link
 * CborLimitException} the moment a limit is crossed. One pass: the limits are checked on the
 * very tokens databind consumes.
 *
 * <ul>
 *   <li>Nesting depth and a declared container length over its limit fail when the container
 *       starts, before anything inside it is read.
 *   <li>Array elements and map pairs are Jackson's own per-container index, checked after every
 *       way of advancing that Jackson implements itself ({@link #nextToken()}, the {@code
 *       nextName} shortcuts); the rest ({@code skipChildren}, {@code next*Value}) go through
 *       {@code nextToken}. A container start is checked against its parent's count too.
 *   <li>A byte string's declared length is checked before its bytes are copied.
 * </ul>
 */
final class LimitingParser extends CBORParser {

  private final CborLimits limits;
  /** The smaller of the two count limits: one comparison on the hot path. */
  private final int countFloor;

  LimitingParser(ObjectReadContext readCtxt, IOContext ioCtxt, int parserFeatures,
      int cborFeatures, ByteQuadsCanonicalizer symbols, byte[] data, int start, int end,
      CborLimits limits) {
    super(readCtxt, ioCtxt, parserFeatures, cborFeatures, symbols, null, data, start, end, false);
    this.limits = limits;
    this.countFloor = Math.min(limits.maxArrayElements(), limits.maxMapPairs());
  }

  // --- counts -------------------------------------------------------------------------------

  @Override
  public JsonToken nextToken() {
    JsonToken token = super.nextToken();
    checkCount(_streamReadContext);
    return token;
  }

  @Override
  public String nextName() {
    String name = super.nextName();
    checkCount(_streamReadContext);
    return name;
  }

  @Override
  public boolean nextName(SerializableString name) {
    boolean matched = super.nextName(name);
    checkCount(_streamReadContext);
    return matched;
  }

  @Override
  public int nextNameMatch(PropertyNameMatcher matcher) {
    int match = super.nextNameMatch(matcher);
    checkCount(_streamReadContext);
    return match;
  }

  /** The context's index is the 0-based number of the element or pair being read. */
  private void checkCount(CBORReadContext context) {
    if (context.getCurrentIndex() >= countFloor) {
      if (context.inArray() && context.getCurrentIndex() >= limits.maxArrayElements()) {
        throw new CborLimitException("maxArrayElements", limits.maxArrayElements(), null);
      }
      if (context.inObject() && context.getCurrentIndex() >= limits.maxMapPairs()) {
        throw new CborLimitException("maxMapPairs", limits.maxMapPairs(), null);
      }
    }
  }

  // --- containers ---------------------------------------------------------------------------

  @Override
  protected void createChildArrayContext(int len) {
    enter(len, limits.maxArrayElements(), "maxArrayElements");
    super.createChildArrayContext(len);
  }

  @Override
  protected void createChildObjectContext(int len) {
    enter(len, limits.maxMapPairs(), "maxMapPairs");
    super.createChildObjectContext(len);
  }

  private void enter(int declaredLength, int limit, String name) {
    CBORReadContext parent = _streamReadContext;
    checkCount(parent); // this container is one more element of an enclosing array
    if (parent.getNestingDepth() >= limits.maxNestingDepth()) {
      throw new CborLimitException("maxNestingDepth", limits.maxNestingDepth(), null);
    }
    if (declaredLength > limit) {
      throw new CborLimitException(name, limit, null);
    }
  }

  // --- byte strings -------------------------------------------------------------------------

  @Override
  protected byte[] _finishBytes(int len) {
    checkBytes(len);
    byte[] value = super._finishBytes(len);
    checkBytes(value.length); // a chunked string's length is only known once read
    return value;
  }

  @Override
  public byte[] getBinaryValue(Base64Variant variant) {
    byte[] value = super.getBinaryValue(variant);
    if (value != null) {
      checkBytes(value.length); // text decoded as base64
    }
    return value;
  }

  @Override
  public int readBinaryValue(Base64Variant variant, OutputStream out) {
    byte[] value = getBinaryValue(variant); // not Jackson's streaming copy, which skips the check
    try {
      out.write(value);
    } catch (IOException e) {
      throw JacksonIOException.construct(e);
    }
    return value.length;
  }

  private void checkBytes(int length) {
    if (length > limits.maxByteStringLength()) {
      throw new CborLimitException("maxByteStringLength", limits.maxByteStringLength(), null);
    }
  }
}
