package dev.panagit.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.backend.BackendChoice;
import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.MissingObjectException;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.testing.Fixtures;
import dev.panagit.testing.GitCli;
import dev.panagit.testing.TestBackends;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a library caller catches: each failure of the API as its own exception type, carrying
 * what it is about (object id, path, ref, config line), so a caller decides without parsing
 * messages; the messages stay git's.
 */
class TypedExceptionsTest {
    @TempDir
    Path dir;

    @Test
    void eachFailureIsItsOwnTypeAndCarriesWhatItIsAbout() throws Exception {
        Path root = Fixtures.history(dir.resolve("r"), "sha1", 8);
        ObjectId head = ObjectId.fromHex(GitCli.ok(root, "rev-parse", "HEAD").strip());
        ObjectId parent = ObjectId.fromHex(GitCli.ok(root, "rev-parse", "HEAD~1").strip());
        ObjectId blob = ObjectId.fromHex(GitCli.ok(root, "rev-parse", "HEAD:src/main.txt").strip());
        try (BackendChoice backend = TestBackends.nativeBackend();
                Repository repo = Repository.discover(root, backend.codec())) {
            // a ref moved by someone else since it was read: nothing written
            ConcurrentRefUpdateException stale = assertThrows(ConcurrentRefUpdateException.class,
                    () -> repo.refs().update("refs/heads/master", parent, parent, null));
            assertEquals("refs/heads/master", stale.ref());
            assertEquals(parent, stale.expected());
            assertEquals(head, stale.actual());
            assertEquals(Optional.of(head), repo.refs().resolve("refs/heads/master"));

            ObjectId missing = ObjectId.fromHex("0123456789abcdef0123456789abcdef01234567");
            assertEquals(missing, assertThrows(MissingObjectException.class, () -> repo.objects().open(missing)).id());

            WrongObjectTypeException wrong = assertThrows(WrongObjectTypeException.class,
                    () -> repo.peel(blob, ObjectType.TREE));
            assertEquals(blob, wrong.id());
            assertEquals(ObjectType.BLOB, wrong.actual());
            assertEquals(ObjectType.TREE, wrong.wanted());

            Revisions.RevisionNotFoundException noPath = assertThrows(Revisions.RevisionNotFoundException.class,
                    () -> Revisions.resolve(repo, "HEAD:src/nowhere.txt"));
            assertEquals("HEAD:src/nowhere.txt", noPath.spec());
            assertEquals("path 'src/nowhere.txt' does not exist in 'HEAD'", noPath.getMessage());
        }

        // a loose object whose bytes were damaged: the id and the file
        ObjectId loose = ObjectId.fromHex(GitCli.run(root, "damaged\n".getBytes(), java.util.Map.of(),
                "hash-object", "-w", "--stdin").text().strip());
        Path file = root.resolve(".git/objects/" + loose.name().substring(0, 2) + "/" + loose.name().substring(2));
        file.toFile().setWritable(true);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 6] ^= 0x55;
        Files.write(file, bytes);
        try (BackendChoice backend = TestBackends.nativeBackend();
                Repository repo = Repository.discover(root, backend.codec())) {
            CorruptObjectException corrupt = assertThrows(CorruptObjectException.class,
                    () -> repo.objects().open(loose).bytes());
            assertEquals(loose, corrupt.id());
            assertEquals(file.toAbsolutePath().normalize(), corrupt.path().toAbsolutePath().normalize());
        }

        // configuration git would refuse: which file, which line
        Path config = root.resolve(".git/config");
        Files.writeString(config, Files.readString(config) + "[core\n\tbare = false\n");
        int badLine = Files.readAllLines(config).size() - 1;
        InvalidConfigException invalid = assertThrows(InvalidConfigException.class,
                () -> Repository.discover(root, dev.panagit.backend.Backends.codec()).close());
        assertEquals(badLine, invalid.line());
        assertTrue(invalid.origin().endsWith("config"), invalid.origin());
        assertTrue(GitCli.run(root, null, java.util.Map.of(), "status").exitCode() != 0, "git refuses it too");
    }
}
