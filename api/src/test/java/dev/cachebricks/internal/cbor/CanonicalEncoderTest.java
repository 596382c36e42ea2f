package dev.cachebricks.internal.cbor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.cachebricks.cbor.CborKey;
import dev.cachebricks.cbor.CborLimits;
import java.io.OutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.IOContext;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.dataformat.cbor.CBORFactory;
import tools.jackson.dataformat.cbor.CBORFactoryBuilder;
import tools.jackson.dataformat.cbor.CBORGenerator;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * The encoder's fast path (learned property counts, no second pass) against the reference: the
 * same configuration on Jackson's plain generator, through {@link Canonicalizer}. Values of each
 * type are encoded many
 * times in a random order, so counts are learned, confirmed and contradicted.
 */
class CanonicalEncoderTest {

  public record User(@CborKey(1) long id, @CborKey(2) String name, @CborKey(3) String email) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Sparse(String zeta, String a, @CborKey(300) String big,
      @CborKey(7) Integer seven) {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
  @JsonSubTypes({@JsonSubTypes.Type(value = Circle.class, name = "circle"),
      @JsonSubTypes.Type(value = Square.class, name = "square")})
  public interface Shape {}

  public record Circle(double radius) implements Shape {}

  public record Square(double side, String label) implements Shape {}

  public record Holder(Shape shape, List<Shape> more, Map<String, Object> extra, BigInteger big) {}

  public record Inner(String x, String yy) {}

  public record Tags(Map<String, String> tags) {}

  public static final class Outer {
    public String b = "b";
    @JsonUnwrapped public Inner inner;
    private final Map<String, Object> any = new LinkedHashMap<>();

    @JsonAnyGetter
    public Map<String, Object> any() {
      return any;
    }
  }

  /** Keys whose UTF-8 order differs from UTF-16 order (surrogates sort after U+E000..U+FFFF). */
  private static final List<String> UNICODE_KEYS =
      List.of("\u00e9", "\ud83d\ude00", "\ufffd", "\ue001", "z", "zz", "\u00e9\u00e9",
          "a\ud83d\ude00");

  private final CanonicalEncoder encoder =
      new CanonicalEncoder(CborMappers.mapper(CborLimits.DEFAULT).writer());
  private final ObjectWriter plain =
      CborMappers.mapper(new PlainFactory(CborMappers.factoryBuilder(CborLimits.DEFAULT))).writer();

  /**
   * Jackson's plain CBOR generator, which only learns to write an {@link IntKeyName} as the
   * integer key it carries: the reference, with {@link Canonicalizer} run afterwards.
   */
  private static final class PlainFactory extends CBORFactory {
    private static final long serialVersionUID = 1L;

    PlainFactory(CBORFactoryBuilder builder) {
      super(builder);
    }

    private PlainFactory(PlainFactory source) {
      super(source);
    }

    @Override
    public CBORFactory copy() {
      return new PlainFactory(this);
    }

    @Override
    protected JsonGenerator _createGenerator(ObjectWriteContext writeCtxt, IOContext ioCtxt,
        OutputStream out) {
      return new CBORGenerator(writeCtxt, ioCtxt,
          writeCtxt.getStreamWriteFeatures(_streamWriteFeatures),
          writeCtxt.getFormatWriteFeatures(_formatWriteFeatures), out) {
        @Override
        public JsonGenerator writeName(SerializableString name) {
          return name instanceof IntKeyName key ? writePropertyId(key.key) : super.writeName(name);
        }
      };
    }
  }

  /** Jackson's plain output for the same configuration, canonicalized afterwards. */
  private byte[] reference(Object value) {
    return Canonicalizer.canonicalize(plain.writeValueAsBytes(value));
  }

  @Test
  void theSeedsUserIsCanonicalOnEveryEncode() {
    for (int i = 0; i < 5; i++) {
      assertThat(HexFormat.of().formatHex(encoder.encode(new User(123, "Alice",
          "alice@example.com"))))
          .isEqualTo("a3" + "01" + "187b" + "02" + "65416c696365" + "03"
              + "71616c696365406578616d706c652e636f6d");
    }
  }

  @Test
  void matchesTheReferenceWhateverTheOrderOfEncodes() {
    Random random = new Random(7);
    List<Object> values = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      values.add(randomValue(random));
    }
    for (Object value : values) {
      byte[] encoded = encoder.encode(value);
      assertThat(encoded).as("%s", value).isEqualTo(reference(value));
      assertThat(Canonicalizer.canonicalize(encoded)).as("canonical: %s", value).isSameAs(encoded);
    }
  }

