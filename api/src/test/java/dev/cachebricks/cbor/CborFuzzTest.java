package dev.cachebricks.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.cachebricks.cbor.CborTest.Event;
import dev.cachebricks.cbor.CborTest.User;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile input never crashes the decoder and is never accepted when it must not be: random
 * bytes, mutated valid payloads, generated near-valid documents (ill-formed UTF-8, duplicate
 * keys, runs of tags, chunked strings, nesting around the limit) and crafted cases either fail
 * with {@link CborException} — no other exception, no {@link OutOfMemoryError}, no input slower
 * than a generous bound — or decode, and then {@link StrictCborValidator}, a strict reference
 * written without Jackson, must accept them too.
 *
 * <p>{@code -Dcachebricks.fuzz.iterations=N} (default 30,000) and
 * {@code -Dcachebricks.fuzz.seed=S} reproduce or extend a run; a failure prints both.
 */
class CborFuzzTest {

  private static final int ITERATIONS = Integer.getInteger("cachebricks.fuzz.iterations", 30_000);
  private static final long SEED = Long.getLong("cachebricks.fuzz.seed", 42L);
  private static final long SLOW_NANOS = 2_000_000_000L;

  private final List<CborCodec<?>> codecs = List.of(
      Cbor.codec(Object.class), Cbor.codec(User.class), Cbor.codec(Event.class),
      Cbor.codec(byte[].class), Cbor.codec(String.class), Cbor.codec(Map.class));

  private long slowest;
  private int decoded;
  private int rejected;
  private int invalid;

  private void feed(byte[] input) {
    String invalidBecause = StrictCborValidator.reject(input);
    if (invalidBecause != null) {
      invalid++;
    }
    for (CborCodec<?> codec : codecs) {
      long start = System.nanoTime();
      boolean accepted = false;
      try {
        codec.decode(input);
        accepted = true;
        decoded++;
      } catch (CborException expected) {
        rejected++;
      } catch (Throwable t) {
        fail("%s on input %s threw %s; seed %d", codec, HexFormat.of().formatHex(input), t, SEED,
            t);
      }
      if (accepted && invalidBecause != null) {
        fail("%s accepted input %s that must be rejected (%s); seed %d", codec,
            HexFormat.of().formatHex(input), invalidBecause, SEED);
      }
      long took = System.nanoTime() - start;
      slowest = Math.max(slowest, took);
      if (took > SLOW_NANOS) {
        fail("%s took %d ms on input %s", codec, took / 1_000_000, HexFormat.of().formatHex(input));
      }
    }
  }

