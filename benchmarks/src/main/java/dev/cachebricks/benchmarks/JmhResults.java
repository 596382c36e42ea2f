package dev.cachebricks.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads JMH's JSON result files ({@code -rf json}) into rows. */
final class JmhResults {

  private JmhResults() {}

  /**
   * One benchmark result.
   *
   * @param name {@code Class.method}
   * @param threads JMH threads
   * @param score the primary metric
   * @param error its 99.9% half-interval
   * @param unit e.g. {@code ops/s}, {@code us/op}
   */
  record Row(String name, int threads, double score, double error, String unit) {

    /** The method name alone. */
    String method() {
      return name.substring(name.indexOf('.') + 1);
    }

    /** Operations per second over all threads, whatever the mode. */
    double totalOpsPerSecond() {
      if (unit.endsWith("/s")) {
        return score;
      }
      double nanosPerOp = switch (unit) {
        case "ns/op" -> score;
        case "us/op" -> score * 1e3;
        case "ms/op" -> score * 1e6;
        case "s/op" -> score * 1e9;
        default -> throw new IllegalArgumentException("unknown unit " + unit);
      };
      return threads * 1e9 / nanosPerOp; // average time is per operation of one thread
    }
  }

  static List<Row> read(List<String> files) throws IOException {
    JsonMapper json = new JsonMapper();
    List<Row> rows = new ArrayList<>();
    for (String file : files) {
      for (JsonNode result : json.readTree(Path.of(file).toFile())) {
        String benchmark = result.get("benchmark").asString();
        JsonNode metric = result.get("primaryMetric");
        rows.add(new Row(
            benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1),
            result.get("threads").asInt(), metric.get("score").asDouble(),
            number(metric.get("scoreError")), metric.get("scoreUnit").asString()));
      }
    }
    return rows;
  }

  /** JMH writes an error it cannot compute (a single iteration) as the string "NaN". */
  private static double number(JsonNode node) {
    return node.isNumber() ? node.asDouble() : Double.parseDouble(node.asString());
  }
}
