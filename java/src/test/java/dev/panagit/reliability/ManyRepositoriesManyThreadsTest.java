package dev.panagit.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.backend.BackendChoice;
import dev.panagit.backend.Backends;
import dev.panagit.history.RevWalk;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.TreeEntry;
import dev.panagit.objects.Commit;
import dev.panagit.objects.PersonIdent;
import dev.panagit.objects.Trees;
import dev.panagit.repo.ConcurrentRefUpdateException;
import dev.panagit.repo.Repository;
import dev.panagit.storage.LockFile;
import dev.panagit.testing.Fixtures;
import dev.panagit.testing.GitCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The library as a server uses it: many threads, each task with a backend choice and repository
 * of its own, opened and closed per task; reading history and blobs of shared repositories (packed
 * and loose) and appending commits to one shared branch by compare-and-swap. Every read is what
 * git reads, every append lands exactly once, and git finds the result sound.
 */
class ManyRepositoriesManyThreadsTest {
    private static final int TASKS = 96;

    @TempDir
    Path dir;

    @Test
    void aServerReadsAndAppendsOnManyThreadsWithOneChoiceAndRepositoryPerTask() throws Exception {
        List<Path> sources = new ArrayList<>();
        List<List<ObjectId>> histories = new ArrayList<>();
        List<Map<String, byte[]>> headFiles = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            Path source = Fixtures.history(dir.resolve("source" + r), "sha1", 8 + 3 * r);
            if (r != 2) {
                GitCli.ok(source, "gc", "-q");   // two packed, one loose
            }
            sources.add(source);
            List<ObjectId> ids = new ArrayList<>();
            for (String line : GitCli.ok(source, "rev-list", "HEAD").split("\n")) {
                ids.add(ObjectId.fromHex(line));
            }
            histories.add(ids);
            Map<String, byte[]> files = new java.util.TreeMap<>();
            for (String path : GitCli.ok(source, "ls-tree", "-r", "--name-only", "HEAD").split("\n")) {
                files.put(path, GitCli.run(source, null, Map.of(), "cat-file", "blob", "HEAD:" + path).stdout());
            }
            headFiles.add(files);
        }
        Path shared = dir.resolve("shared");
        GitCli.ok(dir, "init", "-q", "-b", "main", shared.toString());

        AtomicInteger contended = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        String[] backends = {"native", "java", "auto"};
        for (int t = 0; t < TASKS; t++) {
            int task = t;
            done.add(pool.submit(() -> {
                try (BackendChoice backend = Backends.open(backends[task % 3])) {
                    int r = task % sources.size();
                    try (Repository repo = Repository.discover(sources.get(r), backend.codec())) {
                        List<ObjectId> walked = new RevWalk(repo).include(repo.refs().resolve("HEAD").orElseThrow())
                                .byDate(0, -1).stream().map(RevWalk.Entry::id).toList();
                        assertEquals(histories.get(r), walked, "history of source " + r + " on " + backend);
                        ObjectId tree = repo.readCommit(walked.get(0)).tree();
                        for (Map.Entry<String, byte[]> file : headFiles.get(r).entrySet()) {
                            ObjectId blob = dev.panagit.repo.Revisions.resolve(repo, walked.get(0).name() + ":"
                                    + file.getKey()).orElseThrow();
                            assertArrayEquals(file.getValue(), repo.objects().open(blob).bytes(), file.getKey());
                        }
                        assertTrue(repo.readTree(tree).size() > 0);
                    }
                    try (Repository repo = Repository.discover(shared, backend.codec())) {
                        append(repo, task, contended);
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        // every task's commit is on the branch once, one after another
        String[] subjects = GitCli.ok(shared, "log", "--format=%s", "main").split("\n");
        assertEquals(TASKS, subjects.length);
        List<String> sorted = new ArrayList<>(Arrays.asList(subjects));
        sorted.sort(java.util.Comparator.comparingInt(s -> Integer.parseInt(s.substring(5))));
        for (int t = 0; t < TASKS; t++) {
            assertEquals("task " + t, sorted.get(t));
        }
        GitCli.ok(shared, "fsck", "--strict");
        System.out.println("tasks that lost a race for the branch and built again: " + contended.get());
    }

    /** Appends the task's commit to main: read the tip, build on it, swap it in, again if someone was first. */
    private static void append(Repository repo, int task, AtomicInteger contended) throws Exception {
        byte[] content = ("written by task " + task + "\n").getBytes(StandardCharsets.UTF_8);
        ObjectId blob = repo.objects().insert(ObjectType.BLOB, content);
        ObjectId tree = repo.objects().insert(ObjectType.TREE, Trees.format(ObjectFormat.SHA1,
                List.of(new TreeEntry(Trees.MODE_FILE, "task-" + task + ".txt", blob))));
        PersonIdent who = new PersonIdent("Server", "server@example.com", 1_700_000_000L + task, 0);
        while (true) {
            ObjectId tip = repo.refs().resolve("refs/heads/main").orElse(ObjectId.zeroId(ObjectFormat.SHA1));
            List<ObjectId> parents = tip.equals(ObjectId.zeroId(ObjectFormat.SHA1)) ? List.of() : List.of(tip);
            ObjectId commit = repo.objects().insert(ObjectType.COMMIT,
                    Commit.create(tree, parents, who, who, "task " + task + "\n").format());
            try {
                repo.refs().update("refs/heads/main", commit, tip);
                return;
            } catch (ConcurrentRefUpdateException | LockFile.LockedException e) {
                contended.incrementAndGet();   // another task moved or holds the branch: build on the new tip
                Thread.onSpinWait();
            }
        }
    }
}
