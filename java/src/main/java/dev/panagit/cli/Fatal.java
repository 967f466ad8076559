package dev.panagit.cli;

/** An error to report as {@code fatal: <message>} with exit code 128. */
final class Fatal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Fatal(String message) {
        super(message);
    }

    Fatal(String message, Throwable cause) {
        super(message, cause);
    }
}
