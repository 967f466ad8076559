package dev.panagit.cli;

import static dev.panagit.testing.Fixtures.git;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.panagit.backend.BackendChoice;
import dev.panagit.testing.GitCli;
import dev.panagit.testing.Panagit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Colours and the pager as git has them: with colour forced ({@code -c color.ui=always},
 * {@code --color}) diff, log, show (a combined diff too) and status print git's escape sequences
 * byte for byte, whitespace errors included; into a pipe nothing is coloured or decorated; on a
 * terminal (a pseudo-terminal from {@code script}) log goes through GIT_PAGER exactly as git's does.
 */
class ColourAndPagerTest {
    @TempDir
    Path dir;

    private static final Map<String, String> ENV = GitCli.FIXED_IDENTITY;

    private void run(Path root, String... args) {
        GitCli.Result r = GitCli.run(root, null, ENV, args);
        assertTrue(r.exitCode() == 0 || args[0].equals("merge"), String.join(" ", args) + ": " + r.stderr());
    }

    private Path scenario() throws Exception {
        Path root = dir.resolve("repo");
        git(dir, "init", "-q", "-b", "main", root.toString());
        Files.writeString(root.resolve("f"), "int f()\n{\na b\nc\n  d\ne\n}\n");
        Files.writeString(root.resolve("cr"), "a\r\nb\n");
        Files.writeString(root.resolve("g"), "x\n");
        Files.writeString(root.resolve("m"), "1\n2\n3\n4\n5\n6\n7\n8\n9\n");
        run(root, "add", "-A");
        run(root, "commit", "-q", "-m", "one");
        run(root, "tag", "v1");
        run(root, "checkout", "-q", "-b", "side");
        Files.writeString(root.resolve("m"), "1\n2\nside\n4\n5\n6\n7\n8\n9\n");
        run(root, "commit", "-q", "-am", "side");
        run(root, "checkout", "-q", "main");
        Files.writeString(root.resolve("m"), "1\n2\n3\n4\n5\n6\n7\nmain\n9\n");
        run(root, "commit", "-q", "-am", "main");
        run(root, "merge", "-q", "--no-commit", "side");
        Files.writeString(root.resolve("m"), "1\n2\nside\n4\nevil\n6\n7\nmain\n9\n");
        run(root, "commit", "-q", "-am", "merge with an evil line");
        Files.writeString(root.resolve("f"), "int f()\n{\na  b \nc\n \td\nnew \t\n}\n");
        Files.writeString(root.resolve("cr"), "a\r\nc\r\n");
        Files.write(root.resolve("bin"), new byte[] {1, 0, 2});
        Files.writeString(root.resolve("nonl"), "x");
        Files.setPosixFilePermissions(root.resolve("g"), PosixFilePermissions.fromString("rwxr-xr-x"));
        run(root, "add", "bin", "nonl");
        Files.writeString(root.resolve("untracked"), "u\n");
        return root;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void forcedColoursAreGits(BackendChoice backend) throws Exception {
        Path root = scenario();
        List<String[]> commands = new ArrayList<>();
        for (String[] c : List.of(new String[] {"diff"}, new String[] {"diff", "--cached"}, new String[] {"diff", "--stat"},
                new String[] {"diff", "HEAD", "--stat"}, new String[] {"log", "-p"}, new String[] {"log", "--oneline", "--decorate"},
                new String[] {"log", "--decorate", "-2"}, new String[] {"show", "HEAD"}, new String[] {"show", "--stat", "HEAD"},
                new String[] {"status"}, new String[] {"status", "-sb"}, new String[] {"status", "--porcelain"})) {
            List<String> forced = new ArrayList<>(List.of("-c", "color.ui=always"));
            forced.addAll(List.of(c));
            commands.add(forced.toArray(String[]::new));
        }
        commands.add(new String[] {"diff", "--color"});
        commands.add(new String[] {"log", "--color=always", "--oneline", "--decorate"});
        commands.add(new String[] {"-c", "color.ui=always", "diff", "--no-color"});
        commands.add(new String[] {"-c", "color.diff=always", "-c", "color.ui=never", "log", "-1", "-p"});
        for (String[] command : commands) {
            GitCli.Result theirs = GitCli.run(root, null, ENV, command);
            Panagit.Result ours = Panagit.run(backend, root, null, ENV, command);
            String what = String.join(" ", command);
            assertEquals(theirs.text(), ours.text(), what);
            assertEquals(theirs.exitCode(), ours.exitCode(), what + ": " + ours.stderr());
        }
        String coloured = GitCli.run(root, null, ENV, "-c", "color.ui=always", "diff").text();
        assertTrue(coloured.contains("\033[41m") && coloured.contains("\033[36m@@"), "whitespace errors and hunk headers");
        String piped = Panagit.run(backend, root, null, ENV, "log", "--oneline").text();
        assertFalse(piped.contains("\033") || piped.contains("(HEAD"), "no colour or decoration into a pipe: " + piped);
    }

    /** The command under a pseudo-terminal ({@code script}), with a pager that marks every line. */
    private static String onTerminal(Path root, List<String> command) throws Exception {
        return onTerminal(root, command, "sed s/^/PAGED:/");
    }

    private static String onTerminal(Path root, List<String> command, String pager) throws Exception {
        StringBuilder line = new StringBuilder();
        for (String word : command) {
            line.append('\'').append(word.replace("'", "'\\''")).append("' ");
        }
        ProcessBuilder builder = new ProcessBuilder("script", "-qec", line.toString(), "/dev/null").directory(root.toFile());
        builder.environment().putAll(ENV);
        builder.environment().put("GIT_PAGER", pager);
        builder.environment().put("TERM", "xterm");
        builder.redirectErrorStream(true);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        return new String(out, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    @Test
    void onATerminalLogGoesThroughThePagerAsGitsDoes() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux's script makes the terminal");
        Path root = scenario();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> panagit = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-D" + dev.panagit.backend.Backends.PROPERTY + "=java", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        for (List<String> args : List.of(List.of("log", "--oneline", "-3"), List.of("show", "--stat", "HEAD~1"),
                List.of("-P", "log", "--oneline", "-2"), List.of("status", "-s"))) {
            List<String> ours = new ArrayList<>(panagit);
            ours.addAll(args);
            List<String> theirs = new ArrayList<>(List.of("git"));
            theirs.addAll(args);
            assertEquals(onTerminal(root, theirs), onTerminal(root, ours), String.join(" ", args) + " on a terminal");
        }
        assertTrue(onTerminal(root, List.of("git", "log", "--oneline", "-1")).startsWith("PAGED:\033[33m"),
                "git pages and colours log on a terminal");
        // a pager that is not there: git's error, then the output straight to the terminal
        List<String> ours = new ArrayList<>(panagit);
        ours.addAll(List.of("log", "--oneline", "-2"));
        assertEquals(onTerminal(root, List.of("git", "log", "--oneline", "-2"), "nosuchpager"),
                onTerminal(root, ours, "nosuchpager"));
    }
}
