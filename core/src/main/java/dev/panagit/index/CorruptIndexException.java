package dev.panagit.index;

import java.io.IOException;
import java.nio.file.Path;

/** A damaged index file: git's "index file corrupt", with the file and what is wrong with it. */
public final class CorruptIndexException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An index file that cannot be read: which, and what is wrong. */
    public CorruptIndexException(Path file, String detail) {
        super("index file corrupt: " + file + ": " + detail);
    }
}
