package dev.cachebricks.internal.cbor;

import dev.cachebricks.CborLimitException;
import dev.cachebricks.CborLimits;
import java.io.IOException;
import java.io.OutputStream;
import tools.jackson.core.Base64Variant;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.JsonParserDelegate;

/**
 * Counts as it decodes: array elements and map pairs per container, nesting depth and byte-string
 * lengths, failing with {@link CborLimitException} the moment a limit is crossed. One pass: the
 * limits are checked on the very tokens databind consumes.
 *
 * <p>Every way of advancing is routed through {@link #nextToken()}: the {@code nextName*}
 * shortcuts and {@link #skipChildren()} (which the plain delegate forwards straight to the
 * underlying parser, where nothing would be counted) are re-implemented on top of it.
 */
final class LimitingParser extends JsonParserDelegate {

  private final CborLimits limits;
  /** Per open container: elements (arrays) or pairs (maps) seen so far. */
  private int[] counts = new int[8];
  private boolean[] arrays = new boolean[8];
  private int depth;

  LimitingParser(JsonParser parser, CborLimits limits) {
    super(parser);
    this.limits = limits;
  }

  @Override
  public JsonToken nextToken() {
    JsonToken token = delegate.nextToken();
    if (token == null) {
      return null;
    }
    switch (token) {
      case START_ARRAY, START_OBJECT -> {
        countValue();
        push(token == JsonToken.START_ARRAY);
      }
      case END_ARRAY, END_OBJECT -> depth = Math.max(0, depth - 1);
      case PROPERTY_NAME -> {
        if (depth > 0 && !arrays[depth - 1] && ++counts[depth - 1] > limits.maxMapPairs()) {
          throw new CborLimitException("maxMapPairs", limits.maxMapPairs(), null);
        }
      }
      default -> countValue();
    }
    return token;
  }

  private void countValue() {
    if (depth > 0 && arrays[depth - 1] && ++counts[depth - 1] > limits.maxArrayElements()) {
      throw new CborLimitException("maxArrayElements", limits.maxArrayElements(), null);
    }
  }

  private void push(boolean array) {
    if (depth == limits.maxNestingDepth()) {
      throw new CborLimitException("maxNestingDepth", limits.maxNestingDepth(), null);
    }
    if (depth == counts.length) {
      counts = java.util.Arrays.copyOf(counts, depth * 2);
      arrays = java.util.Arrays.copyOf(arrays, depth * 2);
    }
    counts[depth] = 0;
    arrays[depth] = array;
    depth++;
  }

  @Override
  public JsonToken nextValue() {
    JsonToken token = nextToken();
    return token == JsonToken.PROPERTY_NAME ? nextToken() : token;
  }

  @Override
  public String nextName() {
    return nextToken() == JsonToken.PROPERTY_NAME ? currentName() : null;
  }

  @Override
  public boolean nextName(SerializableString name) {
    return nextToken() == JsonToken.PROPERTY_NAME && name.getValue().equals(currentName());
  }

  @Override
  public int nextNameMatch(PropertyNameMatcher matcher) {
    JsonToken token = nextToken();
    if (token == JsonToken.PROPERTY_NAME) {
      return matcher.matchName(currentName());
    }
    return token == JsonToken.END_OBJECT
        ? PropertyNameMatcher.MATCH_END_OBJECT
        : PropertyNameMatcher.MATCH_ODD_TOKEN;
  }

  @Override
  public JsonParser skipChildren() {
    JsonToken token = currentToken();
    if (token != JsonToken.START_ARRAY && token != JsonToken.START_OBJECT) {
      return this;
    }
    int target = depth - 1;
    while (depth > target) {
      if (nextToken() == null) {
        return this; // truncated input: the caller's next read reports it
      }
    }
    return this;
  }

  @Override
  public byte[] getBinaryValue(Base64Variant variant) {
    return checkBytes(delegate.getBinaryValue(variant));
  }

  @Override
  public byte[] getBinaryValue() {
    return checkBytes(delegate.getBinaryValue());
  }

  @Override
  public Object getEmbeddedObject() {
    Object value = delegate.getEmbeddedObject();
    if (value instanceof byte[] bytes) {
      checkBytes(bytes);
    }
    return value;
  }

  private byte[] checkBytes(byte[] value) {
    if (value != null && value.length > limits.maxByteStringLength()) {
      throw new CborLimitException("maxByteStringLength", limits.maxByteStringLength(), null);
    }
    return value;
  }

  @Override
  public int readBinaryValue(Base64Variant variant, OutputStream out) {
    byte[] value = getBinaryValue(variant);
    try {
      out.write(value);
    } catch (IOException e) {
      throw tools.jackson.core.exc.JacksonIOException.construct(e);
    }
    return value.length;
  }
}
