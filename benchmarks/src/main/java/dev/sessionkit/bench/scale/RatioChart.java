package dev.sessionkit.bench.scale;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws the load run's ratio table as a bar chart: throughput and CPU-normalised ratio per comparison. Reads
 * the first Markdown table under a heading that starts with "### Ratios", as {@code load.md} of a run and
 * BENCHMARKS.md have it.
 *
 * <pre>RatioChart FILE.md OUT.png</pre>
 */
public final class RatioChart {

    private RatioChart() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: RatioChart FILE.md OUT.png");
        }
        List<String> names = new ArrayList<>();
        List<Double> throughput = new ArrayList<>();
        List<Double> normalised = new ArrayList<>();
        boolean inSection = false;
        boolean inTable = false;
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.startsWith("### Ratios")) {
                inSection = true;
                continue;
            }
            if (!inSection) {
                continue;
            }
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            String[] cells = line.split("\\|");
            // | Ratio | throughput | per-round min–max | CPU-normalised | target | met |
            if (cells.length < 5 || !cells[2].trim().endsWith("×")) {
                continue;
            }
            names.add(shorten(cells[1].trim()));
            throughput.add(ratio(cells[2]));
            normalised.add(ratio(cells[4]));
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("no ratio table under '### Ratios' in " + args[0]);
        }
        Map<String, List<Double>> series = new LinkedHashMap<>();
        series.put("throughput", throughput);
        series.put("CPU-normalised", normalised);
        Charts.bars(Path.of(args[1]), "Load run: ratios (same run, medians)", "", "ratio (×)", names, series);
    }

    private static double ratio(String cell) {
        return Double.parseDouble(cell.trim().replace("×", "").replace(",", ""));
    }

    private static String shorten(String name) {
        return name.replace("sessionkit + ", "").replace("Spring Session RedisIndexedSessionRepository", "Spring indexed")
                .replace("Spring Session RedisSessionRepository", "Spring plain")
                .replace("Jetty in-memory HttpSession", "Jetty in-memory").replace("Redis store, near cache", "Redis + near cache");
    }
}
