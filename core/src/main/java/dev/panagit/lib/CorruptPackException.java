package dev.panagit.lib;

import java.nio.file.Path;

/**
 * A pack (or its index) is damaged. Names the file, the offset of the entry at fault and, where
 * known, the object, e.g. {@code corrupt pack .git/objects/pack/pack-1a2b….pack at offset 4711
 * (object 9f3c…): malformed delta}.
 */
public class CorruptPackException extends CorruptObjectException {
    private static final long serialVersionUID = 1L;

    /** Where in the pack the damage starts. */
    private final long offset;

    /**
     * @param offset the offset of the entry at fault in the pack, or -1 when the fault is not in
     *     one entry (a checksum, the index)
     */
    public CorruptPackException(Corruption corruption, String detail, Path file, long offset, ObjectId id) {
        super(corruption, detail, id, file, message(corruption, detail, file, offset, id));
        this.offset = offset;
    }

    /** The codec's verdict on an entry, placed in its pack. */
    public static CorruptPackException at(CorruptObjectException e, Path file, long offset, ObjectId id) {
        if (e instanceof CorruptPackException located) {
            return located;
        }
        CorruptPackException located = new CorruptPackException(e.corruption(), e.detail(), file, offset, id);
        located.initCause(e);
        return located;
    }

    /** Keeps the pack and offset; adds the object's id when this error did not know it. */
    @Override
    public CorruptObjectException withLocation(ObjectId objectId, Path file) {
        if (id() != null || objectId == null) {
            return this;
        }
        CorruptPackException located = new CorruptPackException(corruption(), detail(), path(), offset, objectId);
        located.initCause(this);
        return located;
    }

    /** The offset of the entry at fault, or -1. */
    public long offset() {
        return offset;
    }

    private static String message(Corruption corruption, String detail, Path file, long offset, ObjectId id) {
        StringBuilder sb = new StringBuilder(corruption == Corruption.BAD_PACK_INDEX ? "corrupt pack index " : "corrupt pack ");
        sb.append(file);
        if (offset >= 0) {
            sb.append(" at offset ").append(offset);
        }
        if (id != null) {
            sb.append(" (object ").append(id.name()).append(')');
        }
        sb.append(": ").append(corruption.description());
        if (detail != null && !detail.isEmpty()) {
            sb.append(" (").append(detail).append(')');
        }
        return sb.toString();
    }
}
