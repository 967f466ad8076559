package dev.panagit.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * W7: everyday commands as separate processes, the way a user runs them, on repositories the
 * benchmark generates (and, optionally, a real one): panagit on the auto, native and Java backends
 * and git, in turn, on the same repository; plus a Java "hello world" as the floor any JVM
 * command stands on. panagit runs through the launcher when the benchmark was started by it (so
 * its own cost and the AOT cache count), else as {@code java ... Main}.
 */
public final class CommandsBench {
    /** The panagit backends measured, then git. */
    public static final List<String> PEERS = List.of("panagit auto", "panagit native", "panagit java", "git");

    /** One command: a name, where it runs, what panagit and git are given, what to undo before each run. */
    public record Case(String name, String what, Path dir, List<String> panagit, List<String> git, Runnable before,
            boolean bulk) {
    }

    /** Every case and its results per peer, and the hello-world floor. */
    public record Outcome(List<Case> cases, Map<String, Map<String, ProcessBench.Result>> results,
            ProcessBench.Result hello, boolean throughLauncher) {
    }

    private final ProcessBench bench;
    private final PrintStream progress;
    private final Path scratch;

    public CommandsBench(PrintStream progress, Path scratch) {
        this.bench = new ProcessBench(progress, scratch);
        this.progress = progress;
        this.scratch = scratch;
    }

    public Outcome run(Path realRepo, int rounds) throws IOException, InterruptedException {
        progress.println("generating repositories (git fast-import) in " + scratch + " ...");
        CommandRepos repos = new CommandRepos(scratch);
        Path packed = repos.packedHistory();
        Path loose = repos.looseHistory(packed);
        Path wide = repos.wideTree();
        Path big = repos.bigFile("big-stored", true);
        Path toHash = repos.bigFile("big-to-hash", false);
        Path work = repos.workTree();
        String bigId = CommandRepos.git(big, "hash-object", "big.txt").strip();
        Path pack = CommandRepos.packOf(packed);
        Path idx = scratch.resolve("index-pack-out.idx");
        Runnable nothing = () -> { };

        List<Case> cases = new ArrayList<>();
        int n = CommandRepos.COMMITS;
        cases.add(same("rev-parse HEAD", "3,000-commit history, loose", loose, nothing, false, "rev-parse", "HEAD"));
        cases.add(same("cat-file -p (small)", "the head commit, loose", loose, nothing, false, "cat-file", "-p", "HEAD"));
        // "bulk": the command moves more than 1 MB of object data (the 3,000 commits hold 0.64 MB,
        // the 200 trees 0.8 MB; git.git's last 3,000 commits 2.8 MB)
        cases.add(same("log", n + " commits, loose objects", loose, nothing, false, "log"));
        cases.add(same("log --oneline", n + " commits, loose objects", loose, nothing, false, "log", "--oneline"));
        cases.add(same("log (packed)", n + " commits, one pack", packed, nothing, false, "log"));
        cases.add(same("ls-tree -r", CommandRepos.WIDE_FILES + " files in 200 directories", wide, nothing, false,
                "ls-tree", "-r", "HEAD"));
        cases.add(same("cat-file -p (200 MB)", "a 200 MB text blob, loose", big, nothing, true, "cat-file", "-p", bigId));
        cases.add(same("hash-object -w", "a 200 MB text file, written loose", toHash,
                () -> CommandRepos.forgetWrites(toHash), true, "hash-object", "-w", "big.txt"));
        cases.add(same("add", CommandRepos.ADD_FILES + " files into an empty index", work,
                () -> CommandRepos.forgetWrites(work), true, "add", "."));
        cases.add(new Case("index-pack", "the history's pack (" + (Files.size(pack) >> 10) + " KiB)", packed,
                List.of("index-pack", "-o", idx.toString(), pack.toString()),
                List.of("index-pack", "-o", idx.toString(), pack.toString()), () -> delete(idx), true));
        if (realRepo != null) {
            String name = realRepo.getFileName().toString();
            cases.add(same("rev-parse HEAD", name, realRepo, nothing, false, "rev-parse", "HEAD"));
            cases.add(same("cat-file -p (small)", name + ", the head commit", realRepo, nothing, false,
                    "cat-file", "-p", "HEAD"));
            cases.add(same("log -3000", name, realRepo, nothing, true, "log", "-3000"));
            cases.add(same("log --oneline -3000", name, realRepo, nothing, true, "log", "--oneline", "-3000"));
        }

        boolean launcher = SelfLauncher.launcher().isPresent();
        progress.println("measuring: " + rounds + " runs of each command per tool, in turn"
                + (launcher ? ", panagit through its launcher" : ", panagit as java ... Main (no launcher)")
                + (ProcessBench.measuresResources() ? "" : " (install /usr/bin/time for CPU time and peak memory)"));
        ProcessBench.Result hello = bench.measure("hello world", "java -cp panagit.jar HelloWorld",
                new ProcessBench.Peer("java hello world", SelfLauncher.javaMain(HelloWorld.class.getName()), Map.of()),
                rounds, scratch, nothing);
        Map<String, Map<String, ProcessBench.Result>> results = new HashMap<>();
        for (Case c : cases) {
            Map<String, ProcessBench.Result> byPeer = new HashMap<>();
            for (String peer : PEERS) {
                ProcessBench.Peer p = peer.equals("git")
                        ? new ProcessBench.Peer("git", prepend("git", c.git()), Map.of())
                        : SelfLauncher.peer(peer, peer.substring("panagit ".length()), c.panagit());
                byPeer.put(peer, bench.measure(c.name(), c.what(), p, rounds, c.dir(), c.before()));
            }
            results.put(key(c), byPeer);
        }
        return new Outcome(cases, results, hello, launcher);
    }

    static String key(Case c) {
        return c.name() + " | " + c.what();
    }

    private static Case same(String name, String what, Path dir, Runnable before, boolean bulk, String... args) {
        return new Case(name, what, dir, List.of(args), List.of(args), before, bulk);
    }

    private static List<String> prepend(String first, List<String> rest) {
        List<String> all = new ArrayList<>();
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
