package dev.cachebricks.cbor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden vectors of what the seed's Go encoder (fxamacker/cbor v2, {@code SortCanonical},
 * {@code TimeRFC3339Nano}) writes, for the cases where a Jackson default differs: the codec must
 * write the same bytes. {@code CborGoDifferentialTest} checks the same against the real library.
 */
class CborGoParityTest {

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static String text(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    return (utf8.length < 24 ? String.format("%02x", 0x60 + utf8.length)
        : String.format("78%02x", utf8.length)) + hex(utf8);
  }

  // ---- instants --------------------------------------------------------------------------

  @Test
  void instantsDropTrailingZerosOfTheFractionLikeRfc3339Nano() {
    Map<String, String> goWrites = new LinkedHashMap<>();
    goWrites.put("2024-01-02T03:04:05Z", "2024-01-02T03:04:05Z");
    goWrites.put("2024-01-02T03:04:05.100Z", "2024-01-02T03:04:05.1Z");
    goWrites.put("2024-01-02T03:04:05.120Z", "2024-01-02T03:04:05.12Z");
    goWrites.put("2024-01-02T03:04:05.123Z", "2024-01-02T03:04:05.123Z");
    goWrites.put("2024-01-02T03:04:05.123400Z", "2024-01-02T03:04:05.1234Z");
    goWrites.put("2024-01-02T03:04:05.123450Z", "2024-01-02T03:04:05.12345Z");
    goWrites.put("2024-01-02T03:04:05.123456Z", "2024-01-02T03:04:05.123456Z");
    goWrites.put("2024-01-02T03:04:05.123456700Z", "2024-01-02T03:04:05.1234567Z");
    goWrites.put("2024-01-02T03:04:05.123456780Z", "2024-01-02T03:04:05.12345678Z");
    goWrites.put("2024-01-02T03:04:05.123456789Z", "2024-01-02T03:04:05.123456789Z");
    goWrites.put("2024-01-02T03:04:05.000000001Z", "2024-01-02T03:04:05.000000001Z");
    goWrites.put("1970-01-01T00:00:00Z", "1970-01-01T00:00:00Z");
    goWrites.put("0001-01-01T00:00:00.5Z", "0001-01-01T00:00:00.5Z");
    goWrites.put("9999-12-31T23:59:59.999999999Z", "9999-12-31T23:59:59.999999999Z");
    goWrites.put("1969-12-31T23:59:59.9Z", "1969-12-31T23:59:59.9Z");
    for (Map.Entry<String, String> e : goWrites.entrySet()) {
      Instant at = Instant.parse(e.getKey());
      assertThat(hex(Cbor.marshal(at))).as(e.getKey()).isEqualTo(text(e.getValue()));
      assertThat(hex(Cbor.marshal(List.of(at)))).isEqualTo("81" + text(e.getValue()));
      assertThat(Cbor.unmarshal(Cbor.marshal(at), Instant.class)).isEqualTo(at);
    }
  }

  @Test
  void yearsBeyondRfc3339KeepTheirIso8601SignAndReadBack() {
    // RFC 3339 has four-digit years only; Go writes "10000-..." which no RFC 3339 parser reads.
    Map<String, String> written = Map.of(
        "+10000-01-01T00:00:00.5Z", "+10000-01-01T00:00:00.5Z",
        "-0001-12-31T23:59:59.120Z", "-0001-12-31T23:59:59.12Z",
        "-10000-01-01T00:00:00Z", "-10000-01-01T00:00:00Z");
    for (Map.Entry<String, String> e : written.entrySet()) {
      Instant at = Instant.parse(e.getKey());
      assertThat(hex(Cbor.marshal(at))).as(e.getKey()).isEqualTo(text(e.getValue()));
      assertThat(Cbor.unmarshal(Cbor.marshal(at), Instant.class)).isEqualTo(at);
    }
    for (Instant at : List.of(Instant.MAX, Instant.MIN, Instant.EPOCH)) {
      assertThat(Cbor.unmarshal(Cbor.marshal(at), Instant.class)).isEqualTo(at);
    }
  }

