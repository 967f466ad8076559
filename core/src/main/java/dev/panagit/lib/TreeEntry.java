package dev.panagit.lib;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of a tree object: {@code <octal mode> SP <name> NUL <raw id>}.
 *
 * @param mode the file mode, e.g. {@code 100644}, {@code 100755}, {@code 120000}, {@code 40000}
 */
public record TreeEntry(int mode, String name, ObjectId id) {
    /** The type of object the mode points to. */
    public ObjectType type() {
        return switch (mode & 0170000) {
            case 0040000 -> ObjectType.TREE;
            case 0160000 -> ObjectType.COMMIT;   // a submodule's commit
            default -> ObjectType.BLOB;
        };
    }

    /**
     * The mode git works with, whatever the tree spells (git's {@code canon_mode}): a regular
     * file is 100644 or 100755 by its owner's execute bit (100664 and 104755 become 100644 and
     * 100755), any directory mode is 40000, any symlink 120000, and anything else a submodule
     * (160000). {@code git fsck} reports the spelling ({@code badFilemode}); commands use this.
     */
    public static int canonicalMode(int mode) {
        return switch (mode & 0170000) {
            case 0100000 -> (mode & 0100) != 0 ? 0100755 : 0100644;
            case 0120000 -> 0120000;
            case 0040000 -> 0040000;
            default -> 0160000;
        };
    }

    /** This entry with its mode made canonical ({@link #canonicalMode}). */
    public TreeEntry canonical() {
        int canonical = canonicalMode(mode);
        return canonical == mode ? this : new TreeEntry(canonical, name, id);
    }

    /** The mode as {@code git cat-file -p} shows it: six octal digits. */
    public String paddedMode() {
        char[] digits = new char[6];
        for (int i = 5, m = mode; i >= 0; i--, m >>>= 3) {
            digits[i] = (char) ('0' + (m & 7));
        }
        return new String(digits);
    }

    /** Parses a tree's content; throws naming the offset of the first malformed byte. */
    public static List<TreeEntry> parse(ObjectFormat format, byte[] content) throws CorruptObjectException {
        List<TreeEntry> entries = new ArrayList<>();
        int pos = 0;
        while (pos < content.length) {
            int start = pos;
            int mode = 0;
            while (pos < content.length && content[pos] != ' ') {
                int d = content[pos] - '0';
                if (d < 0 || d > 7 || pos - start >= 7) {
                    throw malformed("bad mode at offset " + start);
                }
                mode = mode * 8 + d;
                pos++;
            }
            if (pos == start || pos >= content.length) {
                throw malformed("bad mode at offset " + start);
            }
            int nameStart = ++pos;
            while (pos < content.length && content[pos] != 0) {
                pos++;
            }
            if (pos == nameStart || pos >= content.length) {
                throw malformed("bad name at offset " + nameStart);
            }
            String name = new String(content, nameStart, pos - nameStart, StandardCharsets.UTF_8);
            pos++;
            if (content.length - pos < format.rawLength()) {
                throw malformed("truncated id at offset " + pos);
            }
            entries.add(new TreeEntry(mode, name, ObjectId.fromRaw(format, content, pos)));
            pos += format.rawLength();
        }
        return entries;
    }

    private static CorruptObjectException malformed(String detail) {
        return new CorruptObjectException(Corruption.BAD_CONTENT, "malformed tree: " + detail);
    }
}
