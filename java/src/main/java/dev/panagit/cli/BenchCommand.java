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

final class BenchCommand implements Command {
    boolean quick;

    Path reportDir;

    Set<String> only;

    Integer rounds;

    Path pack;

    Integer threads;

    boolean commands;

    Path repo;

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String description() {
        return "Time native against pure Java on the same work (W0-W5): medians, spread, ratios; with --pack, index a real pack as separate processes against git and JGit (W6); with --commands, everyday commands as processes against git (W7).";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Flag quickOption = args.flag("--quick", "few sizes, short rounds (a smoke run, about a minute)");
        Args.Value reportDirOption = args.value("--report", "<dir>", "also write report.md and SVG charts here");
        Args.Value onlyOption = args.value("--only", "<W1,W2,...>", "run only these workloads");
        Args.Value roundsOption = args.value("--rounds", "<n>", "measured rounds per case (default 5, quick 3; W6: 3)");
        Args.Value packOption = args.value("--pack", "<file.pack>", "W6: index-pack this pack with panagit (native, java), git and JGit, each as a process; only W6 runs");
        Args.Value threadsOption = args.value("--threads", "<n>", "W6: threads for panagit and git (default: cores)");
        Args.Flag commandsOption = args.flag("--commands", "W7: everyday commands, each a process, panagit (auto, native, java) against git, on generated repositories; only W7 runs");
        Args.Value repoOption = args.value("--repo", "<dir>", "W7: also run the history commands in this real repository");
        args.parse();
        commands = commandsOption.on();
        repo = repoOption.given() ? Path.of(repoOption.get(null)) : repo;
        quick = quickOption.on();
        reportDir = reportDirOption.given() ? Path.of(reportDirOption.get(null)) : reportDir;
        only = onlyOption.given() ? new java.util.LinkedHashSet<>(java.util.Arrays.asList(onlyOption.get(null).split(","))) : null;
        rounds = roundsOption.asInteger();
        pack = packOption.given() ? Path.of(packOption.get(null)) : pack;
        threads = threadsOption.asInteger();
        PrintStream out = io.out();
        if (pack != null) {
            return packBench(io);
        }
        if (commands || repo != null) {
            return commandsBench(io);
        }
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
        workloads.close();   // after ratios(), which still compresses
        return 0;
    }

    /** W6: index-pack of a real pack, each tool as a process. */
    private int packBench(Io io) throws Exception {
        Path file = io.cwd().resolve(pack);
        if (!Files.isRegularFile(file)) {
            throw new Fatal("no pack at " + file);
        }
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Path root = Workloads.findSourceTree(io.cwd());
        Path jgit = root == null ? null : root.resolve("bench/target/benchmarks.jar");
        Path scratch = Files.createTempDirectory("panagit-bench-w6-");
        io.err().println("panagit bench --pack: each tool indexes " + file + ", " + (rounds != null ? rounds : 3)
                + " rounds in turn" + (dev.panagit.bench.ProcessBench.measuresResources() ? ""
                        : " (install /usr/bin/time for CPU time and peak memory)"));
        try {
            dev.panagit.bench.PackBench.Outcome outcome = new dev.panagit.bench.PackBench(io.err(), scratch)
                    .run(file, n, rounds != null ? rounds : 3, jgit);
            dev.panagit.bench.ProcessReport report = new dev.panagit.bench.ProcessReport(outcome.results(), "git");
            io.out().print(report.table());
            io.out().print(outcome.phases());
            io.out().println("panagit's index is byte-identical to git's: " + (outcome.identicalToGit() ? "yes" : "NO"));
            if (reportDir != null) {
                Path dir = io.cwd().resolve(reportDir);
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("w6-index-pack.svg"), report.chart("W6 index-pack of " + file.getFileName()));
                Files.writeString(dir.resolve("w6.md"), header("W6 index-pack", "--pack " + pack + " --threads " + n,
                        "each tool a separate process, " + (rounds != null ? rounds : 3) + " runs in turn on the same "
                        + "file (in the page cache); wall and CPU time and peak RSS from /usr/bin/time; median and "
                        + "± half the min-max spread of wall time")
                        + "\n" + report.markdown() + "\n" + outcome.phases().replace("\n", "  \n")
                        + "\npanagit's index is byte-identical to git's: " + (outcome.identicalToGit() ? "yes" : "no")
                        + "\n\n![w6-index-pack.svg](w6-index-pack.svg)\n");
                io.err().println("report written to " + dir.resolve("w6.md"));
            }
            return outcome.identicalToGit() ? 0 : 1;
        } finally {
            try (var walk = Files.walk(scratch)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** W7: everyday commands, each a process. */
    private int commandsBench(Io io) throws Exception {
        Path real = null;
        if (repo != null) {
            real = io.cwd().resolve(repo);
            if (!Files.isDirectory(real.resolve(".git")) && !Files.isRegularFile(real.resolve("HEAD"))) {
                throw new Fatal("not a git repository: " + real);
            }
        }
        int roundCount = rounds != null ? rounds : quick ? 3 : 5;
        Path scratch = Files.createTempDirectory("panagit-bench-w7-");
        try {
            dev.panagit.bench.CommandsBench.Outcome outcome = new dev.panagit.bench.CommandsBench(io.err(), scratch)
                    .run(real, roundCount);
            dev.panagit.bench.CommandsReport report = new dev.panagit.bench.CommandsReport(outcome);
            io.out().print(report.table());
            io.out().print(report.targets());
            if (reportDir != null) {
                Path dir = io.cwd().resolve(reportDir);
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("w7-commands.svg"), report.chart("W7: everyday commands as processes"));
                Files.writeString(dir.resolve("w7.md"), header("W7 everyday commands", "--commands"
                        + (repo != null ? " --repo " + repo : "") + (rounds != null ? " --rounds " + rounds : ""),
                        "each command a separate process" + (outcome.throughLauncher() ? " started through ./panagit "
                        + "(the launcher and its AOT cache included)" : " (java ... Main, no launcher)") + ", "
                        + roundCount + " runs per tool in turn on the same repository (in the page cache); wall and "
                        + "CPU time and peak RSS from /usr/bin/time; median and ± half the min-max spread of wall time")
                        + "\n" + report.markdown() + "\n## Targets (issue 10)\n\n" + report.targets()
                        + "\n![w7-commands.svg](w7-commands.svg)\n");
                io.err().println("report written to " + dir.resolve("w7.md"));
            }
            return 0;
        } finally {
            try (var walk = Files.walk(scratch)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private boolean runs(String workload) {
        return only == null || only.stream().anyMatch(w -> w.equalsIgnoreCase(workload));
    }

    private static String header(boolean quick, int rounds) {
        return header("panagit bench report", quick ? "--quick" : "", "warm-up, then " + rounds + " rounds per case; "
                + "median and ± half the min-max spread; native/java is the ratio of medians (above 1: native is faster)");
    }

    private static String header(String title, String options, String method) {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        sb.append("Made by `./panagit bench").append(options.isEmpty() ? "" : " " + options).append(" --report <dir>` on ")
                .append(LocalDate.now()).append(".\n\n");
        sb.append("- machine: ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs").append(cpuModel()).append('\n');
        sb.append("- JDK: ").append(System.getProperty("java.vm.name")).append(' ').append(Runtime.version()).append('\n');
        NativeAccess.status().codec().ifPresent(c -> sb.append("- libpanagit: ").append(c.libraryVersion())
                .append(", sha1=").append(c.hashImplementation(ObjectFormat.SHA1)).append(", CMake Release build (gcc -O3 -DNDEBUG)\n"));
        sb.append("- method: ").append(method).append('\n');
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
