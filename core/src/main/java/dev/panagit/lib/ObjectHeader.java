package dev.panagit.lib;

/** The header of a git object: its type and its content size in bytes. */
public record ObjectHeader(ObjectType type, long size) {
    /** Checks that the size is not negative. */
    public ObjectHeader {
        if (size < 0) {
            throw new IllegalArgumentException("negative object size " + size);
        }
    }
}
