package dev.panagit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.backend.BackendChoice;
import dev.panagit.testing.GitCli;
import dev.panagit.testing.Panagit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same scripted history made once by git and once by panagit, with fixed dates: identical
 * tree, commit and tag ids, identical logs and index listings, and git's fsck --strict passes.
 */
class TwinHistoryTest {
    @TempDir
    Path dir;

    /** One repository and the tool that works on it. */
    private interface Side {
        Path root();

        void run(String... args);
    }

    private static Map<String, String> env(int step) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("GIT_AUTHOR_NAME", "Ada Author");
        env.put("GIT_AUTHOR_EMAIL", "ada@example.com");
        env.put("GIT_COMMITTER_NAME", "Cy Committer");
        env.put("GIT_COMMITTER_EMAIL", "cy@example.com");
        env.put("GIT_AUTHOR_DATE", (1_700_000_000L + 3600L * step) + " +0130");
        env.put("GIT_COMMITTER_DATE", (1_700_000_000L + 3600L * step + 60) + " -0700");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        return env;
    }

    private static Side git(Path root) {
        return new Side() {
            int step;

            public Path root() {
                return root;
            }

            public void run(String... args) {
                GitCli.Result r = GitCli.run(root, null, env(++step), args);
                assertEquals(0, r.exitCode(), () -> "git " + String.join(" ", args) + ": " + r.stderr());
            }
        };
    }

    private static Side panagit(Path root, BackendChoice backend) {
        return new Side() {
            int step;

            public Path root() {
                return root;
            }

            public void run(String... args) {
                Panagit.Result r = Panagit.run(backend, root, null, env(++step), args);
                assertEquals(0, r.exitCode(), () -> "panagit " + String.join(" ", args) + ": " + r.stderr());
            }
        };
    }

    private static void write(Side side, String path, String content) throws IOException {
        Path file = side.root().resolve(path);
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.writeString(file, content);
    }

    private static void script(Side s) throws IOException {
        s.run("init", "-q");
        write(s, "a.txt", "alpha\n");
        write(s, "dir/b.txt", "beta\n");
        write(s, "dir/sub/c.txt", "gamma\n");
        write(s, "run.sh", "#!/bin/sh\necho run\n");
        Files.setPosixFilePermissions(s.root().resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createSymbolicLink(s.root().resolve("link"), Path.of("a.txt"));
        write(s, ".gitignore", "*.log\nbuild/\n");
        write(s, "noise.log", "ignored\n");
        write(s, "build/out.bin", "ignored too\n");
        s.run("add", ".");
        s.run("commit", "-m", "first");

        write(s, "a.txt", "alpha, changed\n");
        Files.setPosixFilePermissions(s.root().resolve("run.sh"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.delete(s.root().resolve("dir/b.txt"));
        Files.createSymbolicLink(s.root().resolve("dir/b.txt"), Path.of("sub/c.txt"));
        s.run("add", ".");
        s.run("commit", "-m", "second", "-m", "with a body\nof two lines");

        s.run("branch", "feature");
        s.run("checkout", "feature");
        write(s, "feature.txt", "on the feature branch\n");
        s.run("add", "feature.txt");
        s.run("commit", "-m", "feature work");
        s.run("tag", "-a", "v1", "-m", "release one");
        s.run("tag", "light");

        s.run("checkout", "master");
        Files.delete(s.root().resolve("dir/sub/c.txt"));
        s.run("add", "dir");
        s.run("commit", "-m", "remove c");

        s.run("checkout", "HEAD~1");
        s.run("checkout", "master");
        s.run("reset", "--soft", "HEAD~1");
        s.run("commit", "-m", "remove c, again");
        s.run("reset", "HEAD~1");
        s.run("add", ".");
        s.run("commit", "-m", "remove c, third time");
        s.run("tag", "-a", "v2", "-m", "on master", "HEAD");
    }

    private static String gitOut(Path repo, String... args) {
        return GitCli.ok(repo, args);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void sameHistoryFromGitAndPanagit(BackendChoice backend) throws IOException {
        Path gitRepo = Files.createDirectories(dir.resolve("by-git"));
        Path ourRepo = Files.createDirectories(dir.resolve("by-panagit"));
        script(git(gitRepo));
        script(panagit(ourRepo, backend));

        for (String rev : new String[] {"HEAD", "master", "feature", "v1", "v1^{}", "light", "v2", "HEAD^{tree}",
            "feature~1^{tree}", "master~2"}) {
            assertEquals(gitOut(gitRepo, "rev-parse", rev), gitOut(ourRepo, "rev-parse", rev), rev);
        }
        String log = gitOut(gitRepo, "log", "--decorate=short", "master", "feature");
        assertEquals(log, gitOut(ourRepo, "log", "--decorate=short", "master", "feature"));
        assertEquals(gitOut(gitRepo, "ls-files", "-s"), gitOut(ourRepo, "ls-files", "-s"));
        assertEquals(gitOut(gitRepo, "cat-file", "-p", "v1"), gitOut(ourRepo, "cat-file", "-p", "v1"));
        assertEquals(gitOut(gitRepo, "status", "--porcelain"), gitOut(ourRepo, "status", "--porcelain"));
        assertEquals("", gitOut(ourRepo, "status", "--porcelain"), "git sees a clean work tree");
        gitOut(ourRepo, "fsck", "--strict", "--no-dangling");

        // panagit's own views agree with git's.
        assertEquals(log, Panagit.run(backend, ourRepo, null, "log", "--decorate=short", "master", "feature").text());
        assertEquals(gitOut(gitRepo, "log", "--oneline", "--decorate=short", "-n", "3"),
                Panagit.run(backend, gitRepo, null, "log", "--oneline", "--decorate=short", "-n", "3").text());
        assertEquals(gitOut(gitRepo, "ls-files", "-s"), Panagit.run(backend, gitRepo, null, "ls-files", "-s").text());
        assertEquals(gitOut(gitRepo, "ls-tree", "-r", "-t", "HEAD~2"),
                Panagit.run(backend, gitRepo, null, "ls-tree", "-r", "-t", "HEAD~2").text());
        assertEquals(gitOut(gitRepo, "branch"), Panagit.run(backend, gitRepo, null, "branch").text());
        assertEquals(gitOut(gitRepo, "tag"), Panagit.run(backend, gitRepo, null, "tag").text());
        assertEquals(gitOut(gitRepo, "write-tree"), Panagit.run(backend, gitRepo, null, "write-tree").text());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void eachContinuesWhatTheOtherStarted(BackendChoice backend) throws IOException {
        Path repo = Files.createDirectories(dir.resolve("shared"));
        Side git = git(repo);
        Side ours = panagit(repo, backend);
        git.run("init", "-q");
        write(git, "one.txt", "1\n");
        git.run("add", ".");
        git.run("commit", "-m", "by git");
        git.run("pack-refs", "--all");   // panagit must read (and, deleting, rewrite) packed-refs
        write(ours, "two.txt", "2\n");
        ours.run("add", "two.txt");
        assertEquals("A  two.txt\n", gitOut(repo, "status", "--porcelain"));
        ours.run("commit", "-m", "by panagit");
        ours.run("branch", "topic");
        ours.run("checkout", "topic");
        write(git, "three.txt", "3\n");
        git.run("add", "three.txt");
        git.run("commit", "-m", "by git again");
        ours.run("checkout", "master");
        git.run("pack-refs", "--all");
        ours.run("branch", "-D", "topic");
        assertEquals("", gitOut(repo, "branch", "--list", "topic"));
        gitOut(repo, "fsck", "--strict", "--no-dangling");
        assertEquals(2, gitOut(repo, "log", "--oneline", "--all").lines().count(), "topic's commit went with topic");
        assertEquals("", gitOut(repo, "status", "--porcelain"));
        assertTrue(Files.notExists(repo.resolve("three.txt")), "checkout master removed topic's file");
    }
}
