package dev.cachebricks.internal.cbor;

import dev.cachebricks.CborException;
import dev.cachebricks.CborKey;
import dev.cachebricks.CborLimitException;
import dev.cachebricks.CborLimits;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.AnnotationIntrospector;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.ser.std.StdDelegatingSerializer;
import tools.jackson.databind.type.MapType;
import tools.jackson.databind.type.TypeFactory;
import tools.jackson.databind.util.Converter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.ser.BeanPropertyWriter;
import tools.jackson.databind.ser.ValueSerializerModifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
 * add fields). Bean properties are written in canonical key order; {@link Canonicalizer} sorts any other map.
 *
 * <p>Internal: not part of the public API.
 */
public final class CborMappers {

  /**
   * Serialization name prefix of {@link CborKey} properties: a private-use character no sane
   * text key starts with. {@link Canonicalizer} writes such names as integer keys.
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
        .addModule(new SimpleModule("cachebricks-canonical-order")
            .setSerializerModifier(new CanonicalOrder()))
        .build();
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

  /** Emits bean properties in canonical key order, so most maps need no re-ordering. */
  private static final class CanonicalOrder extends ValueSerializerModifier {
    private static final long serialVersionUID = 1L;

    @Override
    public List<BeanPropertyWriter> orderProperties(SerializationConfig config,
        BeanDescription.Supplier beanDesc, List<BeanPropertyWriter> properties) {
      List<BeanPropertyWriter> sorted = new ArrayList<>(properties);
      sorted.sort(Comparator.comparing((BeanPropertyWriter p) -> Canonicalizer.encodedKey(p.getName()),
          Canonicalizer::compareEncoded));
      return sorted;
    }

    @Override
    public ValueSerializer<?> modifyMapSerializer(SerializationConfig config, MapType valueType,
        BeanDescription.Supplier beanDesc, ValueSerializer<?> serializer) {
      return new StdDelegatingSerializer(new CanonicalMapOrder(valueType), valueType, serializer, null);
    }
  }

  /**
   * Hands a map with text keys to Jackson's map serializer in canonical key order, so it is
   * written canonically as it goes. Other maps pass as they are (the encoder's check catches them).
   */
  private record CanonicalMapOrder(JavaType type) implements Converter<Object, Object> {

    private static final Comparator<String> CANONICAL = CanonicalMapOrder::compareKeys;

    /** Canonical order of text keys: shorter UTF-8 first, then bytewise (code point order). */
    static int compareKeys(String a, String b) {
      int byLength = Integer.compare(utf8Length(a), utf8Length(b));
      return byLength != 0 ? byLength : compareCodePoints(a, b);
    }

    @Override
    public Object convert(SerializationContext ctxt, Object value) {
      Map<?, ?> map = (Map<?, ?>) value;
      if (map.size() < 2) {
        return map;
      }
      String[] keys = new String[map.size()];
      int i = 0;
      boolean sorted = true;
      for (Object key : map.keySet()) {
        if (!(key instanceof String text) || i == keys.length) {
          return map;
        }
        keys[i] = text;
        if (i > 0 && sorted && CANONICAL.compare(keys[i - 1], text) > 0) {
          sorted = false;
        }
        i++;
      }
      if (sorted || i != keys.length) {
        return map;
      }
      Arrays.sort(keys, CANONICAL);
      Map<String, Object> ordered = new LinkedHashMap<>(keys.length * 2);
      for (String key : keys) {
        ordered.put(key, map.get(key));
      }
      return ordered;
    }

    @Override
    public Object convert(DeserializationContext ctxt, Object value) {
      return value;
    }

    @Override
    public JavaType getInputType(TypeFactory typeFactory) {
      return type;
    }

    @Override
    public JavaType getOutputType(TypeFactory typeFactory) {
      return type;
    }

    private static int utf8Length(String s) {
      int length = s.length();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c >= 0x80) {
          length += c < 0x800 ? 1 : Character.isSurrogate(c) ? 0 : 2; // a pair is 4 bytes
        }
      }
      return length;
    }

    /** UTF-8 bytewise order is code point order (String.compareTo differs for surrogates). */
    private static int compareCodePoints(String a, String b) {
      int n = Math.min(a.length(), b.length());
      for (int i = 0; i < n; i++) {
        char ca = a.charAt(i);
        char cb = b.charAt(i);
        if (ca != cb) {
          if (Character.isSurrogate(ca) || Character.isSurrogate(cb)) {
            return Integer.compare(a.codePointAt(i), b.codePointAt(i));
          }
          return Character.compare(ca, cb);
        }
      }
      return Integer.compare(a.length(), b.length());
    }
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
