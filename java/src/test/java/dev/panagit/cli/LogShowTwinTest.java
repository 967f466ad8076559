package dev.panagit.cli;

import static dev.panagit.testing.Fixtures.git;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.backend.BackendChoice;
import dev.panagit.testing.GitCli;
import dev.panagit.testing.Panagit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code log} and {@code show} against git on a history with branches and merges of every kind
 * (clean, with conflicts resolved by hand, "evil" changes no parent had, an octopus, files added
 * and deleted by the merge, a mode change): combined diffs, history limited to paths, authors and
 * message patterns, ranges, first parents, graphs, and every diff format with pretty formats.
 * stdout and exit code must be git's, on both backends. (Graphs start below the octopus: git's
 * drawing of merges with three or more parents is not reproduced yet.)
 */
class LogShowTwinTest {
    @TempDir
    Path dir;

    private int clock = 1700000000;

    private Map<String, String> env(String author) {
        Map<String, String> env = new HashMap<>(Map.of("GIT_AUTHOR_NAME", author, "GIT_AUTHOR_EMAIL",
                author.toLowerCase(java.util.Locale.ROOT) + "@example.com", "GIT_COMMITTER_NAME", "Cy",
                "GIT_COMMITTER_EMAIL", "cy@example.com", "GIT_CONFIG_NOSYSTEM", "1", "GIT_CONFIG_GLOBAL", "/dev/null"));
        env.put("GIT_AUTHOR_DATE", clock + " +0100");
        env.put("GIT_COMMITTER_DATE", clock + " +0100");
        return env;
    }

    private void run(Path root, String author, String... args) {
        clock += 60;
        GitCli.Result r = GitCli.run(root, null, env(author), args);
        assertTrue(r.exitCode() == 0 || args[0].equals("merge"), String.join(" ", args) + ": " + r.stderr());
    }

    private static void write(Path root, String path, String content) throws Exception {
        Files.createDirectories(root.resolve(path).getParent());
        Files.writeString(root.resolve(path), content);
    }

