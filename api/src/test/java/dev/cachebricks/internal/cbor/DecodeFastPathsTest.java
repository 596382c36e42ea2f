package dev.cachebricks.internal.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.cachebricks.cbor.Cbor;
import dev.cachebricks.cbor.CborCodec;
import dev.cachebricks.cbor.CborException;
import dev.cachebricks.cbor.CborLimits;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.deser.bean.BeanDeserializerBase;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * The two places where the codec decodes by its own code rather than Jackson's, each held to
 * Jackson's result: {@link Rfc3339InstantDeserializer} (instants parsed directly) against
 * Jackson's own instant deserializer on the same text, and {@link DirectCreators} (creators
 * called through a fitted method handle) on the shapes a creator can have.
 */
class DecodeFastPathsTest {

  private static final long SEED = Long.getLong("cachebricks.instants.seed", 7L);
  private static final CBORMapper JACKSON = new CBORMapper();
  private static final CborCodec<Instant> OURS = Cbor.codec(Instant.class);

  // --- instants -----------------------------------------------------------------------------

  @Test
  void instantsDecodeAsJacksonDecodesThemOnRandomAndMutatedText() {
    Random random = new Random(SEED);
    int direct = 0;
    for (int i = 0; i < 20_000; i++) {
      String text = randomText(random);
      if (Rfc3339InstantDeserializer.parse(text) != null) {
        direct++;
      }
      assertSameAsJackson(text, "seed " + SEED + ", case " + i);
    }
    assertThat(direct).as("texts parsed directly (seed %d)", SEED).isGreaterThan(5_000);
  }

  @Test
  void edgeInstantsDecodeAsJacksonDecodesThem() {
    for (String text : List.of("0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
        "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.9Z", "2024-02-29T12:00:00Z",
        "2023-02-29T12:00:00Z", "2100-02-29T00:00:00Z", "2000-02-29T00:00:00Z",
        "2024-04-31T00:00:00Z", "2024-01-02T03:04:05.1Z", "2024-01-02T03:04:05.123456789Z",
        "2024-01-02T03:04:05.1234567891Z", "2024-01-02T03:04:05.Z", "2024-01-02T03:04:05+00:00",
        "2024-01-02T03:04:05-00:00", "2024-01-02T03:04:05+17:59", "2024-01-02T03:04:05-17:59",
        "2024-01-02T03:04:05+18:00", "2024-01-02T03:04:05-18:00", "2024-01-02T03:04:05+05:30",
        "2024-01-02T03:04:05.5-01:00", "2024-01-02T03:04:05+0100", "2024-01-02T03:04:05+01",
        "2024-01-02T24:00:00Z", "2024-01-02T23:60:00Z", "2016-12-31T23:59:60Z",
        "2024-01-02t03:04:05Z", "2024-01-02T03:04:05z", " 2024-01-02T03:04:05Z",
        "2024-01-02T03:04:05Z ", "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z",
        "2024-1-02T03:04:05Z", "2024-01-02 03:04:05Z", "1700000000", "1700000000.5", "",
        "2024-01-02T03:04:05.123+01:00", "2024-01-02T03:04:0５Z")) {
      assertSameAsJackson(text, "edge case");
    }
  }

  @Test
  void theFastPathAnswersForWhatTheCodecAndGoWrite() {
    Instant instant = Instant.parse("2026-11-24T10:15:30.12345Z");
    String written = Rfc3339Instants.format(instant);
    assertThat(Rfc3339InstantDeserializer.parse(written)).isEqualTo(instant);
    assertThat(Rfc3339InstantDeserializer.parse("2026-11-24T11:15:30.12345+01:00"))
        .isEqualTo(instant);
    assertThat(Rfc3339InstantDeserializer.parse("2026-11-24T10:15:30.12345 Z")).isNull();
  }

  @Test
  void aFormatOnThePropertyAndTruncationStillApply() {
    byte[] text = JACKSON.writeValueAsBytes(Map.of("at", "24/11/2026 10:15"));
    assertThat(Cbor.unmarshal(text, Formatted.class).at())
        .isEqualTo(Instant.parse("2026-11-24T10:15:00Z"));

    CBORMapper truncating = CborMappers.mapper(CborLimits.DEFAULT).rebuild()
        .enable(DateTimeFeature.TRUNCATE_TO_MSECS_ON_READ).build();
    byte[] precise = Cbor.marshal(Instant.parse("2026-11-24T10:15:30.123456789Z"));
    assertThat(truncating.readValue(precise, Instant.class))
        .isEqualTo(Instant.parse("2026-11-24T10:15:30.123Z"));
  }

  /** A property with its own pattern: Jackson's parser, not the RFC 3339 one. */
  public record Formatted(@JsonFormat(pattern = "dd/MM/yyyy HH:mm", timezone = "UTC") Instant at) {}

  private static void assertSameAsJackson(String text, String where) {
    byte[] bytes = JACKSON.writeValueAsBytes(text);
    Object expected;
    try {
      expected = JACKSON.readValue(bytes, Instant.class);
    } catch (RuntimeException e) {
      expected = "rejected";
    }
    Object actual;
    try {
      actual = OURS.decode(bytes);
    } catch (CborException e) {
      actual = "rejected";
    }
    if (!Objects.equals(expected, actual)) {
      fail("\"%s\": Jackson gives %s, the codec %s (%s)", text, expected, actual, where);
    }
  }

