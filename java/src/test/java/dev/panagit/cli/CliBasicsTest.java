package dev.panagit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.backend.BackendChoice;
import dev.panagit.testing.GitCli;
import dev.panagit.testing.Panagit;
import dev.panagit.testing.TestBackends;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: git's exit codes and messages, init, cat-file modes, abbreviations, version, tour. */
class CliBasicsTest {
    @TempDir
    Path dir;

    private final BackendChoice nativeBackend = TestBackends.nativeBackend();

    private Panagit.Result panagit(String... args) {
        return Panagit.run(nativeBackend, dir, null, args);
    }

    @Test
    void initMakesARepositoryGitAccepts() {
        Panagit.Result result = panagit("init", "repo");
        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.text().startsWith("Initialized empty Git repository in "), result.text());
        Path repo = dir.resolve("repo");
        GitCli.ok(repo, "status");
        GitCli.ok(repo, "fsck", "--strict");
        assertEquals("master\n", GitCli.ok(repo, "symbolic-ref", "--short", "HEAD"));
        assertTrue(panagit("init", "repo").text().startsWith("Reinitialized existing Git repository"));
    }

    @Test
    void lsFilesNamesTheEntriesUnderTheDirectoryFromThereQuotedAsGitDoes() throws Exception {
        Path repo = dir.resolve("ls");
        GitCli.ok(dir, "init", "-q", repo.toString());
        for (String name : List.of("top.txt", "a/one", "a/b/two", "a/tab\there", "a/\u00e9t\u00e9", "ab/not-under-a")) {
            Files.createDirectories(repo.resolve(name).getParent());
            Files.writeString(repo.resolve(name), name + "\n");
        }
        GitCli.ok(repo, "add", ".");
        for (String where : List.of(".", "a", "a/b", "ab")) {
            for (String[] args : List.of(new String[] {"ls-files"}, new String[] {"ls-files", "-s"})) {
                String[] withC = {"-C", where, args[0], args.length > 1 ? args[1] : "--"};
                String[] command = args.length > 1 ? withC : java.util.Arrays.copyOf(withC, 3);
                String expected = GitCli.ok(repo, command);
                Panagit.Result result = Panagit.run(nativeBackend, repo, null, command);
                assertEquals(0, result.exitCode(), result.stderr());
                assertEquals(expected, result.text(), String.join(" ", command));
            }
        }
        assertTrue(GitCli.ok(repo, "-C", "a", "ls-files").contains("\"tab\\there\""), "git quotes it too");
    }

    @Test
    void initSha256() {
        assertEquals(0, panagit("init", "--object-format=sha256", "r256").exitCode());
        Path repo = dir.resolve("r256");
        assertEquals("sha256\n", GitCli.ok(repo, "rev-parse", "--show-object-format"));
        GitCli.ok(repo, "fsck", "--strict");
        Panagit.Result wrong = panagit("init", "--object-format=sha1", "r256");
        assertEquals(128, wrong.exitCode());
        assertTrue(wrong.stderr().startsWith("fatal: attempt to reinitialize repository"), wrong.stderr());
    }

    @Test
    void hashObjectOfManyFilesSaysWhatGitSaysAboutAMissingFileOrADirectory() throws Exception {
        java.util.List<String> names = new java.util.ArrayList<>(java.util.List.of("hash-object"));
        for (int i = 0; i < 50; i++) {
            Files.writeString(dir.resolve("f" + i), "file " + i + "\n".repeat(i));
            names.add("f" + i);
        }
        Files.createDirectory(dir.resolve("sub"));
        GitCli.Result expected = GitCli.run(dir, null, names.toArray(String[]::new));
        Panagit.Result result = panagit(names.toArray(String[]::new));
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(new String(expected.stdout(), StandardCharsets.UTF_8), result.text());
        for (String bad : new String[] {"nope", "sub"}) {
            GitCli.Result git = GitCli.run(dir, null, "hash-object", "f0", bad);
            Panagit.Result ours = panagit("hash-object", "f0", bad);
            assertEquals(128, git.exitCode());
            assertEquals(git.exitCode(), ours.exitCode(), bad);
            assertEquals(git.stderr(), ours.stderr(), bad);
        }
    }

    @Test
    void usageErrorsExit129AndFatalErrorsExit128() {
        Panagit.Result usage = panagit("cat-file", "-p");
        assertEquals(129, usage.exitCode());
        assertTrue(usage.stderr().startsWith("error: "), usage.stderr());
        assertEquals(129, panagit("no-such-command").exitCode());
        assertEquals(129, panagit("cat-file", "-p", "-t", "HEAD").exitCode(), "modes are exclusive");

        Panagit.Result outside = panagit("cat-file", "-p", "ce01362");
        assertEquals(128, outside.exitCode());
        assertEquals("fatal: not a git repository (or any of the parent directories): .git\n", outside.stderr());
        assertEquals("fatal: unknown hash algorithm 'md5'\n", panagit("init", "--object-format=md5").stderr());
    }

    @Test
    void catFileModesAndAbbreviations() throws Exception {
        panagit("init", "-q");
        Path file = Files.writeString(dir.resolve("hello.txt"), "hello\n");
        assertEquals("ce013625030ba8dba906f756967f9e9ca394464a\n", panagit("hash-object", "-w", "hello.txt").text());
        assertEquals("blob\n", panagit("cat-file", "-t", "ce01362").text());
        assertEquals("6\n", panagit("cat-file", "-s", "ce0136").text());
        assertEquals("hello\n", panagit("cat-file", "-p", "ce013625030ba8dba906f756967f9e9ca394464a").text());
        assertEquals(0, panagit("cat-file", "-e", "ce01").exitCode());
        assertEquals(1, panagit("cat-file", "-e", "0000000000000000000000000000000000000000").exitCode());
        Panagit.Result missing = panagit("cat-file", "-p", "deadbeef");
        assertEquals(128, missing.exitCode());
        assertEquals("fatal: Not a valid object name deadbeef\n", missing.stderr());
        assertTrue(Files.exists(file));
    }

    @Test
    void ambiguousAbbreviationsNameTheCandidates() throws Exception {
        panagit("init", "-q");
        // Store small blobs until two ids share their first four digits.
        String prefix = null;
        java.util.Map<String, String> seen = new java.util.HashMap<>();
        for (int i = 0; prefix == null; i++) {
            Panagit.Result r = Panagit.run(nativeBackend, dir, ("x" + i).getBytes(StandardCharsets.UTF_8),
                    "hash-object", "-w", "--stdin");
            String id = r.text().strip();
            String four = id.substring(0, 4);
            if (seen.containsKey(four)) {
                prefix = four;
            }
            seen.put(four, id);
        }
        Panagit.Result result = panagit("cat-file", "-t", prefix);
        assertEquals(128, result.exitCode());
        GitCli.Result git = GitCli.run(dir, null, "cat-file", "-t", prefix);
        assertEquals(git.stderr(), result.stderr(), "git's error, one hint line per candidate");
        assertTrue(result.stderr().startsWith("error: short object ID " + prefix + " is ambiguous\n"), result.stderr());
    }

    @Test
    void versionSaysWhichBackendAndWhy() {
        Panagit.Result nativeVersion = panagit("version");
        assertTrue(nativeVersion.text().contains("backend:  native\n"), nativeVersion.text());
        assertTrue(nativeVersion.text().contains("library:  libpanagit 0.1.0 zlib/"), nativeVersion.text());
        assertTrue(nativeVersion.text().contains("sha-1:    collision detection on"), nativeVersion.text());
        Panagit.Result javaVersion = Panagit.run(TestBackends.java(), dir, null, "version");
        assertTrue(javaVersion.text().contains("backend:  java (java backend requested by test)"), javaVersion.text());
        assertTrue(javaVersion.text().contains("sha-1:    collision detection on"), javaVersion.text());
        Panagit.Result verbose = panagit("version", "--verbose");
        assertTrue(verbose.text().contains("pgit_object_encode i32(ptr,ptr,size,ptr,ptr,i32,i32,ptr,size)"),
                verbose.text());
    }

    @Test
    void tourRuns() {
        for (BackendChoice backend : TestBackends.all()) {
            Panagit.Result tour = Panagit.run(backend, dir, null, "tour");
            assertEquals(0, tour.exitCode(), tour.stderr());
            assertTrue(tour.text().contains("backend: " + backend.backendName()), tour.text());
            assertTrue(tour.text().contains("git fsck --strict  ->  passed"), tour.text());
            assertTrue(tour.text().contains("= ce013625030ba8dba906f756967f9e9ca394464a"), tour.text());
        }
    }
}
