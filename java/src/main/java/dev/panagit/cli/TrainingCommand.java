package dev.panagit.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code panagit aot-training} (not listed): what the launcher runs once per build with
 * {@code -XX:AOTCacheOutput} so that the JDK's AOT cache holds the classes a typical command
 * loads and links. It runs the everyday commands in a temporary repository, in this process,
 * including one object large enough that the native library is loaded and bound.
 */
final class TrainingCommand implements Command {
    @Override
    public String name() {
        return "aot-training";
    }

    @Override
    public String description() {
        return "Run typical commands once, for the JDK's AOT cache (the launcher does this once per build).";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        args.parse();
        Path dir = Files.createTempDirectory("panagit-training-");
        try {
            Map<String, String> env = Map.of("GIT_AUTHOR_NAME", "A", "GIT_AUTHOR_EMAIL", "a@example.com",
                    "GIT_COMMITTER_NAME", "A", "GIT_COMMITTER_EMAIL", "a@example.com");
            Files.writeString(dir.resolve("a.txt"), "some text\n".repeat(200));
            Files.createDirectories(dir.resolve("src"));
            Files.writeString(dir.resolve("src/b.txt"), "other text\n");
            byte[] large = new byte[(16 << 20) + 1];
            for (int i = 0; i < large.length; i++) {
                large[i] = (byte) ('a' + i % 23);
            }
            Files.write(dir.resolve("large.bin"), large);
            String[][] commands = {
                {"init", "-q"},
                {"hash-object", "-w", "a.txt"},
                {"add", "a.txt", "src"},
                {"commit", "-m", "first"},
                {"hash-object", "-w", "large.bin"},
                {"add", "large.bin"},
                {"commit", "-m", "second"},
                {"branch", "side", "HEAD~1"},
                {"tag", "-a", "-m", "a tag", "v1", "HEAD"},
                {"log"},
                {"log", "--oneline", "--graph"},
                {"rev-parse", "HEAD", "HEAD~1^{tree}", "v1^{}", "HEAD:a.txt"},
                {"cat-file", "-p", "HEAD"},
                {"cat-file", "-t", "v1"},
                {"cat-file", "-s", "HEAD:large.bin"},
                {"cat-file", "-p", "HEAD:large.bin"},
                {"ls-tree", "-r", "HEAD"},
                {"ls-files", "-s"},
                {"explain", "HEAD"},
                {"checkout", "side"},
                {"checkout", "master"},
                {"reset", "--hard", "HEAD"},
                {"show", "HEAD~1"},
                {"log", "-p", "--stat"},
                {"diff", "HEAD~1", "HEAD", "--stat"},
                {"count-objects", "-v"},
                {"fsck"},
                {"version"},
            };
            for (String[] command : commands) {
                run(dir, env, command);
            }
            // A diff of a few thousand lines, so that the diff code's classes and profiles are in the cache.
            StringBuilder before = new StringBuilder();
            StringBuilder after = new StringBuilder();
            for (int i = 0; i < 4000; i++) {
                before.append("line ").append(i).append('\n');
                after.append(i % 97 == 0 ? "changed " : "line ").append(i).append('\n');
            }
            Files.writeString(dir.resolve("a.txt"), after);
            Files.writeString(dir.resolve("before.txt"), before);
            for (String[] command : new String[][] {{"diff"}, {"diff", "--no-index", "before.txt", "a.txt"}}) {
                run(dir, env, command);
            }
            // status with changes of every kind, then a true merge of two branches
            Files.writeString(dir.resolve("untracked.txt"), "new\n");
            for (String[] command : new String[][] {{"status"}, {"status", "-s", "-b"}, {"status", "--porcelain=v2"},
                    {"diff", "--cached"}, {"commit", "-a", "-m", "third"}, {"checkout", "side"}}) {
                run(dir, env, command);
            }
            Files.writeString(dir.resolve("src/c.txt"), "on the side\n");
            for (String[] command : new String[][] {{"add", "src/c.txt"}, {"commit", "-m", "side"},
                    {"checkout", "master"}, {"merge-base", "--all", "HEAD", "side"}, {"merge", "side"},
                    {"show", "HEAD"}, {"log", "--format=%h %s%d", "--decorate"}, {"branch", "-v"}}) {
                run(dir, env, command);
            }
            byte[] names = "HEAD\nv1\nmissing\n".getBytes(StandardCharsets.UTF_8);
            PrintStream none = new PrintStream(java.io.OutputStream.nullOutputStream());
            Main.run(Io.of(new ByteArrayInputStream(names), none, none, dir), "cat-file", "--batch-check");
            return 0;
        } finally {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    p.toFile().setWritable(true);
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Runs one command in {@code dir}, its output discarded. */
    private static void run(Path dir, Map<String, String> env, String... command) {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(sink, false, StandardCharsets.UTF_8);
        Main.run(Io.of(new ByteArrayInputStream(new byte[0]), stream, stream, dir).withEnv(env), command);
    }
}
