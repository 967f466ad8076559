package dev.panagit.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Whole commands timed as separate processes, the way a user runs them: wall time (this JVM's
 * clock, from start to exit), CPU time (user and system) and peak resident memory of each run,
 * through {@code /usr/bin/time} when it is installed (Debian package {@code time}); without it,
 * wall time only.
 */
public final class ProcessBench {
    private static final Path TIME = Path.of("/usr/bin/time");

    /** A program to run: a name for the tables, its command line, extra environment. */
    public record Peer(String name, List<String> command, Map<String, String> env) {
    }

    /** One run: seconds of wall and CPU time, peak resident KiB (-1 when unknown), stderr. */
    public record Run(double wallSeconds, double cpuSeconds, long peakKiB, String stderr) {
    }

    /** Every run of one peer on one case. */
    public record Result(String workload, String variant, String peer, List<Run> runs) {
        public double wall() {
            return median(runs.stream().mapToDouble(Run::wallSeconds).toArray());
        }

        public double cpu() {
            return median(runs.stream().mapToDouble(Run::cpuSeconds).toArray());
        }

        /** The largest peak over the runs, in KiB, or -1. */
        public long peakKiB() {
            return runs.stream().mapToLong(Run::peakKiB).max().orElse(-1);
        }

        /** Half the spread of wall times, as a percentage of the median. */
        public double spreadPercent() {
            double[] w = runs.stream().mapToDouble(Run::wallSeconds).toArray();
            return 50 * (Arrays.stream(w).max().orElse(0) - Arrays.stream(w).min().orElse(0)) / wall();
        }
    }

    private final PrintStream progress;
    private final Path scratch;

    public ProcessBench(PrintStream progress, Path scratch) {
        this.progress = progress;
        this.scratch = scratch;
    }

    /** Whether CPU time and peak memory are measured (that is, /usr/bin/time is here). */
    public static boolean measuresResources() {
        return Files.isExecutable(TIME);
    }

    /**
     * Runs {@code peer} {@code rounds} times (after {@code before} each time) in {@code dir};
     * a run that fails stops the benchmark with its stderr.
     */
    public Result measure(String workload, String variant, Peer peer, int rounds, Path dir, Runnable before)
            throws IOException, InterruptedException {
        progress.printf("  %-28s %-22s %-16s ", workload, variant, peer.name());
        progress.flush();
        List<Run> runs = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            before.run();
            runs.add(once(peer, dir));
            progress.print('.');
            progress.flush();
        }
        Result result = new Result(workload, variant, peer.name(), runs);
        progress.printf(Locale.ROOT, " %.3f s wall, %.3f s cpu, %s%n", result.wall(), result.cpu(),
                result.peakKiB() < 0 ? "peak ?" : result.peakKiB() / 1024 + " MiB peak");
        return result;
    }

    private Run once(Peer peer, Path dir) throws IOException, InterruptedException {
        Path usage = Files.createTempFile(scratch, "usage-", ".txt");
        Path errors = Files.createTempFile(scratch, "stderr-", ".txt");
        List<String> command = new ArrayList<>();
        boolean timed = measuresResources();
        if (timed) {
            command.addAll(List.of(TIME.toString(), "-f", "%e %U %S %M", "-o", usage.toString()));
        }
        command.addAll(peer.command());
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(errors.toFile());
        builder.environment().putAll(peer.env());
        long start = System.nanoTime();
        Process process = builder.start();
        int code = process.waitFor();
        double wall = (System.nanoTime() - start) / 1e9;
        String stderr = Files.readString(errors, StandardCharsets.UTF_8);
        Files.deleteIfExists(errors);
        if (code != 0) {
            throw new IOException(peer.name() + " exited with " + code + ": " + String.join(" ", peer.command())
                    + "\n" + stderr);
        }
        double cpu = -1;
        long peak = -1;
        if (timed) {
            String[] f = Files.readString(usage).strip().split("\\s+");
            String[] last = Arrays.copyOfRange(f, f.length - 4, f.length);   // after any "Command exited" line
            // wall stays this JVM's clock: /usr/bin/time reports hundredths, too coarse for git's
            // few milliseconds (its own fork and exec add well under one)
            cpu = Double.parseDouble(last[1]) + Double.parseDouble(last[2]);
            peak = Long.parseLong(last[3]);
        }
        Files.deleteIfExists(usage);
        return new Run(wall, cpu, peak, stderr);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? 0 : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
