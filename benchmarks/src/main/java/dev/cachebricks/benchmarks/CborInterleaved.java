package dev.cachebricks.benchmarks;

import dev.cachebricks.internal.cbor.UncheckedCodecMapper;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import tools.jackson.databind.ObjectReader;
import tools.jackson.dataformat.cbor.CBORMapper;

/**
 * A stall-robust cross-check of {@link CborBenchmark}: runs ours and plain Jackson CBOR
 * interleaved, 40 rounds of 50,000 calls each, and keeps each one's fastest round. On a shared
 * VM that stalls for whole JMH iterations the minimum is the stable figure; JMH remains the
 * reference for everything else. Decoding also runs a third way, the codec's own mapper on
 * Jackson's unchecked parser ({@link UncheckedCodecMapper}): ours over that is what the codec's
 * limits and strictness checks cost. Usage: {@code java -cp benchmarks.jar
 * dev.cachebricks.benchmarks.CborInterleaved}.
 */
public final class CborInterleaved {

  private static volatile Object sink;

  private CborInterleaved() {}

  /**
   * Prints ns per call and the ratios.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    CborBenchmark b = new CborBenchmark();
    b.setUp();
    CBORMapper unchecked = UncheckedCodecMapper.create();
    ObjectReader uncheckedUser = unchecked.readerFor(CborBenchmark.User.class);
    ObjectReader uncheckedOrder = unchecked.readerFor(CborBenchmark.Order.class);
    String[] names = {"jacksonCborEncodeUser", "oursEncodeUser", "jacksonCborEncodeOrder",
        "oursEncodeOrder", "jacksonCborDecodeUser", "oursDecodeUser", "jacksonCborDecodeOrder",
        "oursDecodeOrder", "uncheckedDecodeUser", "uncheckedDecodeOrder"};
    @SuppressWarnings("unchecked")
    Supplier<Object>[] calls = new Supplier[] {b::jacksonCborEncodeUser, b::oursEncodeUser,
        b::jacksonCborEncodeOrder, b::oursEncodeOrder, b::jacksonCborDecodeUser, b::oursDecodeUser,
        b::jacksonCborDecodeOrder, b::oursDecodeOrder,
        () -> uncheckedUser.readValue(b.oursUserBytes),
        () -> uncheckedOrder.readValue(b.oursOrderBytes)};
    double[] best = new double[calls.length];
    Arrays.fill(best, Double.MAX_VALUE);
    int rounds = Smoke.pick(40, 1);
    int perRound = Smoke.pick(50_000, 1_000);
    for (int round = 0; round < rounds; round++) {
      for (int i = 0; i < calls.length; i++) {
        long start = System.nanoTime();
        for (int n = 0; n < perRound; n++) {
          sink = calls[i].get();
        }
        best[i] = Math.min(best[i], (System.nanoTime() - start) / (double) perRound);
      }
    }
    for (int i = 0; i < 8; i += 2) {
      System.out.printf(Locale.ROOT, "%-24s %7.0f ns   %-16s %7.0f ns   ratio %.2f%n", names[i],
          best[i], names[i + 1], best[i + 1], best[i + 1] / best[i]);
    }
    for (int i = 8; i < 10; i++) {
      int ours = i == 8 ? 5 : 7;
      System.out.printf(Locale.ROOT, "%-24s %7.0f ns   %-16s %7.0f ns   checks cost %.2f%n",
          names[i], best[i], names[ours], best[ours], best[ours] / best[i]);
    }
  }
}
