package dev.cachebricks.benchmarks;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * A stall-robust cross-check of {@link CborBenchmark}: runs ours and plain Jackson CBOR
 * interleaved, 40 rounds of 50,000 calls each, and keeps each one's fastest round. On a shared
 * VM that stalls for whole JMH iterations the minimum is the stable figure; JMH remains the
 * reference for everything else. Usage: {@code java -cp benchmarks.jar
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
    String[] names = {"jacksonCborEncodeUser", "oursEncodeUser", "jacksonCborEncodeOrder",
        "oursEncodeOrder", "jacksonCborDecodeUser", "oursDecodeUser", "jacksonCborDecodeOrder",
        "oursDecodeOrder"};
    @SuppressWarnings("unchecked")
    Supplier<Object>[] calls = new Supplier[] {b::jacksonCborEncodeUser, b::oursEncodeUser,
        b::jacksonCborEncodeOrder, b::oursEncodeOrder, b::jacksonCborDecodeUser, b::oursDecodeUser,
        b::jacksonCborDecodeOrder, b::oursDecodeOrder};
    double[] best = new double[calls.length];
    java.util.Arrays.fill(best, Double.MAX_VALUE);
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
    for (int i = 0; i < calls.length; i += 2) {
      System.out.printf(Locale.ROOT, "%-24s %7.0f ns   %-16s %7.0f ns   ratio %.2f%n", names[i],
          best[i], names[i + 1], best[i + 1], best[i + 1] / best[i]);
    }
  }
}
