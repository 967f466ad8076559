package dev.panagit.fsck;

import dev.panagit.fsck.FsckMessage.Severity;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.repo.GitConfig;
import dev.panagit.repo.RefNames;
import dev.panagit.worktree.PathSafety;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * git's fsck rules for trees, commits and tags (git's {@code fsck.c}), one implementation: each
 * finding has git's message id and text, and a severity from git's defaults, {@code --strict}
 * (warnings become errors) and {@code fsck.<id>} configuration. As in git, a commit or tag stops
 * being checked at its first error; a tree is checked whole and reports each kind of problem once.
 */
public final class FsckRules {
    /** One finding: the message, whether it is an error (else a warning), and git's text. */
    public record Finding(FsckMessage message, boolean error, String text) {
        /** The line git prints: {@code error in tree <id>: treeNotSorted: not properly sorted}. */
        public String line(ObjectType type, ObjectId id) {
            return (error ? "error" : "warning") + " in " + type.gitName() + " " + id.name() + ": " + message.id()
                    + ": " + text;
        }
    }

    private final ObjectFormat format;
    private final boolean strict;
    private final Map<FsckMessage, Severity> severities = new EnumMap<>(FsckMessage.class);

    private FsckRules(ObjectFormat format, boolean strict) {
        this.format = format;
        this.strict = strict;
    }

    /**
     * The rules with git's defaults, {@code strict} turning warnings into errors, and the
     * {@code fsck.<id>} entries of {@code config} on top; an unknown severity is refused in git's
     * words, an unknown id is ignored (git warns about it).
     */
    public static FsckRules of(ObjectFormat format, boolean strict, GitConfig config) {
        FsckRules rules = new FsckRules(format, strict);
        for (FsckMessage m : FsckMessage.values()) {
            Severity s = m.defaultSeverity();
            rules.severities.put(m, strict && s == Severity.WARN ? Severity.ERROR : s);
        }
        for (String name : config.keysIn("fsck")) {
            FsckMessage m = FsckMessage.byId(name);
            if (m != null) {
                rules.severities.put(m, Severity.fromConfig(config.get("fsck." + name).orElse("")));
            }
        }
        return rules;
    }

    /** Checks one object's content; blobs have no rules here. */
    public List<Finding> check(ObjectType type, byte[] content, int length) {
        Findings findings = new Findings();
        switch (type) {
            case TREE -> checkTree(content, length, findings);
            case COMMIT -> checkCommit(content, length, findings);
            case TAG -> checkTag(content, length, findings);
            case BLOB -> {
            }
        }
        return findings.list;
    }

    /** Collects findings; {@link #report} says whether the finding is an error (which stops a commit or tag). */
    private final class Findings {
        final List<Finding> list = new ArrayList<>();

        boolean report(FsckMessage message, String text) {
            Severity s = severities.get(message);
            if (s == Severity.IGNORE) {
                return false;
            }
            boolean error = s == Severity.FATAL || s == Severity.ERROR;
            list.add(new Finding(message, error, text));
            return error;
        }
    }

    /**
     * Why git's object parser refuses {@code content} as {@code type}, as {@code hash-object}
     * (without {@code --literally}) reports it: git's error lines, the last one fatal
     * ({@code error: bogus commit object 0000…}, {@code fatal: corrupt commit}); empty when it parses.
     */
    public static List<String> unparsable(ObjectFormat format, ObjectType type, byte[] content) {
        ObjectId unhashed = ObjectId.zeroId(format);   // git reports the id it has not computed yet
        List<String> lines = new ArrayList<>();
        switch (type) {
            case TREE -> {
                String error = treeDecodeError(format.rawLength(), content, content.length);
                if (error != null) {
                    lines.add("fatal: " + error);
                }
            }
            case COMMIT, TAG -> {
                GitObjectParse.Result parsed = type == ObjectType.COMMIT
                        ? GitObjectParse.commit(format, unhashed, content, content.length)
                        : GitObjectParse.tag(format, unhashed, content, content.length);
                if (!parsed.parsed()) {
                    parsed.errors().forEach(e -> lines.add("error: " + e));
                    lines.add("fatal: corrupt " + type.gitName());
                }
            }
            case BLOB -> {
            }
        }
        return lines;
    }

