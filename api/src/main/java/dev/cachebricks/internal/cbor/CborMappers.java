package dev.cachebricks.internal.cbor;

import dev.cachebricks.cbor.CborException;
import dev.cachebricks.cbor.CborKey;
import dev.cachebricks.cbor.CborLimitException;
import dev.cachebricks.cbor.CborLimits;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.AnnotationIntrospector;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.PropertyName;
import tools.jackson.databind.SerializationConfig;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.introspect.NopAnnotationIntrospector;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.BeanPropertyWriter;
import tools.jackson.databind.ser.ValueSerializerModifier;
import tools.jackson.databind.ser.std.StdConvertingSerializer;
import tools.jackson.databind.type.MapType;
import tools.jackson.databind.type.TypeFactory;
import tools.jackson.databind.util.Converter;
import tools.jackson.dataformat.cbor.CBORFactory;
import tools.jackson.dataformat.cbor.CBORFactoryBuilder;
import tools.jackson.dataformat.cbor.CBORMapper;
import tools.jackson.dataformat.cbor.CBORReadFeature;
import tools.jackson.dataformat.cbor.CBORWriteFeature;

/**
 * The codec's Jackson configuration, in one place, and the encode and decode paths.
 *
 * <p>Pinned explicitly (Jackson 2.x and 3.x defaults differ): standard negative BigInteger
 * encoding on both sides, minimal integers, doubles kept as 64-bit floats, no type header, no
 * string references, instants as RFC 3339 text with the shortest fraction (as Go's
 * {@code RFC3339Nano}), unknown properties ignored (a newer writer may
 * add fields). Bean properties are written in canonical key order; {@link Canonicalizer} sorts any
 * other map.
 *
 * <p>Internal: not part of the public API.
 */
public final class CborMappers {

  private CborMappers() {}

  /**
   * Builds the mapper for a set of limits.
   *
   * @param limits the decode limits
   * @return a configured mapper
   */
  public static CBORMapper mapper(CborLimits limits) {
    return mapper(new CanonicalCborFactory(factoryBuilder(limits), limits));
  }

  /**
   * The factory configuration for a set of limits (the tests build Jackson's plain factory from
   * it, as the reference the codec is held to).
   *
   * @param limits the limits given to Jackson's own constraints
   * @return a builder
   */
  static CBORFactoryBuilder factoryBuilder(CborLimits limits) {
    return CBORFactory.builder()
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
        .enable(CBORReadFeature.DECODE_USING_STANDARD_NEGATIVE_BIGINT_ENCODING);
  }

  /**
   * The mapper configuration on a given factory.
   *
   * @param factory the factory
   * @return a configured mapper
   */
  static CBORMapper mapper(CBORFactory factory) {
    return CBORMapper.builder(factory)
        .annotationIntrospector(AnnotationIntrospector.pair(
            new IntKeyIntrospector(), new JacksonAnnotationIntrospector()))
        .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
        // An OffsetDateTime reads back with the offset it was written with, as Go's time.Time
        // does (Jackson would move it to UTC, and the same value would then re-encode to
        // other bytes).
        .disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        // Go leaves a field that is missing (omitempty wrote nothing for its zero) or null at
        // its zero value; Jackson 3 fails on a primitive creator argument left null.
        .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
        .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
        .addModule(new CodecModule())
        .build();
  }

  /**
   * The codec's serializers and deserializers: canonical order and Go's {@code omitempty} on
   * write, RFC 3339 instants and dates both ways, and creators called directly on read.
   */
  private static final class CodecModule extends SimpleModule {
    private static final long serialVersionUID = 1L;

    CodecModule() {
      super("cachebricks-cbor");
      setSerializerModifier(new CanonicalOrder());
      addSerializer(Instant.class, new Rfc3339Instants());
      addDeserializer(Instant.class, new Rfc3339InstantDeserializer());
      addDeserializer(Date.class, new Rfc3339Dates.Reader());
    }

