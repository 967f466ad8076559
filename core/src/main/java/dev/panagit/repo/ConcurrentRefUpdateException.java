package dev.panagit.repo;

import dev.panagit.lib.ObjectId;
import java.io.IOException;

/**
 * A ref update that named the value it expected to replace, and found another: someone else
 * moved the ref since it was read. Nothing was written; read the ref again and decide.
 */
public final class ConcurrentRefUpdateException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String ref;
    private final transient ObjectId expected;
    private final transient ObjectId actual;

    /** {@code ref} is at {@code actual}, not at the {@code expected} the update was for (the zero id: absent). */
    public ConcurrentRefUpdateException(String ref, ObjectId expected, ObjectId actual) {
        super("cannot lock ref '" + ref + "': is at " + actual.name() + " but expected " + expected.name());
        this.ref = ref;
        this.expected = expected;
        this.actual = actual;
    }

    /** The ref's full name, e.g. {@code refs/heads/main}. */
    public String ref() {
        return ref;
    }

    /** The value the update expected to replace. */
    public ObjectId expected() {
        return expected;
    }

    /** The value the ref has. */
    public ObjectId actual() {
        return actual;
    }
}