    /**
     * git's tree decoding ({@code decode_tree_entry}): null when every entry decodes, else git's
     * message. (git checks that the byte one id before the end is a NUL first, which bounds the
     * scans of every name.)
     */
    static String treeDecodeError(int raw, byte[] b, int length) {
        int pos = 0;
        while (pos < length) {
            int size = length - pos;
            if (size < raw + 3 || b[pos + size - (raw + 1)] != 0) {
                return "too-short tree object";
            }
            int p = pos;
            if (b[p] == ' ') {
                return "malformed mode in tree entry";
            }
            for (; b[p] != ' '; p++) {
                if (b[p] < '0' || b[p] > '7') {
                    return "malformed mode in tree entry";
                }
            }
            p++;
            if (b[p] == 0) {
                return "empty filename in tree entry";
            }
            while (b[p] != 0) {
                p++;
            }
            pos = p + 1 + raw;
        }
        return null;
    }

    // ---- trees ---------------------------------------------------------------------------------

    private void checkTree(byte[] b, int length, Findings f) {
        int raw = format.rawLength();
        if (treeDecodeError(raw, b, length) != null) {
            f.report(FsckMessage.BAD_TREE, "cannot be parsed as a tree");
            return;
        }
        boolean nullSha1 = false, fullPath = false, emptyName = false, dot = false, dotdot = false, dotgit = false;
        boolean zeroPad = false, badModes = false, dups = false, unsorted = false;
        int previousMode = 0;
        byte[] previous = null;
        Deque<byte[]> candidates = new ArrayDeque<>();
        int pos = 0;
        while (pos < length) {
            int start = pos;
            int mode = 0;
            while (pos < length && b[pos] != ' ') {
                int d = b[pos] - '0';
                if (d < 0 || d > 7) {
                    f.report(FsckMessage.BAD_TREE, "cannot be parsed as a tree");
                    return;
                }
                mode = (mode << 3) + d;
                pos++;
            }
            int nameStart = pos + 1;
            int nul = nameStart;
            while (nul < length && b[nul] != 0) {
                nul++;
            }
            // git's decode_tree_entry: a mode, a non-empty name, a whole id.
            if (pos == start || pos >= length || nul >= length || nul == nameStart || length - (nul + 1) < raw) {
                f.report(FsckMessage.BAD_TREE, "cannot be parsed as a tree");
                return;
            }
            byte[] nameBytes = java.util.Arrays.copyOfRange(b, nameStart, nul);
            String name = new String(nameBytes, StandardCharsets.UTF_8);
            boolean allZero = true;
            for (int i = nul + 1; i < nul + 1 + raw; i++) {
                allZero &= b[i] == 0;
            }
            nullSha1 |= allZero;
            fullPath |= name.indexOf('/') >= 0;
            emptyName |= name.isEmpty();
            dot |= name.equals(".");
            dotdot |= name.equals("..");
            dotgit |= PathSafety.isDotGit(name);
            zeroPad |= b[start] == '0';
            String folded = PathSafety.folded(name);
            if (folded.equals(".gitmodules") && (mode & 0170000) == 0120000) {
                f.report(FsckMessage.GITMODULES_SYMLINK, ".gitmodules is a symbolic link");
            }
            if (folded.equals(".gitattributes") && (mode & 0170000) == 0120000) {
                f.report(FsckMessage.GITATTRIBUTES_SYMLINK, ".gitattributes is a symlink");
            }
            if ((mode & 0170000) == 0120000) {
                if (folded.equals(".gitignore")) {
                    f.report(FsckMessage.GITIGNORE_SYMLINK, ".gitignore is a symlink");
                }
                if (folded.equals(".mailmap")) {
                    f.report(FsckMessage.MAILMAP_SYMLINK, ".mailmap is a symlink");
                }
            }
            switch (mode) {
                case 0100755, 0100644, 0120000, 0040000, 0160000 -> {
                }
                case 0100664 -> badModes |= strict;   // git had a few early on: bad only under --strict
                default -> badModes = true;
            }
            if (previous != null) {
                int order = verifyOrdered(previousMode, previous, mode, nameBytes, candidates);
                if (order == UNORDERED) {
                    unsorted = true;
                } else if (order == DUPLICATE) {
                    dups = true;
                }
            }
            previousMode = mode;
            previous = nameBytes;
            pos = nul + 1 + raw;
        }
        if (nullSha1) {
            f.report(FsckMessage.NULL_SHA1, "contains entries pointing to null sha1");
        }
        if (fullPath) {
            f.report(FsckMessage.FULL_PATHNAME, "contains full pathnames");
        }
        if (emptyName) {
            f.report(FsckMessage.EMPTY_NAME, "contains empty pathname");
        }
        if (dot) {
            f.report(FsckMessage.HAS_DOT, "contains '.'");
        }
        if (dotdot) {
            f.report(FsckMessage.HAS_DOTDOT, "contains '..'");
        }
        if (dotgit) {
            f.report(FsckMessage.HAS_DOTGIT, "contains '.git'");
        }
        if (zeroPad) {
            f.report(FsckMessage.ZERO_PADDED_FILEMODE, "contains zero-padded file modes");
        }
        if (badModes) {
            f.report(FsckMessage.BAD_FILEMODE, "contains bad file modes");
        }
        if (dups) {
            f.report(FsckMessage.DUPLICATE_ENTRIES, "contains duplicate file entries");
        }
        if (unsorted) {
            f.report(FsckMessage.TREE_NOT_SORTED, "not properly sorted");
        }
    }

