package dev.panagit.lib;

/**
 * What is wrong with a corrupt object. Both codec backends report the same value for the same
 * bytes; each value but {@link #BAD_CONTENT} maps one libpanagit error code.
 */
public enum Corruption {
    TRUNCATED("compressed data is truncated"),
    BAD_ZLIB("invalid zlib stream"),
    BAD_HEADER("object header is malformed"),
    SIZE_MISMATCH("content size differs from the declared size"),
    SIZE_OVERFLOW("declared size is too large"),
    ID_MISMATCH("object does not hash to its id"),
    TRAILING_GARBAGE("garbage after the end of the zlib stream"),
    /** Not a codec error: the content does not parse as its type (a tree, commit or tag). */
    BAD_CONTENT("content is malformed for its type");

    private final String description;

    Corruption(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
