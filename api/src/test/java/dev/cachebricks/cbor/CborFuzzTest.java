package dev.cachebricks.cbor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.cachebricks.Cbor;
import dev.cachebricks.CborCodec;
import dev.cachebricks.CborException;
import dev.cachebricks.cbor.CborTest.Event;
import dev.cachebricks.cbor.CborTest.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Hostile input never crashes the decoder: random bytes, mutated valid payloads and crafted
 * cases either decode or fail with {@link CborException} — no other exception, no
 * {@link OutOfMemoryError}, no input slower than a generous bound.
 *
 * <p>{@code -Dcachebricks.fuzz.iterations=N} (default 30,000) and
 * {@code -Dcachebricks.fuzz.seed=S} reproduce or extend a run.
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

  private void feed(byte[] input) {
    for (CborCodec<?> codec : codecs) {
      long start = System.nanoTime();
      try {
        codec.decode(input);
        decoded++;
      } catch (CborException expected) {
        rejected++;
      } catch (Throwable t) {
        fail("%s on input %s threw %s", codec, HexFormat.of().formatHex(input), t, t);
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
  void randomAndMutatedInputsNeverEscapeTheTypedError() {
    Random random = new Random(SEED);
    List<byte[]> seeds = seeds();
    for (int i = 0; i < ITERATIONS; i++) {
      byte[] input;
      if (i % 3 == 0) {
        input = new byte[random.nextInt(64)];
        random.nextBytes(input);
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
    System.out.printf("cbor fuzz: %d inputs x %d codecs (seed %d): %d decoded, %d rejected typed,"
        + " slowest %.1f ms%n", ITERATIONS, codecs.size(), SEED, decoded, rejected, slowest / 1e6);
    assertThat(decoded + rejected).isEqualTo(ITERATIONS * codecs.size());
  }
}
