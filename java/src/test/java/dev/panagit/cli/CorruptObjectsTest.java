package dev.panagit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.backend.BackendChoice;
import dev.panagit.testing.GitCli;
import dev.panagit.testing.Panagit;
import dev.panagit.testing.TestBackends;
import dev.panagit.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Damaged loose objects: a clear error naming the object and its file, exit 128, no crash, and
 * nothing written.
 */
class CorruptObjectsTest {
    private static final String HELLO = "ce013625030ba8dba906f756967f9e9ca394464a";

    @TempDir
    Path repo;

    private Path objectFile() {
        return repo.resolve(".git/objects/ce/013625030ba8dba906f756967f9e9ca394464a");
    }

    private void plant(byte[] bytes) throws IOException {
        GitCli.ok(repo, "init", "-q");
        Files.createDirectories(objectFile().getParent());
        Files.write(objectFile(), bytes);
    }

    private List<String> objectsListing() throws IOException {
        try (Stream<Path> walk = Files.walk(repo.resolve(".git"))) {
            return walk.map(p -> repo.relativize(p).toString()).sorted().toList();
        }
    }

    private void expectFatal(BackendChoice backend, String problem) throws IOException {
        List<String> before = objectsListing();
        for (String mode : new String[] {"-p", "-e"}) {
            Panagit.Result result = Panagit.run(backend, repo, null, "cat-file", mode, HELLO);
            assertEquals(128, result.exitCode(), mode + ": " + result.stderr());
            String expected = "fatal: corrupt object " + HELLO + " (" + objectFile() + "): " + problem;
            assertTrue(result.stderr().startsWith(expected), "expected " + expected + "\nbut got " + result.stderr());
        }
        assertEquals(before, objectsListing(), "nothing written");
    }

    static List<BackendChoice> backends() {
        return TestBackends.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void truncated(BackendChoice backend) throws IOException {
        byte[] good = TestData.deflate("blob 6\0hello\n");
        plant(Arrays.copyOf(good, good.length - 5));
        expectFatal(backend, "compressed data is truncated");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void notZlib(BackendChoice backend) throws IOException {
        plant("definitely not zlib data".getBytes(StandardCharsets.US_ASCII));
        expectFatal(backend, "invalid zlib stream");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void wrongDeclaredSize(BackendChoice backend) throws IOException {
        plant(TestData.deflate("blob 7\0hello\n"));
        expectFatal(backend, "content size differs from the declared size");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void contentThatDoesNotMatchItsId(BackendChoice backend) throws IOException {
        plant(TestData.deflate("blob 6\0world\n"));
        expectFatal(backend, "object does not hash to its id");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void unknownType(BackendChoice backend) throws IOException {
        plant(TestData.deflate("blub 6\0hello\n"));
        expectFatal(backend, "object header is malformed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void decompressionBomb(BackendChoice backend) throws IOException {
        byte[] raw = new byte[(256 << 20) + 7];
        System.arraycopy("blob 6\0".getBytes(StandardCharsets.US_ASCII), 0, raw, 0, 7);
        plant(TestData.deflate(raw, 1));
        expectFatal(backend, "content size differs from the declared size");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void malformedTreeIsRefusedOnHashObjectAndNothingIsWritten(BackendChoice backend) throws IOException {
        GitCli.ok(repo, "init", "-q");
        List<String> before = objectsListing();
        Panagit.Result result = Panagit.run(backend, repo, "100644 name-without-nul".getBytes(StandardCharsets.UTF_8),
                "hash-object", "-w", "-t", "tree", "--stdin");
        assertEquals(128, result.exitCode());
        GitCli.Result git = GitCli.run(repo, "100644 name-without-nul".getBytes(StandardCharsets.UTF_8),
                "hash-object", "-w", "-t", "tree", "--stdin");
        assertEquals(git.stderr(), result.stderr(), "git's words: too-short tree object");
        for (String[] bad : new String[][] {{"commit", "nottree\n"}, {"tag", "object x\n"},
            {"tag", "object " + "0".repeat(40) + "\ntype trie\ntag v\n\n"}, {"tree", "100644 \0" + "x".repeat(20)}}) {
            byte[] content = bad[1].getBytes(StandardCharsets.ISO_8859_1);
            Panagit.Result ours = Panagit.run(backend, repo, content, "hash-object", "-w", "-t", bad[0], "--stdin");
            GitCli.Result theirs = GitCli.run(repo, content, "hash-object", "-w", "-t", bad[0], "--stdin");
            assertEquals(128, ours.exitCode(), bad[1]);
            assertEquals(theirs.stderr(), ours.stderr(), bad[1]);
        }
        assertEquals(before, objectsListing());
        Panagit.Result badType = Panagit.run(backend, repo, new byte[0], "hash-object", "-t", "blobby", "--stdin");
        assertEquals("fatal: invalid object type \"blobby\"\n", badType.stderr());
    }
}
