package dev.panagit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.backend.BackendChoice;
import dev.panagit.testing.GitCli;
import dev.panagit.testing.Panagit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reflogs: the same commands run by git in one repository and by panagit in its twin leave the
 * same {@code .git/logs} files, line for line (old and new ids, committer, time, message), so
 * that {@code git reflog}, {@code @{1}} and status's "HEAD detached at" work after panagit.
 */
class ReflogTwinTest {
    @TempDir
    Path dir;

    private static final Map<String, String> ENV = GitCli.FIXED_IDENTITY;

    private static void sh(Path cwd, String script) {
        GitCli.shell(cwd, ENV, script);
    }

    /** Every log file under {@code .git/logs}, by path. */
    private static Map<String, String> logs(Path repo) throws Exception {
        Map<String, String> all = new TreeMap<>();
        Path logs = repo.resolve(".git/logs");
        if (Files.isDirectory(logs)) {
            try (Stream<Path> files = Files.walk(logs)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    all.put(logs.relativize(file).toString(), Files.readString(file));
                }
            }
        }
        return all;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void commandsLogAsGitLogs(BackendChoice backend) throws Exception {
        // two worlds alike, each with its own upstream and bare repository beside the repository under test
        sh(dir, "for who in git pg; do mkdir $who-world && cd $who-world && git init -q -b main upstream && cd upstream"
                + " && echo u > u && git add u && git commit -qm up && cd .. && git init -q --bare -b main bare.git"
                + " && git clone -q upstream repo && cd ..; done");
        String[][] steps = {
            {"commit", "--allow-empty", "-m", "first\n\nbody"}, {"branch", "topic"}, {"checkout", "topic"},
            {"commit", "--allow-empty", "-m", "on topic"}, {"checkout", "main"}, {"merge", "topic"},
            {"branch", "side", "HEAD~1"}, {"checkout", "side"}, {"commit", "--allow-empty", "-m", "on side"},
            {"checkout", "main"}, {"merge", "side"}, {"reset", "--hard", "HEAD~1"}, {"reset", "--soft", "HEAD"},
            {"checkout", "HEAD~1"}, {"status"}, {"checkout", "main"}, {"branch", "-D", "side"},
            {"checkout", "-b", "fresh"}, {"!", "echo changed >> u"}, {"commit", "-a", "-m", "all of it"},
            {"checkout", "-b", "fresh2", "main"}, {"checkout", "-b", "fresh2"}, {"checkout", "main"},
            {"!", "git checkout -q -b clash && echo one > f && git add f && git commit -qm one && git checkout -q main"
                + " && echo two > f && git add f && git commit -qm two"},
            {"merge", "clash"}, {"merge", "--abort"}, {"merge", "clash"}, {"!", "echo both > f && git add f"},
            {"commit", "--no-edit"}, {"branch", "o1", "HEAD~1"}, {"!", "git checkout -q o1 && git commit -q --allow-empty"
                + " -m o1 && git checkout -q -b o2 HEAD~1 && git commit -q --allow-empty -m o2 && git checkout -q main"},
            {"merge", "o1", "o2"},
            {"fetch", "origin"}, {"pull", "--no-rebase", "origin", "main"}, {"fetch"},
            {"remote", "add", "mirror", "../bare.git"}, {"push", "mirror", "main"},
        };
        for (String[] step : steps) {
            if (step[0].equals("!")) {
                sh(dir, "for who in git pg; do (cd $who-world/repo && " + step[1] + "); done");
                continue;
            }
            if (step[0].equals("fetch") && step.length == 1) {
                sh(dir, "for who in git pg; do cd $who-world/upstream && git commit -q --allow-empty -m more && cd ../..; done");
            }
            GitCli.Result theirs = GitCli.run(dir.resolve("git-world/repo"), null, ENV, step);
            Panagit.Result ours = Panagit.run(backend, dir.resolve("pg-world/repo"), null, ENV, step);
            String name = String.join(" ", step);
            assertEquals(theirs.exitCode(), ours.exitCode(), name + ": " + ours.stderr());
            if (step[0].equals("status")) {
                assertEquals(theirs.text(), ours.text(), "status reads the reflog: " + ours.text());
            }
            assertEquals(logs(dir.resolve("git-world/repo")).toString().replace("git-world", "X"),
                    logs(dir.resolve("pg-world/repo")).toString().replace("pg-world", "X"), "after " + name);
        }
        GitCli.Result clonedByGit = GitCli.run(dir.resolve("git-world"), null, ENV, "clone", "-q", "upstream", "cloned");
        Panagit.Result clonedByUs = Panagit.run(backend, dir.resolve("pg-world"), null, ENV, "clone", "-q", "upstream",
                "cloned");
        assertEquals(clonedByGit.exitCode(), clonedByUs.exitCode(), clonedByUs.stderr());
        assertEquals(logs(dir.resolve("git-world/cloned")).toString().replace("git-world", "X"),
                logs(dir.resolve("pg-world/cloned")).toString().replace("pg-world", "X"), "after clone");
        // and git reads what panagit wrote
        String reflog = GitCli.ok(dir.resolve("pg-world/repo"), "reflog", "-3");
        assertTrue(reflog.contains("HEAD@{0}:"), reflog);
        assertEquals(GitCli.ok(dir.resolve("git-world/repo"), "reflog").replace("git-world", "X"),
                GitCli.ok(dir.resolve("pg-world/repo"), "reflog").replace("pg-world", "X"));
    }
}
