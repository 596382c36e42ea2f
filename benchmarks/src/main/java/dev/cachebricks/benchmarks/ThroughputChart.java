package dev.cachebricks.benchmarks;

import dev.cachebricks.benchmarks.JmhResults.Row;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws throughput against JMH thread count, one line per benchmark method, from the JMH JSON
 * files of a thread sweep (average-time results are turned into operations per second over all
 * threads). Usage: {@code ThroughputChart out.png title methodRegex result.json...}; only methods
 * matching the regular expression are drawn.
 */
public final class ThroughputChart {

  /** Line and bar colours, shared with {@link ComparisonChart}. */
  static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728),
      new Color(0x2ca02c), new Color(0x9467bd), new Color(0xff7f0e), new Color(0x8c564b),
      new Color(0x7f7f7f), new Color(0x17becf)};

  private ThroughputChart() {}

  /**
   * Writes the PNG.
   *
   * @param args output PNG, chart title, method regular expression, then JMH JSON files
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    if (args.length < 4) {
      System.err.println("usage: ThroughputChart out.png title methodRegex result.json...");
      System.exit(2);
    }
    System.setProperty("java.awt.headless", "true");
    List<Row> rows = JmhResults.read(List.of(args).subList(3, args.length));
    Map<String, XYSeries> series = new TreeMap<>();
    Pattern methods = Pattern.compile(args[2]);
    for (Row row : rows) {
      if (!methods.matcher(row.method()).matches()) {
        continue;
      }
      series.computeIfAbsent(row.method(), XYSeries::new).add(row.threads(),
          row.totalOpsPerSecond());
    }
    XYSeriesCollection data = new XYSeriesCollection();
    series.values().forEach(data::addSeries);
    JFreeChart chart = ChartFactory.createXYLineChart(args[1], "JMH threads (2 cores)",
        "operations per second, all threads", data, PlotOrientation.VERTICAL, true, false, false);
    XYPlot plot = chart.getXYPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    NumberAxis x = (NumberAxis) plot.getDomainAxis();
    x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    Map<String, Color> colours = new TreeMap<>();
    for (int i = 0; i < data.getSeriesCount(); i++) {
      String name = (String) data.getSeriesKey(i);
      // Ours solid, the raw baseline dashed, one colour per operation.
      String operation = name.replaceFirst("^(adapter|raw|ours|jacksonCbor)", "");
      Color colour = colours.computeIfAbsent(operation, o ->
          PALETTE[colours.size() % PALETTE.length]);
      renderer.setSeriesPaint(i, colour);
      renderer.setSeriesStroke(i, name.startsWith("raw")
          ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
              new float[] {6f, 4f}, 0f)
          : new BasicStroke(2.5f));
    }
    plot.setRenderer(renderer);
    ChartUtils.saveChartAsPNG(new File(args[0]), chart, 900, 550);
    System.out.println("wrote " + args[0] + " (" + data.getSeriesCount() + " series)");
  }
}
