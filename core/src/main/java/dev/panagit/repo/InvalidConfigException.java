package dev.panagit.repo;

import java.io.IOException;

/** A configuration file git would not read either: where, and the line. */
public final class InvalidConfigException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String origin;
    private final int line;

    /** Line {@code line} (from 1) of {@code origin} (a file, or where the text came from) is not git config. */
    public InvalidConfigException(String origin, int line, String problem) {
        super("bad config line " + line + " in " + origin + ": " + problem);
        this.origin = origin;
        this.line = line;
    }

    /** The file (or other source) the text came from. */
    public String origin() {
        return origin;
    }

    /** The line number, from 1. */
    public int line() {
        return line;
    }
}
