package dev.panagit.lib;

/**
 * SHA-1 input that carries a collision attack (detected as git detects it, after Stevens and
 * Shumow): its id is refused rather than trusted. Unchecked because it can surface from any hashing
 * call, the ones that do no I/O included; {@link #about(String)} names the object or file.
 */
public final class CollisionAttackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** git's words. */
    public static final String MESSAGE = "SHA-1 appears to be part of a collision attack";

    /** The object or file the input belonged to, once known. */
    private final String subject;

    /** A collision attack in input whose name is not known yet ({@link #about} adds it). */
    public CollisionAttackException() {
        this(null);
    }

    private CollisionAttackException(String subject) {
        super(subject == null ? MESSAGE : MESSAGE + ": " + subject);
        this.subject = subject;
    }

    /** What was hashed (an object id, a file), or {@code null} when the caller did not say. */
    public String subject() {
        return subject;
    }

    /** The same error naming what was hashed, unless it already names something. */
    public CollisionAttackException about(String what) {
        if (subject != null) {
            return this;
        }
        CollisionAttackException named = new CollisionAttackException(what);
        named.initCause(this);
        return named;
    }
}
