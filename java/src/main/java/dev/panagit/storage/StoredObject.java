package dev.panagit.storage;

import dev.panagit.lib.ObjectHeader;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import java.io.IOException;
import java.io.OutputStream;

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

    /** Whether the content is too large for {@link #bytes()}; use {@link #copyTo} then. */
    boolean isLarge();

    /** The whole content; throws {@link IllegalStateException} for a large object. */
    byte[] bytes();

    /** Writes the content to {@code out}, checking the object on the way. */
    void copyTo(OutputStream out) throws IOException;
}
