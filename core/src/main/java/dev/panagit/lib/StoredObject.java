package dev.panagit.lib;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * An object found in a store. Small objects are already decoded and checked; large ones are
 * decoded (and checked) as they are copied out, so memory stays bounded.
 */
public interface StoredObject {
    /** The id the object is stored under, checked against its content as it is read. */
    ObjectId id();

    /** Its type and size, known before the content is read. */
    ObjectHeader header();

    /** The type, from the header. */
    default ObjectType type() {
        return header().type();
    }

    /** The content's size in bytes, from the header. */
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
