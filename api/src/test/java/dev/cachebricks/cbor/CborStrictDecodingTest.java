package dev.cachebricks.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Decoding is as strict as the Go decoder the seed uses (fxamacker/cbor with the seed's limits),
 * and stricter where a difference would be a security-relevant ambiguity: every hostile input
 * here is rejected with a {@link CborException}, and its well-formed twin decodes.
 */
class CborStrictDecodingTest {

  /** A record whose unknown properties are skipped, not decoded. */
  public record User(@CborKey(1) long id, @CborKey(2) String name) {}

  private static byte[] unhex(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /** A definite-length text string head and the given bytes. */
  private static String text(String utf8Hex) {
    int n = utf8Hex.replace(" ", "").length() / 2;
    return (n < 24 ? String.format("%02x", 0x60 + n) : String.format("78%02x", n)) + utf8Hex;
  }

  private static void assertRejected(String hex, Class<?> type) {
    assertThatThrownBy(() -> Cbor.unmarshal(unhex(hex), type)).as("%s as %s", hex, type)
        .isInstanceOf(CborException.class);
  }

  private static void assertLimit(String limit, Runnable decode) {
    assertThatThrownBy(decode::run).isInstanceOfSatisfying(CborLimitException.class,
        e -> assertThat(e.limit()).isEqualTo(limit));
  }

  // ---- UTF-8 -----------------------------------------------------------------------------

  /** Ill-formed by RFC 3629: overlong, surrogates, beyond U+10FFFF, stray and cut sequences. */
  private static final List<String> ILL_FORMED = List.of(
      "c0af",        // overlong '/': the classic filter bypass
      "c1bf",        // overlong 2-byte
      "e080af",      // overlong 3-byte '/'
      "e09fbf",      // overlong 3-byte U+07FF
      "f08080af",    // overlong 4-byte '/'
      "f08fbfbf",    // overlong 4-byte U+FFFF
      "eda080",      // lone high surrogate U+D800
      "edbfbf",      // lone low surrogate U+DFFF
      "eda0bdedb880", // a surrogate pair spelled in UTF-8 (CESU-8)
      "f4908080",    // U+110000, beyond Unicode
      "f5808080",    // lead byte that can never appear
      "f8888080 80", // 5-byte form
      "80",          // stray continuation byte
      "61 bf",       // stray continuation after ASCII
      "c3",          // cut after the lead byte
      "e282",        // cut 3-byte sequence
      "c328",        // lead byte followed by ASCII
      "e228a1",      // 3-byte lead, bad second byte
      "fe", "ff");   // never valid

  /** Well-formed boundaries that must keep decoding to the right characters. */
  private static final Map<String, String> WELL_FORMED = Map.of(
      "c280", "\u0080",
      "dfbf", "\u07ff",
      "e0a080", "\u0800",
      "ed9fbf", "\ud7ff",
      "ee8080", "\ue000",
      "efbfbf", "\uffff",
      "f0908080", "\ud800\udc00",
      "f09f9880", "\ud83d\ude00",
      "f48fbfbf", "\udbff\udfff");

  @Test
  void illFormedUtf8IsRejectedAsAValue() {
    for (String bad : ILL_FORMED) {
      assertRejected(text(bad), String.class);
      assertRejected(text(bad), Object.class);
      assertRejected("81" + text(bad), List.class);
      assertRejected("a1 6161" + text(bad), Map.class);
      assertRejected("a2 01 01 02" + text(bad), User.class);
    }
  }

  @Test
  void illFormedUtf8IsRejectedAsAKey() {
    for (String bad : ILL_FORMED) {
      assertRejected("a1" + text(bad) + "01", Map.class);
      assertRejected("a1" + text(bad) + "01", Object.class);
      assertRejected("a2 01 01" + text(bad) + "01", User.class); // unknown key of a record
      assertRejected("a1" + text("61 " + bad) + "01", User.class);
    }
  }

  @Test
  void illFormedUtf8IsRejectedInSkippedUnknownProperties() {
    for (String bad : ILL_FORMED) {
      // {1: 7, "junk": <bad text>} and {1: 7, "junk": [<bad text>]}: the value is never decoded
      assertRejected("a2 01 07 646a756e6b" + text(bad), User.class);
      assertRejected("a2 01 07 646a756e6b 81" + text(bad), User.class);
      assertRejected("a2 01 07 646a756e6b a1" + text(bad) + "01", User.class);
    }
  }

  @Test
  void illFormedUtf8IsRejectedInEveryChunkOfAnIndefiniteString() {
    for (String bad : ILL_FORMED) {
      assertRejected("7f 6161" + text(bad) + "ff", String.class);
      assertRejected("a1 7f" + text(bad) + "ff 01", Map.class);
      assertRejected("a2 01 07 646a756e6b 7f" + text(bad) + "ff", User.class);
    }
    // A character split across two chunks: each chunk must be well-formed on its own (RFC 8949).
    assertRejected("7f 62 61c3 62 a961 ff", String.class);
  }

  @Test
  void aByteStringKeyMustBeWellFormedUtf8Too() {
    // Jackson reads a byte-string key as text; an ill-formed one would decode lossily.
    assertRejected("a1 42 c0af 01", Map.class);
    assertRejected("a2 01 01 42 c0af 01", User.class);
  }

  @Test
  void wellFormedBoundariesStillDecode() {
    for (Map.Entry<String, String> ok : WELL_FORMED.entrySet()) {
      assertThat(Cbor.unmarshal(unhex(text(ok.getKey())), String.class)).isEqualTo(ok.getValue());
      assertThat(Cbor.unmarshal(unhex("a1" + text(ok.getKey()) + "01"), Map.class))
          .isEqualTo(Map.of(ok.getValue(), 1));
      assertThat(Cbor.unmarshal(unhex("a2 01 07 63 6a756e" + text(ok.getKey())), User.class))
          .isEqualTo(new User(7, null));
      assertThat(Cbor.unmarshal(unhex("7f" + text(ok.getKey()) + text(ok.getKey()) + "ff"),
          String.class)).isEqualTo(ok.getValue() + ok.getValue());
    }
  }

  // ---- nesting: arrays, maps and tags -----------------------------------------------------

  private static String repeat(String hex, int n) {
    return hex.repeat(n);
  }

  @Test
  void aMillionNestedTagsAreRejected() {
    byte[] data = new byte[1_000_001];
    java.util.Arrays.fill(data, 0, 1_000_000, (byte) 0xc6); // tag 6, a million times
    data[1_000_000] = 0x01;
    assertLimit("maxNestingDepth", () -> Cbor.unmarshal(data, Object.class));
    assertLimit("maxNestingDepth", () -> Cbor.unmarshal(data, Long.class));
  }

  @Test
  void tagsCountTowardTheNestingLimitAsInTheGoDecoder() {
    // fxamacker/cbor counts a run of n consecutive tags as n - 1 levels, arrays and maps as one.
    assertThat(Cbor.unmarshal(unhex(repeat("c6", 17) + "01"), Object.class)).isEqualTo(1);
    assertLimit("maxNestingDepth",
        () -> Cbor.unmarshal(unhex(repeat("c6", 18) + "01"), Object.class));
    assertThat(Cbor.unmarshal(unhex(repeat("81", 16) + "c6 01"), Object.class)).isNotNull();
    assertLimit("maxNestingDepth",
        () -> Cbor.unmarshal(unhex(repeat("81", 16) + "c6 c6 01"), Object.class));
    // Two tags and an array are two levels: eight of them make 16, nine make 18.
    assertThat(Cbor.unmarshal(unhex(repeat("c6c681", 8) + "01"), Object.class)).isNotNull();
    assertLimit("maxNestingDepth",
        () -> Cbor.unmarshal(unhex(repeat("c6c681", 9) + "01"), Object.class));
    // Levels added by tags stay counted inside the tagged container.
    assertLimit("maxNestingDepth",
        () -> Cbor.unmarshal(unhex(repeat("c6", 9) + repeat("81", 9) + "01"), Object.class));
    assertThat(Cbor.unmarshal(unhex(repeat("c6", 9) + repeat("81", 8) + "01"), Object.class))
        .isNotNull();
    // A tagged key in the 16th map, and tags before a bignum, count the same way.
    assertLimit("maxNestingDepth", () -> Cbor.unmarshal(
        unhex(repeat("a1 6161", 15) + "a1 c6c6 6161 01"), Object.class));
    assertThat(Cbor.unmarshal(unhex(repeat("a1 6161", 15) + "a1 c6 6161 01"), Object.class))
        .isNotNull();
    assertLimit("maxNestingDepth",
        () -> Cbor.unmarshal(unhex(repeat("c6", 17) + "c2 41 05"), Object.class));
    assertThat(Cbor.unmarshal(unhex(repeat("c6", 16) + "c2 41 05"), Object.class))
        .isEqualTo(java.math.BigInteger.valueOf(5));
  }

  @Test
  void tooDeepAfterABigMapIsTheNestingLimit() {
    // A map with more than 16 text keys moves its keys to a hash set; a container one level
    // too deep after it must still fail on the depth, not on the key bookkeeping.
    StringBuilder map = new StringBuilder("b2"); // 18 pairs
    for (int i = 0; i < 17; i++) {
      map.append("63 6b").append(String.format("%02x%02x", '0' + i / 10, '0' + i % 10))
          .append(" 00");
    }
    map.append("61 78").append(repeat("81", 16)).append("00"); // "x": 16 arrays, depth 17
    assertLimit("maxNestingDepth", () -> Cbor.unmarshal(unhex(map.toString()), Object.class));
    map.setLength(map.length() - 4); // 15 arrays: depth 16 is allowed
    assertThat(Cbor.unmarshal(unhex(map + "00"), Object.class)).isNotNull();
  }

  @Test
  void aTagMustBeFollowedByADataItem() {
    assertRejected("9f c6 ff", Object.class); // Jackson read the break and dropped the tag
    assertRejected("bf c6 ff", Object.class);
    assertRejected("a2 01 01 c6 ff", User.class);
    assertRejected("01 ca", Object.class); // after the value, at the end: Jackson dropped it
    assertRejected("1abd40fc7a ca", Long.class);
  }

  @Test
  void stringReferencesAreRejected() {
    // Tag 256 opens a string-reference namespace in which tag 25 + n stands for the n-th string
    // seen: Jackson resolves it, the Go decoder reads an unknown tag. One payload, two meanings.
    assertRejected("d90100 82 63616263 d819 00", Object.class);
    assertRejected("d90100 a1 63616263 d819 00", Map.class);
  }

  // ---- duplicate keys -------------------------------------------------------------------

  @Test
  void duplicateMapKeysAreRejected() {
    assertRejected("a2 6161 01 6161 02", Map.class);
    assertRejected("a2 6161 01 6161 02", Object.class);
    assertRejected("bf 6161 01 6161 02 ff", Map.class);
    assertRejected("a2 01 01 01 02", User.class);
    assertRejected("a3 01 01 02 6161 02 6162", User.class); // known key twice, apart
    assertRejected("a2 01 01 6131 02", User.class); // integer key 1 and its text form "1"
    assertRejected("a3 01 01 6178 01 6178 02", User.class); // unknown key twice (skipped)
    assertRejected("a1 6161 a2 6162 01 6162 02", Map.class); // one level down
    assertRejected("82 a0 a2 6162 01 6162 02", Object.class); // inside an array
  }

  @Test
  void equalKeysInDifferentMapsAreNotDuplicates() {
    assertThat(Cbor.unmarshal(unhex("82 a1 6161 01 a1 6161 02"), Object.class))
        .isEqualTo(List.of(Map.of("a", 1), Map.of("a", 2)));
    assertThat(Cbor.unmarshal(unhex("a2 6161 a1 6161 01 6162 a1 6161 02"), Object.class))
        .isEqualTo(Map.of("a", Map.of("a", 1), "b", Map.of("a", 2)));
  }

  @Test
  void aDuplicateAmongManyKeysIsFound() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xb9);
    out.write(10_000 >> 8);
    out.write(10_000 & 0xff);
    for (int i = 0; i < 10_000; i++) {
      int key = i == 9_999 ? 1234 : i; // the last key repeats an early one
      out.write(0x19);
      out.write(key >> 8);
      out.write(key);
      out.write(0x01);
    }
    assertThatThrownBy(() -> Cbor.unmarshal(out.toByteArray(), Map.class))
        .isInstanceOf(CborException.class).hasMessageContaining("duplicate");
  }

  @Test
  void duplicateKeysCanBeAllowedLastWinning() {
    CborLimits lenient = CborLimits.builder().rejectDuplicateKeys(false).build();
    assertThat(Cbor.codec(Object.class, lenient).decode(unhex("a2 6161 01 6161 02")))
        .isEqualTo(Map.of("a", 2));
    assertThat(Cbor.codec(User.class, lenient).decode(unhex("a2 01 01 01 02")))
        .isEqualTo(new User(2, null));
    assertThat(CborLimits.DEFAULT.rejectDuplicateKeys()).isTrue();
    assertThat(new CborLimits(1, 1, 1, 1, 1, 1).rejectDuplicateKeys()).isTrue();
  }

  // ---- chunks of indefinite-length strings ----------------------------------------------

  private static byte[] chunked(int major, int chunks) {
    byte[] data = new byte[chunks + 2];
    data[0] = (byte) (major << 5 | 31);
    java.util.Arrays.fill(data, 1, chunks + 1, (byte) (major << 5)); // empty chunks
    data[chunks + 1] = (byte) 0xff;
    return data;
  }

  @Test
  void aMillionEmptyChunksAreRejected() {
    assertLimit("maxStringChunks", () -> Cbor.unmarshal(chunked(3, 1_000_000), String.class));
    assertLimit("maxStringChunks", () -> Cbor.unmarshal(chunked(2, 1_000_000), byte[].class));
    byte[] text = chunked(3, 1_000_000);
    assertLimit("maxStringChunks", // as a key
        () -> Cbor.unmarshal(concat(unhex("a1"), text, unhex("01")), Map.class));
    assertLimit("maxStringChunks", // as the value of a skipped property
        () -> Cbor.unmarshal(concat(unhex("a2 01 07 6178"), text), User.class));
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  @Test
  void chunkedStringsWithinTheLimitDecode() {
    assertThat(Cbor.unmarshal(unhex("7f 6161 60 6162 ff"), String.class)).isEqualTo("ab");
    assertThat(Cbor.unmarshal(unhex("5f 4101 40 4102 ff"), byte[].class))
        .isEqualTo(new byte[] {1, 2});
    assertThat(Cbor.unmarshal(chunked(3, 4096), String.class)).isEmpty();
    assertThat(hex(Cbor.marshal(Cbor.unmarshal(unhex("7f 6161 6162 ff"), String.class))))
        .isEqualTo("626162");
  }

  @Test
  void theChunkLimitIsASetting() {
    CborLimits two = CborLimits.builder().maxStringChunks(2).build();
    assertThat(Cbor.codec(String.class, two).decode(unhex("7f 6161 6162 ff"))).isEqualTo("ab");
    assertLimit("maxStringChunks",
        () -> Cbor.codec(String.class, two).decode(unhex("7f 6161 6162 6163 ff")));
    assertLimit("maxStringChunks",
        () -> Cbor.codec(byte[].class, two).decode(unhex("5f 4101 4102 4103 ff")));
    assertLimit("maxStringChunks", // a bignum's chunked magnitude too
        () -> Cbor.codec(Object.class, two).decode(unhex("c2 5f 4101 4102 4103 ff")));
    assertThat(CborLimits.DEFAULT.maxStringChunks()).isEqualTo(4096);
    assertLimit("maxStringChunks", () -> Cbor.unmarshal(chunked(3, 4097), String.class));
    assertThatThrownBy(() -> CborLimits.builder().maxStringChunks(0).build())
        .isInstanceOf(dev.cachebricks.CacheConfigException.class);
  }

  @Test
  void aChunkedByteStringIsMeasuredBeforeItIsCopied() {
    CborLimits small = CborLimits.builder().maxByteStringLength(3).build();
    assertLimit("maxByteStringLength",
        () -> Cbor.codec(byte[].class, small).decode(unhex("5f 42 0102 42 0304 ff")));
    assertThat(Cbor.codec(byte[].class, small).decode(unhex("5f 42 0102 41 03 ff")))
        .isEqualTo(new byte[] {1, 2, 3});
  }
}