  private static List<byte[]> seeds() {
    List<byte[]> seeds = new ArrayList<>();
    seeds.add(Cbor.marshal(new User(123, "Alice", "alice@example.com")));
    seeds.add(Cbor.marshal(new Event(Instant.parse("2024-05-06T07:08:09.5Z"), new byte[] {1, 2, 3},
        new User(1, "Bob", "bob@example.com"), Map.of("views", 3))));
    seeds.add(Cbor.marshal(List.of(1, "two", 3.0, List.of(Map.of("k", new byte[] {9})))));
    seeds.add(Cbor.marshal(Map.of("nested", Map.of("deeper", Map.of("deepest", List.of(1, 2))))));
    seeds.add(Cbor.marshal(Map.of("\u00e9t\u00e9", "\ud83d\ude00", "k", List.of("\u20ac", "x"))));
    seeds.add(hex("7f 62c3a9 6161 ff")); // a chunked string
    seeds.add(hex("c6 c6 81 c2 41 05")); // tags
    return seeds;
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  @Test
  void craftedHostileInputsFailTyped() {
    String[] crafted = {
      "5b 0000000100000000",          // byte string declaring 4 GiB
      "7b 7fffffffffffffff",          // text string declaring 2^63-1
      "5a ffffffff 00",               // byte string declaring 4 GiB - 1, one byte present
      "9b ffffffffffffffff",          // array declaring 2^64-1 elements
      "bb ffffffffffffffff",          // map declaring 2^64-1 pairs
      "9f 9f 9f 9f 9f 9f 9f 9f 9f 9f 9f 9f 9f 9f 9f 9f 9f 9f ff", // deep indefinite arrays
      "bf bf bf bf bf bf bf bf bf bf bf bf bf bf bf bf bf bf ff", // deep indefinite maps
      "5f 41 00 5f ff ff",            // nested indefinite byte strings (invalid)
      "7f 61 61 41 00 ff",            // indefinite text with a byte-string chunk (invalid)
      "62 c3 28",                     // invalid UTF-8
      "63 ed a0 80",                  // UTF-8 surrogate
      "c0 c0 c0 c0 c0 c0 c0 c0 01",   // stacked tags
      "d9 ffff 01",                   // unknown tag
      "c2 5b 0000000100000000",       // bignum tag over a huge byte string
      "a2 01 01 01 02",               // duplicate keys
      "a1 01",                        // map missing its value
      "ff",                           // lone break
      "1c", "3e", "5c", "7d", "9e", "bc", "dc", "fc", // reserved additional info
      "f8 00", "f8 1f",               // invalid simple values
      "fb 7ff8000000000000",          // NaN
      "a1 60 80",                     // empty key, empty array
    };
    for (String c : crafted) {
      feed(hex(c));
    }
    assertThat(rejected).isPositive();
  }

  @Test
  void theValidatorItselfRejectsWhatMustBeRejected() {
    for (String bad : List.of("62c0af", "63eda080", "64f4908080", "a2616101616102",
        "c6".repeat(18) + "01", "81".repeat(17) + "01", "81".repeat(16) + "c6c601", "9fc6ff",
        "7f6261c362a961ff", "f800", "0101", "1c", "ff")) {
      assertThat(StrictCborValidator.reject(hex(bad))).as(bad).isNotNull();
    }
    for (String good : List.of("62c3a9", "a2616101616202", "c6".repeat(17) + "01",
        "81".repeat(16) + "c601", "7f6161ff", "f820", "a20101" + "6131" + "02")) {
      assertThat(StrictCborValidator.reject(hex(good))).as(good).isNull();
    }
  }

  @Test
  void randomMutatedAndGeneratedInputsNeverEscapeTheTypedErrorNorPassInvalid() {
    Random random = new Random(SEED);
    List<byte[]> seeds = seeds();
    for (int i = 0; i < ITERATIONS; i++) {
      byte[] input;
      if (i % 3 == 0) {
        input = new byte[random.nextInt(64)];
        random.nextBytes(input);
      } else if (i % 3 == 1) {
        input = generated(random);
        if (random.nextInt(4) == 0 && input.length > 0) {
          input[random.nextInt(input.length)] ^= (byte) (1 << random.nextInt(8));
        }
      } else {
        byte[] seed = seeds.get(random.nextInt(seeds.size()));
        input = seed.clone();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && input.length > 0; m++) {
          int at = random.nextInt(input.length);
          switch (random.nextInt(4)) {
            case 0 -> input[at] = (byte) random.nextInt(256);
            case 1 -> input[at] ^= (byte) (1 << random.nextInt(8));
            case 2 -> input = java.util.Arrays.copyOf(input, at); // truncate
            default -> { // splice a header with a huge length
              byte[] grown = java.util.Arrays.copyOf(input, input.length + 9);
              System.arraycopy(input, at, grown, at + 9, input.length - at);
              grown[at] = (byte) (0x1b | (random.nextInt(8) << 5));
              for (int b = 1; b < 9; b++) {
                grown[at + b] = (byte) random.nextInt(256);
              }
              input = grown;
            }
          }
        }
      }
      feed(input);
    }
    System.out.printf("cbor fuzz: %d inputs x %d codecs (seed %d): %d decoded, %d rejected typed"
        + " (%d inputs invalid by the strict validator), slowest %.1f ms%n", ITERATIONS,
        codecs.size(), SEED, decoded, rejected, invalid, slowest / 1e6);
    assertThat(decoded + rejected).isEqualTo(ITERATIONS * codecs.size());
  }

  // ---- generated near-valid documents -------------------------------------------------------

  /** Ill-formed UTF-8 sequences a generated string may carry. */
  private static final String[] ILL_FORMED = {"c0af", "eda080", "f4908080", "80", "c3", "e0808f",
      "f08fbfbf", "ff"};
  /** Well-formed text, ASCII and not, short enough to repeat as keys. */
  private static final String[] WORDS = {"a", "b", "id", "name", "\u00e9", "\u20ac",
      "\ud83d\ude00", "\ue000", "\ue0008", "1", ""};