    @Override
    public void setupModule(SetupContext context) {
      super.setupModule(context);
      context.addSerializers(new Rfc3339Dates.Finder());
      context.addValueInstantiators(new DirectCreators());
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
    try {
      // The mapper's factory makes a LimitingParser; FAIL_ON_TRAILING_TOKENS (on by default)
      // rejects leftovers.
      return reader.readValue(data);
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
   * Writes bean properties as the Go encoder does ({@link CborPropertyWriter}: integer keys,
   * {@code omitempty}) and emits them in canonical key order, so most maps need no re-ordering.
   */
  private static final class CanonicalOrder extends ValueSerializerModifier {
    private static final long serialVersionUID = 1L;

    @Override
    public List<BeanPropertyWriter> changeProperties(SerializationConfig config,
        BeanDescription.Supplier beanDesc, List<BeanPropertyWriter> properties) {
      List<BeanPropertyWriter> changed = new ArrayList<>(properties.size());
      for (BeanPropertyWriter property : properties) {
        changed.add(CborPropertyWriter.of(property));
      }
      return changed;
    }

    @Override
    public List<BeanPropertyWriter> orderProperties(SerializationConfig config,
        BeanDescription.Supplier beanDesc, List<BeanPropertyWriter> properties) {
      List<BeanPropertyWriter> sorted = new ArrayList<>(properties);
      sorted.sort(Comparator.comparing(
          (BeanPropertyWriter p) -> Canonicalizer.encodedKey(p.getSerializedName()),
          Canonicalizer::compareEncoded));
      return sorted;
    }

    @Override
    public ValueSerializer<?> modifyMapSerializer(SerializationConfig config, MapType valueType,
        BeanDescription.Supplier beanDesc, ValueSerializer<?> serializer) {
      return new StdConvertingSerializer(new CanonicalMapOrder(valueType), valueType,
          serializer, null);
    }
  }

  /**
   * Hands a map with text keys to Jackson's map serializer in canonical key order, so it is
   * written canonically as it goes: an unsorted map is passed as a read-only view of its own
   * entries, sorted. Other maps pass as they are (the generator's check flags them).
   */
  private record CanonicalMapOrder(JavaType type) implements Converter<Object, Object> {

    @Override
    public Object convert(SerializationContext ctxt, Object value) {
      Map<?, ?> map = (Map<?, ?>) value;
      int n = map.size();
      if (n < 2) {
        return map;
      }
      Map.Entry<?, ?>[] entries = new Map.Entry<?, ?>[n];
      int[] lengths = new int[n]; // UTF-8 lengths, computed once per key
      int i = 0;
      boolean sorted = true;
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String key) || i == n) {
          return map;
        }
        entries[i] = entry;
        lengths[i] = TextKeys.utf8Length(key);
        if (i > 0 && sorted && compare(entries[i - 1], lengths[i - 1], key, lengths[i]) > 0) {
          sorted = false;
        }
        i++;
      }
      if (sorted || i != n) {
        return map;
      }
      if (n > 32) { // a big map: a merge sort of positions, on the lengths already computed
        Integer[] order = new Integer[n];
        Arrays.setAll(order, at -> at);
        Arrays.sort(order, (x, y) -> compare(entries[x], lengths[x], key(entries[y]), lengths[y]));
        Map.Entry<?, ?>[] ordered = new Map.Entry<?, ?>[n];
        Arrays.setAll(ordered, at -> entries[order[at]]);
        return new SortedEntries(ordered);
      }
      for (int j = 1; j < n; j++) { // insertion sort: the map is small
        Map.Entry<?, ?> entry = entries[j];
        String key = key(entry);
        int length = lengths[j];
        int k = j - 1;
        while (k >= 0 && compare(entries[k], lengths[k], key, length) > 0) {
          entries[k + 1] = entries[k];
          lengths[k + 1] = lengths[k];
          k--;
        }
        entries[k + 1] = entry;
        lengths[k + 1] = length;
      }
      return new SortedEntries(entries);
    }

    private static int compare(Map.Entry<?, ?> entry, int length, String otherKey,
        int otherLength) {
      return TextKeys.compare(key(entry), length, otherKey, otherLength);
    }

    private static String key(Map.Entry<?, ?> entry) {
      return (String) entry.getKey();
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
  }

  /** A read-only map over entries in a fixed order; lives for one serialization. */
  private static final class SortedEntries extends AbstractMap<Object, Object> {
    private final Map.Entry<?, ?>[] entries;

    SortedEntries(Map.Entry<?, ?>[] entries) {
      this.entries = entries;
    }

    @Override
    public Set<Map.Entry<Object, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        @SuppressWarnings("unchecked")
        public Iterator<Map.Entry<Object, Object>> iterator() {
          return Arrays.asList((Map.Entry<Object, Object>[]) entries).iterator();
        }

        @Override
        public int size() {
          return entries.length;
        }
      };
    }
  }

  /**
   * {@link CborKey}: the property's name is the key's digits, for reading (the integer key
   * {@code n} reads as the name {@code "n"}) and writing ({@link CborPropertyWriter} then writes
   * it as the integer key).
   */
  private static final class IntKeyIntrospector extends NopAnnotationIntrospector {
    private static final long serialVersionUID = 1L;

    @Override
    public PropertyName findNameForSerialization(MapperConfig<?> config, Annotated a) {
      return name(a);
    }

    @Override
    public PropertyName findNameForDeserialization(MapperConfig<?> config, Annotated a) {
      return name(a);
    }

    private static PropertyName name(Annotated a) {
      CborKey key = a.getAnnotation(CborKey.class);
      if (key == null) {
        return null;
      }
      return PropertyName.construct(Integer.toString(IntKeyName.keyOf(key)));
    }
  }
}
