package dev.panagit.lib;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * An object found in a store. Small objects are already decoded and checked; large ones are
 * decoded (and checked) as they are copied out, so memory stays bounded.
 */
public interface StoredObject {
    ObjectId id();

    ObjectHeader header();

    default ObjectType type() {
        return header().type();
    }

    default long size() {
        return header().size();
    }

    /** The file the object was read from: its loose file, or the pack holding it. */
    Path file();

    /** Whether the content is too large for {@link #bytes()}; use {@link #copyTo} then. */
    boolean isLarge();

    /** The whole content; throws {@link IllegalStateException} for a large object. */
    byte[] bytes();

    /** Writes the content to {@code out}, checking the object on the way. */
    void copyTo(OutputStream out) throws IOException;
}
