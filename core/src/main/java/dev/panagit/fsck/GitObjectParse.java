package dev.panagit.fsck;

import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What git's object parser ({@code parse_commit_buffer}, {@code parse_tag_buffer}) makes of a
 * commit or tag before fsck's rules see it: the objects it names, or, when git cannot parse it,
 * the lines git prints. git runs its fsck rules only on objects it could parse, so fsck here does
 * the same, and reports the same way.
 */
final class GitObjectParse {
    /** The named objects and their types, or the error lines (empty: parsed). */
    record Result(List<ObjectId> ids, List<ObjectType> types, List<String> errors, boolean parsed) {
    }

    private GitObjectParse() {
    }

    private static Result failed(String... lines) {
        return new Result(List.of(), List.of(), List.of(lines), false);
    }

    /** The hex id at b[pos..] followed by '\n', or null. */
    private static ObjectId idAt(ObjectFormat format, byte[] b, int pos, int length) {
        int hex = format.hexLength();
        if (length - pos < hex + 1 || b[pos + hex] != '\n') {
            return null;
        }
        String text = new String(b, pos, hex, StandardCharsets.US_ASCII);
        return ObjectId.isHex(text, hex) ? ObjectId.fromHex(format, text.toLowerCase(java.util.Locale.ROOT)) : null;
    }

    /** Whether b[pos..length) starts with {@code prefix} (ASCII). */
    static boolean startsWith(byte[] b, int pos, int length, String prefix) {
        if (length - pos < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (b[pos + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    static Result commit(ObjectFormat format, ObjectId id, byte[] b, int length) {
        int hex = format.hexLength();
        if (!startsWith(b, 0, length, "tree ")) {
            return failed("bogus commit object " + id.name());
        }
        ObjectId tree = idAt(format, b, 5, length);
        if (tree == null) {
            return failed("bogus commit object " + id.name());
        }
        List<ObjectId> ids = new ArrayList<>(List.of(tree));
        List<ObjectType> types = new ArrayList<>(List.of(ObjectType.TREE));
        int pos = 5 + hex + 1;
        while (startsWith(b, pos, length, "parent ")) {
            ObjectId parent = idAt(format, b, pos + 7, length);
            if (parent == null) {
                return failed("bad parents in commit " + id.name());
            }
            ids.add(parent);
            types.add(ObjectType.COMMIT);
            pos += 7 + hex + 1;
        }
        return new Result(ids, types, List.of(), true);
    }

    static Result tag(ObjectFormat format, ObjectId id, byte[] b, int length) {
        int hex = format.hexLength();
        if (length < hex + 24 || !startsWith(b, 0, length, "object ")) {
            return failed();
        }
        ObjectId object = idAt(format, b, 7, length);
        if (object == null) {
            return failed();
        }
        int pos = 7 + hex + 1;
        if (!startsWith(b, pos, length, "type ")) {
            return failed();
        }
        pos += 5;
        int nl = pos;
        while (nl < length && b[nl] != '\n') {
            nl++;
        }
        if (nl >= length || nl - pos >= 20) {
            return failed();
        }
        String typeName = new String(b, pos, nl - pos, StandardCharsets.UTF_8);
        ObjectType type;
        try {
            type = ObjectType.fromGitName(typeName);
        } catch (IllegalArgumentException e) {
            return failed("unknown tag type '" + typeName + "' in " + id.name());
        }
        pos = nl + 1;
        if (!(pos + 4 < length && startsWith(b, pos, length, "tag "))) {
            return failed();
        }
        return new Result(List.of(object), List.of(type), List.of(), true);
    }
}
