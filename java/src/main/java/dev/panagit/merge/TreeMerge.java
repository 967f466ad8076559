package dev.panagit.merge;

import dev.panagit.diff.MyersDiff;
import dev.panagit.diff.PatchWriter;
import dev.panagit.diff.PatchWriter.Side;
import dev.panagit.diff.Renames;
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
 * A three-way merge of trees, path by path, as git's ort strategy decides, following a file
 * renamed on one side to its new name: a path changed on one side takes that side; changed the same way on both, either;
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

    /** Blobs for rename detection. */
    private final PatchWriter.Contents blobs;

    public TreeMerge(Repository repo, TextMerge.Style style) {
        this.repo = repo;
        this.style = style;
        this.blobs = new PatchWriter.Contents() {
            @Override
            public byte[] load(String path, Side side, boolean after) throws IOException {
                return repo.objects().open(side.id()).bytes();
            }

            @Override
            public String abbreviate(ObjectId id) throws IOException {
                return repo.objects().abbreviate(id);
            }

            @Override
            public String quote(String path) {
                return path;
            }
        };
    }

    /** Merges {@code ours} and {@code theirs} (trees, or null for none) against {@code base}. */
    public Result merge(ObjectId base, ObjectId ours, ObjectId theirs, Labels labels) throws IOException {
        Map<String, Side> b = Snapshots.ofTree(repo, base);
        Map<String, Side> o = Snapshots.ofTree(repo, ours);
        Map<String, Side> t = Snapshots.ofTree(repo, theirs);
        Map<String, Side> merged = new TreeMap<>(Snapshots::compareBytes);
        Map<String, Conflict> conflicts = new TreeMap<>(Snapshots::compareBytes);
        // git prints a merge's messages path by path, in path order
        Map<String, List<String>> byPath = new TreeMap<>(Snapshots::compareBytes);
        java.util.function.BiConsumer<String, String> message = (where, text) ->
                byPath.computeIfAbsent(where, k -> new ArrayList<>()).add(text);
        // renames on either side (git's diffcore-rename against the base): the renamed path is
        // merged at its new name with the base's and the other side's versions of the old one
        Map<String, String[]> renamed = renames(b, o, t);
        TreeSet<String> paths = new TreeSet<>(Snapshots::compareBytes);
        paths.addAll(b.keySet());
        paths.addAll(o.keySet());
        paths.addAll(t.keySet());
        for (String[] r : renamed.values()) {
            paths.remove(r[0]);   // the old name is gone on the renaming side and merged at the new one
        }
        for (String[] r : renamedApart(b, o, t)) {
            // rename/rename (1to2): the contents merged once, the result under both new names, the base under the old
            String old = r[0];
            paths.remove(old);
            paths.remove(r[1]);
            paths.remove(r[2]);
            Map<String, Side> one = new TreeMap<>(Snapshots::compareBytes);
            Map<String, Conflict> none = new TreeMap<>(Snapshots::compareBytes);
            List<String> texts = new ArrayList<>();
            contentMerge(old, b.get(old), o.get(r[1]), t.get(r[2]), new Labels(labels.ours() + ":" + r[1],
                    labels.theirs() + ":" + r[2], labels.base() + ":" + old), TextMerge.DEFAULT_MARKER_SIZE + 1, one, none,
                    texts);
            Side result = one.containsKey(old) ? one.get(old) : none.get(old).workTree();
            texts.removeIf(text -> text.startsWith("CONFLICT"));
            texts.forEach(text -> message.accept(old, text));
            message.accept(old, "CONFLICT (rename/rename): " + old + " renamed to " + r[1] + " in " + labels.ours()
                    + " and to " + r[2] + " in " + labels.theirs() + ".");
            conflicts.put(old, new Conflict(b.get(old), Side.ABSENT, Side.ABSENT, Side.ABSENT));
            conflicts.put(r[1], new Conflict(Side.ABSENT, result, Side.ABSENT, result));
            conflicts.put(r[2], new Conflict(Side.ABSENT, Side.ABSENT, result, result));
        }
        // a file on one side where the other has a directory: ort moves the file aside to path~<side>
        for (String[] moved : directoryFileClashes(b, o, t, labels)) {
            String path = moved[0];
            boolean oursFile = moved[1].equals("ours");
            Side file = (oursFile ? o : t).get(path);
            String aside = path + "~" + (oursFile ? labels.ours() : labels.theirs()).replace('/', '_');
            message.accept(path, "CONFLICT (file/directory): directory in the way of " + path + " from "
                    + (oursFile ? labels.ours() : labels.theirs()) + "; moving it to " + aside + " instead.");
            conflicts.put(aside, new Conflict(Side.ABSENT, oursFile ? file : Side.ABSENT, oursFile ? Side.ABSENT : file, file));
            paths.remove(path);
        }
        for (String path : paths) {
            String[] rename = renamed.get(path);
            if (rename != null && (rename[1] == null || rename[2] == null)) {
                // renamed on one side, deleted on the other: the renamed version stays, with the base's
                boolean oursRenamed = rename[1] != null;
                Side kept = (oursRenamed ? o : t).get(path);
                message.accept(path, "CONFLICT (rename/delete): " + rename[0] + " renamed to " + path + " in "
                        + (oursRenamed ? labels.ours() : labels.theirs()) + ", but deleted in "
                        + (oursRenamed ? labels.theirs() : labels.ours()) + ".");
                if (!kept.id().equals(b.get(rename[0]).id())) {
                    String modified = oursRenamed ? labels.ours() : labels.theirs();
                    message.accept(path, "CONFLICT (modify/delete): " + path + " deleted in "
                            + (oursRenamed ? labels.theirs() : labels.ours()) + " and modified in " + modified
                            + ".  Version " + modified + " of " + path + " left in tree.");
                }
                conflicts.put(path, new Conflict(b.get(rename[0]), oursRenamed ? kept : Side.ABSENT,
                        oursRenamed ? Side.ABSENT : kept, kept));
                continue;
            }
            Side sb = b.getOrDefault(rename != null ? rename[0] : path, Side.ABSENT);
            Side so = o.getOrDefault(rename != null ? rename[1] : path, Side.ABSENT);
            Side st = t.getOrDefault(rename != null ? rename[2] : path, Side.ABSENT);
            Labels pathLabels = labels;
            if (rename != null) {
                pathLabels = new Labels(labels.ours() + ":" + rename[1], labels.theirs() + ":" + rename[2],
                        labels.base() + ":" + rename[0]);
            }
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
                message.accept(path, "CONFLICT (modify/delete): " + path + " deleted in " + deleted + " and modified in "
                        + modified + ".  Version " + modified + " of " + path + " left in tree.");
                conflicts.put(path, new Conflict(sb, so, st, oursKept ? so : st));
            } else if ((so.mode() & 0170000) != (st.mode() & 0170000)) {
                throw new IOException("merging " + path + ": a file on one side and a symlink or submodule on the other"
                        + " (git's distinct-types handling) is not built yet");
            } else {
                List<String> texts = new ArrayList<>();
                contentMerge(path, sb, so, st, pathLabels, TextMerge.DEFAULT_MARKER_SIZE, merged, conflicts, texts);
                texts.forEach(text -> message.accept(path, text));
            }
        }
        List<String> messages = new ArrayList<>();
        byPath.values().forEach(messages::addAll);
        return new Result(merged, conflicts, messages);
    }

    /**
     * The renames to follow: new path to {base path, ours path, theirs path}. A rename on one
     * side whose old path the other side kept (changed or not) is followed; the cases ort
     * resolves with more machinery (renamed differently on both sides, a rename onto a path the
     * other side added) are refused, not guessed; renamed on one side and deleted on the other is
     * git's rename/delete conflict (a null in the triple marks the deleting side).
     */
    private Map<String, String[]> renames(Map<String, Side> base, Map<String, Side> ours, Map<String, Side> theirs)
            throws IOException {
        Map<String, String> oursRenamed = renamedPaths(base, ours);
        Map<String, String> theirsRenamed = renamedPaths(base, theirs);
        Map<String, String[]> result = new TreeMap<>(Snapshots::compareBytes);
        for (Map.Entry<String, String> r : oursRenamed.entrySet()) {
            String old = r.getKey();
            String now = r.getValue();
            String other = theirsRenamed.get(old);
            if (other != null && !other.equals(now)) {
                continue;   // rename/rename (1to2): see renamedApart
            }
            if (other == null && !theirs.containsKey(old)) {
                result.put(now, new String[] {old, now, null});   // rename/delete
                continue;
            }
            if (other == null) {
                refuseRenameClash(old, now, theirs);
            }
            result.put(now, new String[] {old, now, other != null ? other : old});
        }
        for (Map.Entry<String, String> r : theirsRenamed.entrySet()) {
            String old = r.getKey();
            String now = r.getValue();
            if (oursRenamed.containsKey(old)) {
                continue;
            }
            if (theirsRenamed.values().stream().filter(now::equals).count() > 1
                    || oursRenamed.containsValue(now)) {
                throw new IOException("merging " + now + ": two files renamed to it (git's rename/rename(2to1)"
                        + " handling) is not built yet");
            }
            if (!ours.containsKey(old)) {
                result.put(now, new String[] {old, null, now});   // rename/delete
                continue;
            }
            refuseRenameClash(old, now, ours);
            result.put(now, new String[] {old, old, now});
        }
        return result;
    }

    /** The paths both sides renamed, to different names: {old, ours' new, theirs' new}. */
    private List<String[]> renamedApart(Map<String, Side> base, Map<String, Side> ours, Map<String, Side> theirs)
            throws IOException {
        Map<String, String> oursRenamed = renamedPaths(base, ours);
        Map<String, String> theirsRenamed = renamedPaths(base, theirs);
        List<String[]> apart = new ArrayList<>();
        for (Map.Entry<String, String> r : oursRenamed.entrySet()) {
            String other = theirsRenamed.get(r.getKey());
            if (other != null && !other.equals(r.getValue())) {
                if (ours.containsKey(other) || theirs.containsKey(r.getValue())) {
                    throw new IOException("merging " + r.getKey() + ": renamed apart onto paths the other side has"
                            + " (git's rename/rename with rename/add) is not built yet");
                }
                apart.add(new String[] {r.getKey(), r.getValue(), other});
            }
        }
        return apart;
    }

    private static void refuseRenameClash(String old, String now, Map<String, Side> other) throws IOException {
        if (other.containsKey(now)) {
            throw new IOException("merging " + now + ": a rename onto a path the other side has"
                    + " (git's rename/add handling) is not built yet");
        }
    }

    /** Old path to new path of one side's renames against the base. */
    private Map<String, String> renamedPaths(Map<String, Side> base, Map<String, Side> side) throws IOException {
        Map<String, String> renamed = new java.util.HashMap<>();
        for (PatchWriter.Change c : Renames.detect(Snapshots.changes(base, side, p -> true), blobs)) {
            if (c.renamed()) {
                renamed.put(c.oldPath(), c.path());
            }
        }
        return renamed;
    }

    private static void put(Map<String, Side> merged, String path, Side side) {
        if (side.present()) {
            merged.put(path, side);
        }
    }

    /** handle_content_merge: modes, then the trivial cases, then a line merge of regular files. */
    private void contentMerge(String path, Side base, Side ours, Side theirs, Labels labels, int markerSize,
            Map<String, Side> merged, Map<String, Conflict> conflicts, List<String> messages) throws IOException {
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
                        markerSize);
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

    /**
     * The paths that are a file on one side and a directory on the other: {path, "ours"|"theirs"}
     * for the side with the file. The case ort handles this way (the file new since the base) is
     * followed; a file the base already had is refused, not guessed.
     */
    private static List<String[]> directoryFileClashes(Map<String, Side> base, Map<String, Side> ours,
            Map<String, Side> theirs, Labels labels) throws IOException {
        List<String[]> clashes = new ArrayList<>();
        for (String[] side : new String[][] {{"ours"}, {"theirs"}}) {
            Map<String, Side> files = side[0].equals("ours") ? ours : theirs;
            TreeSet<String> others = new TreeSet<>((side[0].equals("ours") ? theirs : ours).keySet());
            for (String path : files.keySet()) {
                String prefix = path + "/";
                String next = others.ceiling(prefix);
                if (next != null && next.startsWith(prefix)) {
                    if (base.containsKey(path)) {
                        throw new IOException("merging " + path + ": a file the base had, a directory on one side"
                                + " (git's file/directory handling of it) is not built yet");
                    }
                    clashes.add(new String[] {path, side[0]});
                }
            }
        }
        return clashes;
    }
}
