package dev.panagit.lib;

import java.io.IOException;
import java.util.List;

/** An abbreviated id matches more than one object. */
public class AmbiguousObjectException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient List<ObjectId> candidates;
    /** The abbreviation that matched more than one object. */
    private final String prefix;

    /** An abbreviation that names more than one object; the candidates are kept for the message. */
    public AmbiguousObjectException(String prefix, List<ObjectId> candidates) {
        super("short object ID " + prefix + " is ambiguous; candidates: "
                + String.join(", ", candidates.stream().map(ObjectId::name).toList()));
        this.prefix = prefix;
        this.candidates = List.copyOf(candidates);
    }

    /** The abbreviation as given. */
    public String prefix() {
        return prefix;
    }

    /** The ids the abbreviation matches. */
    public List<ObjectId> candidates() {
        return candidates;
    }
}
