package dev.cachebricks.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns JMH JSON result files into the Markdown table quoted in the README: every benchmark
 * with its score and error, and the ratio of each of ours to its baseline from the same run
 * ({@code adapterX}/{@code rawX}, {@code oursX}/{@code jacksonCborX}).
 * Usage: {@code ResultsTable out.md result.json...}.
 */
public final class ResultsTable {

  private ResultsTable() {}

  private record Row(String file, String name, int threads, double score, double error, String unit) {}

  /**
   * Writes the table.
   *
   * @param args output file, then JMH JSON files
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    JsonMapper json = new JsonMapper();
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      Path file = Path.of(args[i]);
      for (JsonNode result : json.readTree(file.toFile())) {
        String benchmark = result.get("benchmark").asString();
        JsonNode metric = result.get("primaryMetric");
        rows.add(new Row(file.getFileName().toString(),
            benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1),
            result.get("threads").asInt(), metric.get("score").asDouble(),
            metric.get("scoreError").asDouble(), metric.get("scoreUnit").asString()));
      }
    }
    Map<String, Row> byKey = new LinkedHashMap<>();
    for (Row row : rows) {
      byKey.put(row.name + "@" + row.threads, row);
    }
    StringBuilder md = new StringBuilder();
    md.append("| benchmark | threads | score | error | unit | ratio to baseline |\n");
    md.append("|---|---:|---:|---:|---|---:|\n");
    for (Row row : rows) {
      md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %s | %s |%n",
          row.name, row.threads, row.score, row.error, row.unit, ratio(row, byKey)));
    }
    Files.writeString(Path.of(args[0]), md.toString());
    System.out.print(md);
  }

  /** Ours over baseline, as "time ratio" (lower is better) or "throughput ratio" (higher). */
  private static String ratio(Row row, Map<String, Row> byKey) {
    String method = row.name.substring(row.name.indexOf('.') + 1);
    String prefix = row.name.substring(0, row.name.indexOf('.') + 1);
    String baseline = null;
    if (method.startsWith("adapter")) {
      baseline = "raw" + method.substring("adapter".length());
    } else if (method.startsWith("ours")) {
      baseline = "jacksonCbor" + method.substring("ours".length());
    }
    Row base = baseline == null ? null : byKey.get(prefix + baseline + "@" + row.threads);
    if (base == null || base.score == 0) {
      return "";
    }
    boolean throughput = row.unit.contains("/s");
    double r = row.score / base.score;
    return String.format(Locale.ROOT, "%.3f (%s)", r, throughput ? "throughput, higher is better"
        : "time, lower is better");
  }
}
