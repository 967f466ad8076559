package dev.panagit.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * W6: indexing a large real pack, each tool as its own process on the same file, in turn: panagit
 * on the native and on the Java backend, {@code git index-pack}, and JGit's {@code PackParser}
 * (when the JMH jar, which carries JGit, is built). Same thread count for panagit and git; JGit's
 * parser uses one.
 */
public final class PackBench {
    private static final Pattern PHASES = Pattern.compile("read ([0-9.]+) s, resolved deltas ([0-9.]+) s");

    private final ProcessBench bench;
    private final PrintStream progress;
    private final Path scratch;

    public PackBench(PrintStream progress, Path scratch) {
        this.bench = new ProcessBench(progress, scratch);
        this.progress = progress;
        this.scratch = scratch;
    }

    /** What a W6 run found: the results, and whether panagit's index equals git's byte for byte. */
    public record Outcome(List<ProcessBench.Result> results, boolean identicalToGit, String phases) {
    }

    public Outcome run(Path pack, int threads, int rounds, Path jgitJar) throws IOException, InterruptedException {
        Path ours = scratch.resolve("panagit.idx");
        Path theirs = scratch.resolve("git.idx");
        String variant = String.format(Locale.ROOT, "%s, %d MiB, %d threads", pack.getFileName(),
                Files.size(pack) >> 20, threads);
        List<ProcessBench.Result> results = new ArrayList<>();
        Runnable clean = () -> {
            try {
                Files.deleteIfExists(ours);
                Files.deleteIfExists(theirs);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        StringBuilder phases = new StringBuilder();
        for (String backend : List.of("native", "java")) {
            ProcessBench.Result r = bench.measure("W6 index-pack", variant, new ProcessBench.Peer("panagit " + backend,
                    SelfLauncher.command(backend, "index-pack", "--stat", "--threads", Integer.toString(threads), "-o",
                            ours.toString(), pack.toString()), Map.of()), rounds, scratch, clean);
            results.add(r);
            phases.append(phases(r, backend));
        }
        byte[] panagitIndex = Files.readAllBytes(ours);
        results.add(bench.measure("W6 index-pack", variant, new ProcessBench.Peer("git",
                List.of("git", "index-pack", "--threads=" + threads, "-o", theirs.toString(), pack.toString()),
                Map.of()), rounds, scratch, clean));
        boolean identical = Arrays.equals(panagitIndex, Files.readAllBytes(theirs));
        if (jgitJar != null && Files.isRegularFile(jgitJar)) {
            results.add(bench.measure("W6 index-pack", variant.replaceAll("\\d+ threads", "1 thread"),
                    new ProcessBench.Peer("JGit PackParser", List.of(SelfLauncher.java(), "-cp", jgitJar.toString(),
                            "dev.panagit.bench.peers.JGitIndexPack", pack.toString()), Map.of()),
                    rounds, scratch, () -> { }));
        } else {
            progress.println("  (JGit peer skipped: build bench/target/benchmarks.jar with ./panagit jmh or mvn package)");
        }
        return new Outcome(results, identical, phases.toString());
    }

    private static String phases(ProcessBench.Result r, String backend) {
        List<Double> read = new ArrayList<>();
        List<Double> resolve = new ArrayList<>();
        for (ProcessBench.Run run : r.runs()) {
            Matcher m = PHASES.matcher(run.stderr());
            if (m.find()) {
                read.add(Double.parseDouble(m.group(1)));
                resolve.add(Double.parseDouble(m.group(2)));
            }
        }
        if (read.isEmpty()) {
            return "";
        }
        return String.format(Locale.ROOT, "panagit %s: reading entries %.2f s, resolving deltas %.2f s (medians)%n",
                backend, ProcessBench.median(read.stream().mapToDouble(Double::doubleValue).toArray()),
                ProcessBench.median(resolve.stream().mapToDouble(Double::doubleValue).toArray()));
    }
}
