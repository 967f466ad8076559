package dev.panagit.repo;

import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import java.io.IOException;

/** An object is not of the type a command needs (and cannot be peeled to it). */
public final class WrongObjectTypeException extends IOException {
    private static final long serialVersionUID = 1L;

    /** An object of another type than the one needed. */
    public WrongObjectTypeException(ObjectId id, ObjectType actual, ObjectType wanted) {
        super("object " + id.name() + " is a " + actual.gitName() + ", not a " + wanted.gitName());
    }
}
