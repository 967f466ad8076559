package dev.panagit.lib;

/**
 * The header of a pack entry.
 *
 * @param typeCode the pack type: 1-4 for whole objects ({@link ObjectType#code()}),
 *     {@link #OFS_DELTA} or {@link #REF_DELTA}
 * @param size the inflated size of the entry's data: the object, or the delta
 * @param headerLength the bytes before the zlib stream (for a REF_DELTA, ending with the base id)
 * @param baseOffset for an OFS_DELTA, the offset of its base entry; otherwise 0
 */
public record PackEntryHeader(int typeCode, long size, int headerLength, long baseOffset) {
    public static final int OFS_DELTA = 6;
    public static final int REF_DELTA = 7;

    /** Whether the entry is a delta (OFS_DELTA or REF_DELTA) rather than a whole object. */
    public boolean isDelta() {
        return typeCode == OFS_DELTA || typeCode == REF_DELTA;
    }

    /** The object type of a whole entry; throws for a delta. */
    public ObjectType objectType() {
        return ObjectType.fromCode(typeCode);
    }

    /** git's name for an entry type: {@code blob}, ..., {@code ofs-delta}, {@code ref-delta}. */
    public static String typeName(int typeCode) {
        return switch (typeCode) {
            case OFS_DELTA -> "ofs-delta";
            case REF_DELTA -> "ref-delta";
            default -> ObjectType.fromCode(typeCode).gitName();
        };
    }
}
