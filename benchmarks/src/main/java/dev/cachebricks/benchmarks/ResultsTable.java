package dev.cachebricks.benchmarks;

import dev.cachebricks.benchmarks.JmhResults.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH JSON result files into the Markdown table quoted in the README: every benchmark
 * with its score and error, and the ratio of each of ours to its baseline from the same run
 * ({@code adapterX}/{@code rawX}, {@code oursX}/{@code jacksonCborX}).
 * Usage: {@code ResultsTable out.md result.json...}.
 */
public final class ResultsTable {

  private ResultsTable() {}


  /**
   * Writes the table.
   *
   * @param args output file, then JMH JSON files
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    List<Row> rows = JmhResults.read(List.of(args).subList(1, args.length));
    Map<String, Row> byKey = new LinkedHashMap<>();
    for (Row row : rows) {
      byKey.put(row.name() + "@" + row.threads(), row);
    }
    StringBuilder md = new StringBuilder();
    md.append("| benchmark | threads | score | error | unit | ratio to baseline |\n");
    md.append("|---|---:|---:|---:|---|---:|\n");
    for (Row row : rows) {
      md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %s | %s |%n",
          row.name(), row.threads(), row.score(), row.error(), row.unit(), ratio(row, byKey)));
    }
    Files.writeString(Path.of(args[0]), md.toString());
    System.out.print(md);
  }

  /** Ours over baseline, as "time ratio" (lower is better) or "throughput ratio" (higher). */
  private static String ratio(Row row, Map<String, Row> byKey) {
    String method = row.method();
    String prefix = row.name().substring(0, row.name().indexOf('.') + 1);
    String baseline = null;
    if (method.startsWith("adapter")) {
      baseline = "raw" + method.substring("adapter".length());
    } else if (method.startsWith("ours")) {
      baseline = "jacksonCbor" + method.substring("ours".length());
    }
    Row base = baseline == null ? null : byKey.get(prefix + baseline + "@" + row.threads());
    if (base == null || base.score() == 0) {
      return "";
    }
    boolean throughput = row.unit().contains("/s");
    double r = row.score() / base.score();
    return String.format(Locale.ROOT, "%.3f (%s)", r, throughput ? "throughput, higher is better"
        : "time, lower is better");
  }
}
