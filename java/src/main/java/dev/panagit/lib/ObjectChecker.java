package dev.panagit.lib;

import java.nio.charset.StandardCharsets;

/**
 * The format checks git applies before creating a tree, commit or tag ({@code hash-object}
 * without {@code --literally}): enough structure that the object can be read back as its type.
 */
public final class ObjectChecker {
    private ObjectChecker() {
    }

    /** Throws {@link CorruptObjectException} ({@link Corruption#BAD_CONTENT}) naming the problem. */
    public static void check(ObjectFormat format, ObjectType type, byte[] content) throws CorruptObjectException {
        switch (type) {
            case BLOB -> {
            }
            case TREE -> TreeEntry.parse(format, content);
            case COMMIT -> checkCommit(format, new String(content, StandardCharsets.UTF_8));
            case TAG -> checkTag(format, new String(content, StandardCharsets.UTF_8));
        }
    }

    private static void checkCommit(ObjectFormat format, String text) throws CorruptObjectException {
        int pos = expectIdLine(format, text, 0, "tree", "missingTree");
        while (text.startsWith("parent ", pos)) {
            pos = expectIdLine(format, text, pos, "parent", "badParentSha1");
        }
        pos = expectLine(text, pos, "author", "missingAuthor");
        expectLine(text, pos, "committer", "missingCommitter");
    }

    private static void checkTag(ObjectFormat format, String text) throws CorruptObjectException {
        int pos = expectIdLine(format, text, 0, "object", "missingObject");
        int end = text.indexOf('\n', pos);
        if (!text.startsWith("type ", pos) || end < 0) {
            throw bad("missingTypeEntry", "expected 'type' line");
        }
        try {
            ObjectType.fromGitName(text.substring(pos + 5, end));
        } catch (IllegalArgumentException e) {
            throw bad("badType", "invalid 'type' value");
        }
        expectLine(text, end + 1, "tag", "missingTagEntry");
    }

    private static int expectIdLine(ObjectFormat format, String text, int pos, String key, String code)
            throws CorruptObjectException {
        int end = text.indexOf('\n', pos);
        String prefix = key + " ";
        if (!text.startsWith(prefix, pos) || end < 0
                || !ObjectId.isHex(text.substring(pos + prefix.length(), end), format.hexLength())) {
            throw bad(code, "expected '" + key + " <id>' line at offset " + pos);
        }
        return end + 1;
    }

    private static int expectLine(String text, int pos, String key, String code) throws CorruptObjectException {
        int end = text.indexOf('\n', pos);
        if (!text.startsWith(key + " ", pos) || end < 0) {
            throw bad(code, "expected '" + key + "' line at offset " + pos);
        }
        return end + 1;
    }

    private static CorruptObjectException bad(String code, String detail) {
        return new CorruptObjectException(Corruption.BAD_CONTENT, code + ": " + detail);
    }
}
