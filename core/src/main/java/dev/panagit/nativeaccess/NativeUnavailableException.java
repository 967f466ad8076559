package dev.panagit.nativeaccess;

/** The native library cannot be used here; the message is the one-line reason shown to users. */
public final class NativeUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public NativeUnavailableException(String reason) {
        super(reason);
    }

    public NativeUnavailableException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