    private static final int UNORDERED = -1;
    private static final int DUPLICATE = -2;

    /** git's verify_ordered: names in order with a tree's name ending in '/', and no name twice. */
    private static int verifyOrdered(int mode1, byte[] name1, int mode2, byte[] name2, Deque<byte[]> candidates) {
        int len = Math.min(name1.length, name2.length);
        int cmp = java.util.Arrays.compareUnsigned(name1, 0, len, name2, 0, len);
        if (cmp < 0) {
            return 0;
        }
        if (cmp > 0) {
            return UNORDERED;
        }
        int c1 = len < name1.length ? name1[len] & 0xff : 0;
        int c2 = len < name2.length ? name2[len] & 0xff : 0;
        if (c1 == 0 && c2 == 0) {
            return DUPLICATE;
        }
        if (c1 == 0 && (mode1 & 0170000) == 0040000) {
            c1 = '/';
        }
        if (c2 == 0 && (mode2 & 0170000) == 0040000) {
            c2 = '/';
        }
        // A file "foo" can be followed by "foo.bar" and only later by the tree "foo/": remember it.
        if (c1 == 0 && c2 < '/') {
            candidates.push(name1);
        } else if (c2 == '/' && c1 < '/') {
            while (!candidates.isEmpty()) {
                byte[] file = candidates.pop();
                if (!startsWith(name2, file)) {
                    continue;
                }
                if (name2.length == file.length) {
                    return DUPLICATE;
                }
                if ((name2[file.length] & 0xff) < '/') {
                    candidates.push(file);
                    break;
                }
            }
        }
        return c1 < c2 ? 0 : UNORDERED;
    }

    private static boolean startsWith(byte[] name, byte[] prefix) {
        return name.length >= prefix.length && java.util.Arrays.equals(name, 0, prefix.length, prefix, 0, prefix.length);
    }

    // ---- commits and tags ----------------------------------------------------------------------

    /** git's verify_headers: no NUL before the blank line, and the last header line ends. */
    private static boolean headersOk(byte[] b, int length, Findings f) {
        for (int i = 0; i < length; i++) {
            if (b[i] == 0) {
                return !f.report(FsckMessage.NUL_IN_HEADER, "unterminated header: NUL at offset " + i);
            }
            if (b[i] == '\n' && i + 1 < length && b[i + 1] == '\n') {
                return true;
            }
        }
        if (length > 0 && b[length - 1] == '\n') {
            return true;
        }
        return !f.report(FsckMessage.UNTERMINATED_HEADER, "unterminated header");
    }

