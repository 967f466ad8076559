package dev.panagit.objects;

import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.TreeEntry;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Formatting tree objects in git's entry order. */
public final class Trees {
    /** The mode of a subdirectory. */
    public static final int MODE_TREE = 0040000;
    /** The mode of a regular file. */
    public static final int MODE_FILE = 0100644;
    /** The mode of an executable file. */
    public static final int MODE_EXECUTABLE = 0100755;
    /** The mode of a symbolic link. */
    public static final int MODE_SYMLINK = 0120000;
    /** The mode of a submodule's commit. */
    public static final int MODE_GITLINK = 0160000;

    /** git's order: by name bytes, a tree's name compared as if it ended with '/'. */
    public static final Comparator<TreeEntry> GIT_ORDER = (a, b) -> compare(sortKey(a), sortKey(b));

    private Trees() {
    }

    private static byte[] sortKey(TreeEntry e) {
        String name = e.mode() == MODE_TREE ? e.name() + "/" : e.name();
        return name.getBytes(StandardCharsets.UTF_8);
    }

    static int compare(byte[] a, byte[] b) {
        return java.util.Arrays.compareUnsigned(a, b);
    }

    /** The content of a tree holding {@code entries} (sorted here). */
    public static byte[] format(ObjectFormat format, List<TreeEntry> entries) {
        List<TreeEntry> sorted = new ArrayList<>(entries);
        sorted.sort(GIT_ORDER);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] raw = new byte[format.rawLength()];
        for (TreeEntry entry : sorted) {
            out.writeBytes(Integer.toOctalString(entry.mode()).getBytes(StandardCharsets.US_ASCII));
            out.write(' ');
            out.writeBytes(entry.name().getBytes(StandardCharsets.UTF_8));
            out.write(0);
            entry.id().copyRawTo(raw, 0);
            out.writeBytes(raw);
        }
        return out.toByteArray();
    }
}
