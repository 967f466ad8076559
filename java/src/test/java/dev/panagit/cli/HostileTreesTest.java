package dev.panagit.cli;

import static dev.panagit.testing.Fixtures.git;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.backend.BackendChoice;
import dev.panagit.index.DirCache;
import dev.panagit.index.IndexEntry;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.testing.GitCli;
import dev.panagit.testing.Panagit;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Trees and indexes made hostile (issue 14, classes 2 to 5): trees nested thousands deep, trees
 * whose modes and objects disagree or whose names clash, checkouts that must write all or
 * nothing, indexes that must not become trees. Both backends; git is the referee where it reads
 * the input.
 */
class HostileTreesTest {
    private static final Map<String, String> IDENT = Map.of("GIT_AUTHOR_NAME", "a", "GIT_AUTHOR_EMAIL", "a@b",
            "GIT_COMMITTER_NAME", "a", "GIT_COMMITTER_EMAIL", "a@b", "GIT_AUTHOR_DATE", "1700000000 +0000",
            "GIT_COMMITTER_DATE", "1700000000 +0000");

    @TempDir
    Path dir;

    private Path init(String name) {
        Path root = dir.resolve(name);
        git(dir, "init", "-q", "-b", "master", root.toString());
        return root;
    }

    private static String gitOk(Path root, byte[] stdin, String... args) {
        GitCli.Result r = GitCli.run(root, stdin, IDENT, args);
        assertEquals(0, r.exitCode(), () -> "git " + String.join(" ", args) + ": " + r.stderr());
        return r.text().strip();
    }

