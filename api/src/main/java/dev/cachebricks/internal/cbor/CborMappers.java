package dev.cachebricks.internal.cbor;

import dev.cachebricks.CborException;
import dev.cachebricks.CborKey;
import dev.cachebricks.CborLimitException;
import dev.cachebricks.CborLimits;
import java.io.ByteArrayOutputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.AnnotationIntrospector;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.PropertyName;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.introspect.NopAnnotationIntrospector;
import tools.jackson.dataformat.cbor.CBORFactory;
import tools.jackson.dataformat.cbor.CBORMapper;
import tools.jackson.dataformat.cbor.CBORReadFeature;
import tools.jackson.dataformat.cbor.CBORWriteFeature;

/**
 * The codec's Jackson configuration, in one place, and the encode and decode paths.
 *
 * <p>Pinned explicitly (Jackson 2.x and 3.x defaults differ): standard negative BigInteger
 * encoding on both sides, minimal integers, doubles kept as 64-bit floats, no type header, no
 * string references, instants as RFC 3339 text, unknown properties ignored (a newer writer may
 * add fields). Property order does not matter: {@link CanonicalWriter} sorts every map.
 *
 * <p>Internal: not part of the public API.
 */
public final class CborMappers {

  /**
   * Serialization name prefix of {@link CborKey} properties: a private-use character no sane
   * text key starts with. {@link CanonicalWriter} writes such names as integer keys.
   */
  static final char INT_KEY_PREFIX = '\uE000';

  private CborMappers() {}

  /**
   * Builds the mapper for a set of limits.
   *
   * @param limits the decode limits
   * @return a configured mapper
   */
  public static CBORMapper mapper(CborLimits limits) {
    CBORFactory factory = CBORFactory.builder()
        .streamReadConstraints(StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxNestingDepth())
            .maxStringLength(limits.maxStringLength())
            .maxNameLength(limits.maxStringLength())
            .maxDocumentLength(limits.maxDocumentLength())
            .build())
        .enable(CBORWriteFeature.ENCODE_USING_STANDARD_NEGATIVE_BIGINT_ENCODING)
        .enable(CBORWriteFeature.WRITE_MINIMAL_INTS)
        .disable(CBORWriteFeature.WRITE_MINIMAL_DOUBLES)
        .disable(CBORWriteFeature.WRITE_TYPE_HEADER)
        .disable(CBORWriteFeature.STRINGREF)
        .enable(CBORReadFeature.DECODE_USING_STANDARD_NEGATIVE_BIGINT_ENCODING)
        .build();
    return CBORMapper.builder(factory)
        .annotationIntrospector(AnnotationIntrospector.pair(
            new IntKeyIntrospector(), new JacksonAnnotationIntrospector()))
        .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .build();
  }

  /**
   * Encodes a value canonically.
   *
   * @param mapper the mapper from {@link #mapper}
   * @param value the value
   * @return the CBOR bytes
   * @throws CborException if the value cannot be encoded
   */
  public static byte[] encode(CBORMapper mapper, Object value) {
    try {
      JsonNode tree = mapper.valueToTree(value);
      ByteArrayOutputStream out = new ByteArrayOutputStream(128);
      try (JsonGenerator g = mapper.createGenerator(out)) {
        CanonicalWriter.write(tree, g);
      }
      return out.toByteArray();
    } catch (JacksonException | IllegalArgumentException | IllegalStateException e) {
      throw new CborException("cbor: cannot encode " + describe(value) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Decodes bytes with the limits enforced while parsing.
   *
   * @param mapper the mapper from {@link #mapper}
   * @param reader the reader of the target type
   * @param limits the limits
   * @param data the CBOR bytes
   * @param target a description of the target type, for errors
   * @param <T> the target type
   * @return the value
   * @throws CborLimitException if a limit is exceeded
   * @throws CborException if the bytes are not valid CBOR for the target type
   */
  public static <T> T decode(CBORMapper mapper, ObjectReader reader, CborLimits limits,
      byte[] data, String target) {
    if (data.length > limits.maxDocumentLength()) {
      throw new CborLimitException("maxDocumentLength", limits.maxDocumentLength(), null);
    }
    try (JsonParser parser = new LimitingParser(mapper.createParser(data), limits)) {
      return reader.readValue(parser); // FAIL_ON_TRAILING_TOKENS (on by default) rejects leftovers
    } catch (StreamConstraintsException e) {
      throw new CborLimitException(constraintName(e), -1, e);
    } catch (JacksonException | IllegalArgumentException | IllegalStateException
        | IndexOutOfBoundsException | ArithmeticException | ClassCastException
        | UnsupportedOperationException | NullPointerException e) {
      // Any failure on hostile input is a decode error; the codec never lets it out raw.
      if (findLimit(e) != null) {
        throw findLimit(e);
      }
      throw new CborException("cbor: cannot decode " + target + ": " + e.getMessage(), e);
    }
  }

  private static CborLimitException findLimit(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof CborLimitException limit) {
        return limit;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static String constraintName(StreamConstraintsException e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    if (message.contains("nesting")) {
      return "maxNestingDepth";
    }
    if (message.contains("document")) {
      return "maxDocumentLength";
    }
    return "maxStringLength";
  }

  private static String describe(Object value) {
    return value == null ? "null" : value.getClass().getName();
  }

  /**
   * Returns the integer key a serialization name stands for, or -1 for a text key.
   *
   * @param name a property name from the tree
   * @return the integer key or -1
   */
  static long intKey(String name) {
    if (name.length() < 2 || name.charAt(0) != INT_KEY_PREFIX) {
      return -1;
    }
    long key = 0;
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9' || i > 10) {
        return -1;
      }
      key = key * 10 + (c - '0');
    }
    return key;
  }

  /** {@link CborKey}: serialized under a marked name, deserialized from the key's digits. */
  private static final class IntKeyIntrospector extends NopAnnotationIntrospector {
    private static final long serialVersionUID = 1L;

    @Override
    public PropertyName findNameForSerialization(MapperConfig<?> config, Annotated a) {
      CborKey key = a.getAnnotation(CborKey.class);
      return key == null ? null : PropertyName.construct(INT_KEY_PREFIX + Integer.toString(check(key)));
    }

    @Override
    public PropertyName findNameForDeserialization(MapperConfig<?> config, Annotated a) {
      CborKey key = a.getAnnotation(CborKey.class);
      return key == null ? null : PropertyName.construct(Integer.toString(check(key)));
    }

    private static int check(CborKey key) {
      if (key.value() < 0) {
        throw new IllegalArgumentException("@CborKey must not be negative: " + key.value());
      }
      return key.value();
    }
  }
}
