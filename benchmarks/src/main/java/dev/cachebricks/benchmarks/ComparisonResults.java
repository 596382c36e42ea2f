package dev.cachebricks.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the TSV that {@link RedisInterleaved} writes: rows, and notes on {@code #} lines. */
final class ComparisonResults {

  /** The TSV's first line. */
  static final String HEADER =
      "operation\tthreads\tvariant\trounds\tops_per_s\tvs_jedis\tvs_jedis_q1\tvs_jedis_q3"
      + "\tvs_imap\tvs_imap_q1\tvs_imap_q3\tp50_us\tp99_us";

  private ComparisonResults() {}

  /**
   * One variant at one thread count; medians over rounds, NaN where not measured.
   *
   * @param operation what was measured, e.g. {@code get, 16 hot keys}
   * @param threads calling threads
   * @param variant the store and client, e.g. {@code Jedis}
   * @param rounds rounds measured
   * @param opsPerSecond operations per second over all threads
   * @param vsJedis the per-round ratio to Jedis's throughput
   * @param vsImap the per-round ratio to the stock client's {@code IMap}
   * @param p50Micros sampled median latency of a call
   * @param p99Micros sampled 99th percentile latency of a call
   */
  record Row(String operation, int threads, String variant, int rounds, double opsPerSecond,
      Ratio vsJedis, Ratio vsImap, double p50Micros, double p99Micros) {}

  /**
   * A per-round ratio over the rounds; all NaN where there is no baseline.
   *
   * @param median the median
   * @param q1 the first quartile
   * @param q3 the third quartile
   */
  record Ratio(double median, double q1, double q3) {

    boolean measured() {
      return !Double.isNaN(median);
    }
  }

  /** The rows and notes of one file. */
  record Results(List<Row> rows, List<String> notes) {}

  static Results read(Path file) throws IOException {
    List<Row> rows = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.equals(HEADER) || line.isBlank()) {
        continue;
      }
      if (line.startsWith("#")) {
        notes.add(line.substring(1).trim());
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length != 13) {
        throw new IOException(file + ": expected 13 columns: " + line);
      }
      double[] d = new double[f.length];
      for (int i = 4; i < f.length; i++) {
        d[i] = Double.parseDouble(f[i]);
      }
      rows.add(new Row(f[0], Integer.parseInt(f[1]), f[2], Integer.parseInt(f[3]), d[4],
          new Ratio(d[5], d[6], d[7]), new Ratio(d[8], d[9], d[10]), d[11], d[12]));
    }
    return new Results(rows, notes);
  }
}
