package dev.panagit.repo;

import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import java.io.IOException;

/** An object is not of the type a command needs (and cannot be peeled to it). */
public final class WrongObjectTypeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient ObjectId id;
    private final ObjectType actual;
    private final ObjectType wanted;
    private final String path;

    /** An object of another type than the one needed. */
    public WrongObjectTypeException(ObjectId id, ObjectType actual, ObjectType wanted) {
        this(id, actual, wanted, null);
    }

    /** The same, for the object at {@code path} of a tree or the index (null when none). */
    public WrongObjectTypeException(ObjectId id, ObjectType actual, ObjectType wanted, String path) {
        super("object " + id.name() + " is a " + actual.gitName() + ", not a " + wanted.gitName()
                + (path == null ? "" : " (path '" + path + "')"));
        this.id = id;
        this.actual = actual;
        this.wanted = wanted;
        this.path = path;
    }

    /** The object. */
    public ObjectId id() {
        return id;
    }

    /** Its type. */
    public ObjectType actual() {
        return actual;
    }

    /** The type that was needed. */
    public ObjectType wanted() {
        return wanted;
    }

    /** Where the object was named, or empty. */
    public java.util.Optional<String> path() {
        return java.util.Optional.ofNullable(path);
    }
}
