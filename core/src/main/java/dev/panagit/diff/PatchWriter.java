package dev.panagit.diff;

import dev.panagit.lib.ObjectId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * git's patch output for a list of file changes ({@code diff --git} blocks): new, deleted and
 * mode-changed files in git's words, {@code index} lines with abbreviated ids, {@code ---} and
 * {@code +++} names ({@code /dev/null} for a missing side), binary files named instead of shown,
 * a change of kind (file to symlink, say) as a deletion then an addition, submodules as their
 * {@code Subproject commit} lines, and the hunks of {@link UnifiedDiff}.
 */
public final class PatchWriter {
    private static final int FIRST_FEW_BYTES = 8000;

    /** One side of a file: its mode (0: absent) and id; the content comes from a {@link Contents}. */
    public record Side(int mode, ObjectId id) {
        public static final Side ABSENT = new Side(0, null);

        /** Whether the path exists on this side. */
        public boolean present() {
            return mode != 0;
        }

        // written out: a record's generated equals binds method handles on first use (~10 ms of a short command)
        @Override
        public boolean equals(Object other) {
            return other instanceof Side side && side.mode == mode && java.util.Objects.equals(side.id, id);
        }

        @Override
        public int hashCode() {
            return 31 * mode + java.util.Objects.hashCode(id);
        }
    }

    /**
     * A path whose two sides differ; {@code oldPath} is where the old side was when it was
     * elsewhere (two files compared with --no-index, and renames), else the same as {@code path}.
     */
    public record Change(String oldPath, String path, Side before, Side after, int score) {
        /** A change to a path that stayed where it was. */
        public Change(String path, Side before, Side after) {
            this(path, path, before, after, 0);
        }

        /** A change from {@code oldPath} to {@code path}, without a similarity score. */
        public Change(String oldPath, String path, Side before, Side after) {
            this(oldPath, path, before, after, 0);
        }

        /** A rename found by {@link Renames} (the two paths differ). */
        public boolean renamed() {
            return !oldPath.equals(path);
        }

        /** git's similarity index: the score as a whole percentage. */
        public int similarity() {
            return (int) ((long) score * 100 / Renames.MAX_SCORE);
        }
    }

    /** Where contents and abbreviations come from. */
    public interface Contents {
        /** The bytes of one side of a path (a blob, a work tree file, a symlink's target). */
        byte[] load(String path, Side side, boolean after) throws IOException;

        /** The id abbreviated as git abbreviates it here. */
        String abbreviate(ObjectId id) throws IOException;

        /** Quotes a path as git prints it ({@code core.quotePath}). */
        String quote(String path);
    }

    private final Contents contents;
    private final int context;
    private final MyersDiff.Options options;
    private final Palette palette;

    /** Patches of contents from {@code contents}, {@code context} lines around changes, git's default diff options, no colour. */
    public PatchWriter(Contents contents, int context) {
        this(contents, context, MyersDiff.Options.GIT_DEFAULT, Palette.OFF);
    }

    /** Patches with the given diff options and colours. */
    public PatchWriter(Contents contents, int context, MyersDiff.Options options, Palette palette) {
        this.contents = contents;
        this.context = context;
        this.options = options;
        this.palette = palette;
    }

    /** Writes the patch of every change, in order. */
    public void write(List<Change> changes, ByteArrayOutputStream out) throws IOException {
        for (Change change : changes) {
            Side before = change.before();
            Side after = change.after();
            if (before.present() && after.present() && (before.mode() & 0170000) != (after.mode() & 0170000)) {
                // A change of kind: git shows the old one going and the new one coming.
                block(null, change.oldPath(), change.oldPath(), before, Side.ABSENT, out);
                block(null, change.path(), change.path(), Side.ABSENT, after, out);
            } else {
                block(change, change.oldPath(), change.path(), before, after, out);
            }
        }
    }