  /** An instant with an explicit Jackson format. */
  public record Formatted(@JsonFormat(shape = JsonFormat.Shape.NUMBER) Instant at) {}

  @Test
  void anExplicitJsonFormatStillWins() {
    // Jackson's epoch seconds with nanoseconds: a decimal fraction, 1000000000 x 10^-9
    assertThat(hex(Cbor.marshal(new Formatted(Instant.ofEpochSecond(1)))))
        .isEqualTo("a1" + text("at") + "c4" + "82" + "28" + "1a3b9aca00");
  }

  // ---- NaN and infinities ------------------------------------------------------------------

  /** Doubles and floats. */
  public record Floats(double d, float f) {}

  @Test
  void nanAndInfinitiesAreTwoByteFloats() {
    assertThat(hex(Cbor.marshal(Double.NaN))).isEqualTo("f97e00");
    assertThat(hex(Cbor.marshal(Double.POSITIVE_INFINITY))).isEqualTo("f97c00");
    assertThat(hex(Cbor.marshal(Double.NEGATIVE_INFINITY))).isEqualTo("f9fc00");
    assertThat(hex(Cbor.marshal(Float.NaN))).isEqualTo("f97e00");
    assertThat(hex(Cbor.marshal(Float.POSITIVE_INFINITY))).isEqualTo("f97c00");
    assertThat(hex(Cbor.marshal(Float.NEGATIVE_INFINITY))).isEqualTo("f9fc00");
    // Any NaN payload becomes the one quiet NaN, as in Go.
    assertThat(hex(Cbor.marshal(Double.longBitsToDouble(0x7ff0000000000001L)))).isEqualTo("f97e00");
    assertThat(hex(Cbor.marshal(Float.intBitsToFloat(0xffc00001)))).isEqualTo("f97e00");
    assertThat(hex(Cbor.marshal(new Floats(Double.NaN, Float.NEGATIVE_INFINITY))))
        .isEqualTo("a2" + "6164" + "f97e00" + "6166" + "f9fc00");
    assertThat(hex(Cbor.marshal(new double[] {Double.POSITIVE_INFINITY, 1.5})))
        .isEqualTo("82" + "f97c00" + "fb3ff8000000000000");
    // Finite values keep their width: 64 bits for a double, 32 for a float.
    assertThat(hex(Cbor.marshal(new Floats(1.5, 1.5f))))
        .isEqualTo("a2" + "6164" + "fb3ff8000000000000" + "6166" + "fa3fc00000");
    Floats back = Cbor.unmarshal(Cbor.marshal(new Floats(Double.NaN, Float.POSITIVE_INFINITY)),
        Floats.class);
    assertThat(back.d()).isNaN();
    assertThat(back.f()).isEqualTo(Float.POSITIVE_INFINITY);
  }

  // ---- omitempty ---------------------------------------------------------------------------

