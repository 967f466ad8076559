package dev.panagit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.panagit.backend.BackendChoice;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.testing.GitCli;
import dev.panagit.testing.Panagit;
import dev.panagit.testing.TestBackends;
import dev.panagit.testing.TestData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The real git binary as referee, both ways, on both backends and both object formats. */
class GitInteropTest {
    private static final int[] SIZES = {0, 1, 100, 4096, 65_536, (1 << 20) + 3, 3 << 20};

    @TempDir
    Path dir;

    static Stream<Arguments> backendsAndFormats() {
        List<Arguments> all = new ArrayList<>();
        for (ObjectFormat format : ObjectFormat.values()) {
            for (BackendChoice backend : TestBackends.all()) {   // a choice of its own per case: JUnit closes it after
                all.add(Arguments.of(backend, format));
            }
        }
        return all.stream();
    }

    private Path writeFiles() throws Exception {
        Path files = Files.createDirectories(dir.resolve("files"));
        for (int i = 0; i < SIZES.length; i++) {
            Files.write(files.resolve("f" + i), TestData.mixed(SIZES[i], i));
        }
        return files;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndFormats")
    void gitReadsWhatPanagitWrote(BackendChoice backend, ObjectFormat format) throws Exception {
        Path files = writeFiles();
        Path repo = dir.resolve("repo");
        assertEquals(0, Panagit.run(backend, dir, null, "init", "-q", "--object-format=" + format.configName(), "repo")
                .exitCode());
        List<String> args = new ArrayList<>(List.of("hash-object", "-w"));
        for (int i = 0; i < SIZES.length; i++) {
            args.add(files.resolve("f" + i).toString());
        }
        Panagit.Result written = Panagit.run(backend, repo, null, args.toArray(String[]::new));
        assertEquals(0, written.exitCode(), written.stderr());
        String[] ids = written.text().split("\n");
        assertEquals(SIZES.length, ids.length);
        for (int i = 0; i < SIZES.length; i++) {
            Path file = files.resolve("f" + i);
            assertEquals(GitCli.ok(repo, "hash-object", file.toString()).strip(), ids[i], "id of " + SIZES[i] + " bytes");
            assertArrayEquals(Files.readAllBytes(file), GitCli.run(repo, null, "cat-file", "-p", ids[i]).stdout());
            assertEquals("blob\n", GitCli.ok(repo, "cat-file", "-t", ids[i]));
        }
        GitCli.Result fsck = GitCli.run(repo, null, "fsck", "--strict", "--no-dangling");
        assertEquals(0, fsck.exitCode(), fsck.stderr());
        assertFalse(fsck.stderr().contains("error"), fsck.stderr());
        try (Stream<Path> leftovers = Files.walk(repo.resolve(".git/objects"))) {
            assertFalse(leftovers.anyMatch(p -> p.getFileName().toString().startsWith("tmp_obj_")), "no temp files");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndFormats")
    void panagitReadsWhatGitWrote(BackendChoice backend, ObjectFormat format) throws Exception {
        Path files = writeFiles();
        Path repo = Files.createDirectories(dir.resolve("repo"));
        GitCli.ok(repo, "init", "-q", "--object-format=" + format.configName());
        StringBuilder paths = new StringBuilder();
        for (int i = 0; i < SIZES.length; i++) {
            paths.append(files.resolve("f" + i)).append('\n');
        }
        String[] ids = GitCli.run(repo, paths.toString().getBytes(StandardCharsets.UTF_8), "hash-object", "-w",
                "--stdin-paths").text().split("\n");
        for (int i = 0; i < SIZES.length; i++) {
            Panagit.Result shown = Panagit.run(backend, repo, null, "cat-file", "-p", ids[i]);
            assertEquals(0, shown.exitCode(), shown.stderr());
            assertArrayEquals(Files.readAllBytes(files.resolve("f" + i)), shown.stdout());
            assertEquals(SIZES[i] + "\n", Panagit.run(backend, repo, null, "cat-file", "-s", ids[i]).text());
        }

        // Trees, commits and refs that git made.
        Files.writeString(repo.resolve("a.txt"), "alpha\n");
        Files.createDirectories(repo.resolve("dir"));
        Files.writeString(repo.resolve("dir/b.txt"), "beta\n");
        GitCli.ok(repo, "add", ".");
        GitCli.ok(repo, "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q", "-m", "first");
        String tree = GitCli.ok(repo, "rev-parse", "HEAD^{tree}").strip();
        assertEquals(GitCli.ok(repo, "cat-file", "-p", tree), Panagit.run(backend, repo, null, "cat-file", "-p", tree).text());
        assertEquals(GitCli.ok(repo, "cat-file", "-p", "HEAD"), Panagit.run(backend, repo, null, "cat-file", "-p", "HEAD").text());
        assertEquals("commit\n", Panagit.run(backend, repo, null, "cat-file", "-t", "master").text());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("backendsAndFormats")
    void stdinAndStdinPathsMatchGit(BackendChoice backend, ObjectFormat format) throws Exception {
        Path files = writeFiles();
        Path repo = Files.createDirectories(dir.resolve("repo"));
        GitCli.ok(repo, "init", "-q", "--object-format=" + format.configName());
        String paths = files.resolve("f2") + "\n" + files.resolve("f3") + "\n";
        byte[] stdin = paths.getBytes(StandardCharsets.UTF_8);
        assertEquals(GitCli.run(repo, stdin, "hash-object", "--stdin-paths").text(),
                Panagit.run(backend, repo, stdin, "hash-object", "--stdin-paths").text());
        byte[] content = TestData.text(5000, 11);
        assertEquals(GitCli.run(repo, content, "hash-object", "-t", "tag", "--literally", "--stdin").text(),
                Panagit.run(backend, repo, content, "hash-object", "-t", "tag", "--literally", "--stdin").text());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void largeObjectsStreamBothWays(BackendChoice backend) throws Exception {
        Path repo = dir.resolve("repo");
        Panagit.run(backend, dir, null, "init", "-q", "repo");
        Path big = Files.write(dir.resolve("big.bin"), TestData.random(34 << 20, 5));
        String id = Panagit.run(backend, repo, null, "hash-object", "-w", big.toString()).text().strip();
        assertEquals(GitCli.ok(repo, "hash-object", big.toString()).strip(), id);
        GitCli.ok(repo, "fsck", "--strict");
        Panagit.Result shown = Panagit.run(backend, repo, null, "cat-file", "-p", id);
        assertEquals(0, shown.exitCode(), shown.stderr());
        assertArrayEquals(Files.readAllBytes(big), shown.stdout());
    }
}
