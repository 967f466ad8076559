package dev.panagit.lib;

/**
 * What is wrong with a corrupt object or pack. Both codec backends report the same value for the
 * same bytes; the values not marked otherwise map one libpanagit error code each.
 */
public enum Corruption {
    TRUNCATED("compressed data is truncated"),
    BAD_ZLIB("invalid zlib stream"),
    BAD_HEADER("object header is malformed"),
    SIZE_MISMATCH("content size differs from the declared size"),
    SIZE_OVERFLOW("declared size is too large"),
    ID_MISMATCH("object does not hash to its id"),
    TRAILING_GARBAGE("garbage after the end of the zlib stream"),
    /** A pack entry's header is malformed (libpanagit's PGIT_EPACK). */
    BAD_PACK_ENTRY("malformed pack entry"),
    /** A delta breaks a rule of git's delta format (PGIT_EDELTA). */
    BAD_DELTA("malformed delta"),
    /** An offset lies outside the pack's entries (PGIT_ERANGE). */
    BAD_OFFSET("offset outside the pack's entries"),
    /** Not a codec error: a delta's base is not in the pack or the repository. */
    MISSING_DELTA_BASE("delta base is missing"),
    /** Not a codec error: following a delta's bases comes back to it. */
    DELTA_LOOP("delta chain loops"),
    /** Not a codec error: a pack's header, entry count or checksum is wrong. */
    BAD_PACK("malformed pack"),
    /** Not a codec error: a pack index's structure or checksum is wrong. */
    BAD_PACK_INDEX("malformed pack index"),
    /** Not a codec error: an object's file is a device, a FIFO or a directory, not a regular file. */
    NOT_A_FILE("object file is not a regular file"),
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