    /** The end of a hex id at pos if one is there followed by '\n', else -1. */
    private int idLine(byte[] b, int pos, int length) {
        int hex = format.hexLength();
        if (length - pos < hex + 1) {
            return -1;
        }
        for (int i = pos; i < pos + hex; i++) {
            int c = b[i];
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return -1;
            }
        }
        return b[pos + hex] == '\n' ? pos + hex : -1;
    }

    private static int lineEnd(byte[] b, int pos, int length) {
        for (int i = pos; i < length; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void checkCommit(byte[] b, int length, Findings f) {
        if (!headersOk(b, length, f)) {
            return;
        }
        int pos = 0;
        if (!GitObjectParse.startsWith(b, pos, length, "tree ")) {
            f.report(FsckMessage.MISSING_TREE, "invalid format - expected 'tree' line");
            return;
        }
        pos += 5;
        int end = idLine(b, pos, length);
        if (end < 0) {
            if (f.report(FsckMessage.BAD_TREE_SHA1, "invalid 'tree' line format - bad sha1")) {
                return;
            }
            end = lineEnd(b, pos, length);
        }
        pos = end + 1;
        while (GitObjectParse.startsWith(b, pos, length, "parent ")) {
            pos += 7;
            end = idLine(b, pos, length);
            if (end < 0) {
                if (f.report(FsckMessage.BAD_PARENT_SHA1, "invalid 'parent' line format - bad sha1")) {
                    return;
                }
                end = lineEnd(b, pos, length);
            }
            pos = end + 1;
        }
        int authors = 0;
        while (GitObjectParse.startsWith(b, pos, length, "author ")) {
            authors++;
            int[] cursor = {pos + 7};
            if (ident(b, cursor, length, f)) {
                return;
            }
            pos = cursor[0];
        }
        if (authors < 1 && f.report(FsckMessage.MISSING_AUTHOR, "invalid format - expected 'author' line")) {
            return;
        }
        if (authors > 1 && f.report(FsckMessage.MULTIPLE_AUTHORS, "invalid format - multiple 'author' lines")) {
            return;
        }
        if (!GitObjectParse.startsWith(b, pos, length, "committer ")) {
            f.report(FsckMessage.MISSING_COMMITTER, "invalid format - expected 'committer' line");
            return;
        }
        int[] cursor = {pos + 10};
        if (ident(b, cursor, length, f)) {
            return;
        }
        for (int i = 0; i < length; i++) {
            if (b[i] == 0) {
                f.report(FsckMessage.NUL_IN_COMMIT, "NUL byte in the commit object body");
                return;
            }
        }
    }

    private void checkTag(byte[] b, int length, Findings f) {
        if (!headersOk(b, length, f)) {
            return;
        }
        int pos = 0;
        if (!GitObjectParse.startsWith(b, pos, length, "object ")) {
            f.report(FsckMessage.MISSING_OBJECT, "invalid format - expected 'object' line");
            return;
        }
        pos += 7;
        int end = idLine(b, pos, length);
        if (end < 0) {
            if (f.report(FsckMessage.BAD_OBJECT_SHA1, "invalid 'object' line format - bad sha1")) {
                return;
            }
            end = lineEnd(b, pos, length);
        }
        pos = end + 1;
        if (!GitObjectParse.startsWith(b, pos, length, "type ")) {
            f.report(FsckMessage.MISSING_TYPE_ENTRY, "invalid format - expected 'type' line");
            return;
        }
        pos += 5;
        end = lineEnd(b, pos, length);
        if (end < 0) {
            f.report(FsckMessage.MISSING_TYPE, "invalid format - unexpected end after 'type' line");
            return;
        }
        String type = new String(b, pos, end - pos, StandardCharsets.UTF_8);
        if (!List.of("commit", "tree", "blob", "tag").contains(type)
                && f.report(FsckMessage.BAD_TYPE, "invalid 'type' value")) {
            return;
        }
        pos = end + 1;
        if (!GitObjectParse.startsWith(b, pos, length, "tag ")) {
            f.report(FsckMessage.MISSING_TAG_ENTRY, "invalid format - expected 'tag' line");
            return;
        }
        pos += 4;
        end = lineEnd(b, pos, length);
        if (end < 0) {
            f.report(FsckMessage.MISSING_TAG, "invalid format - unexpected end after 'type' line");
            return;
        }
        String name = new String(b, pos, end - pos, StandardCharsets.UTF_8);
        if (!RefNames.isValid("refs/tags/" + name) && f.report(FsckMessage.BAD_TAG_NAME, "invalid 'tag' name: " + name)) {
            return;
        }
        pos = end + 1;
        if (!GitObjectParse.startsWith(b, pos, length, "tagger ")) {
            f.report(FsckMessage.MISSING_TAGGER_ENTRY, "invalid format - expected 'tagger' line");
            return;
        }
        ident(b, new int[] {pos + 7}, length, f);
    }

    /**
     * git's fsck_ident on the ident starting at cursor[0] (after "author "), moving the cursor past
     * its line; true when an error was reported (the caller stops).
     */
    private static boolean ident(byte[] b, int[] cursor, int length, Findings f) {
        int p = cursor[0];
        int nl = lineEnd(b, p, length);
        cursor[0] = nl + 1;   // headersOk guarantees a newline
        String bad = "invalid author/committer line - ";
        if (b[p] == '<') {
            return f.report(FsckMessage.MISSING_NAME_BEFORE_EMAIL, bad + "missing space before email");
        }
        while (true) {
            if (p >= length || b[p] == '\n') {
                return f.report(FsckMessage.MISSING_EMAIL, bad + "missing email");
            }
            if (b[p] == '>') {
                return f.report(FsckMessage.BAD_NAME, bad + "bad name");
            }
            if (b[p] == '<') {
                break;
            }
            p++;
        }
        if (b[p - 1] != ' ') {
            return f.report(FsckMessage.MISSING_SPACE_BEFORE_EMAIL, bad + "missing space before email");
        }
        p++;
        while (true) {
            if (p >= length || b[p] == '<' || b[p] == '\n') {
                return f.report(FsckMessage.BAD_EMAIL, bad + "bad email");
            }
            if (b[p] == '>') {
                break;
            }
            p++;
        }
        p++;
        if (p >= length || b[p] != ' ') {
            return f.report(FsckMessage.MISSING_SPACE_BEFORE_DATE, bad + "missing space before date");
        }
        p++;
        while (p < length && (b[p] == ' ' || b[p] == '\t')) {
            p++;
        }
        if (p >= length || !Character.isDigit(b[p])) {
            return f.report(FsckMessage.BAD_DATE, bad + "bad date");
        }
        if (b[p] == '0' && p + 1 < length && b[p + 1] != ' ') {
            return f.report(FsckMessage.ZERO_PADDED_DATE, bad + "zero-padded date");
        }
        int digits = p;
        while (p < length && b[p] >= '0' && b[p] <= '9') {
            p++;
        }
        // git's date_overflows: a time that does not fit a signed 64-bit time_t.
        String date = new String(b, digits, p - digits, StandardCharsets.US_ASCII);
        if (date.length() > 19 || (date.length() == 19 && date.compareTo("9223372036854775807") > 0)) {
            return f.report(FsckMessage.BAD_DATE_OVERFLOW, bad + "date causes integer overflow");
        }
        if (p >= length || b[p] != ' ') {
            return f.report(FsckMessage.BAD_DATE, bad + "bad date");
        }
        p++;
        if (length - p < 6 || (b[p] != '+' && b[p] != '-') || !isDigit(b[p + 1]) || !isDigit(b[p + 2])
                || !isDigit(b[p + 3]) || !isDigit(b[p + 4]) || b[p + 5] != '\n') {
            return f.report(FsckMessage.BAD_TIMEZONE, bad + "bad time zone");
        }
        return false;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }
}
