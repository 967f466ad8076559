package dev.panagit.fsck;

import java.util.Locale;

/**
 * git's fsck message ids for objects ({@code git help fsck}, git's {@code fsck.h}), with their
 * default severities. The id users configure ({@code fsck.<id>}) and see in reports is the
 * camel-case name: {@code ZERO_PADDED_FILEMODE} is {@code zeroPaddedFilemode}.
 */
public enum FsckMessage {
    /** A NUL byte in a commit or tag header. */
    NUL_IN_HEADER(Severity.FATAL),
    /** The headers of a commit or tag do not end with an empty line. */
    UNTERMINATED_HEADER(Severity.FATAL),
    /** An identity's date is not a number of seconds. */
    BAD_DATE(Severity.ERROR),
    /** An identity's date does not fit in 64 bits. */
    BAD_DATE_OVERFLOW(Severity.ERROR),
    /** An identity's email is malformed. */
    BAD_EMAIL(Severity.ERROR),
    /** An identity's name is malformed. */
    BAD_NAME(Severity.ERROR),
    /** A tag's {@code object} line is not a valid id. */
    BAD_OBJECT_SHA1(Severity.ERROR),
    /** A commit's {@code parent} line is not a valid id. */
    BAD_PARENT_SHA1(Severity.ERROR),
    /** An identity's timezone is malformed. */
    BAD_TIMEZONE(Severity.ERROR),
    /** A tree cannot be parsed. */
    BAD_TREE(Severity.ERROR),
    /** A commit's {@code tree} line is not a valid id. */
    BAD_TREE_SHA1(Severity.ERROR),
    /** A tag's {@code type} names no object type. */
    BAD_TYPE(Severity.ERROR),
    /** A tree has two entries of the same name. */
    DUPLICATE_ENTRIES(Severity.ERROR),
    /** {@code .gitmodules} is a symbolic link. */
    GITMODULES_SYMLINK(Severity.ERROR),
    /** A commit has no {@code author} line. */
    MISSING_AUTHOR(Severity.ERROR),
    /** A commit has no {@code committer} line. */
    MISSING_COMMITTER(Severity.ERROR),
    /** An identity has no email. */
    MISSING_EMAIL(Severity.ERROR),
    /** An identity has no name before its email. */
    MISSING_NAME_BEFORE_EMAIL(Severity.ERROR),
    /** A tag has no {@code object} line. */
    MISSING_OBJECT(Severity.ERROR),
    /** An identity has no space between email and date. */
    MISSING_SPACE_BEFORE_DATE(Severity.ERROR),
    /** An identity has no space between name and email. */
    MISSING_SPACE_BEFORE_EMAIL(Severity.ERROR),
    /** A tag's {@code tag} line is cut short (no newline after it). */
    MISSING_TAG(Severity.ERROR),
    /** A tag has another line where its {@code tag} line should be. */
    MISSING_TAG_ENTRY(Severity.ERROR),
    /** A commit has no {@code tree} line. */
    MISSING_TREE(Severity.ERROR),
    /** A tag's {@code type} line is cut short (no newline after it). */
    MISSING_TYPE(Severity.ERROR),
    /** A tag has another line where its {@code type} line should be. */
    MISSING_TYPE_ENTRY(Severity.ERROR),
    /** A commit has more than one {@code author} line. */
    MULTIPLE_AUTHORS(Severity.ERROR),
    /** A tree's entries are not in git's order. */
    TREE_NOT_SORTED(Severity.ERROR),
    /** An identity's date has leading zeros. */
    ZERO_PADDED_DATE(Severity.ERROR),
    /** A tree entry has an empty name. */
    EMPTY_NAME(Severity.WARN),
    /** A tree entry's name contains a slash. */
    FULL_PATHNAME(Severity.WARN),
    /** A tree entry is named {@code .}. */
    HAS_DOT(Severity.WARN),
    /** A tree entry is named {@code ..}. */
    HAS_DOTDOT(Severity.WARN),
    /** A tree entry is named {@code .git} (in any case or spelling a file system folds to it). */
    HAS_DOTGIT(Severity.WARN),
    /** A tree entry points to the all-zero id. */
    NULL_SHA1(Severity.WARN),
    /** A NUL byte in a commit's message. */
    NUL_IN_COMMIT(Severity.WARN),
    /** A tree entry's mode has leading zeros. */
    ZERO_PADDED_FILEMODE(Severity.WARN),
    /** A tree entry has a mode git does not write. */
    BAD_FILEMODE(Severity.INFO),
    /** A tag's name is not a valid ref name. */
    BAD_TAG_NAME(Severity.INFO),
    /** {@code .gitattributes} is a symbolic link. */
    GITATTRIBUTES_SYMLINK(Severity.INFO),
    /** {@code .gitignore} is a symbolic link. */
    GITIGNORE_SYMLINK(Severity.INFO),
    /** {@code .mailmap} is a symbolic link. */
    MAILMAP_SYMLINK(Severity.INFO),
    /** A tag has no {@code tagger} line. */
    MISSING_TAGGER_ENTRY(Severity.INFO),
    /** A tag has headers after the ones git knows. */
    EXTRA_HEADER_ENTRY(Severity.IGNORE);

    /** How a finding counts: FATAL and ERROR fail fsck, WARN and INFO are shown as warnings, IGNORE is dropped. */
    public enum Severity {
        /** Stops the object's check. */
        FATAL,
        /** Makes fsck fail. */
        ERROR,
        /** Shown as a warning. */
        WARN,
        /** Shown as a warning, like {@code WARN}; git's lightest reported level. */
        INFO,
        /** Not reported. */
        IGNORE;

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

    /** The severity git gives this finding unless {@code fsck.<id>} says otherwise. */
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
