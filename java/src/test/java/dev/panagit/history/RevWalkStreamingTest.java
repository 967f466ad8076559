package dev.panagit.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.backend.BackendChoice;
import dev.panagit.lib.ObjectId;
import dev.panagit.objects.Commit;
import dev.panagit.repo.Repository;
import dev.panagit.testing.Fixtures;
import dev.panagit.testing.GitCli;
import dev.panagit.testing.TestBackends;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walk handed to a visitor chooses what the listed walk chooses, in the same order, and
 * without exclusions or paths keeps nothing of the commits it has handed over.
 */
class RevWalkStreamingTest {
    @TempDir
    Path dir;

    @Test
    void theVisitedWalkIsTheListedWalk() throws Exception {
        Path root = Fixtures.history(dir.resolve("r"), "sha1", 30);
        // merges, so that parents, first-parent and dates interleave
        GitCli.ok(root, "checkout", "-q", "-b", "topic", "HEAD~12");
        for (int i = 0; i < 4; i++) {
            GitCli.ok(root, "-c", "user.name=s", "-c", "user.email=s@x", "commit", "-q", "--allow-empty", "-m", "side " + i);
        }
        GitCli.ok(root, "checkout", "-q", "master");
        GitCli.ok(root, "-c", "user.name=m", "-c", "user.email=m@x", "merge", "-q", "--no-ff", "-m", "merge topic", "topic");
        try (BackendChoice backend = TestBackends.nativeBackend();
                Repository repo = Repository.discover(root, backend.codec())) {
            ObjectId head = repo.refs().resolve("HEAD").orElseThrow();
            ObjectId side = repo.refs().resolve("refs/heads/topic").orElseThrow();
            List<Consumer<RevWalk>> setups = List.of(
                    w -> w.include(head),
                    w -> w.include(head).firstParent(true),
                    w -> w.include(head).filter(c -> c.parents().size() <= 1),
                    w -> w.include(side).include(head),
                    w -> w.include(head).exclude(side),                   // listed first, then handed over
                    w -> w.include(head).paths(List.of("src/main.txt")));
            int[][] windows = {{0, -1}, {0, 5}, {3, 7}, {40, 10}, {0, 0}};
            for (int s = 0; s < setups.size(); s++) {
                for (int[] window : windows) {
                    RevWalk listed = new RevWalk(repo);
                    setups.get(s).accept(listed);
                    RevWalk visited = new RevWalk(repo);
                    setups.get(s).accept(visited);
                    List<String> expected = new ArrayList<>();
                    for (RevWalk.Entry e : listed.byDate(window[0], window[1])) {
                        expected.add(e.id().name() + " " + e.parents());
                    }
                    List<String> got = new ArrayList<>();
                    visited.byDate(window[0], window[1], e -> got.add(e.id().name() + " " + e.parents()));
                    assertEquals(expected, got, "setup " + s + ", skip " + window[0] + ", limit " + window[1]);
                }
            }
            // git agrees on the plain walk
            List<String> ids = new ArrayList<>();
            new RevWalk(repo).include(head).byDate(0, -1, e -> ids.add(e.id().name()));
            assertEquals(GitCli.ok(root, "rev-list", "HEAD"), String.join("\n", ids) + "\n");
        }
    }

    @Test
    void commitsHandedOverAreNotKept() throws Exception {
        Path root = Fixtures.history(dir.resolve("long"), "sha1", 400);
        try (BackendChoice backend = TestBackends.nativeBackend();
                Repository repo = Repository.discover(root, backend.codec())) {
            List<WeakReference<Commit>> early = new ArrayList<>();
            int[] seen = {0};
            boolean[] collected = {false};
            new RevWalk(repo).include(repo.refs().resolve("HEAD").orElseThrow()).byDate(0, -1, e -> {
                if (seen[0]++ < 20) {
                    early.add(new WeakReference<>(e.commit()));
                } else if (seen[0] == 300) {
                    for (int attempt = 0; attempt < 5 && !collected[0]; attempt++) {
                        System.gc();
                        collected[0] = early.stream().allMatch(r -> r.get() == null);
                    }
                }
            });
            assertEquals(400, seen[0]);
            assertTrue(collected[0], "the first commits handed over are still held by the walk");
            assertNull(early.get(0).get());
        }
    }
}
