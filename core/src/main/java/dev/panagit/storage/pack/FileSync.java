package dev.panagit.storage.pack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Makes a written file durable before it is renamed into place, as git does by default
 * ({@code core.fsync}'s default covers packs and their indexes, not loose objects, refs or the
 * index): a crash after the rename, or after the refs that then name its objects move, must not
 * leave a pack whose bytes never reached the disk.
 */
public final class FileSync {
    private FileSync() {
    }

    /**
     * Flushes {@code file}'s content and size to the storage device ({@code fsync}).
     *
     * @throws IOException when the file cannot be opened for writing or the flush fails
     */
    public static void force(Path file) throws IOException {
        // opened for writing: Windows flushes only through a handle with write access
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }
}
