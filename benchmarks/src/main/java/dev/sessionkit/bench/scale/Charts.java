package dev.sessionkit.bench.scale;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** PNG charts for BENCHMARKS.md, drawn with XChart, headless. */
public final class Charts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 480;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /**
     * Grouped bars: one group per category, one bar per series.
     *
     * @param file   the PNG to write
     * @param series name to one value per category, in order
     */
    public static void bars(Path file, String title, String xTitle, String yTitle, List<String> categories,
                            Map<String, List<Double>> series) throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLabelsVisible(true);
        if (categories.stream().anyMatch(c -> c.length() > 14)) {
            chart.getStyler().setXAxisLabelRotation(30);
        }
        series.forEach((name, values) -> chart.addSeries(name, categories, values.stream().map(Charts::shown).toList()));
        BitmapEncoder.saveBitmap(chart, withoutExtension(file), BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * Lines over a shared x axis.
     *
     * @param series name to one y per x
     */
    public static void lines(Path file, String title, String xTitle, String yTitle, double[] x,
                             Map<String, double[]> series) throws IOException {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setMarkerSize(3);
        chart.getStyler().setYAxisDecimalPattern("#,###");
        series.forEach((name, y) -> chart.addSeries(name, x, y));
        BitmapEncoder.saveBitmap(chart, withoutExtension(file), BitmapEncoder.BitmapFormat.PNG);
    }

    /** A value as a bar's label shows it: whole above 100, else two decimals. */
    private static double shown(double value) {
        return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100.0;
    }

    private static String withoutExtension(Path file) {
        String name = file.toString();
        return name.endsWith(".png") ? name.substring(0, name.length() - 4) : name;
    }
}
