package dev.panagit.storage;

import static dev.panagit.testing.Fixtures.git;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.backend.BackendChoice;
import dev.panagit.testing.Panagit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Temporary object files a killed writer leaves behind ({@code objects/tmp_obj_*}) are removed
 * by the next command that writes an object, once they are as old as git's prune rule says
 * (two weeks); younger ones may belong to a writer still running and stay.
 */
class StaleTempFilesTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void theNextWriterSweepsStaleTemporaryObjects(BackendChoice backend) throws Exception {
        Path root = dir.resolve("repo");
        git(dir, "init", "-q", root.toString());
        Path objects = root.resolve(".git/objects");
        Path stale = Files.writeString(objects.resolve("tmp_obj_killed"), "half an object");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofDays(15))));
        Path fresh = Files.writeString(objects.resolve("tmp_obj_running"), "a writer at work");
        Path notOurs = Files.writeString(objects.resolve("tmp_pack_x"), "pack in progress");
        Files.setLastModifiedTime(notOurs, FileTime.from(Instant.now().minus(Duration.ofDays(15))));

        Panagit.Result r = Panagit.run(backend, root, "content\n".getBytes(), "hash-object", "-w", "--stdin");
        assertEquals(0, r.exitCode(), r.stderr());
        assertFalse(Files.exists(stale), "a two-week-old temporary object is removed");
        assertTrue(Files.exists(fresh), "a young one may be a live writer's");
        assertTrue(Files.exists(notOurs), "only tmp_obj_ files are swept");
    }
}
