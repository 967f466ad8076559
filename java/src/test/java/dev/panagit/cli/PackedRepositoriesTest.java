package dev.panagit.cli;

import static dev.panagit.testing.Fixtures.git;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.backend.BackendChoice;
import dev.panagit.testing.Fixtures;
import dev.panagit.testing.GitCli;
import dev.panagit.testing.Panagit;
import dev.panagit.testing.TestBackends;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Repositories as git leaves them after {@code gc --aggressive}, {@code repack --depth=250} and
 * {@code clone --no-local}, in both object formats, with loose objects beside the packs: every
 * panagit command that reads objects answers exactly as git does, on both backends.
 */
class PackedRepositoriesTest {
    @TempDir
    static Path dir;

    /** name (format-kind) to repository. */
    private static final Map<String, Path> REPOS = new LinkedHashMap<>();

    @BeforeAll
    static void build() throws IOException {
        for (String format : List.of("sha1", "sha256")) {
            Path gc = Fixtures.history(dir.resolve(format + "-gc"), format, 90);
            git(gc, "gc", "-q", "--aggressive");
            // a loose commit on top of the pack
            Files.writeString(gc.resolve("src/loose.txt"), "written after gc\n");
            git(gc, "add", "src/loose.txt");
            GitCli.Result commit = GitCli.run(gc, null, Map.of("GIT_AUTHOR_NAME", "L", "GIT_AUTHOR_EMAIL", "l@example.com",
                    "GIT_COMMITTER_NAME", "L", "GIT_COMMITTER_EMAIL", "l@example.com",
                    "GIT_AUTHOR_DATE", "1800000000 +0000", "GIT_COMMITTER_DATE", "1800000000 +0000"),
                    "commit", "-q", "-m", "loose commit");
            assertEquals(0, commit.exitCode(), commit.stderr());
            REPOS.put(format + "-gc", gc);

            Path clone = dir.resolve(format + "-clone");
            git(dir, "clone", "-q", "--no-local", gc.toString(), clone.toString());
            REPOS.put(format + "-clone", clone);

            Path deep = dir.resolve(format + "-deep");
            git(dir, "clone", "-q", "--no-local", gc.toString(), deep.toString());
            git(deep, "repack", "-q", "-a", "-d", "-f", "--depth=250", "--window=250");
            REPOS.put(format + "-deep", deep);
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String repo : List.of("sha1-gc", "sha1-clone", "sha1-deep", "sha256-gc", "sha256-deep")) {
            for (BackendChoice backend : TestBackends.all()) {
                cases.add(Arguments.of(repo, backend));
            }
        }
        return cases.stream();
    }

