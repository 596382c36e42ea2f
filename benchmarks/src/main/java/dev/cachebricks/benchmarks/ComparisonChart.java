package dev.cachebricks.benchmarks;

import dev.cachebricks.benchmarks.ComparisonResults.Row;
import java.awt.Color;
import java.awt.Font;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Draws {@link RedisInterleaved}'s results as grouped bars: operations per second (log scale)
 * per operation, one bar per variant, one panel per thread count. Usage:
 * {@code ComparisonChart out.png title results.tsv}.
 */
public final class ComparisonChart {

  private ComparisonChart() {}

  /**
   * Writes the PNG.
   *
   * @param args output PNG, chart title, the TSV
   * @throws IOException if a file cannot be read or written
   */
  public static void main(String[] args) throws IOException {
    System.setProperty("java.awt.headless", "true");
    List<Row> rows = ComparisonResults.read(Path.of(args[2])).rows();
    // Variants in first-seen order, so each keeps its colour in every panel.
    List<String> variants = rows.stream().map(Row::variant).distinct().toList();
    CategoryAxis operations = new CategoryAxis("operation");
    operations.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
    operations.setMaximumCategoryLabelLines(2);
    CombinedDomainCategoryPlot combined = new CombinedDomainCategoryPlot(operations);
    // One range for both panels, whole decades, so bars compare across panels.
    double lowest = rows.stream().mapToDouble(Row::opsPerSecond).filter(v -> v > 0).min()
        .orElse(1);
    double highest = rows.stream().mapToDouble(Row::opsPerSecond).max().orElse(10);
    for (int threads : new TreeSet<>(rows.stream().map(Row::threads).toList())) {
      DefaultCategoryDataset data = new DefaultCategoryDataset();
      for (String variant : variants) {
        for (Row row : rows) {
          if (row.threads() == threads && row.variant().equals(variant)) {
            data.addValue(row.opsPerSecond(), variant, row.operation());
          }
        }
      }
      LogAxis ops = new LogAxis("ops/s, " + threads + (threads == 1 ? " thread" : " threads"));
      ops.setBase(10);
      ops.setTickUnit(new NumberTickUnit(1));
      ops.setNumberFormatOverride(new java.text.DecimalFormat("#,##0"));
      ops.setRange(Math.pow(10, Math.floor(Math.log10(lowest))),
          Math.pow(10, Math.ceil(Math.log10(highest))));
      BarRenderer bars = new BarRenderer();
      bars.setBarPainter(new StandardBarPainter());
      bars.setShadowVisible(false);
      bars.setBase(1); // bars rise from 1 op/s, below the axis: log scale has no zero
      bars.setItemMargin(0.02);
      for (int i = 0; i < variants.size(); i++) {
        bars.setSeriesPaint(i, ThroughputChart.PALETTE[i % ThroughputChart.PALETTE.length]);
      }
      CategoryPlot plot = new CategoryPlot(data, null, ops, bars);
      plot.setBackgroundPaint(Color.WHITE);
      plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
      combined.add(plot, 1);
      if (combined.getFixedLegendItems() == null) {
        combined.setFixedLegendItems(plot.getLegendItems()); // else one legend per panel
      }
    }
    JFreeChart chart = new JFreeChart(args[1], new Font("SansSerif", Font.BOLD, 15), combined,
        true);
    chart.setBackgroundPaint(Color.WHITE);
    ChartUtils.saveChartAsPNG(new File(args[0]), chart, 1100, 800);
    System.out.println("wrote " + args[0] + " (" + rows.size() + " bars)");
  }
}
