package dev.panagit.merge;

import dev.panagit.diff.MyersDiff;
import dev.panagit.diff.PatchWriter;
import dev.panagit.diff.PatchWriter.Side;
import dev.panagit.diff.Snapshots;
import dev.panagit.diff.TextMerge;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.repo.Repository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A three-way merge of trees, path by path, as git's ort strategy decides when no path was
 * renamed: a path changed on one side takes that side; changed the same way on both, either;
 * changed differently, its contents are merged line by line (git's histogram diff and zealous
 * merge; modes merged too) and a conflict keeps the three versions as index stages 1-3 and the
 * merged text with markers in the work tree; modify/delete keeps the modified version; binary
 * files and symlinks that differ keep ours. Messages are git's, in path order.
 */
public final class TreeMerge {
    /** A conflicted path: its stages (absent sides have mode 0) and what the work tree gets. */
    public record Conflict(Side base, Side ours, Side theirs, Side workTree) {
    }

    /** The merged tree's files, the conflicts, and git's messages (Auto-merging, CONFLICT, warnings). */
    public record Result(Map<String, Side> merged, Map<String, Conflict> conflicts, List<String> messages) {
        public boolean clean() {
            return conflicts.isEmpty();
        }
    }

    /** The merge's labels: conflict markers say "HEAD" and the branch merged, as git's do. */
    public record Labels(String ours, String theirs, String base) {
    }

    /** git's merges diff with histogram and without the indent heuristic. */
    public static final MyersDiff.Options MERGE_DIFF = new MyersDiff.Options(MyersDiff.Algorithm.HISTOGRAM,
            MyersDiff.Whitespace.NONE, false);

    private final Repository repo;
    private final TextMerge.Style style;

    public TreeMerge(Repository repo, TextMerge.Style style) {
        this.repo = repo;
        this.style = style;
    }

    /** Merges {@code ours} and {@code theirs} (trees, or null for none) against {@code base}. */
    public Result merge(ObjectId base, ObjectId ours, ObjectId theirs, Labels labels) throws IOException {
        Map<String, Side> b = Snapshots.ofTree(repo, base);
        Map<String, Side> o = Snapshots.ofTree(repo, ours);
        Map<String, Side> t = Snapshots.ofTree(repo, theirs);
        TreeSet<String> paths = new TreeSet<>(Snapshots::compareBytes);
        paths.addAll(b.keySet());
        paths.addAll(o.keySet());
        paths.addAll(t.keySet());
        refuseDirectoryFileClashes(o, t);
        Map<String, Side> merged = new TreeMap<>(Snapshots::compareBytes);
        Map<String, Conflict> conflicts = new TreeMap<>(Snapshots::compareBytes);
        List<String> messages = new ArrayList<>();
        for (String path : paths) {
            Side sb = b.getOrDefault(path, Side.ABSENT);
            Side so = o.getOrDefault(path, Side.ABSENT);
            Side st = t.getOrDefault(path, Side.ABSENT);
            if (so.equals(st)) {
                put(merged, path, so);
            } else if (sb.equals(so)) {
                put(merged, path, st);
            } else if (sb.equals(st)) {
                put(merged, path, so);
            } else if (!so.present() || !st.present()) {
                // modify/delete: the modified version stays in the tree
                boolean oursKept = so.present();
                String modified = oursKept ? labels.ours() : labels.theirs();
                String deleted = oursKept ? labels.theirs() : labels.ours();
                messages.add("CONFLICT (modify/delete): " + path + " deleted in " + deleted + " and modified in "
                        + modified + ".  Version " + modified + " of " + path + " left in tree.");
                conflicts.put(path, new Conflict(sb, so, st, oursKept ? so : st));
            } else if ((so.mode() & 0170000) != (st.mode() & 0170000)) {
                throw new IOException("merging " + path + ": a file on one side and a symlink or submodule on the other"
                        + " (git's distinct-types handling) is not built yet");
            } else {
                contentMerge(path, sb, so, st, labels, merged, conflicts, messages);
            }
        }
        return new Result(merged, conflicts, messages);
    }

    private static void put(Map<String, Side> merged, String path, Side side) {
        if (side.present()) {
            merged.put(path, side);
        }
    }

    /** handle_content_merge: modes, then the trivial cases, then a line merge of regular files. */
    private void contentMerge(String path, Side base, Side ours, Side theirs, Labels labels, Map<String, Side> merged,
            Map<String, Conflict> conflicts, List<String> messages) throws IOException {
        boolean clean = true;
        int mode;
        if (ours.mode() == theirs.mode() || ours.mode() == base.mode()) {
            mode = theirs.mode();
        } else {
            mode = ours.mode();
            clean = theirs.mode() == base.mode();
        }
        ObjectId id;
        if (Objects.equals(ours.id(), theirs.id()) || Objects.equals(ours.id(), base.id())) {
            id = theirs.id();
        } else if (Objects.equals(theirs.id(), base.id())) {
            id = ours.id();
        } else if ((ours.mode() & 0170000) == 0100000) {
            boolean twoWay = (base.mode() & 0170000) != (ours.mode() & 0170000);
            byte[] o = repo.objects().open(ours.id()).bytes();
            byte[] t = repo.objects().open(theirs.id()).bytes();
            byte[] b = twoWay ? new byte[0] : repo.objects().open(base.id()).bytes();
            byte[] result;
            if (PatchWriter.binary(o) || PatchWriter.binary(t) || PatchWriter.binary(b)) {
                messages.add("warning: Cannot merge binary files: " + path + " (" + labels.ours() + " vs. "
                        + labels.theirs() + ")");
                result = o;
                clean = false;
            } else {
                TextMerge.Result text = TextMerge.merge(b, o, t,
                        new TextMerge.Labels(labels.ours(), labels.theirs(), labels.base()), style, MERGE_DIFF,
                        TextMerge.DEFAULT_MARKER_SIZE);
                result = text.content();
                clean &= text.conflicts() == 0;
            }
            id = repo.objects().insert(ObjectType.BLOB, result);
            messages.add("Auto-merging " + path);
        } else {
            // symlinks (and submodules) that both sides changed: ours stays, a conflict
            id = ours.id();
            clean = false;
        }
        Side result = new Side(mode, id);
        if (clean) {
            merged.put(path, result);
            return;
        }
        String reason = base.present() ? "content" : "add/add";
        if ((mode & 0170000) == 0160000) {
            reason = "submodule";
        }
        messages.add("CONFLICT (" + reason + "): Merge conflict in " + path);
        conflicts.put(path, new Conflict(base, ours, theirs, result));
    }

    /** A path that is a file on one side and a directory on the other needs ort's renaming: not built yet. */
    private static void refuseDirectoryFileClashes(Map<String, Side> ours, Map<String, Side> theirs) throws IOException {
        clashes(ours, theirs);
        clashes(theirs, ours);
    }

    private static void clashes(Map<String, Side> files, Map<String, Side> other) throws IOException {
        TreeSet<String> others = new TreeSet<>(other.keySet());
        for (String path : files.keySet()) {
            String prefix = path + "/";
            String next = others.ceiling(prefix);
            if (next != null && next.startsWith(prefix)) {
                throw new IOException("merging " + path + ": a file on one side and a directory on the other"
                        + " (git's file/directory handling) is not built yet");
            }
        }
    }
}
