package dev.panagit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.panagit.backend.BackendChoice;
import dev.panagit.testing.Panagit;
import dev.panagit.testing.TestBackends;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code hash-raw}: raw digests as sha1sum/sha256sum give them, and git's refusal of collision attacks. */
class HashRawTest {
    private static final Path DATA = Path.of("..", "native", "tests", "data").toAbsolutePath();

    @TempDir
    Path dir;

    static List<BackendChoice> backends() {
        return TestBackends.all();
    }

    @ParameterizedTest
    @MethodSource("backends")
    void refusesTheShatteredBlocksAsGitDoes(BackendChoice backend) {
        String file = DATA.resolve("shattered-1-head.bin").toString();
        Panagit.Result refused = Panagit.run(backend, dir, null, "hash-raw", file);
        assertEquals(128, refused.exitCode());
        assertEquals("", refused.text());
        assertEquals("fatal: SHA-1 appears to be part of a collision attack: " + file + "\n", refused.stderr());

        Panagit.Result plain = Panagit.run(backend, dir, null, "hash-raw", "--no-detect", file);
        assertEquals(0, plain.exitCode(), plain.stderr());
        assertEquals("f92d74e3874587aaf443d1db961d4e26dde13e9c\n", plain.text());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void printsEachFilesDigestUntilTheFirstAttack(BackendChoice backend) throws Exception {
        byte[] content = new byte[(1 << 20) + 13];
        new java.util.Random(5).nextBytes(content);
        Path big = Files.write(dir.resolve("big"), content);
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);
        String mbles = DATA.resolve("sha-mbles-1.bin").toString();
        Panagit.Result result = Panagit.run(backend, dir, null, "hash-raw", "big", "empty", mbles, "big");
        assertEquals(128, result.exitCode());
        assertEquals(hex("SHA-1", content) + "\n" + hex("SHA-1", new byte[0]) + "\n", result.text());
        assertEquals("fatal: SHA-1 appears to be part of a collision attack: " + mbles + "\n", result.stderr());

        Panagit.Result sha256 = Panagit.run(backend, dir, null, "hash-raw", "--sha256", big.toString(), mbles);
        assertEquals(0, sha256.exitCode(), sha256.stderr());
        assertEquals(hex("SHA-256", content) + "\n" + hex("SHA-256", Files.readAllBytes(Path.of(mbles))) + "\n",
                sha256.text());
        assertEquals(true, empty.toFile().exists());
    }

    /** A pipe (what {@code <(...)} or /dev/stdin give) is read as it comes, not mapped. */
    @ParameterizedTest
    @MethodSource("backends")
    void hashesAPipe(BackendChoice backend) throws Exception {
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        byte[] content = new byte[300_000];
        new java.util.Random(9).nextBytes(content);
        Thread writer = new Thread(() -> {
            try {
                Files.write(fifo, content);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        Panagit.Result result = Panagit.run(backend, dir, null, "hash-raw", "fifo");
        writer.join();
        assertEquals(0, result.exitCode(), result.stderr());
        assertEquals(hex("SHA-1", content) + "\n", result.text());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aMissingFileIsNamed(BackendChoice backend) {
        Panagit.Result result = Panagit.run(backend, dir, null, "hash-raw", "nope");
        assertEquals(128, result.exitCode());
        assertEquals("fatal: could not open 'nope' for reading: No such file or directory\n", result.stderr());
    }

    private static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }
}
