package org.torchat.bench;

import java.util.Arrays;
import java.util.Locale;

/** Percentiles of a sample, printed the same way by every driver. */
final class Stats {
    private final double[] sorted;

    Stats(double[] values) {
        this.sorted = values.clone();
        Arrays.sort(this.sorted);
    }

    double percentile(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    String describe(String unit) {
        return String.format(
                Locale.ROOT,
                "n=%d min=%.2f p50=%.2f p90=%.2f p99=%.2f p99.9=%.2f max=%.2f %s",
                sorted.length,
                sorted.length == 0 ? Double.NaN : sorted[0],
                percentile(50),
                percentile(90),
                percentile(99),
                percentile(99.9),
                sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1],
                unit);
    }
}
