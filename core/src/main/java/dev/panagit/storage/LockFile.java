package dev.panagit.storage;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * git's lock protocol: {@code <file>.lock} is created exclusively, written, and renamed over the
 * file; closing without commit removes it. A held lock is a clear error, as in git.
 */
public final class LockFile implements AutoCloseable {
    private final Path target;
    private final Path lock;
    private boolean done;

    private LockFile(Path target, Path lock) {
        this.target = target;
        this.lock = lock;
    }

    /** Takes the lock on {@code target} by creating {@code <target>.lock}; throws when another process holds it. */
    public static LockFile acquire(Path target) throws IOException {
        Path lock = target.resolveSibling(target.getFileName() + ".lock");
        Files.createDirectories(target.getParent());
        try {
            Files.createFile(lock);
        } catch (FileAlreadyExistsException e) {
            throw new LockedException("Unable to create '" + lock + "': File exists.\n\n"
                    + "Another git process seems to be running in this repository. If no other process is running,\n"
                    + "a git process may have crashed: remove the file manually to continue.");
        }
        return new LockFile(target, lock);
    }

    /** Writes the new content into the lock file. */
    public void write(byte[] content) throws IOException {
        Files.write(lock, content);
    }

    /** Renames the lock file over the target, atomically. */
    public void commit() throws IOException {
        Files.move(lock, target, StandardCopyOption.ATOMIC_MOVE);
        done = true;
    }

    @Override
    public void close() throws IOException {
        if (!done) {
            Files.deleteIfExists(lock);
        }
    }

    /** The lock is held by someone else. */
    public static final class LockedException extends IOException {
        private static final long serialVersionUID = 1L;

        LockedException(String message) {
            super(message);
        }
    }
}