  /** Go's {@code omitempty} on every field: {@code @JsonInclude(NON_DEFAULT)}. */
  public static final class Omit {
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) public int i;
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) public long l;
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) public boolean b;
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) public double d;
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) public float f;
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) public String s;
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) public List<String> list;
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) public Map<String, Integer> map;
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) public byte[] bytes;
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) @CborKey(1) public int keyed;
  }

  @Test
  void nonDefaultInclusionOmitsWhatGoOmitemptyOmits() {
    Omit zero = new Omit();
    zero.s = "";
    zero.list = List.of();
    zero.map = Map.of();
    zero.bytes = new byte[0];
    assertThat(hex(Cbor.marshal(zero))).isEqualTo("a0");
    assertThat(hex(Cbor.marshal(new Omit()))).isEqualTo("a0"); // nulls too
    Omit negativeZero = new Omit();
    negativeZero.d = -0.0; // Go: -0.0 == 0, omitted
    negativeZero.f = -0.0f;
    assertThat(hex(Cbor.marshal(negativeZero))).isEqualTo("a0");
    Omit set = new Omit();
    set.i = -1;
    set.b = true;
    set.d = Double.NaN; // NaN != 0 in Go: kept
    set.keyed = 2;
    assertThat(hex(Cbor.marshal(set)))
        .isEqualTo("a4" + "0102" + "6162f5" + "6164f97e00" + "616920");
  }

  /** {@link Omit} as a record: its primitives come through the canonical constructor. */
  public record OmitRecord(@JsonInclude(JsonInclude.Include.NON_DEFAULT) int i,
      @JsonInclude(JsonInclude.Include.NON_DEFAULT) long l,
      @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean b,
      @JsonInclude(JsonInclude.Include.NON_DEFAULT) double d,
      @JsonInclude(JsonInclude.Include.NON_DEFAULT) @CborKey(1) float f) {}

  @Test
  void omittedOrNullPrimitivesDecodeToZeroAsInGo() {
    // What an omitempty writer (Go's, ours) writes for zero values must read back: Go leaves a
    // missing field, or one that is null, at its zero value.
    OmitRecord zero = new OmitRecord(0, 0, false, 0.0, 0f);
    assertThat(hex(Cbor.marshal(zero))).isEqualTo("a0");
    assertThat(Cbor.unmarshal(Cbor.marshal(zero), OmitRecord.class)).isEqualTo(zero);
    Map<String, Object> nulls = new LinkedHashMap<>();
    nulls.put("i", null);
    nulls.put("b", null);
    assertThat(Cbor.unmarshal(Cbor.marshal(nulls), OmitRecord.class)).isEqualTo(zero);
    assertThat(Cbor.unmarshal(Cbor.marshal(nulls), Omit.class).i).isZero();
    OmitRecord set = new OmitRecord(-1, 2, true, 0.5, 1.5f);
    assertThat(Cbor.unmarshal(Cbor.marshal(set), OmitRecord.class)).isEqualTo(set);
  }

  @Test
  void offsetDateTimesKeepTheirOffsetAsGoTimesDo() {
    // Go's time.Time keeps the offset it was read with and writes it back; so does an
    // OffsetDateTime here (Jackson alone would move it to UTC: same instant, other bytes).
    OffsetDateTime time = OffsetDateTime.parse("2024-01-02T05:04:05.1+02:00");
    byte[] bytes = Cbor.marshal(time);
    assertThat(hex(bytes)).isEqualTo(text("2024-01-02T05:04:05.1+02:00"));
    OffsetDateTime back = Cbor.unmarshal(bytes, OffsetDateTime.class);
    assertThat(back).isEqualTo(time); // offset included
    assertThat(Cbor.marshal(back)).isEqualTo(bytes);
    assertThat(Cbor.unmarshal(Cbor.marshal("2024-01-01T22:04:05-05:00"), OffsetDateTime.class)
        .getOffset()).isEqualTo(ZoneOffset.ofHours(-5));
  }

  /** A legacy bean with a {@code java.util.Date} and one with its own pattern. */
  public static final class Dated {
    public Date at;
    @JsonFormat(shape = JsonFormat.Shape.STRING, pattern = "yyyy-MM-dd", timezone = "UTC")
    public Date day;
  }

  @Test
  void datesAreWrittenAndReadAsGoTimesAre() {
    // java.util.Date is an instant too: Go's text, not Jackson's padded ".100Z"/".000Z".
    Date tenth = Date.from(Instant.parse("2024-01-02T03:04:05.100Z"));
    assertThat(hex(Cbor.marshal(tenth))).isEqualTo(text("2024-01-02T03:04:05.1Z"));
    Date whole = Date.from(Instant.parse("2024-01-02T03:04:05Z"));
    assertThat(hex(Cbor.marshal(whole))).isEqualTo(text("2024-01-02T03:04:05Z"));
    assertThat(Cbor.unmarshal(Cbor.marshal(tenth), Date.class)).isEqualTo(tenth);
    // Go's calendar is the proleptic Gregorian one, before 1582 too (Jackson's is Julian there).
    Date first = Date.from(Instant.parse("0001-01-01T00:00:00Z"));
    assertThat(hex(Cbor.marshal(first))).isEqualTo(text("0001-01-01T00:00:00Z"));
    assertThat(Cbor.unmarshal(Cbor.marshal("0001-01-01T00:00:00Z"), Date.class)).isEqualTo(first);
    assertThat(Cbor.unmarshal(Cbor.marshal("2024-01-02T05:04:05.123456789+02:00"), Date.class))
        .isEqualTo(Date.from(Instant.parse("2024-01-02T03:04:05.123Z")));
    // A pattern on the property is still Jackson's; JDBC subclasses are untouched.
    Dated dated = new Dated();
    dated.at = tenth;
    dated.day = whole;
    assertThat(hex(Cbor.marshal(dated))).isEqualTo("a2" + text("at")
        + text("2024-01-02T03:04:05.1Z") + text("day") + text("2024-01-02"));
    Dated back = Cbor.unmarshal(Cbor.marshal(dated), Dated.class);
    assertThat(back.at).isEqualTo(tenth);
    assertThat(back.day).isEqualTo(Date.from(Instant.parse("2024-01-02T00:00:00Z")));
    assertThat(hex(Cbor.marshal(java.sql.Timestamp.from(tenth.toInstant()))))
        .isEqualTo(text("2024-01-02T03:04:05.100Z"));
  }

  // ---- no key is reinterpreted ---------------------------------------------------------------

  /** A property whose name looks like the old in-band integer-key mark. */
  public record Marked(@JsonProperty("\ue0001") String one, @CborKey(1) String real) {}

  @Test
  void keysThatStartWithAPrivateUseCharacterAndDigitsStayText() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("\ue0008", new ArrayList<>());
    assertThat(hex(Cbor.marshal(map))).isEqualTo("a1" + text("\ue0008") + "80");
    assertThat(Cbor.unmarshal(Cbor.marshal(map), Map.class)).isEqualTo(map);
    Map<String, Integer> mixed = new LinkedHashMap<>();
    mixed.put("\ue000123", 1);
    mixed.put("b", 2);
    mixed.put("\ue000", 3);
    assertThat(hex(Cbor.marshal(mixed)))
        .isEqualTo("a3" + text("b") + "02" + text("\ue000") + "03" + text("\ue000123") + "01");
    Marked marked = new Marked("text", "int");
    assertThat(hex(Cbor.marshal(marked)))
        .isEqualTo("a2" + "01" + text("int") + text("\ue0001") + text("text"));
    assertThat(Cbor.unmarshal(Cbor.marshal(marked), Marked.class)).isEqualTo(marked);
    assertThat(hex(Cbor.marshal("\ue0001"))).isEqualTo(text("\ue0001"));
  }

  /** Unwrapped into {@link Unwrapping}. */
  public record Inner(@CborKey(5) String five, String text) {}

  /** One inner value unwrapped as it is, one with a prefix. */
  public static final class Unwrapping {
    @JsonUnwrapped public Inner plain = new Inner("a", "b");
    @JsonUnwrapped(prefix = "p_") public Inner prefixed = new Inner("c", "d");
  }

  @Test
  void unwrappedIntegerKeysStayIntegersUnlessAPrefixMakesThemText() {
    assertThat(hex(Cbor.marshal(new Unwrapping()))).isEqualTo("a4" + "05" + text("a")
        + text("p_5") + text("c") + text("text") + text("b") + text("p_text") + text("d"));
  }
}
