package dev.panagit.reliability;

import static dev.panagit.testing.Fixtures.git;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.bench.SelfLauncher;
import dev.panagit.testing.GitCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two and four panagit processes committing to one branch at once: every commit a process
 * reports is in the branch's history (none lost to a racing writer), every refusal is a clean
 * lock error in git's words, and git finds the repository whole.
 */
class ConcurrentWritersTest {
    private static final Pattern LOCK_ERROR = Pattern.compile(
            "fatal: (cannot lock ref 'refs/heads/master': is at [0-9a-f]{40} but expected [0-9a-f]{40}"
            + "|Unable to create '[^']+\\.lock': File exists\\.(?s:.*))\n");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} writers")
    @ValueSource(ints = {2, 4})
    void everyReportedCommitIsInHistoryAndEveryFailureIsALockError(int writers) throws Exception {
        Path root = dir.resolve("repo");
        git(dir, "init", "-q", "-b", "master", root.toString());
        git(root, "config", "user.name", "w");
        git(root, "config", "user.email", "w@x");
        git(root, "commit", "-q", "--allow-empty", "-m", "base");
        int rounds = 12;
        ConcurrentLinkedQueue<String> committed = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Void>> running = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            running.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < rounds; i++) {
                    String subject = "writer " + writer + " commit " + i;
                    ProcessBuilder builder = new ProcessBuilder(SelfLauncher.command(writer % 2 == 0 ? "native" : "java",
                            "commit", "--allow-empty", "-m", subject)).directory(root.toFile());
                    builder.environment().putAll(java.util.Map.of("GIT_AUTHOR_NAME", "w", "GIT_AUTHOR_EMAIL", "w@x",
                            "GIT_COMMITTER_NAME", "w", "GIT_COMMITTER_EMAIL", "w@x"));
                    try {
                        Process p = builder.start();
                        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> {
                            try {
                                return p.getErrorStream().readAllBytes();
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        });
                        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                        int code = p.waitFor();
                        String stderr = new String(err.join(), StandardCharsets.UTF_8);
                        if (code == 0) {
                            assertTrue(out.endsWith("] " + subject + "\n"), out);
                            committed.add(subject);
                        } else {
                            assertEquals(128, code, stderr);
                            assertTrue(LOCK_ERROR.matcher(stderr).matches(), "not a lock error: " + stderr);
                            refused.add(subject);
                        }
                    } catch (Exception e) {
                        throw new RuntimeException(e);
                    }
                }
            }));
        }
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();

        Set<String> history = new HashSet<>(List.of(GitCli.ok(root, "log", "--format=%s").split("\n")));
        for (String subject : committed) {
            assertTrue(history.contains(subject), "lost: " + subject);
        }
        assertEquals(committed.size() + 1, history.size(), "history holds exactly the reported commits and the base");
        assertEquals(writers * rounds, committed.size() + refused.size());
        assertTrue(committed.size() >= rounds, "at least one writer's worth got through: " + committed.size());
        GitCli.Result fsck = GitCli.run(root, null, "fsck", "--strict");
        assertEquals(0, fsck.exitCode(), fsck.stderr());
    }
}
