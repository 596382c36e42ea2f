package dev.cachebricks.benchmarks;

import dev.cachebricks.benchmarks.ComparisonResults.Ratio;
import dev.cachebricks.benchmarks.ComparisonResults.Results;
import dev.cachebricks.benchmarks.ComparisonResults.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns {@link RedisInterleaved}'s TSV into the Markdown table quoted in the README (ratios:
 * median and quartiles of the per-round ratios), then the goals as measured. Usage:
 * {@code ComparisonTable out.md results.tsv}.
 */
public final class ComparisonTable {

  private ComparisonTable() {}

  /**
   * Writes the table.
   *
   * @param args output file, then the TSV
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    Results results = ComparisonResults.read(Path.of(args[1]));
    StringBuilder md = new StringBuilder();
    md.append("| operation | threads | variant | ops/s | x Jedis | x IMap.get | p50 µs"
        + " | p99 µs |\n");
    md.append("|---|---:|---|---:|---:|---:|---:|---:|\n");
    for (Row row : results.rows()) {
      md.append(String.format(Locale.ROOT, "| %s | %d | %s | %,.0f | %s | %s | %s | %s |%n",
          row.operation(), row.threads(), row.variant(), row.opsPerSecond(),
          ratio(row.vsJedis()), ratio(row.vsImap()),
          number(row.p50Micros(), "%.1f"), number(row.p99Micros(), "%.1f")));
    }
    md.append('\n');
    md.append("Goals of issue 15 as measured (median and quartiles of the per-round ratios):\n\n");
    for (Row row : results.rows()) {
      if (row.vsImap().measured() && row.variant().equals(RedisInterleaved.CLIENT)) {
        md.append(goal(row, "client get vs stock client `IMap.get`", row.vsImap(), 0.9, "0.9"));
      }
      if (row.operation().contains("hot") && row.variant().equals(RedisInterleaved.NEAR)) {
        md.append(goal(row, "near-cache hot get vs Jedis", row.vsJedis(), 10, "10"));
      }
    }
    if (!results.notes().isEmpty()) {
      md.append('\n');
      for (String note : results.notes()) {
        md.append("Note: ").append(note).append(".\n");
      }
    }
    Files.writeString(Path.of(args[0]), md.toString());
    System.out.print(md);
  }

  private static String goal(Row row, String what, Ratio ratio, double goal, String shown) {
    return String.format(Locale.ROOT,
        "- %s, %s, %d thread(s): %.2fx, quartiles %.2f–%.2f (goal ≥ %sx): %s%n", what,
        row.operation(), row.threads(), ratio.median(), ratio.q1(), ratio.q3(), shown,
        ratio.median() >= goal ? "met" : "not met");
  }

  /** The median with the quartiles of the per-round ratios, e.g. {@code 0.93 (0.90–0.97)}. */
  private static String ratio(Ratio ratio) {
    return ratio.measured() ? String.format(Locale.ROOT, "%.2f (%.2f–%.2f)", ratio.median(),
        ratio.q1(), ratio.q3()) : "";
  }

  private static String number(double value, String format) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, format, value);
  }
}
