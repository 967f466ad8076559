package dev.panagit.lib;

/**
 * What is wrong with a corrupt object or pack. Both codec backends report the same value for the
 * same bytes; the values not marked otherwise map one libpanagit error code each.
 */
public enum Corruption {
    /** The compressed data ends early. */
    TRUNCATED("compressed data is truncated"),
    /** Not a valid zlib stream. */
    BAD_ZLIB("invalid zlib stream"),
    /** The {@code "<type> <size>\0"} header is malformed. */
    BAD_HEADER("object header is malformed"),
    /** The content is not as long as the header says. */
    SIZE_MISMATCH("content size differs from the declared size"),
    /** The declared size is larger than can be held. */
    SIZE_OVERFLOW("declared size is too large"),
    /** The content does not hash to the id it is stored under. */
    ID_MISMATCH("object does not hash to its id"),
    /** Bytes follow the end of the zlib stream. */
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

    /** The damage in words, as the messages say it. */
    public String description() {
        return description;
    }
}
