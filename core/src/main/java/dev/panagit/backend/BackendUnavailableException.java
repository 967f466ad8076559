package dev.panagit.backend;

/** The requested backend cannot be used here; the message says why. */
public final class BackendUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A backend that was asked for by name and cannot be had, with the reason. */
    public BackendUnavailableException(String message) {
        super(message);
    }
}
