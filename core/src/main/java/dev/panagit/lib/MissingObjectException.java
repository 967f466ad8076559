package dev.panagit.lib;

import java.io.IOException;

/** No object with this id exists in the repository. */
public class MissingObjectException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient ObjectId id;

    public MissingObjectException(ObjectId id, String where) {
        super("object " + id.name() + " not found" + (where == null ? "" : " (" + where + ")"));
        this.id = id;
    }

    public ObjectId id() {
        return id;
    }
}
