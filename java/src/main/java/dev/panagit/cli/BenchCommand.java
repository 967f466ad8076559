package dev.panagit.cli;

import dev.panagit.bench.Harness;
import dev.panagit.bench.Report;
import dev.panagit.bench.Workloads;
import dev.panagit.nativeaccess.NativeAccess;
import dev.panagit.lib.ObjectFormat;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", description = "Time native against pure Java on the same work (W0-W5): medians, spread, ratios.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "few sizes, short rounds (a smoke run, about a minute)")
    boolean quick;

    @Option(names = "--report", paramLabel = "<dir>", description = "also write report.md and SVG charts here")
    Path reportDir;

    @Option(names = "--only", paramLabel = "<W1,W2,...>", split = ",", description = "run only these workloads")
    Set<String> only;

    @Option(names = "--rounds", paramLabel = "<n>", description = "measured rounds per case (default 5, quick 3)")
    Integer rounds;

    @Override
    public Integer call() throws Exception {
        Io io = Io.current();
        PrintStream out = io.out();
        int roundCount = rounds != null ? rounds : quick ? 3 : 5;
        Harness harness = quick ? new Harness(100, 100, roundCount, io.err()) : new Harness(1000, 500, roundCount, io.err());
        Path root = Workloads.findSourceTree(io.cwd());
        Workloads workloads = new Workloads(harness, quick, root);
        if (!workloads.nativeAvailable()) {
            io.err().println("native unavailable (" + NativeAccess.status().unavailableReason().orElse("?")
                    + "): measuring java only");
        }
        io.err().println("panagit bench" + (quick ? " --quick" : "") + ": warm-up, then " + roundCount
                + " rounds per case; progress below, table at the end");
        Path scratch = Files.createTempDirectory("panagit-bench-");
        try {
            if (runs("W0")) {
                workloads.w0();
            }
            if (runs("W1")) {
                workloads.w1();
            }
            if (runs("W2")) {
                workloads.w2();
            }
            if (runs("W3")) {
                workloads.w3();
            }
            if (runs("W4")) {
                workloads.w4(scratch);
            }
            if (runs("W5")) {
                workloads.w5();
            }
        } finally {
            if (Files.exists(scratch)) {
                try (var walk = Files.walk(scratch)) {
                    for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
        Report report = new Report(workloads.results());
        out.print(report.table());
        if (reportDir != null) {
            Path dir = io.cwd().resolve(reportDir);
            report.write(dir, header(quick, roundCount), workloads.ratios());
            io.err().println("report written to " + dir.resolve("report.md"));
        }
        return 0;
    }

    private boolean runs(String workload) {
        return only == null || only.stream().anyMatch(w -> w.equalsIgnoreCase(workload));
    }

    private static String header(boolean quick, int rounds) {
        StringBuilder sb = new StringBuilder("# panagit bench report\n\n");
        sb.append("Made by `./panagit bench").append(quick ? " --quick" : "").append(" --report <dir>` on ")
                .append(LocalDate.now()).append(".\n\n");
        sb.append("- machine: ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs").append(cpuModel()).append('\n');
        sb.append("- JDK: ").append(System.getProperty("java.vm.name")).append(' ').append(Runtime.version()).append('\n');
        NativeAccess.status().codec().ifPresent(c -> sb.append("- libpanagit: ").append(c.libraryVersion())
                .append(", sha1=").append(c.hashImplementation(ObjectFormat.SHA1)).append(", CMake Release build (gcc -O3 -DNDEBUG)\n"));
        sb.append("- method: warm-up, then ").append(rounds).append(" rounds per case; median and ± half the min-max spread;"
                + " native/java is the ratio of medians (above 1: native is faster)\n");
        return sb.toString();
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.toLowerCase(Locale.ROOT).startsWith("model name")) {
                    return ", " + line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (Exception e) {
            // not Linux
        }
        return "";
    }
}
