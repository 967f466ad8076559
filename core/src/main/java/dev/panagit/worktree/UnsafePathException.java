package dev.panagit.worktree;

import dev.panagit.lib.ObjectId;
import java.io.IOException;

/** A tree holds an entry that must never be written (git's verify_path); names the tree and entry. */
public final class UnsafePathException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A path in {@code tree} that checkout will not write ({@code ..}, {@code .git}, ...): which entry, and why. */
    public UnsafePathException(ObjectId tree, String entry, String problem) {
        super("refusing unsafe path '" + entry + "' in tree " + tree.name() + ": " + problem);
    }
}
