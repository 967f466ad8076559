package dev.panagit.repo;

import java.io.IOException;
import java.nio.file.Path;

/** No git repository at or above a directory. */
public final class NotARepositoryException extends IOException {
    private static final long serialVersionUID = 1L;

    /** No repository at {@code start} or any directory above it. */
    public NotARepositoryException(Path start) {
        super("not a git repository (or any of the parent directories): " + start);
    }
}
