package dev.panagit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.backend.BackendChoice;
import dev.panagit.testing.Fixtures;
import dev.panagit.testing.GitCli;
import dev.panagit.testing.Panagit;
import dev.panagit.testing.TestBackends;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs embedded in one JVM, on many threads at once, each in its own repository and directory:
 * each sees only its own streams, directory and environment (nothing of a run is static or
 * thread-local), and what a run opened is closed when it ends.
 */
class ConcurrentRunsTest {
    @TempDir
    Path dir;

    @Test
    void runsOnManyThreadsSeeOnlyTheirOwnRepositoryStreamsAndEnvironment() throws Exception {
        List<Path> repos = new ArrayList<>();
        for (int r = 0; r < 4; r++) {
            Path repo = Fixtures.history(dir.resolve("r" + r), "sha1", 8 + 2 * r);
            if (r % 2 == 1) {
                GitCli.ok(repo, "gc", "-q");
            }
            repos.add(repo);
        }
        List<String[]> commands = List.of(
                new String[] {"log", "--oneline"},
                new String[] {"cat-file", "--batch-all-objects", "--batch-check"},
                new String[] {"rev-parse", "HEAD~1"},
                new String[] {"ls-files"});
        record Job(Path repo, String[] args, String expected) {
        }
        List<Job> jobs = new ArrayList<>();
        for (Path repo : repos) {
            for (String[] args : commands) {
                // from a subdirectory, as -C makes git run: each run has its own working directory
                String[] withC = new String[args.length + 2];
                withC[0] = "-C";
                withC[1] = "src";
                System.arraycopy(args, 0, withC, 2, args.length);
                jobs.add(new Job(repo, withC, GitCli.ok(repo, withC)));
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (BackendChoice backend = TestBackends.nativeBackend()) {
            List<Future<String>> failures = new ArrayList<>();
            for (int round = 0; round < 5; round++) {
                for (Job job : jobs) {
                    failures.add(pool.submit(() -> {
                        Panagit.Result result = Panagit.run(backend, job.repo(), null,
                                java.util.Map.of("PATH", System.getenv("PATH"), "HOME", dir.toString()), job.args());
                        return result.exitCode() == 0 && result.text().equals(job.expected()) && result.stderr().isEmpty()
                                ? null
                                : job.repo().getFileName() + " " + String.join(" ", job.args()) + ": exit "
                                        + result.exitCode() + "\n" + result.text() + result.stderr();
                    }));
                }
            }
            List<String> failed = new ArrayList<>();
            for (Future<String> f : failures) {
                if (f.get() != null) {
                    failed.add(f.get());
                }
            }
            assertEquals(List.of(), failed);
            assertEquals(5 * jobs.size(), failures.size());
        } finally {
            pool.shutdown();
        }
        // every run closed what it opened: no pack of these repositories is still mapped
        String maps = Files.readString(Path.of("/proc/self/maps"));
        assertTrue(repos.stream().anyMatch(r -> Files.exists(r.resolve(".git/objects/pack"))));
        for (Path repo : repos) {
            assertFalse(maps.contains(repo.toString()), repo + " still mapped after its runs ended");
        }
    }
}