    /** Runs both with the same arguments and input: same exit code, same bytes out. */
    private static void same(String repo, BackendChoice backend, byte[] stdin, String... args) {
        Path root = REPOS.get(repo);
        GitCli.Result expected = GitCli.run(root, stdin, args);
        Panagit.Result actual = Panagit.run(backend, root, stdin, args);
        assertEquals(expected.exitCode(), actual.exitCode(),
                () -> String.join(" ", args) + ": git said " + expected.stderr() + ", panagit " + actual.stderr());
        assertArrayEquals(expected.stdout(), actual.stdout(), () -> String.join(" ", args) + " differs from git");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void everyObjectReadsAsGitReadsIt(String repo, BackendChoice backend) {
        same(repo, backend, null, "cat-file", "--batch-all-objects", "--batch");
        same(repo, backend, null, "cat-file", "--batch-all-objects",
                "--batch-check=%(objectname) %(objecttype) %(objectsize) %(objectsize:disk) %(deltabase)");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void historyCommandsMatchGit(String repo, BackendChoice backend) {
        Path root = REPOS.get(repo);
        Panagit.Result log = Panagit.run(backend, root, null, "log");
        assertEquals(GitCli.ok(root, "log"), log.text(), "into a pipe: no decorations, as git's log.decorate=auto");
        assertEquals(GitCli.ok(root, "log", "--decorate=full", "-5"),
                Panagit.run(backend, root, null, "log", "--decorate=full", "-5").text());
        assertEquals(GitCli.ok(root, "log", "--oneline", "--decorate", "--no-decorate", "-5"),
                Panagit.run(backend, root, null, "log", "--oneline", "--no-decorate", "-5").text());
        GitCli.ok(root, "config", "log.decorate", "full");
        assertEquals(GitCli.ok(root, "log", "--oneline", "-5"), Panagit.run(backend, root, null, "log", "--oneline", "-5").text(),
                "log.decorate=full decorates even into a pipe");
        GitCli.ok(root, "config", "--unset", "log.decorate");
        Panagit.Result bad = Panagit.run(backend, root, null, "log", "--decorate=sideways");
        assertEquals(128, bad.exitCode());
        assertEquals("fatal: invalid --decorate option: sideways\n", bad.stderr());
        Panagit.Result oneline = Panagit.run(backend, root, null, "log", "--oneline", "--decorate=short", "HEAD~40", "v1.0");
        assertEquals(GitCli.ok(root, "log", "--oneline", "--decorate=short", "HEAD~40", "v1.0"), oneline.text());
        same(repo, backend, null, "ls-tree", "-r", "HEAD");
        same(repo, backend, null, "ls-tree", "-r", "-t", "v1.0");
        same(repo, backend, null, "rev-parse", "HEAD", "HEAD~7", "HEAD~12^{tree}", "v1.0", "v1.0^{}", "light",
                "master~3:src/main.txt", "HEAD:data");
        same(repo, backend, null, "cat-file", "-p", "v1.0");
        same(repo, backend, null, "cat-file", "-s", "HEAD~5:data/noise.bin");
        same(repo, backend, null, "cat-file", "commit", "v1.0");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void batchAnswersNamesAsGitDoes(String repo, BackendChoice backend) {
        String head = GitCli.ok(REPOS.get(repo), "rev-parse", "HEAD").strip();
        byte[] names = String.join("\n", "HEAD", "v1.0", "master~2:src", head.substring(0, 9), "deadbeef",
                "HEAD extra words", "no-such-ref", "", "light^{tree}").concat("\n").getBytes(StandardCharsets.UTF_8);
        same(repo, backend, names, "cat-file", "--batch");
        same(repo, backend, names, "cat-file", "--batch-check");
        same(repo, backend, names, "cat-file", "--batch-check=%(objecttype) [%(rest)] %(objectsize)");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void indexPackWritesGitsIndexByteForByte(String repo, BackendChoice backend) throws IOException {
        Path root = REPOS.get(repo);
        for (Path pack : packs(root)) {
            Path idx = Path.of(pack.toString().replace(".pack", ".idx"));
            for (String threads : List.of("1", "2")) {
                Path out = dir.resolve("index-" + repo + "-" + backend.backendName() + "-" + threads + ".idx");
                Files.deleteIfExists(out);
                Panagit.Result r = Panagit.run(backend, root, null, "index-pack", "--threads", threads, "-o",
                        out.toString(), pack.toString());
                assertEquals(0, r.exitCode(), r.stderr());
                String name = pack.getFileName().toString();
                assertEquals(name.substring("pack-".length(), name.length() - ".pack".length()) + "\n", r.text());
                assertArrayEquals(Files.readAllBytes(idx), Files.readAllBytes(out), "index of " + pack);
            }
            Panagit.Result verify = Panagit.run(backend, root, null, "index-pack", "--verify", pack.toString());
            assertEquals(0, verify.exitCode(), verify.stderr());
            same(repo, backend, null, "verify-pack", "-v", idx.toString());
            same(repo, backend, null, "verify-pack", "-s", idx.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void indexVersionOneAndLargeOffsetsAreWrittenAndReadAsGitDoes(BackendChoice backend) throws IOException {
        Path source = REPOS.get("sha1-gc");
        Path pack = packs(source).get(0);
        for (String version : List.of("1", "2,0x100")) {
            Path clone = dir.resolve("idx-" + version.replace(',', '-') + "-" + backend.backendName());
            git(dir, "clone", "-q", "--no-local", source.toString(), clone.toString());
            Path clonePack = packs(clone).get(0);
            Path idx = Path.of(clonePack.toString().replace(".pack", ".idx"));
            Path gitIdx = dir.resolve("git-" + clone.getFileName() + ".idx");
            git(clone, "index-pack", "--index-version=" + version, "-o", gitIdx.toString(), clonePack.toString());
            Files.delete(idx);
            Panagit.Result r = Panagit.run(backend, clone, null, "index-pack", "--index-version=" + version,
                    clonePack.toString());
            assertEquals(0, r.exitCode(), r.stderr());
            assertArrayEquals(Files.readAllBytes(gitIdx), Files.readAllBytes(idx), "index " + version);
            // read through it: every object, as git reads it
            GitCli.Result expected = GitCli.run(clone, null, "cat-file", "--batch-all-objects", "--batch");
            Panagit.Result actual = Panagit.run(backend, clone, null, "cat-file", "--batch-all-objects", "--batch");
            assertArrayEquals(expected.stdout(), actual.stdout(), "objects through index " + version);
            Panagit.Result verify = Panagit.run(backend, clone, null, "verify-pack", idx.toString());
            assertEquals(0, verify.exitCode(), verify.stderr());
        }
        assertTrue(Files.exists(pack));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void explainShowsThePackAndTheDeltaChain(String repo, BackendChoice backend) {
        Path root = REPOS.get(repo);
        // the deepest delta of the pack, from git's own listing
        String deepest = null;
        int depth = 0;
        for (Path pack : packs(root)) {
            for (String line : GitCli.ok(root, "verify-pack", "-v", pack.toString()).split("\n")) {
                String[] f = line.split(" +");
                if (f.length == 7 && Integer.parseInt(f[5]) > depth) {
                    depth = Integer.parseInt(f[5]);
                    deepest = f[0];
                }
            }
        }
        assertTrue(depth > 1, "the fixture has delta chains");
        Panagit.Result r = Panagit.run(backend, root, null, "explain", deepest);
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.text().contains("stored as a delta: copy and insert instructions against a base; chain of depth "
                + depth + ":"), r.text());
        assertTrue(r.text().contains("= " + deepest + "\n"), r.text());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void countObjectsMatchesGit(String repo, BackendChoice backend) {
        same(repo, backend, null, "count-objects", "-v");
        same(repo, backend, null, "count-objects");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void workTreeCommandsWorkOnAPackedClone(BackendChoice backend) throws IOException {
        Path clone = dir.resolve("work-" + backend.backendName());
        git(dir, "clone", "-q", "--no-local", REPOS.get("sha1-gc").toString(), clone.toString());
        assertTrue(Files.notExists(clone.resolve(".git/objects/" + GitCli.ok(clone, "rev-parse", "HEAD").substring(0, 2))),
                "a clone's objects are all packed");
        ok(backend, clone, "branch", "older", "HEAD~25");
        ok(backend, clone, "checkout", "older");
        assertEquals("", GitCli.ok(clone, "status", "--porcelain"), "the work tree is HEAD~25's");
        assertEquals(GitCli.ok(clone, "rev-parse", "master~25"), GitCli.ok(clone, "rev-parse", "HEAD"));
        ok(backend, clone, "checkout", "master");
        ok(backend, clone, "reset", "--hard", "HEAD~3");
        assertEquals("", GitCli.ok(clone, "status", "--porcelain"));
        ok(backend, clone, "read-tree", "HEAD~7");
        assertEquals(0, GitCli.run(clone, null, "diff", "--cached", "--quiet", "HEAD~7").exitCode());
        ok(backend, clone, "read-tree", "HEAD");
        ok(backend, clone, "tag", "-a", "-m", "annotated on a packed commit", "t1", "HEAD~2");
        assertEquals(GitCli.ok(clone, "rev-parse", "HEAD~2"), GitCli.ok(clone, "rev-parse", "t1^{}"));
        ok(backend, clone, "branch", "-d", "older");   // merged into master: -d allows it
        assertEquals(1, GitCli.run(clone, null, "rev-parse", "--verify", "-q", "older").exitCode());
        Path dot = clone.resolve("k.dot");
        ok(backend, clone, "k", "--dot", dot.toString());
        assertTrue(Files.readString(dot).contains(GitCli.ok(clone, "rev-parse", "HEAD~30").strip()));
        GitCli.ok(clone, "fsck", "--strict");
    }

    private static void ok(BackendChoice backend, Path root, String... args) {
        Panagit.Result r = Panagit.run(backend, root, null, args);
        assertEquals(0, r.exitCode(), () -> String.join(" ", args) + ": " + r.stderr());
    }

    static List<Path> packs(Path root) {
        try (Stream<Path> files = Files.list(root.resolve(".git/objects/pack"))) {
            return files.filter(p -> p.toString().endsWith(".pack")).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
