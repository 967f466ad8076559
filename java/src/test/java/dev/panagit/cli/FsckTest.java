package dev.panagit.cli;

import static dev.panagit.testing.Fixtures.git;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.backend.BackendChoice;
import dev.panagit.testing.Fixtures;
import dev.panagit.testing.GitCli;
import dev.panagit.testing.Panagit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * fsck against git's fsck on repositories damaged on purpose: the same missing, dangling and
 * unreachable objects, the same exit bits, and git's error lines for broken loose objects and packs.
 */
class FsckTest {
    @TempDir
    Path dir;

    private Path repo(String name, int commits) throws IOException {
        Path root = Fixtures.history(dir.resolve(name), "sha1", commits);
        git(root, "gc", "-q");
        return root;
    }

    /** git's and panagit's stdout as sorted lines (git prints in hash-table order), and exit codes. */
    private static void sameFindings(Path root, BackendChoice backend, String... args) {
        GitCli.Result expected = GitCli.run(root, null, args);
        Panagit.Result actual = Panagit.run(backend, root, null, args);
        assertEquals(sorted(expected.text()), sorted(actual.text()), () -> "panagit stderr: " + actual.stderr());
        assertEquals(expected.exitCode(), actual.exitCode(), actual.stderr());
    }

    private static List<String> sorted(String text) {
        return text.lines().sorted().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void cleanAndDanglingAndUnreachable(BackendChoice backend) throws IOException {
        Path root = repo("clean", 30);
        sameFindings(root, backend, "fsck");
        // lose commits: move master back, forget reflogs; write a blob nothing names
        git(root, "reset", "-q", "--hard", "HEAD~4");
        deleteTree(root.resolve(".git/logs"));
        GitCli.run(root, "not named by anything\n".getBytes(), Map.of(), "hash-object", "-w", "--stdin");
        sameFindings(root, backend, "fsck");
        sameFindings(root, backend, "fsck", "--unreachable");
        sameFindings(root, backend, "fsck", "--no-dangling");
        sameFindings(root, backend, "fsck", "--connectivity-only");
        assertTrue(Panagit.run(backend, root, null, "fsck").text().contains("dangling commit "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void missingBlob(BackendChoice backend) throws IOException {
        Path root = Fixtures.history(dir.resolve("missing"), "sha1", 12);
        String blob = GitCli.ok(root, "rev-parse", "HEAD:src/main.txt").strip();
        unpackAll(root);   // then the blob is one file to delete
        Files.delete(root.resolve(".git/objects/" + blob.substring(0, 2) + "/" + blob.substring(2)));
        sameFindings(root, backend, "fsck");
        assertEquals(2, Panagit.run(backend, root, null, "fsck").exitCode() & 2, "missing reachable object bit");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void corruptLooseObject(BackendChoice backend) throws IOException {
        Path root = Fixtures.history(dir.resolve("loose"), "sha1", 12);
        unpackAll(root);
        String blob = GitCli.ok(root, "rev-parse", "HEAD:data/noise.bin").strip();
        Path file = root.resolve(".git/objects/" + blob.substring(0, 2) + "/" + blob.substring(2));
        file.toFile().setWritable(true);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(file, bytes);
        sameFindings(root, backend, "fsck");
        Panagit.Result r = Panagit.run(backend, root, null, "fsck");
        assertTrue(r.stderr().contains("error: " + blob + ": object corrupt or missing: .git/objects/"
                + blob.substring(0, 2) + "/" + blob.substring(2) + "\n"), r.stderr());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void flippedByteInAPack(BackendChoice backend) throws IOException {
        Path root = repo("pack", 20);
        Path pack = PackedRepositoriesTest.packs(root).get(0);
        // a byte inside the zlib stream of the second entry
        String second = GitCli.ok(root, "verify-pack", "-v", pack.toString().replace(".pack", ".idx")).lines()
                .map(l -> l.split(" +")).filter(f -> f.length >= 5 && f[4].matches("[0-9]+"))
                .sorted((a, b) -> Long.compare(Long.parseLong(a[4]), Long.parseLong(b[4]))).skip(1).findFirst()
                .map(f -> f[4]).orElseThrow();
        pack.toFile().setWritable(true);
        byte[] bytes = Files.readAllBytes(pack);
        bytes[Integer.parseInt(second) + 6] ^= (byte) 0xff;
        Files.write(pack, bytes);

        GitCli.Result expected = GitCli.run(root, null, "fsck");
        Panagit.Result actual = Panagit.run(backend, root, null, "fsck");
        assertNotEquals(0, actual.exitCode(), actual.stderr());
        assertNotEquals(0, expected.exitCode());
        String packName = root.relativize(pack).toString();
        assertTrue(actual.stderr().contains("error: " + packName + " pack checksum mismatch\n"), actual.stderr());
        // every "index CRC mismatch" and "cannot unpack" line git prints, panagit prints too
        for (String line : expected.stderr().lines().filter(l -> l.startsWith("error: index CRC mismatch")
                || l.startsWith("error: cannot unpack")).toList()) {
            assertTrue(actual.stderr().contains(line + "\n"), () -> "missing '" + line + "' in:\n" + actual.stderr());
        }
        assertTrue(actual.stderr().contains("at offset " + second), actual.stderr());
    }

    private static void unpackAll(Path root) throws IOException {
        for (Path pack : PackedRepositoriesTest.packs(root)) {
            Path moved = root.resolve(pack.getFileName());
            Files.move(pack, moved);
            Files.delete(Path.of(pack.toString().replace(".pack", ".idx")));
            GitCli.Result r = GitCli.run(root, Files.readAllBytes(moved), Map.of(), "unpack-objects", "-q");
            assertEquals(0, r.exitCode(), r.stderr());
            Files.delete(moved);
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