  /** Mostly the RFC 3339 shape with fields near and past their ranges, sometimes mutated. */
  private static String randomText(Random random) {
    int year = pick(random, new int[] {0, 1, 1582, 1900, 1969, 1970, 2000, 2024, 2100, 9999},
        10_000);
    String text = String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d", year,
        random.nextInt(14), random.nextInt(33), random.nextInt(25), random.nextInt(61),
        random.nextInt(61));
    if (random.nextBoolean()) {
      text = String.format(Locale.ROOT, "%04d-%02d-%02dT%02d:%02d:%02d", year,
          1 + random.nextInt(12), 1 + random.nextInt(28), random.nextInt(24),
          random.nextInt(60), random.nextInt(60));
    }
    int fraction = random.nextInt(12) - 1; // -1: none
    if (fraction >= 0) {
      StringBuilder digits = new StringBuilder(".");
      for (int i = 0; i < fraction; i++) {
        digits.append((char) ('0' + random.nextInt(10)));
      }
      text += digits;
    }
    switch (random.nextInt(6)) {
      case 0, 1, 2 -> text += "Z";
      case 3 -> text += String.format(Locale.ROOT, "%s%02d:%02d", random.nextBoolean() ? "+" : "-",
          random.nextInt(20), random.nextInt(61));
      case 4 -> text += random.nextBoolean() ? "+00:00" : "-00:00";
      default -> text += String.format(Locale.ROOT, "+%02d%02d", random.nextInt(19),
          random.nextInt(60));
    }
    if (random.nextInt(10) == 0) { // one character replaced
      char[] chars = text.toCharArray();
      chars[random.nextInt(chars.length)] = "0123456789:-+.TZtz /"
          .charAt(random.nextInt(20));
      text = new String(chars);
    }
    return text;
  }

  private static int pick(Random random, int[] edges, int bound) {
    return random.nextBoolean() ? edges[random.nextInt(edges.length)] : random.nextInt(bound);
  }

  // --- creators -----------------------------------------------------------------------------

  public record Line(String sku, int quantity, long priceCents, double weight, boolean gift) {}

  private record Hidden(String secret, int n) {}

  public record Varargs(int n, String... names) {}

  public static final class Factory {
    final String name;
    final int size;

    private Factory(String name, int size) {
      this.name = name;
      this.size = size;
    }

    @JsonCreator
    static Factory of(@JsonProperty("name") String name, @JsonProperty("size") int size) {
      return new Factory(name.toUpperCase(Locale.ROOT), size);
    }

    public String getName() {
      return name;
    }

    public int getSize() {
      return size;
    }
  }

  public record Checked(String value) {
    public Checked {
      if (value.isEmpty()) {
        throw new IllegalArgumentException("value must not be empty");
      }
    }
  }

  @Test
  void recordsAndFactoriesAreCreatedThroughTheDirectCall() {
    assertThat(instantiator(Line.class)).isInstanceOf(DirectCreators.Direct.class);
    assertThat(instantiator(Hidden.class)).isInstanceOf(DirectCreators.Direct.class);
    assertThat(instantiator(Factory.class)).isInstanceOf(DirectCreators.Direct.class);

    Line line = new Line("sku-1", 3, 1999, 0.5, true);
    assertThat(Cbor.unmarshal(Cbor.marshal(line), Line.class)).isEqualTo(line);
    Hidden hidden = new Hidden("s", 7);
    assertThat(Cbor.unmarshal(Cbor.marshal(hidden), Hidden.class)).isEqualTo(hidden);
    Varargs varargs = Cbor.unmarshal(Cbor.marshal(new Varargs(2, "a", "b")), Varargs.class);
    assertThat(varargs.names()).containsExactly("a", "b");
    assertThat(instantiator(Varargs.class)).isInstanceOf(DirectCreators.Direct.class);
    Factory made = Cbor.unmarshal(Cbor.marshal(Map.of("name", "box", "size", 4)), Factory.class);
    assertThat(made.getName()).isEqualTo("BOX"); // the factory ran, not the constructor
    assertThat(made.getSize()).isEqualTo(4);
  }

  @Test
  void aCreatorsExceptionIsReportedAsJacksonReportsIt() {
    byte[] empty = Cbor.marshal(Map.of("value", ""));
    assertThatThrownBy(() -> Cbor.unmarshal(empty, Checked.class))
        .isInstanceOf(CborException.class)
        .hasMessageContaining("value must not be empty")
        .hasRootCauseInstanceOf(IllegalArgumentException.class);
    String jackson = null;
    try {
      JACKSON.readValue(empty, Checked.class);
    } catch (RuntimeException e) {
      jackson = e.getMessage();
    }
    assertThat(jackson).isNotNull();
    assertThatThrownBy(() -> Cbor.unmarshal(empty, Checked.class))
        .hasMessageContaining(jackson.lines().findFirst().orElseThrow());
  }

  private static Object instantiator(Class<?> type) {
    CBORMapper mapper = CborMappers.mapper(CborLimits.DEFAULT);
    DeserializationContext ctxt = mapper._deserializationContext();
    ValueDeserializer<?> deserializer =
        ctxt.findRootValueDeserializer(mapper.constructType(type));
    return ((BeanDeserializerBase) deserializer).getValueInstantiator();
  }
}
