package dev.cachebricks.internal.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.cbor.CBORMapper;

class CanonicalizerTest {

  private static final CBORMapper PLAIN = new CBORMapper();

  private static String canon(String hex) {
    return HexFormat.of().formatHex(
        Canonicalizer.canonicalize(HexFormat.of().parseHex(hex.replace(" ", ""))));
  }

  @Test
  void indefiniteContainersAndStringsGetDefiniteLengths() {
    assertThat(canon("9f 01 02 ff")).isEqualTo("820102");
    assertThat(canon("bf 61 61 01 ff")).isEqualTo("a1616101");
    assertThat(canon("7f 62 6162 61 63 ff")).isEqualTo("63616263");
    assertThat(canon("5f 41 01 42 0203 ff")).isEqualTo("43010203");
    assertThat(canon("9f 9f ff bf ff ff")).isEqualTo("8280a0");
  }

  @Test
  void countsOf24AndMoreGrowTheHeadInPlace() {
    StringBuilder hex = new StringBuilder("9f");
    for (int i = 0; i < 300; i++) {
      hex.append("01");
    }
    hex.append("ff");
    assertThat(canon(hex.toString())).isEqualTo("99012c" + "01".repeat(300));
  }

  @Test
  void mapKeysAreSortedShorterFirstThenBytewise() {
    // {"bb": 1, "a": [{"z": 0, "y": 1}], 10: 2, 1: 3}
    assertThat(canon("a4 626262 01 6161 81a2617a00617901 0a 02 01 03"))
        .isEqualTo("a4" + "01 03" .replace(" ", "") + "0a02" + "6161" + "81a2617901617a00"
            + "62626201");
  }

  @Test
  void textKeysStayTextWhateverTheyLookLike() {
    // "\uE000" + "17": the in-band integer-key mark the codec once used; now just text.
    assertThat(canon("a1 65 ee8080 3137 65 ee8080 3137")).isEqualTo("a165ee8080313765ee80803137");
    assertThat(canon("a2 65 ee8080 3137 01 61 61 02")).isEqualTo("a2616102" + "65ee8080313701");
  }

  @Test
  void aKeyThePassRewritesIsSortedInItsCanonicalForm() {
    // {"zz": 1, (_ "a"): 2}: as written (4 bytes) the chunked key sorts after "zz" (3 bytes); as
    // the canonical text it becomes (2 bytes) it sorts first.
    assertThat(canon("a2 627a7a 01 7f 6161 ff 02")).isEqualTo("a2" + "616102" + "627a7a01");
  }

  @Test
  void smallBignumsBecomeIntegersAndLargeOnesLoseLeadingZeros() {
    assertThat(canon("c2 41 05")).isEqualTo("05");
    assertThat(canon("c3 48 ffffffffffffffff")).isEqualTo("3bffffffffffffffff");
    assertThat(canon("c2 4a 00 010000000000000000")).isEqualTo("c249010000000000000000");
    assertThat(canon("c2 40")).isEqualTo("00");
  }

  @Test
  void canonicalInputComesBackAsIs() {
    byte[] canonical = HexFormat.of().parseHex("a2616101616282f93c00fb3ff0000000000000");
    assertThat(Canonicalizer.canonicalize(canonical)).isSameAs(canonical);
  }

  @Test
  void malformedInputIsRejected() {
    for (String bad : List.of("", "9f01", "62 61", "a1 61", "1c", "ff", "0101", "7f 01 ff", "c2")) {
      assertThatThrownBy(() -> canon(bad)).as(bad).isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void randomDocumentsComeOutCanonicalAndEqual() throws Exception {
    Random random = new Random(42);
    for (int i = 0; i < 500; i++) {
      Object doc = randomValue(random, 0);
      byte[] plain = PLAIN.writeValueAsBytes(doc);
      byte[] canonical = Canonicalizer.canonicalize(plain);
      assertThat(PLAIN.readTree(canonical)).as("document %d", i).isEqualTo(PLAIN.readTree(plain));
      assertCanonical(canonical);
      assertThat(Canonicalizer.canonicalize(canonical)).isSameAs(canonical);
    }
  }

  private static Object randomValue(Random random, int depth) {
    int kind = random.nextInt(depth > 4 ? 4 : 7);
    return switch (kind) {
      case 0 -> random.nextLong() >> random.nextInt(64);
      case 1 -> "s".repeat(random.nextInt(random.nextInt(10) == 0 ? 5000 : 30));
      case 2 -> random.nextBoolean();
      case 3 -> random.nextDouble();
      case 4 -> {
        List<Object> list = new ArrayList<>();
        for (int n = random.nextInt(random.nextInt(5) == 0 ? 40 : 4); n > 0; n--) {
          list.add(randomValue(random, depth + 1));
        }
        yield list;
      }
      default -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int n = random.nextInt(random.nextInt(5) == 0 ? 40 : 5); n > 0; n--) {
          map.put(Integer.toString(random.nextInt(1 << random.nextInt(20)), 36),
              randomValue(random, depth + 1));
        }
        yield map;
      }
    };
  }

  /** An independent check: definite lengths everywhere and strictly ordered map keys. */
  private static void assertCanonical(byte[] data) {
    int end = check(data, 0);
    assertThat(end).isEqualTo(data.length);
  }

  private static int check(byte[] d, int at) {
    int initial = d[at] & 0xff;
    int major = initial >>> 5;
    int info = initial & 31;
    assertThat(info).as("definite length at %d", at).isNotEqualTo(31);
    int size = info < 24 ? 0 : 1 << (info - 24);
    long n = info < 24 ? info : 0;
    for (int i = 1; i <= size; i++) {
      n = (n << 8) | (d[at + i] & 0xff);
    }
    int next = at + 1 + size;
    if (major == 7) {
      return next;
    }
    if (major < 2 || major == 6) {
      assertThat(size == 0 || n >= (size == 1 ? 24 : 1L << (4 * size))).as("minimal head at %d", at)
          .isTrue();
      return major == 6 ? check(d, next) : next;
    }
    if (major < 4) {
      return next + (int) n;
    }
    byte[] previous = null;
    for (long i = 0; i < n; i++) {
      int keyStart = next;
      next = check(d, next);
      if (major == 5) {
        byte[] key = Arrays.copyOfRange(d, keyStart, next);
        if (previous != null) {
          assertThat(Canonicalizer.compareEncoded(previous, key)).as("key order at %d", keyStart)
              .isNegative();
        }
        previous = key;
        next = check(d, next);
      }
    }
    return next;
  }
}
