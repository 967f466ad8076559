package dev.panagit.lib;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An object's bytes are not a valid git object. Names the object and its file when known, e.g.
 * {@code corrupt object ce01362... (.git/objects/ce/01362...): compressed data is truncated}.
 */
public class CorruptObjectException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What kind of damage. */
    private final Corruption corruption;
    private final transient ObjectId id;
    private final transient Path path;
    /** What was found, in a few words. */
    private final String detail;

    /** An object that is not what its format requires, without a known id or file. */
    public CorruptObjectException(Corruption corruption, String detail) {
        this(corruption, detail, null, null);
    }

    /** An object that is not what its format requires: what is wrong, and where. */
    public CorruptObjectException(Corruption corruption, String detail, ObjectId id, Path path) {
        this(corruption, detail, id, path, message(corruption, detail, id, path));
    }

    /** For subclasses that word the message themselves. */
    protected CorruptObjectException(Corruption corruption, String detail, ObjectId id, Path path, String message) {
        super(message);
        this.corruption = corruption;
        this.detail = detail;
        this.id = id;
        this.path = path;
    }

    /** The same error, naming the object and file it was found in. */
    public CorruptObjectException withLocation(ObjectId objectId, Path file) {
        CorruptObjectException located = new CorruptObjectException(corruption, detail, objectId, file);
        located.initCause(this);
        return located;
    }

    /** What kind of damage: the same names whichever backend found it. */
    public Corruption corruption() {
        return corruption;
    }

    /** What the codec or parser said beyond the corruption itself, or {@code null}. */
    public String detail() {
        return detail;
    }

    /** The object's id, or {@code null} when the bytes were not read from a store. */
    public ObjectId id() {
        return id;
    }

    /** The file the object was read from, or {@code null}. */
    public Path path() {
        return path;
    }

    private static String message(Corruption corruption, String detail, ObjectId id, Path path) {
        StringBuilder sb = new StringBuilder("corrupt object");
        if (id != null) {
            sb.append(' ').append(id.name());
        }
        if (path != null) {
            sb.append(" (").append(path).append(')');
        }
        sb.append(": ").append(corruption.description());
        if (detail != null && !detail.isEmpty()) {
            sb.append(" (").append(detail).append(')');
        }
        return sb.toString();
    }
}
