package dev.panagit.lib;

import java.io.IOException;

/** No object with this id exists in the repository. */
public class MissingObjectException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient ObjectId id;

    /** An object the repository does not have; {@code where} says what needed it. */
    public MissingObjectException(ObjectId id, String where) {
        super("object " + id.name() + " not found" + (where == null ? "" : " (" + where + ")"));
        this.id = id;
    }

    /** The id that was looked for. */
    public ObjectId id() {
        return id;
    }
}