  private static byte[] generated(Random random) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    if (random.nextInt(8) == 0) { // nesting around the limit: arrays, maps and runs of tags
      int levels = 13 + random.nextInt(6);
      for (int i = 0; i < levels; i++) {
        switch (random.nextInt(4)) {
          case 0 -> out.write(0xc6);
          case 1 -> out.writeBytes(hex("a1 6161"));
          default -> out.write(0x81);
        }
      }
    }
    item(out, random, 0);
    return out.toByteArray();
  }

  private static void item(java.io.ByteArrayOutputStream out, Random random, int depth) {
    switch (random.nextInt(depth > 4 ? 5 : 10)) {
      case 0 -> head(out, random.nextInt(2), random.nextInt(4) == 0
          ? random.nextLong() >>> random.nextInt(64) : random.nextInt(30));
      case 1 -> text(out, random, random.nextInt(6) == 0);
      case 2 -> {
        byte[] bytes = new byte[random.nextInt(6)];
        random.nextBytes(bytes);
        head(out, 2, bytes.length);
        out.writeBytes(bytes);
      }
      case 3 -> out.writeBytes(hex(new String[] {"f4", "f5", "f6", "f7", "f97e00", "f97c00",
          "fb3ff8000000000000", "fa3fc00000", "f820", "f813"}[random.nextInt(10)]));
      case 4 -> { // an indefinite-length string, now and then in very many chunks
        boolean isText = random.nextBoolean();
        out.write(isText ? 0x7f : 0x5f);
        int chunks = random.nextInt(20) == 0 ? 4_000 + random.nextInt(200) : random.nextInt(4);
        for (int i = 0; i < chunks; i++) {
          if (isText) {
            text(out, random, random.nextInt(30) == 0);
          } else {
            head(out, 2, 1);
            out.write(random.nextInt(256));
          }
        }
        out.write(0xff);
      }
      case 5, 6 -> {
        int n = random.nextInt(4);
        boolean definite = random.nextInt(3) > 0;
        if (definite) {
          head(out, 4, n);
        } else {
          out.write(0x9f);
        }
        for (int i = 0; i < n; i++) {
          item(out, random, depth + 1);
        }
        if (!definite) {
          out.write(0xff);
        }
      }
      case 7, 8 -> { // keys from a small set, so that some repeat
        int n = random.nextInt(4);
        boolean definite = random.nextInt(3) > 0;
        if (definite) {
          head(out, 5, n);
        } else {
          out.write(0xbf);
        }
        for (int i = 0; i < n; i++) {
          if (random.nextInt(4) == 0) {
            head(out, 0, random.nextInt(4));
          } else {
            byte[] key = WORDS[random.nextInt(WORDS.length)].getBytes(StandardCharsets.UTF_8);
            head(out, 3, key.length);
            out.writeBytes(key);
          }
          item(out, random, depth + 1);
        }
        if (!definite) {
          out.write(0xff);
        }
      }
      default -> { // a run of tags
        int tags = random.nextInt(10) == 0 ? 15 + random.nextInt(4) : 1 + random.nextInt(2);
        for (int i = 0; i < tags; i++) {
          out.write(random.nextInt(8) == 0 ? 0xc2 : 0xc6);
        }
        item(out, random, depth + 1);
      }
    }
  }

  private static void text(java.io.ByteArrayOutputStream out, Random random, boolean illFormed) {
    java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
    text.writeBytes(WORDS[random.nextInt(WORDS.length)].getBytes(StandardCharsets.UTF_8));
    if (illFormed) {
      text.writeBytes(hex(ILL_FORMED[random.nextInt(ILL_FORMED.length)]));
    }
    head(out, 3, text.size());
    out.writeBytes(text.toByteArray());
  }

  private static void head(java.io.ByteArrayOutputStream out, int major, long n) {
    int m = major << 5;
    if (n >= 0 && n < 24) {
      out.write(m | (int) n);
    } else if (n >= 0 && n < 0x100) {
      out.write(m | 24);
      out.write((int) n);
    } else if (n >= 0 && n < 0x10000) {
      out.write(m | 25);
      out.write((int) (n >> 8));
      out.write((int) n);
    } else {
      out.write(m | 27);
      for (int i = 7; i >= 0; i--) {
        out.write((int) (n >>> (8 * i)));
      }
    }
  }
}
