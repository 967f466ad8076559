package dev.panagit.bench;

import java.util.Arrays;

/**
 * The rounds of one measured case: each round's throughput in operations per second, summarized
 * by median and spread (min..max).
 */
public record Measurement(String workload, String variant, String backend, long bytesPerOp, double[] opsPerSecond) {
    public double median() {
        double[] sorted = opsPerSecond.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    public double min() {
        return Arrays.stream(opsPerSecond).min().orElse(0);
    }

    public double max() {
        return Arrays.stream(opsPerSecond).max().orElse(0);
    }

    /** Median throughput in MB/s (10^6 bytes), or 0 for calls that move no data. */
    public double megabytesPerSecond() {
        return median() * bytesPerOp / 1e6;
    }

    /** Median time per operation in nanoseconds. */
    public double nanosPerOp() {
        return 1e9 / median();
    }

    /** Spread as a percentage of the median: (max - min) / median. */
    public double spreadPercent() {
        return 100 * (max() - min()) / median();
    }
}