  @Test
  void mapKeysComeOutInUtf8OrderWhateverTheirJavaOrder() {
    Random random = new Random(11);
    for (int i = 0; i < 200; i++) {
      List<String> keys = new ArrayList<>(UNICODE_KEYS);
      java.util.Collections.shuffle(keys, random);
      Map<String, String> tags = new LinkedHashMap<>();
      keys.forEach(key -> tags.put(key, "v"));
      Tags value = new Tags(tags);
      byte[] encoded = encoder.encode(value);
      assertThat(encoded).as("%s", keys).isEqualTo(reference(value));
      assertThat(Canonicalizer.canonicalize(encoded)).as("canonical: %s", keys).isSameAs(encoded);
    }
  }

  @Test
  void deepNestingKeepsEachLevelsState() {
    Object value = new User(1, "a", "b");
    for (int depth = 0; depth < 40; depth++) {
      Map<String, Object> level = new LinkedHashMap<>();
      level.put("zz" + depth, List.of(value, depth)); // keys out of order at every level
      level.put("a", new Sparse("z", null, null, depth));
      value = level;
    }
    for (int i = 0; i < 3; i++) {
      byte[] encoded = encoder.encode(value);
      assertThat(encoded).isEqualTo(reference(value));
      assertThat(Canonicalizer.canonicalize(encoded)).isSameAs(encoded);
    }
  }

  @Test
  void aBigMapIsSortedToo() {
    List<String> keys = new ArrayList<>(UNICODE_KEYS);
    for (int i = 0; i < 300; i++) {
      keys.add(Integer.toString(i * 7919, 36));
    }
    java.util.Collections.shuffle(keys, new Random(3));
    Map<String, String> tags = new LinkedHashMap<>();
    keys.forEach(key -> tags.put(key, key));
    Tags value = new Tags(tags);
    byte[] encoded = encoder.encode(value);
    assertThat(encoded).isEqualTo(reference(value));
    assertThat(Canonicalizer.canonicalize(encoded)).isSameAs(encoded);
  }

  @Test
  void aPropertyCountThatChangesIsCaughtAndTheValueStillEncodes() {
    Sparse full = new Sparse("z", "a", "b", 7);
    Sparse empty = new Sparse(null, null, null, null);
    for (int i = 0; i < 3; i++) {
      assertThat(encoder.encode(full)).isEqualTo(reference(full));
      assertThat(HexFormat.of().formatHex(encoder.encode(empty))).isEqualTo("a0");
    }
  }

  private static Object randomValue(Random random) {
    String s = random.nextInt(20) == 0 ? "long".repeat(600) : "v" + random.nextInt(100);
    return switch (random.nextInt(6)) {
      case 0 -> new User(random.nextInt(1000), s, random.nextBoolean() ? null : "e");
      case 1 -> new Sparse(random.nextBoolean() ? s : null, random.nextBoolean() ? "a" : null,
          random.nextBoolean() ? "big" : null, random.nextBoolean() ? random.nextInt() : null);
      case 2 -> {
        Map<String, Object> extra = new LinkedHashMap<>();
        for (int n = random.nextInt(4); n > 0; n--) {
          extra.put(Integer.toString(random.nextInt(500), 36), random.nextInt());
          extra.put(UNICODE_KEYS.get(random.nextInt(UNICODE_KEYS.size())), s);
        }
        yield new Holder(random.nextBoolean() ? new Circle(1.5) : new Square(2, s),
            List.of(new Square(3, "x"), new Circle(random.nextDouble())), extra,
            BigInteger.valueOf(random.nextLong()).shiftLeft(random.nextInt(70)));
      }
      case 3 -> {
        Outer outer = new Outer();
        outer.inner = random.nextBoolean() ? new Inner("x", s) : null;
        for (int n = random.nextInt(3); n > 0; n--) {
          outer.any.put("k" + random.nextInt(30), s);
        }
        yield outer;
      }
      case 4 -> List.of(new User(1, "a", "b"), Map.of("b", 1, "a", 2, "cc", 3));
      default -> new CBORMapper().readTree(new CBORMapper().writeValueAsBytes(
          Map.of("z", List.of(1, 2), "y", Map.of("k", random.nextInt()))));
    };
  }
}