    private static void commitFiles(Path root, Map<String, String> files, String message) throws Exception {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = root.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue());
        }
        gitOk(root, null, "add", "-A");
        gitOk(root, null, "commit", "-q", "-m", message);
    }

    /** A tree written byte for byte: entries as given (mode, name, id), no checks, no sorting. */
    private static String rawTree(Path root, String... modeNameId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < modeNameId.length; i += 3) {
            out.writeBytes((modeNameId[i] + " " + modeNameId[i + 1] + "\0").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(HexFormat.of().parseHex(modeNameId[i + 2]));
        }
        return gitOk(root, out.toByteArray(), "hash-object", "-t", "tree", "-w", "--literally", "--stdin");
    }

    private static String blob(Path root, String content) {
        return gitOk(root, content.getBytes(StandardCharsets.UTF_8), "hash-object", "-w", "--stdin");
    }

    private static void branchAt(Path root, String branch, String tree) {
        String commit = gitOk(root, null, "commit-tree", tree, "-m", branch);
        gitOk(root, null, "update-ref", "refs/heads/" + branch, commit);
    }

    private static void assertFatal(Panagit.Result r, String expectedStart) {
        assertEquals(128, r.exitCode(), r.stderr());
        assertTrue(r.stderr().startsWith("fatal: " + expectedStart), r.stderr());
        assertFalse(r.stderr().contains("Exception") || r.stderr().contains("\tat "), r.stderr());
    }

    /** A commit whose only file lies {@code depth} directories down, made by git fast-import. */
    private static Path deepRepository(Path root, int depth) {
        String path = "d/".repeat(depth) + "f";
        byte[] stream = ("commit refs/heads/master\ncommitter a <a@b> 1700000000 +0000\ndata 4\ndeep\n"
                + "M 100644 inline " + path + "\ndata 3\nhi\n\n").getBytes(StandardCharsets.UTF_8);
        gitOk(root, stream, "fast-import", "--quiet");
        return root;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void treesNestedThousandsDeepAreWalkedAsGitWalksThem(BackendChoice backend) throws Exception {
        Path root = deepRepository(init("deep"), 3000);
        for (String[] args : new String[][] {{"ls-tree", "-r", "master"}, {"ls-tree", "-r", "-t", "master"}}) {
            Panagit.Result ours = Panagit.run(backend, root, null, args);
            assertEquals(0, ours.exitCode(), ours.stderr());
            assertEquals(GitCli.ok(root, args), ours.text());
        }
        assertEquals(0, Panagit.run(backend, root, null, "read-tree", "master").exitCode());
        String ours = GitCli.ok(root, "ls-files", "-s");
        gitOk(root, null, "read-tree", "master");
        assertEquals(GitCli.ok(root, "ls-files", "-s"), ours);
        assertTrue(ours.contains("d/".repeat(3000) + "f"), ours.substring(0, 80));

        // 6,000 bytes of path: no file system here takes it. Refused before anything is written.
        Files.delete(root.resolve(".git/index"));
        assertFatal(Panagit.run(backend, root, null, "reset", "--hard", "master"), "cannot create 'd/d/d/");
        assertFalse(Files.exists(root.resolve("d")));

        // 1,000 levels fit: checked out whole.
        Path fits = deepRepository(init("fits"), 1000);
        Panagit.Result r = Panagit.run(backend, fits, null, "reset", "--hard", "master");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("hi\n", Files.readString(fits.resolve("d/".repeat(1000) + "f")));
        assertEquals("", GitCli.ok(fits, "status", "--porcelain"));
        // JUnit's clean-up resolves every level's real path (quadratic here): rm does it in one go.
        assertEquals(0, new ProcessBuilder("rm", "-rf", fits.resolve("d").toString()).start().waitFor());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void aCheckoutThatCannotFinishWritesNothing(BackendChoice backend) throws Exception {
        Path root = init("missing");
        commitFiles(root, Map.of("a", "a1\n", "b", "b1\n", "c", "c1\n"), "one");
        gitOk(root, null, "checkout", "-q", "-b", "next");
        commitFiles(root, Map.of("a", "a2\n", "b", "b2\n", "c", "c2\n", "n/new", "new\n"), "two");
        gitOk(root, null, "checkout", "-q", "master");
        String b2 = blob(root, "b2\n");
        Files.delete(root.resolve(".git/objects/" + b2.substring(0, 2) + "/" + b2.substring(2)));
        byte[] index = Files.readAllBytes(root.resolve(".git/index"));

        Panagit.Result r = Panagit.run(backend, root, null, "checkout", "next");
        assertEquals(128, r.exitCode(), r.stderr());
        assertEquals("fatal: unable to read sha1 file of b (" + b2 + ")\n", r.stderr());
        assertEquals("a1\n", Files.readString(root.resolve("a")));
        assertEquals("b1\n", Files.readString(root.resolve("b")));
        assertEquals("c1\n", Files.readString(root.resolve("c")));
        assertFalse(Files.exists(root.resolve("n")));
        assertEquals("refs/heads/master", GitCli.ok(root, "symbolic-ref", "HEAD").strip());
        assertTrue(java.util.Arrays.equals(index, Files.readAllBytes(root.resolve(".git/index"))));
        assertEquals("", GitCli.ok(root, "status", "--porcelain", "--ignored"));
        try (var leftovers = Files.list(root.resolve(".git"))) {
            assertTrue(leftovers.noneMatch(p -> p.getFileName().toString().startsWith("checkout-")));
        }
    }

    /** A checkout holds the index lock throughout, as git does, and clears what a killed one left. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void aCheckoutHoldsTheIndexLockAndClearsAKilledOnesLeftovers(BackendChoice backend) throws Exception {
        Path root = init("locked");
        commitFiles(root, Map.of("a", "a1\n"), "one");
        gitOk(root, null, "checkout", "-q", "-b", "next");
        commitFiles(root, Map.of("a", "a2\n"), "two");
        gitOk(root, null, "checkout", "-q", "master");
        Path lock = Files.writeString(root.resolve(".git/index.lock"), "");
        assertFatal(Panagit.run(backend, root, null, "checkout", "next"), "Unable to create '" + lock + "': File exists.");
        assertEquals("a1\n", Files.readString(root.resolve("a")), "nothing written while another holds the lock");
        Files.delete(lock);

        Path leftover = Files.createDirectories(root.resolve(".git/checkout-12345"));
        Files.writeString(leftover.resolve("blob-1"), "half a file");
        Panagit.Result r = Panagit.run(backend, root, null, "checkout", "next");
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals("a2\n", Files.readString(root.resolve("a")));
        assertFalse(Files.exists(leftover), "a killed checkout's staging folder is cleared");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void namesThatClashOrModesThatLieAreRefusedBeforeWriting(BackendChoice backend) throws Exception {
        Path root = init("clash");
        commitFiles(root, Map.of("keep", "keep\n"), "one");
        String inner = rawTree(root, "100644", "x", blob(root, "x\n"));
        String outside = blob(root, dir.resolve("outside").toString());
        branchAt(root, "symlink-and-dir", rawTree(root, "120000", "evil", outside, "40000", "evil", inner));
        branchAt(root, "file-and-dir", rawTree(root, "100644", "d", blob(root, "d\n"), "40000", "d", inner));
        branchAt(root, "twice", rawTree(root, "100644", "t", blob(root, "1\n"), "100644", "t", blob(root, "2\n")));
        branchAt(root, "tree-as-file", rawTree(root, "100644", "a", blob(root, "a\n"), "100644", "x", inner));
        branchAt(root, "blob-as-tree", rawTree(root, "40000", "sub", blob(root, "not a tree\n")));

        for (String branch : new String[] {"symlink-and-dir", "file-and-dir", "twice"}) {
            Panagit.Result r = Panagit.run(backend, root, null, "checkout", branch);
            assertFatal(r, "refusing unsafe path ");
            assertTrue(r.stderr().contains("duplicateEntries"), r.stderr());
        }
        assertFatal(Panagit.run(backend, root, null, "checkout", "tree-as-file"),
                "object " + inner + " is a tree, not a blob (path 'x')");
        Panagit.Result r = Panagit.run(backend, root, null, "checkout", "blob-as-tree");
        assertEquals(128, r.exitCode(), r.stderr());
        assertFalse(r.stderr().contains("Exception"), r.stderr());

        try (var files = Files.list(root)) {
            assertEquals(java.util.List.of(".git", "keep"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "nothing written");
        }
        assertFalse(Files.exists(root.resolve("evil"), LinkOption.NOFOLLOW_LINKS));
        assertEquals("refs/heads/master", GitCli.ok(root, "symbolic-ref", "HEAD").strip());
        assertEquals("", GitCli.ok(root, "status", "--porcelain"));
    }

    /** Modes git reads as others (100664, 104755, 040777, 777777): read as git reads them. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void oddModesAreReadAsGitReadsThem(BackendChoice backend) throws Exception {
        Path root = init("modes");
        String content = blob(root, "content\n");
        String inner = rawTree(root, "100644", "x", content);
        String tree = rawTree(root, "100664", "a", content, "104755", "b", content, "777777", "c", content,
                "40777", "d", inner);
        for (String[] args : new String[][] {{"ls-tree", tree}, {"ls-tree", "-r", tree}, {"cat-file", "-p", tree}}) {
            Panagit.Result ours = Panagit.run(backend, root, null, args);
            assertEquals(0, ours.exitCode(), ours.stderr());
            assertEquals(GitCli.ok(root, args), ours.text(), String.join(" ", args));
        }
        assertEquals(0, Panagit.run(backend, root, null, "read-tree", tree).exitCode());
        String ours = GitCli.ok(root, "ls-files", "-s");
        gitOk(root, null, "read-tree", tree);
        assertEquals(GitCli.ok(root, "ls-files", "-s"), ours);
        // Written back, the modes are canonical: a tree fsck does not flag. (git's own write-tree
        // would hand back the odd tree unchanged, from the cache-tree read-tree left in the index.)
        Panagit.Result written = Panagit.run(backend, root, null, "write-tree");
        assertEquals(0, written.exitCode(), written.stderr());
        assertEquals(rawTree(root, "100644", "a", content, "100755", "b", content, "160000", "c", content,
                "40000", "d", inner), written.text().strip());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void indexesThatCannotBecomeTreesAreRefused(BackendChoice backend) throws Exception {
        Path root = init("index");
        commitFiles(root, Map.of("keep", "keep\n"), "one");
        String missing = "0123456789abcdef0123456789abcdef01234567";
        gitOk(root, null, "update-index", "--add", "--cacheinfo", "100644," + missing + ",lost");
        GitCli.Result theirs = GitCli.run(root, null, "write-tree");
        assertEquals(128, theirs.exitCode(), "git refuses too");
        assertFatal(Panagit.run(backend, root, null, "write-tree"), "invalid object 100644 " + missing + " for 'lost'");
        assertFatal(Panagit.run(backend, root, null, IDENT, "commit", "-m", "x"),
                "invalid object 100644 " + missing + " for 'lost'");

        ObjectId content = ObjectId.fromHex(ObjectFormat.SHA1, blob(root, "content\n"));
        for (String path : new String[] {"../evil", ".git/hooks/x", "/abs", "a//b", "", "a/.GIT/x", "a/../../b"}) {
            DirCache index = new DirCache(ObjectFormat.SHA1);
            index.put(IndexEntry.withoutStat(0100644, content, "keep"));
            index.put(IndexEntry.withoutStat(0100644, content, path));
            index.write(root.resolve(".git/index"));
            String head = GitCli.ok(root, "rev-parse", "HEAD");
            assertFatal(Panagit.run(backend, root, null, "write-tree"), "");
            Panagit.Result commit = Panagit.run(backend, root, null, IDENT, "commit", "-m", "x");
            assertEquals(128, commit.exitCode(), path + ": " + commit.stderr());
            assertEquals(head, GitCli.ok(root, "rev-parse", "HEAD"), path);
        }
        DirCache clash = new DirCache(ObjectFormat.SHA1);
        clash.put(IndexEntry.withoutStat(0100644, content, "a"));
        clash.put(IndexEntry.withoutStat(0100644, content, "a/b"));
        clash.write(root.resolve(".git/index"));
        assertFatal(Panagit.run(backend, root, null, "write-tree"), "the index has both 'a' and 'a/b'");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void packedRefsThatCouldLeaveRefsStopAListingAsInGit(BackendChoice backend) throws Exception {
        Path root = init("refs");
        commitFiles(root, Map.of("keep", "keep\n"), "one");
        String head = GitCli.ok(root, "rev-parse", "HEAD").strip();
        Files.writeString(root.resolve(".git/packed-refs"), "# pack-refs with: peeled fully-peeled sorted \n"
                + head + " refs/heads/../../evil\n" + head + " refs/heads/master\n");
        Files.delete(root.resolve(".git/refs/heads/master"));
        GitCli.Result theirs = GitCli.run(root, null, "branch");
        Panagit.Result ours = Panagit.run(backend, root, null, "branch");
        assertEquals(theirs.exitCode(), ours.exitCode());
        assertEquals(theirs.stderr(), ours.stderr());
        Panagit.Result log = Panagit.run(backend, root, null, "log", "--oneline");
        assertEquals(0, log.exitCode(), log.stderr());
        assertEquals(GitCli.ok(root, "log", "--oneline"), log.text());

        Files.writeString(root.resolve(".git/packed-refs"), "# pack-refs with: peeled fully-peeled sorted \n"
                + head + " refs/heads/a b\n" + head + " refs/heads/master\n");
        ours = Panagit.run(backend, root, null, "branch");
        assertEquals(0, ours.exitCode(), ours.stderr());
        assertEquals("* master\n", ours.text(), "a broken name is never listed");
    }

    @org.junit.jupiter.api.Test
    void failuresAreDescribedNeverNamedByTheirClass() {
        assertFalse(Main.describe(new IllegalStateException()).contains("IllegalStateException"));
        assertFalse(Main.describe(new java.nio.BufferUnderflowException()).contains("Buffer"));
        assertEquals("/x/y: No such file or directory", Main.describe(new java.nio.file.NoSuchFileException("/x/y")));
        assertTrue(Main.describe(new OutOfMemoryError()).startsWith("out of memory"));
    }
}
