package dev.panagit.worktree;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBytesTest {
    @TempDir
    Path dir;

    @Test
    void readsWholeFilesOfEverySizeAroundTheChunk() throws Exception {
        Random random = new Random(7);
        for (int size : new int[] {0, 1, 8191, 8192, 8193, 3 * 8192 + 5, 2_900_000}) {
            byte[] content = new byte[size];
            random.nextBytes(content);
            Path file = dir.resolve("f" + size);
            Files.write(file, content);
            assertArrayEquals(content, FileBytes.read(file), "size " + size);
        }
    }

    @Test
    void followsSymlinksAndSaysWhatIsMissing() throws Exception {
        Path target = dir.resolve("target");
        Files.writeString(target, "through the link\n");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        assertArrayEquals(Files.readAllBytes(target), FileBytes.read(link));
        assertThrows(NoSuchFileException.class, () -> FileBytes.read(dir.resolve("missing")));
    }

    @Test
    void aFileThatIsNotRegularIsReadToItsEnd() throws Exception {
        // /proc files report size 0 but have content: the growing path
        Path proc = Path.of("/proc/self/status");
        if (Files.exists(proc)) {
            byte[] read = FileBytes.read(proc);
            org.junit.jupiter.api.Assertions.assertTrue(new String(read).contains("Name:"), new String(read));
        }
    }
}