    private static String lines(String prefix, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i <= to; i++) {
            sb.append(prefix).append(i).append('\n');
        }
        return sb.toString();
    }

    private Path history() throws Exception {
        Path root = dir.resolve("repo");
        git(dir, "init", "-q", "-b", "main", root.toString());
        write(root, "src/app.c", "int main(void)\n{\n" + lines("\tstep", 1, 30) + "}\n");
        write(root, "doc/readme", lines("line ", 1, 12));
        write(root, "tool.sh", "#!/bin/sh\necho tool\n");
        write(root, "gone.txt", "to be deleted in a merge\n");
        run(root, "Ada", "add", "-A");
        run(root, "Ada", "commit", "-q", "-m", "base: first version\n\nWith a body.");
        run(root, "Ada", "checkout", "-q", "-b", "side");
        write(root, "src/app.c", Files.readString(root.resolve("src/app.c")).replace("\tstep5\n", "\tstep five\n"));
        write(root, "side.txt", "side\n");
        run(root, "Bob", "add", "-A");
        run(root, "Bob", "commit", "-q", "-m", "side: rename step five\n\nFixes: #12");
        run(root, "Bob", "checkout", "-q", "main");
        write(root, "src/app.c", Files.readString(root.resolve("src/app.c")).replace("\tstep25\n", "\tstep 25\n"));
        run(root, "Ada", "commit", "-q", "-am", "main: fix step 25");
        run(root, "Ada", "merge", "-q", "side", "-m", "clean merge of side");
        // a conflicting edit, resolved by hand with a line neither side had
        run(root, "Bob", "checkout", "-q", "-b", "topic");
        write(root, "doc/readme", Files.readString(root.resolve("doc/readme")).replace("line 6\n", "topic six\n"));
        run(root, "Bob", "commit", "-q", "-am", "topic: reword six");
        run(root, "Ada", "checkout", "-q", "main");
        write(root, "doc/readme", Files.readString(root.resolve("doc/readme")).replace("line 6\n", "main six\n"));
        run(root, "Ada", "commit", "-q", "-am", "main: reword six");
        run(root, "Ada", "merge", "-q", "topic", "-m", "conflicted");
        write(root, "doc/readme", Files.readString(root.resolve("doc/readme"))
                .replaceAll("(?s)<<<<<<< HEAD\n.*>>>>>>> topic\n", "resolved six\nand more\n"));
        Files.setPosixFilePermissions(root.resolve("tool.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.delete(root.resolve("gone.txt"));
        write(root, "evil.txt", "added by the merge\n");
        run(root, "Ada", "add", "-A");
        run(root, "Ada", "commit", "-q", "-m", "merge topic, resolved by hand");
        // an octopus of three clean branches
        for (String b : List.of("o1", "o2", "o3")) {
            run(root, "Cid", "checkout", "-q", "-b", b, "main");
            write(root, b + ".txt", b + "\n");
            run(root, "Cid", "add", "-A");
            run(root, "Cid", "commit", "-q", "-m", "octopus part " + b);
        }
        run(root, "Ada", "checkout", "-q", "main");
        run(root, "Ada", "merge", "-q", "o1", "o2", "o3", "-m", "octopus");
        write(root, "src/app.c", Files.readString(root.resolve("src/app.c")).replace("\tstep12\n", "\t  step12  \n"));
        run(root, "Ada", "commit", "-q", "-am", "whitespace only");
        return root;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void logAndShowAreGits(BackendChoice backend) throws Exception {
        Path root = history();
        List<String[]> commands = List.of(
                new String[] {"show", "HEAD~1"}, new String[] {"show", "HEAD~3"}, new String[] {"show", "HEAD~3", "--stat"},
                new String[] {"show", "HEAD~3", "--name-status"}, new String[] {"show", "HEAD~3", "--oneline"},
                new String[] {"show", "HEAD~3", "-s", "--format=%H %P"}, new String[] {"show", "HEAD~3", "-U1"},
                new String[] {"show", "HEAD~3", "-U0"}, new String[] {"show", "HEAD~6"},
                new String[] {"show", "HEAD~1", "HEAD~3", "HEAD"},
                new String[] {"show", "-w"}, new String[] {"show", "--stat", "-w"},
                new String[] {"log", "--oneline", "--", "doc"}, new String[] {"log", "-p", "--", "doc/readme"},
                new String[] {"log", "--stat", "--", "src"}, new String[] {"log", "--oneline", "--", "missing-path"},
                new String[] {"log", "--oneline", "--author=Bob"}, new String[] {"log", "--oneline", "--author=bob", "-i"},
                new String[] {"log", "--oneline", "--grep=six", "--grep=octopus"},
                new String[] {"log", "--oneline", "--grep=six", "--grep=main", "--all-match"},
                new String[] {"log", "--oneline", "--grep=merge", "--invert-grep"},
                new String[] {"log", "--oneline", "--grep=^Fixes: #[0-9]"},
                new String[] {"log", "--oneline", "--grep=part o(1|2)", "-E"},
                new String[] {"log", "--oneline", "--no-merges"}, new String[] {"log", "--oneline", "--merges"},
                new String[] {"log", "--oneline", "side..main"}, new String[] {"log", "main..side"},
                new String[] {"log", "--oneline", "^side", "topic"}, new String[] {"log", "--first-parent", "--oneline"},
                new String[] {"log", "--first-parent", "-p", "-2"}, new String[] {"log", "--graph", "--oneline", "HEAD~2"},
                new String[] {"log", "--graph", "--oneline", "side..main~2"},
                new String[] {"log", "--graph", "-p", "-3", "HEAD~2"},
                new String[] {"log", "--graph", "--oneline", "HEAD~2", "--", "doc"},
                new String[] {"log", "--name-status", "--format=%h %s"}, new String[] {"log", "--name-only", "--oneline"},
                new String[] {"log", "--numstat", "--format=format:%h"}, new String[] {"log", "--shortstat"},
                new String[] {"log", "--stat", "-p", "-2"}, new String[] {"log", "-p", "--pretty=fuller", "-2"},
                new String[] {"log", "-p", "--format=%s%n%b", "-3"}, new String[] {"log", "-p", "-w", "-1"},
                new String[] {"log", "-p", "--histogram", "-3"}, new String[] {"log", "-p", "--patience", "-3"},
                new String[] {"log", "--skip=2", "-n", "3", "--oneline"}, new String[] {"log", "--all", "--oneline"},
                new String[] {"log", "--abbrev-commit", "-2"});
        for (String[] command : commands) {
            GitCli.Result theirs = GitCli.run(root, null, env("X"), command);
            Panagit.Result ours = Panagit.run(backend, root, null, env("X"), command);
            String what = String.join(" ", command);
            assertEquals(theirs.text(), ours.text(), what);
            assertEquals(theirs.exitCode(), ours.exitCode(), what + ": " + ours.stderr());
        }
        String evil = GitCli.ok(root, "show", "HEAD~3");
        assertTrue(evil.contains("diff --cc doc/readme") && evil.contains("++resolved six")
                && evil.contains("deleted file mode 100644,100644"), "the merge shows a combined diff:\n" + evil);
        assertTrue(GitCli.ok(root, "show", "HEAD~1").contains("Merge: "), "HEAD~1 is the octopus");
    }
}