    private void block(Change rename, String oldPath, String path, Side before, Side after, ByteArrayOutputStream into)
            throws IOException {
        // git writes a content change's header only with its first hunk, so that with -w a change
        // of whitespace alone shows nothing; new, deleted, mode-changed and renamed files always show.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean mustShow = !before.present() || !after.present() || before.mode() != after.mode()
                || rename != null && rename.renamed();
        String a = contents.quote("a/" + oldPath);
        String b = contents.quote("b/" + path);
        meta(out, "diff --git " + a + " " + b);
        boolean sameContent = before.present() && after.present() && before.id().equals(after.id());
        if (!before.present()) {
            meta(out, "new file mode " + mode(after.mode()));
        } else if (!after.present()) {
            meta(out, "deleted file mode " + mode(before.mode()));
        } else if (before.mode() != after.mode()) {
            meta(out, "old mode " + mode(before.mode()));
            meta(out, "new mode " + mode(after.mode()));
        }
        if (rename != null && rename.renamed() && rename.score() > 0) {
            meta(out, "similarity index " + rename.similarity() + "%");
            meta(out, "rename from " + contents.quote(oldPath));
            meta(out, "rename to " + contents.quote(path));
        }
        if (sameContent) {
            into.writeBytes(out.toByteArray());   // a mode change alone
            return;
        }
        String oldAbbrev = before.present() ? contents.abbreviate(before.id()) : null;
        String newAbbrev = after.present() ? contents.abbreviate(after.id()) : null;
        if (oldAbbrev == null) {
            oldAbbrev = "0".repeat(newAbbrev.length());
        }
        if (newAbbrev == null) {
            newAbbrev = "0".repeat(oldAbbrev.length());
        }
        boolean sameMode = before.present() && after.present() && before.mode() == after.mode();
        meta(out, "index " + oldAbbrev + ".." + newAbbrev + (sameMode ? " " + mode(after.mode()) : ""));
        byte[] left = before.present() ? content(oldPath, before, false) : new byte[0];
        byte[] right = after.present() ? content(path, after, true) : new byte[0];
        String oldName = before.present() ? a : "/dev/null";
        String newName = after.present() ? b : "/dev/null";
        if (binary(left) || binary(right)) {
            line(out, "Binary files " + oldName + " and " + newName + " differ");
            into.writeBytes(out.toByteArray());
            return;
        }
        if (Arrays.equals(left, right)) {
            into.writeBytes(out.toByteArray());   // an empty file added or deleted: no hunks, no names
            return;
        }
        meta(out, fileLine("---", oldName));
        meta(out, fileLine("+++", newName));
        byte[] hunks = UnifiedDiff.hunks(left, right, context, options, palette);
        if (hunks.length > 0 || mustShow) {
            into.writeBytes(out.toByteArray());
            into.writeBytes(hunks);
        }
    }

    /**
     * Whether a change shows in a patch, stat or exit code: always, unless whitespace is being
     * ignored and its content differs in ignored whitespace only (git's "diff from contents").
     */
    public static boolean shows(Change change, Contents contents, MyersDiff.Options options) throws IOException {
        if (options.whitespace() == MyersDiff.Whitespace.NONE || !change.before().present() || !change.after().present()
                || change.before().mode() != change.after().mode() || change.renamed()) {
            return true;
        }
        LineCounts counts = count(change, contents, options);
        return counts == null || counts.added() + counts.deleted() > 0;
    }

    /** Lines added and deleted by a change. */
    public record LineCounts(long added, long deleted) {
    }

    /** The lines a change adds and deletes, as git counts them for --numstat; null for binary files. */
    public static LineCounts count(Change change, Contents contents) throws IOException {
        return count(change, contents, MyersDiff.Options.GIT_DEFAULT);
    }

    /** The same, with the given algorithm and whitespace rules. */
    public static LineCounts count(Change change, Contents contents, MyersDiff.Options options) throws IOException {
        PatchWriter counter = new PatchWriter(contents, 0);
        byte[] left = change.before().present() ? counter.content(change.oldPath(), change.before(), false) : new byte[0];
        byte[] right = change.after().present() ? counter.content(change.path(), change.after(), true) : new byte[0];
        if (binary(left) || binary(right)) {
            return null;
        }
        long added = 0;
        long deleted = 0;
        for (MyersDiff.Edit edit : MyersDiff.edits(left, right, options)) {
            added += edit.count2();
            deleted += edit.count1();
        }
        return new LineCounts(added, deleted);
    }

    /** The bytes of one side of a change. */
    static byte[] load(Change change, boolean after, Contents contents) throws IOException {
        return new PatchWriter(contents, 0).content(after ? change.path() : change.oldPath(),
                after ? change.after() : change.before(), after);
    }

    /** The size in bytes of one side of a change (what --stat shows for binary files). */
    static long size(Change change, boolean after, Contents contents) throws IOException {
        return new PatchWriter(contents, 0).content(after ? change.path() : change.oldPath(),
                after ? change.after() : change.before(), after).length;
    }

    private byte[] content(String path, Side side, boolean after) throws IOException {
        if ((side.mode() & 0170000) == 0160000) {
            return ("Subproject commit " + side.id().name() + "\n").getBytes(StandardCharsets.US_ASCII);
        }
        return contents.load(path, side, after);
    }

    /** A {@code ---} or {@code +++} line; git ends it with a tab when the name holds a space (for patch tools). */
    public static String fileLine(String marker, String label) {
        return marker + " " + label + (label.indexOf(' ') >= 0 ? "\t" : "");
    }

    private static String mode(int mode) {
        return Integer.toOctalString(mode);
    }

    /** git's buffer_is_binary: a NUL in the first 8000 bytes. */
    public static boolean binary(byte[] content) {
        for (int i = 0, n = Math.min(content.length, FIRST_FEW_BYTES); i < n; i++) {
            if (content[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** A header line, in git's meta colour (bold) when colours are on. */
    private void meta(ByteArrayOutputStream out, String text) {
        line(out, palette.paint(palette.meta(), text));
    }

    private static void line(ByteArrayOutputStream out, String text) {
        out.writeBytes((text + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
