package dev.panagit.bench;

import java.io.PrintStream;

/**
 * A small, honest timing loop: warm-up first, then several rounds of at least a fixed duration
 * each, operations counted per round. A sink keeps the JIT from discarding results.
 */
public final class Harness {
    /** One benchmarked operation; returns something derived from its result. */
    @FunctionalInterface
    public interface Op {
        long run() throws Exception;
    }

    private final long warmupNanos;
    private final long roundNanos;
    private final int rounds;
    private final PrintStream progress;
    private long sink;

    public Harness(long warmupMillis, long roundMillis, int rounds, PrintStream progress) {
        this.warmupNanos = warmupMillis * 1_000_000;
        this.roundNanos = roundMillis * 1_000_000;
        this.rounds = rounds;
        this.progress = progress;
    }

    public Measurement measure(String workload, String variant, String backend, long bytesPerOp, Op op)
            throws Exception {
        progress.printf("  %-28s %-18s %-7s ", workload, variant, backend);
        progress.flush();
        // Warm-up, which also sizes a batch: calls between two clock reads, about 50 us' worth, so
        // reading the clock (~20 ns) does not weigh on calls that take a few nanoseconds.
        long warmupOps = 0;
        long begin = System.nanoTime();
        long end = begin + warmupNanos;
        while (System.nanoTime() < end) {
            sink += op.run();
            warmupOps++;
        }
        double nanosPerOp = (double) (System.nanoTime() - begin) / Math.max(1, warmupOps);
        int batch = (int) Math.max(1, Math.min(1_000_000, 50_000 / Math.max(1, nanosPerOp)));
        double[] results = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long ops = 0;
            long start = System.nanoTime();
            long stop = start + roundNanos;
            long now;
            do {
                for (int i = 0; i < batch; i++) {
                    sink += op.run();
                }
                ops += batch;
                now = System.nanoTime();
            } while (now < stop);
            results[r] = ops * 1e9 / (now - start);
            progress.print('.');
            progress.flush();
        }
        Measurement m = new Measurement(workload, variant, backend, bytesPerOp, results);
        progress.printf(" %s%n", Report.formatRate(m));
        return m;
    }

    /** Keeps results observable. */
    public long sink() {
        return sink;
    }
}
