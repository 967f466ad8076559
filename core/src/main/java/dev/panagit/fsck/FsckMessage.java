package dev.panagit.fsck;

import java.util.Locale;

/**
 * git's fsck message ids for objects ({@code git help fsck}, git's {@code fsck.h}), with their
 * default severities. The id users configure ({@code fsck.<id>}) and see in reports is the
 * camel-case name: {@code ZERO_PADDED_FILEMODE} is {@code zeroPaddedFilemode}.
 */
public enum FsckMessage {
    NUL_IN_HEADER(Severity.FATAL),
    UNTERMINATED_HEADER(Severity.FATAL),
    BAD_DATE(Severity.ERROR),
    BAD_DATE_OVERFLOW(Severity.ERROR),
    BAD_EMAIL(Severity.ERROR),
    BAD_NAME(Severity.ERROR),
    BAD_OBJECT_SHA1(Severity.ERROR),
    BAD_PARENT_SHA1(Severity.ERROR),
    BAD_TIMEZONE(Severity.ERROR),
    BAD_TREE(Severity.ERROR),
    BAD_TREE_SHA1(Severity.ERROR),
    BAD_TYPE(Severity.ERROR),
    DUPLICATE_ENTRIES(Severity.ERROR),
    GITMODULES_SYMLINK(Severity.ERROR),
    MISSING_AUTHOR(Severity.ERROR),
    MISSING_COMMITTER(Severity.ERROR),
    MISSING_EMAIL(Severity.ERROR),
    MISSING_NAME_BEFORE_EMAIL(Severity.ERROR),
    MISSING_OBJECT(Severity.ERROR),
    MISSING_SPACE_BEFORE_DATE(Severity.ERROR),
    MISSING_SPACE_BEFORE_EMAIL(Severity.ERROR),
    MISSING_TAG(Severity.ERROR),
    MISSING_TAG_ENTRY(Severity.ERROR),
    MISSING_TREE(Severity.ERROR),
    MISSING_TYPE(Severity.ERROR),
    MISSING_TYPE_ENTRY(Severity.ERROR),
    MULTIPLE_AUTHORS(Severity.ERROR),
    TREE_NOT_SORTED(Severity.ERROR),
    ZERO_PADDED_DATE(Severity.ERROR),
    EMPTY_NAME(Severity.WARN),
    FULL_PATHNAME(Severity.WARN),
    HAS_DOT(Severity.WARN),
    HAS_DOTDOT(Severity.WARN),
    HAS_DOTGIT(Severity.WARN),
    NULL_SHA1(Severity.WARN),
    NUL_IN_COMMIT(Severity.WARN),
    ZERO_PADDED_FILEMODE(Severity.WARN),
    BAD_FILEMODE(Severity.INFO),
    BAD_TAG_NAME(Severity.INFO),
    GITATTRIBUTES_SYMLINK(Severity.INFO),
    GITIGNORE_SYMLINK(Severity.INFO),
    MAILMAP_SYMLINK(Severity.INFO),
    MISSING_TAGGER_ENTRY(Severity.INFO),
    EXTRA_HEADER_ENTRY(Severity.IGNORE);

    /** How a finding counts: FATAL and ERROR fail fsck, WARN and INFO are shown as warnings, IGNORE is dropped. */
    public enum Severity {
        FATAL, ERROR, WARN, INFO, IGNORE;

        /** The severity {@code fsck.<id>} names ({@code error}, {@code warn}, {@code ignore}), as git parses it. */
        public static Severity fromConfig(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "error" -> ERROR;
                case "warn" -> WARN;
                case "ignore" -> IGNORE;
                default -> throw new IllegalArgumentException("Unknown fsck message type: '" + value + "'");
            };
        }
    }

    private final Severity defaultSeverity;
    private final String id;

    FsckMessage(Severity defaultSeverity) {
        this.defaultSeverity = defaultSeverity;
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : name().toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                camel.append(upper ? c : Character.toLowerCase(c));
                upper = false;
            }
        }
        this.id = camel.toString();
    }

    /** The camel-case id: {@code zeroPaddedFilemode}. */
    public String id() {
        return id;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    /** The message with this id, case-insensitively (config keys are lower-cased), or null. */
    public static FsckMessage byId(String id) {
        for (FsckMessage m : values()) {
            if (m.id.equalsIgnoreCase(id)) {
                return m;
            }
        }
        return null;
    }
}
