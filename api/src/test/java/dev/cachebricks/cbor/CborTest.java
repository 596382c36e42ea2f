package dev.cachebricks.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.cachebricks.CacheConfigException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CborTest {

  /** The seed's example struct: {@code cbor:"1,keyasint"} and so on. */
  public record User(@CborKey(1) long id, @CborKey(2) String name, @CborKey(3) String email) {}

  /** Text keys, in declaration order that is not canonical order. */
  public record Tagged(String zeta, int a, List<String> tags) {}

  /** Skip and omit-empty. */
  public static final class Profile {
    public String name;
    @JsonIgnore public String password;
    @JsonInclude(JsonInclude.Include.NON_EMPTY) public String nickname;
    @JsonInclude(JsonInclude.Include.NON_EMPTY) public List<String> roles;
  }

  public record Event(@CborKey(1) Instant at, @CborKey(2) byte[] payload, @CborKey(3) User by,
      @CborKey(4) Map<String, Integer> counts) {}

  public record Big(BigInteger value) {}

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static byte[] unhex(String hex) {
    return HexFormat.of().parseHex(hex.replace(" ", ""));
  }

  // ---- golden vectors --------------------------------------------------------------------

  @Test
  void seedUserWithIntegerKeysMatchesTheGoEncoderByteForByte() {
    byte[] data = Cbor.marshal(new User(123, "Alice", "alice@example.com"));
    assertThat(hex(data)).isEqualTo(
        "a3" + "01" + "187b" + "02" + "65416c696365" + "03"
            + "71616c696365406578616d706c652e636f6d");
    assertThat(Cbor.unmarshal(data, User.class)).isEqualTo(new User(123, "Alice",
        "alice@example.com"));
  }

  @Test
  void textKeysAreWrittenInCanonicalOrderWithDefiniteLengths() {
    byte[] data = Cbor.marshal(new Tagged("z", 1, List.of("x", "y")));
    // {"a": 1, "tags": ["x", "y"], "zeta": "z"}: shorter keys first, then bytewise.
    assertThat(hex(data)).isEqualTo(
        "a3" + "6161" + "01" + "6474616773" + "82" + "6178" + "6179" + "647a657461" + "617a");
  }

  @Test
  void mapsAreSortedCanonicallyToo() {
    Map<String, Integer> map = new LinkedHashMap<>();
    map.put("bb", 2);
    map.put("c", 3);
    map.put("a", 1);
    assertThat(hex(Cbor.marshal(map))).isEqualTo("a3" + "6161" + "01" + "6163" + "03"
        + "626262" + "02");
  }

  @Test
  void longStringsAndBigMapsAreStillDefiniteAndSorted() {
    String text = "x".repeat(70_000); // Jackson itself would write this in chunks
    byte[] data = Cbor.marshal(new Tagged(text, 1, List.of()));
    assertThat(hex(data)).startsWith("a3" + "6161" + "01" + "6474616773" + "80" + "647a657461"
        + "7a" + "00011170" + "7878");
    Map<String, Integer> many = new LinkedHashMap<>();
    for (int i = 29; i >= 0; i--) {
      many.put("k" + i, i);
    }
    byte[] map = Cbor.marshal(many);
    assertThat(hex(map)).startsWith("b81e" + "626b30" + "00" + "626b31" + "01");
    assertThat(Cbor.unmarshal(map, Map.class)).isEqualTo(many);
  }

  @Test
  void beansInsideMapsAndListsAreCanonicalAtEveryLevel() {
    Map<String, Object> outer = new LinkedHashMap<>();
    outer.put("zz", List.of(new Tagged("z", 1, List.of())));
    outer.put("u", new User(1, "a", "b"));
    assertThat(hex(Cbor.marshal(outer))).isEqualTo("a2"
        + "6175" + "a3" + "0101" + "026161" + "036162"
        + "627a7a" + "81" + "a3" + "6161" + "01" + "6474616773" + "80" + "647a657461" + "617a");
  }

  @Test
  void instantsAreRfc3339Text() {
    Instant at = Instant.parse("2024-01-02T03:04:05.123456789Z");
    byte[] data = Cbor.marshal(Map.of("at", at));
    assertThat(hex(data)).isEqualTo("a1" + "626174" + "78" + "1e"
        + hex("2024-01-02T03:04:05.123456789Z".getBytes(
            java.nio.charset.StandardCharsets.US_ASCII)));
  }

  @Test
  void decodeAcceptsWholeSecondAndNanosecondInstants() {
    record When(Instant at) {}
    assertThat(Cbor.unmarshal(unhex("a1 626174 74" + hex("2024-01-02T03:04:05Z".getBytes())),
        WhenHolder.class).at)
        .isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    assertThat(Cbor.unmarshal(Cbor.marshal(Map.of("at", "2024-01-02T03:04:05.000000001Z")),
        WhenHolder.class).at)
        .isEqualTo(Instant.parse("2024-01-02T03:04:05.000000001Z"));
  }

  /** Holder for instant decoding tests. */
  public static final class WhenHolder {
    public Instant at;
  }

  @Test
  void integerKeysAreAlsoReadFromTheirTextForm() {
    // {"1": 123, "2": "Alice"} with text keys decodes like integer keys.
    byte[] data = unhex("a2 6131 187b 6132 65416c696365");
    assertThat(Cbor.unmarshal(data, User.class)).isEqualTo(new User(123, "Alice", null));
  }

  @Test
  void nestedStructsBytesAndMapsRoundTrip() {
    Event event = new Event(Instant.parse("2024-05-06T07:08:09Z"), new byte[] {0, 1, (byte) 0xff},
        new User(1, "Bob", "bob@example.com"), Map.of("views", 3, "likes", 1));
    byte[] data = Cbor.marshal(event);
    assertThat(hex(data)).startsWith("a4" + "01");
    assertThat(hex(data)).contains("02" + "43" + "0001ff"); // key 2, byte string of 3
    Event back = Cbor.unmarshal(data, Event.class);
    assertThat(back.at()).isEqualTo(event.at());
    assertThat(back.payload()).isEqualTo(event.payload());
    assertThat(back.by()).isEqualTo(event.by());
    assertThat(back.counts()).isEqualTo(event.counts());
  }

  @Test
  void skippedAndEmptyFieldsAreLeftOut() {
    Profile p = new Profile();
    p.name = "n";
    p.password = "secret";
    p.nickname = "";
    p.roles = List.of();
    assertThat(hex(Cbor.marshal(p))).isEqualTo("a1" + "646e616d65" + "616e");
  }

  @Test
  void bigIntegersUseStandardBignumTags() {
    BigInteger big = BigInteger.ONE.shiftLeft(64);
    byte[] data = Cbor.marshal(new Big(big));
    assertThat(hex(data)).isEqualTo("a1" + "6576616c7565" + "c2" + "49" + "010000000000000000");
    assertThat(Cbor.unmarshal(data, Big.class).value()).isEqualTo(big);
    BigInteger negative = big.negate();
    assertThat(Cbor.unmarshal(Cbor.marshal(new Big(negative)),
        Big.class).value()).isEqualTo(negative);
    assertThat(hex(Cbor.marshal(new Big(BigInteger.valueOf(5))))).endsWith("05");
    // Up to 64 bits of magnitude is a plain integer, as the Go encoder writes big.Int.
    BigInteger max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    assertThat(hex(Cbor.marshal(new Big(max)))).endsWith("1bffffffffffffffff");
    assertThat(Cbor.unmarshal(Cbor.marshal(new Big(max)), Big.class).value()).isEqualTo(max);
    assertThat(Cbor.unmarshal(Cbor.marshal(new Big(max.negate())), Big.class).value())
        .isEqualTo(max.negate());
  }

  @Test
  void typedCodecsAreReusableAndEquivalent() {
    CborCodec<User> codec = Cbor.codec(User.class);
    User user = new User(7, "Eve", "eve@example.com");
    assertThat(codec.encode(user)).isEqualTo(Cbor.marshal(user));
    assertThat(codec.decode(codec.encode(user))).isEqualTo(user);
    assertThat(Cbor.codec(User.class)).isSameAs(codec);
  }

  @Test
  void mustVariantsThrowIllegalStateOnFailure() {
    assertThatThrownBy(() -> Cbor.mustUnmarshal(new byte[] {(byte) 0xff}, User.class))
        .isInstanceOf(IllegalStateException.class).hasCauseInstanceOf(CborException.class);
    assertThat(Cbor.mustUnmarshal(Cbor.mustMarshal(new User(1, "a", "b")), User.class))
        .isEqualTo(new User(1, "a", "b"));
  }

  @Test
  void invalidInputIsACborException() {
    assertThatThrownBy(() -> Cbor.unmarshal(new byte[0],
        User.class)).isInstanceOf(CborException.class);
    assertThatThrownBy(() -> Cbor.unmarshal(unhex("a3 01"),
        User.class)).isInstanceOf(CborException.class);
    assertThatThrownBy(() -> Cbor.unmarshal(unhex("65416c6963"),
        User.class)).isInstanceOf(CborException.class);
    assertThatThrownBy(() -> Cbor.unmarshal(unhex("01 02"), Integer.class))
        .isInstanceOf(CborException.class).hasMessageContaining("Trailing");
  }

  // ---- limits ----------------------------------------------------------------------------

  private static byte[] array(int n, boolean definite) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    if (definite) {
      out.write(0x99);
      out.write(n >> 8);
      out.write(n);
    } else {
      out.write(0x9f);
    }
    for (int i = 0; i < n; i++) {
      out.write(0x01);
    }
    if (!definite) {
      out.write(0xff);
    }
    return out.toByteArray();
  }

  private static byte[] map(int n, boolean definite) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    if (definite) {
      out.write(0xb9);
      out.write(n >> 8);
      out.write(n);
    } else {
      out.write(0xbf);
    }
    for (int i = 0; i < n; i++) {
      out.write(0x19); // key: uint16 i
      out.write(i >> 8);
      out.write(i);
      out.write(0x01);
    }
    if (!definite) {
      out.write(0xff);
    }
    return out.toByteArray();
  }

  private static byte[] nested(int depth) {
    byte[] data = new byte[depth + 1];
    java.util.Arrays.fill(data, 0, depth, (byte) 0x81); // array of one element
    data[depth] = 0x01;
    return data;
  }

  private static void assertLimit(Runnable decode, String limit) {
    assertThatThrownBy(decode::run).isInstanceOfSatisfying(CborLimitException.class,
        e -> assertThat(e.limit()).isEqualTo(limit));
  }

  @Test
  void arraysUpToTheLimitDecodeAndOneMoreIsRejected() {
    assertThat(Cbor.unmarshal(array(10_000, true), int[].class)).hasSize(10_000);
    assertLimit(() -> Cbor.unmarshal(array(10_001, true), int[].class), "maxArrayElements");
    assertLimit(() -> Cbor.unmarshal(array(10_001, false), int[].class), "maxArrayElements");
    assertLimit(() -> Cbor.unmarshal(array(10_001, true), Object.class), "maxArrayElements");
  }

  @Test
  void mapsUpToTheLimitDecodeAndOneMoreIsRejected() {
    assertThat(Cbor.unmarshal(map(10_000, true), Map.class)).hasSize(10_000);
    assertLimit(() -> Cbor.unmarshal(map(10_001, true), Map.class), "maxMapPairs");
    assertLimit(() -> Cbor.unmarshal(map(10_001, false), Map.class), "maxMapPairs");
  }

  @Test
  void limitsAlsoCountWhatDatabindSkips() {
    // An unknown property whose value is a huge array: skipped by databind, still counted.
    byte[] inner = array(10_001, true);
    byte[] data = new byte[2 + 8 + inner.length];
    data[0] = (byte) 0xa1;
    data[1] = 0x67;
    System.arraycopy("unknown".getBytes(), 0, data, 2, 7);
    System.arraycopy(inner, 0, data, 9, inner.length);
    assertLimit(() -> Cbor.unmarshal(java.util.Arrays.copyOf(data, 9 + inner.length), User.class),
        "maxArrayElements");
    // And a map with too many unknown keys going through the nextName path of a bean.
    assertLimit(() -> Cbor.unmarshal(map(10_001, true), User.class), "maxMapPairs");
  }

  @Test
  void sixteenLevelsDecodeAndSeventeenAreRejected() {
    assertThat(Cbor.unmarshal(nested(16), Object.class)).isNotNull();
    assertLimit(() -> Cbor.unmarshal(nested(17), Object.class), "maxNestingDepth");
    assertLimit(() -> Cbor.unmarshal(nested(100_000), Object.class), "maxNestingDepth");
  }

  @Test
  void aNineByteHeaderDeclaringFourGibibytesIsRejectedWithoutAllocating() {
    long before = usedHeap();
    // byte string, 8-byte length 2^32, no content
    byte[] bytes = unhex("5b 0000000100000000");
    assertThatThrownBy(() -> Cbor.unmarshal(bytes, byte[].class)).isInstanceOf(CborException.class);
    // text string likewise
    byte[] text = unhex("7b 0000000100000000");
    assertThatThrownBy(() -> Cbor.unmarshal(text, String.class)).isInstanceOf(CborException.class);
    // array and map headers declaring 2^32 entries
    assertThatThrownBy(() -> Cbor.unmarshal(unhex("9b 0000000100000000"), Object.class))
        .isInstanceOf(CborException.class);
    assertThatThrownBy(() -> Cbor.unmarshal(unhex("bb 0000000100000000"), Object.class))
        .isInstanceOf(CborException.class);
    assertThat(usedHeap() - before).as("heap grown by decoding hostile headers")
        .isLessThan(256L * 1024 * 1024);
  }

  private static long usedHeap() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }

  @Test
  void byteStringsAndDocumentsOverTheirCapsAreRejected() {
    CborLimits small = CborLimits.builder().maxByteStringLength(4).maxStringLength(4)
        .maxDocumentLength(64).build();
    CborCodec<byte[]> bytes = Cbor.codec(byte[].class, small);
    assertThat(bytes.decode(unhex("44 01020304"))).hasSize(4);
    assertLimit(() -> bytes.decode(unhex("45 0102030405")), "maxByteStringLength");
    assertLimit(() -> Cbor.codec(String.class, small).decode(unhex("65 6162636465")),
        "maxStringLength");
    assertLimit(() -> bytes.decode(new byte[65]), "maxDocumentLength");
  }

  @Test
  void limitsAreValidatedSettings() {
    assertThatThrownBy(() -> CborLimits.builder().maxMapPairs(0).build())
        .isInstanceOfSatisfying(CacheConfigException.class,
            e -> assertThat(e.field()).isEqualTo("maxMapPairs"));
    assertThat(CborLimits.DEFAULT.maxArrayElements()).isEqualTo(10_000);
    assertThat(CborLimits.DEFAULT.maxMapPairs()).isEqualTo(10_000);
    assertThat(CborLimits.DEFAULT.maxNestingDepth()).isEqualTo(16);
  }
}
