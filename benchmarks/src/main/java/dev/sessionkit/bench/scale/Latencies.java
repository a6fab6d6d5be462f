package dev.sessionkit.bench.scale;

import java.util.Arrays;
import java.util.Locale;

/** Timings of one operation, in nanoseconds, summarised as p50 and p99 in microseconds. */
final class Latencies {

    private final long[] nanos;
    private int count;

    Latencies(int capacity) {
        this.nanos = new long[capacity];
    }

    /** Runs the operation once and records how long it took. */
    void time(Runnable operation) {
        long start = System.nanoTime();
        operation.run();
        add(System.nanoTime() - start);
    }

    void add(long took) {
        nanos[count++] = took;
    }

    /** @return the timings after the first {@code warmUp} */
    Latencies withoutFirst(int warmUp) {
        Latencies kept = new Latencies(Math.max(0, count - warmUp));
        for (int i = warmUp; i < count; i++) {
            kept.add(nanos[i]);
        }
        return kept;
    }

    double p50Micros() {
        return percentile(0.50);
    }

    double p99Micros() {
        return percentile(0.99);
    }

    private double percentile(double p) {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1_000.0;
    }

    /** @return "p50 / p99" in microseconds */
    String describe() {
        return String.format(Locale.ROOT, "%,.0f / %,.0f", p50Micros(), p99Micros());
    }

    /** @return how long one run of the operation took, in milliseconds */
    static double millis(Runnable operation) {
        long start = System.nanoTime();
        operation.run();
        return (System.nanoTime() - start) / 1e6;
    }

    /** @return the median of three runs of the operation, in milliseconds (the first run warms the path up) */
    static double medianMillis(Runnable operation) {
        double[] runs = {millis(operation), millis(operation), millis(operation)};
        Arrays.sort(runs);
        return runs[1];
    }
}
