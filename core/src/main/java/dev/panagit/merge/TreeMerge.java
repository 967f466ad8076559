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
import java.util.Optional;
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

    /**
     * The merged tree's files, the conflicts, and git's messages (Auto-merging, CONFLICT, warnings);
     * {@code unsure} when git calls the merge failed though no path is conflicted (a directory
     * rename split).
     */
    public record Result(Map<String, Side> merged, Map<String, Conflict> conflicts, List<String> messages,
            boolean unsure) {
        /** Whether the merge has no conflicts and nothing it refused to decide. */
        public boolean clean() {
            return conflicts.isEmpty() && !unsure;
        }
    }

    /**
     * The merge's labels: conflict markers say "HEAD" and the branch merged, as git's do.
     * {@code depth} is how deep inside the making of a virtual merge base this merge is (0: the
     * merge itself); git's markers grow by two per level.
     */
    public record Labels(String ours, String theirs, String base, int depth) {
        /** The labels of a merge whose result is checked out. */
        public Labels(String ours, String theirs, String base) {
            this(ours, theirs, base, 0);
        }

        /** The labels of a merge, {@code depth} levels deep, that makes a virtual merge base. */
        public static Labels virtualBase(String base, int depth) {
            return new Labels("Temporary merge branch 1", "Temporary merge branch 2", base, depth);
        }

        /** Whether this merge makes a virtual merge base. */
        public boolean virtual() {
            return depth > 0;
        }

        /** git's conflict marker length at this depth, {@code extra} longer (collisions and renames apart). */
        int markerSize(int extra) {
            return TextMerge.DEFAULT_MARKER_SIZE + extra + 2 * depth;
        }
    }

    /** git's merges diff with histogram and without the indent heuristic. */
    public static final MyersDiff.Options MERGE_DIFF = new MyersDiff.Options(MyersDiff.Algorithm.HISTOGRAM,
            MyersDiff.Whitespace.NONE, false);

    private final Repository repo;
    private final TextMerge.Style style;
    private final DirectoryRenames.Mode directoryRenames;

    /** Blobs for rename detection. */
    private final PatchWriter.Contents blobs;

    /** Three-way merges of {@code repo}'s trees, conflicts written in {@code style}. */
    public TreeMerge(Repository repo, TextMerge.Style style) {
        this(repo, style, Optional.empty());
    }

    /**
     * A merger with {@code merge.directoryRenames} as configured ({@code true}, {@code false},
     * or git's default {@code conflict} when empty).
     */
    public TreeMerge(Repository repo, TextMerge.Style style, Optional<String> directoryRenames) {
        this.repo = repo;
        this.style = style;
        this.directoryRenames = DirectoryRenames.Mode.of(directoryRenames);
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
        Map<String, String> oursRenamed = renamedPaths(b, o);
        Map<String, String> theirsRenamed = renamedPaths(b, t);
        Map<String, String[]> renamed = renames(o, t, oursRenamed, theirsRenamed);
        TreeSet<String> paths = new TreeSet<>(Snapshots::compareBytes);
        paths.addAll(b.keySet());
        paths.addAll(o.keySet());
        paths.addAll(t.keySet());
        for (String[] r : renamed.values()) {
            paths.remove(r[0]);   // the old name is gone on the renaming side and merged at the new one
        }
        // a rename onto a path the other side also has (rename/add, rename/rename(2to1)): the
        // renamed file is first merged with the other side's version of its old path, and that
        // result then meets the other side's file at the new path as add/add does
        Map<String, Side> oursAt = new java.util.HashMap<>(o);
        Map<String, Side> theirsAt = new java.util.HashMap<>(t);
        // files one side added to a directory the other side renamed follow it (directory renames)
        java.util.Set<String> locationConflicts = new java.util.HashSet<>();
        java.util.Set<String> splitDirectories = new java.util.HashSet<>();
        if (!labels.virtual() && directoryRenames != DirectoryRenames.Mode.NONE) {
            Map<String, String> oursDirs = DirectoryRenames.detect(b, o, oursRenamed);
            Map<String, String> theirsDirs = DirectoryRenames.detect(b, t, theirsRenamed);
            java.util.Set<String> both = new java.util.HashSet<>(oursDirs.keySet());
            both.retainAll(theirsDirs.keySet());
            oursDirs.keySet().removeAll(both);
            theirsDirs.keySet().removeAll(both);
            followDirectoryRenames(false, oursDirs, theirsDirs, b, o, t, theirsRenamed, theirsAt, paths, labels,
                    locationConflicts, splitDirectories, message);
            followDirectoryRenames(true, theirsDirs, oursDirs, b, o, t, oursRenamed, oursAt, paths, labels,
                    locationConflicts, splitDirectories, message);
        }
        for (boolean oursRenaming : new boolean[] {true, false}) {
            Map<String, String> renaming = oursRenaming ? oursRenamed : theirsRenamed;
            Map<String, String> otherRenaming = oursRenaming ? theirsRenamed : oursRenamed;
            Map<String, Side> side = oursRenaming ? o : t;
            Map<String, Side> other = oursRenaming ? t : o;
            for (Map.Entry<String, String> r : renaming.entrySet()) {
                String old = r.getKey();
                String now = r.getValue();
                if (!other.containsKey(now) || otherRenaming.containsKey(old)) {
                    continue;
                }
                if (!other.containsKey(old)) {
                    throw new IOException("merging " + now + ": renamed from " + old + " onto a path the other side"
                            + " has, while that side deleted " + old + " (git's rename/add/delete) is not built yet");
                }
                Side collided = collisionMerge(old, now, oursRenaming, b.get(old), side.get(now), other.get(old),
                        labels, message);
                (oursRenaming ? oursAt : theirsAt).put(now, collided);
                paths.remove(old);
            }
        }
        for (String[] r : renamedApart(oursRenamed, theirsRenamed, o, t)) {
            // rename/rename (1to2): the contents merged once, the result under both new names, the base under the old
            String old = r[0];
            paths.remove(old);
            paths.remove(r[1]);
            paths.remove(r[2]);
            Map<String, Side> one = new TreeMap<>(Snapshots::compareBytes);
            Map<String, Conflict> none = new TreeMap<>(Snapshots::compareBytes);
            List<String> texts = new ArrayList<>();
            contentMerge(old, b.get(old), o.get(r[1]), t.get(r[2]), new Labels(labels.ours() + ":" + r[1],
                    labels.theirs() + ":" + r[2], labels.base() + ":" + old, labels.depth()), labels.markerSize(1), one, none,
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
        // a file on one side where the other has a directory: ort moves the file aside to
        // path~<side> and merges it there with the base's file (a file unchanged gives way silently)
        Map<String, String[]> movedAside = new java.util.HashMap<>();
        for (String[] clash : directoryFileClashes(b, o, t)) {
            String path = clash[0];
            boolean oursFile = clash[1].equals("ours");
            Side file = (oursFile ? o : t).get(path);
            paths.remove(path);
            if (file.equals(b.get(path))) {
                continue;
            }
            String aside = uniquePath(path, oursFile ? labels.ours() : labels.theirs(), paths, conflicts);
            message.accept(aside, "CONFLICT (file/directory): directory in the way of " + path + " from "
                    + (oursFile ? labels.ours() : labels.theirs()) + "; moving it to " + aside + " instead.");
            movedAside.put(aside, clash);
            paths.add(aside);
        }
        for (String path : paths) {
            String[] rename = renamed.get(path);
            if (rename != null && (rename[1] == null || rename[2] == null)) {
                // renamed on one side, deleted on the other: the renamed version stays, with the base's
                boolean oursRenaming = rename[1] != null;
                Side kept = (oursRenaming ? o : t).get(path);
                message.accept(path, "CONFLICT (rename/delete): " + rename[0] + " renamed to " + path + " in "
                        + (oursRenaming ? labels.ours() : labels.theirs()) + ", but deleted in "
                        + (oursRenaming ? labels.theirs() : labels.ours()) + ".");
                if (!kept.id().equals(b.get(rename[0]).id())) {
                    String modified = oursRenaming ? labels.ours() : labels.theirs();
                    message.accept(path, "CONFLICT (modify/delete): " + path + " deleted in "
                            + (oursRenaming ? labels.theirs() : labels.ours()) + " and modified in " + modified
                            + ".  Version " + modified + " of " + path + " left in tree.");
                }
                conflicts.put(path, new Conflict(b.get(rename[0]), oursRenaming ? kept : Side.ABSENT,
                        oursRenaming ? Side.ABSENT : kept, kept));
                continue;
            }
            Side sb = b.getOrDefault(rename != null ? rename[0] : path, Side.ABSENT);
            Side so = oursAt.getOrDefault(rename != null ? rename[1] : path, Side.ABSENT);
            Side st = theirsAt.getOrDefault(rename != null ? rename[2] : path, Side.ABSENT);
            if (locationConflicts.contains(path)) {
                // moved by a directory rename, and reported so: a conflict at its new place
                conflicts.put(path, new Conflict(Side.ABSENT, so, st, so.present() ? so : st));
                continue;
            }
            String[] aside = movedAside.get(path);
            if (aside != null) {
                // the file side's version against the base's; the directory side has none here
                boolean oursFile = aside[1].equals("ours");
                sb = b.getOrDefault(aside[0], Side.ABSENT);
                so = oursFile ? o.get(aside[0]) : Side.ABSENT;
                st = oursFile ? Side.ABSENT : t.get(aside[0]);
                if (!sb.present()) {
                    // new on one side: kept aside, still a conflict (stage 2 or 3 alone)
                    conflicts.put(path, new Conflict(Side.ABSENT, so, st, oursFile ? so : st));
                    continue;
                }
            }
            Labels pathLabels = labels;
            if (rename != null) {
                pathLabels = new Labels(labels.ours() + ":" + rename[1], labels.theirs() + ":" + rename[2],
                        labels.base() + ":" + rename[0], labels.depth());
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
                distinctTypes(path, sb, so, st, labels, paths, conflicts, message);
            } else {
                List<String> texts = new ArrayList<>();
                contentMerge(path, sb, so, st, pathLabels, labels.markerSize(0), merged, conflicts, texts);
                texts.forEach(text -> message.accept(path, text));
            }
        }
        List<String> messages = new ArrayList<>();
        byPath.values().forEach(messages::addAll);
        return new Result(merged, conflicts, messages, !splitDirectories.isEmpty());
    }

    /**
     * Moves the files {@code adding} side added (ours when {@code oursAdding}) under a directory
     * the other side renamed into the renamed directory, with git's words: "Path updated" when
     * {@code merge.directoryRenames} is true, a "file location" conflict by default. Where ort
     * needs more (a file renamed into such a directory, two files sent to one path, a path in
     * the way) the merge is refused, not guessed. A directory renamed several ways with no
     * majority stays, and the merge is reported failed, as git's.
     */
    private void followDirectoryRenames(boolean oursAdding, Map<String, String> otherDirs, Map<String, String> ownDirs,
            Map<String, Side> b, Map<String, Side> o, Map<String, Side> t, Map<String, String> ownRenamed,
            Map<String, Side> addingAt, TreeSet<String> paths, Labels labels, java.util.Set<String> locationConflicts,
            java.util.Set<String> splitDirectories, java.util.function.BiConsumer<String, String> message)
            throws IOException {
        if (otherDirs.isEmpty()) {
            return;
        }
        Map<String, Side> adding = oursAdding ? o : t;
        String addedIn = oursAdding ? labels.ours() : labels.theirs();
        String renamedIn = oursAdding ? labels.theirs() : labels.ours();
        Map<String, String> moves = new TreeMap<>(Snapshots::compareBytes);
        for (String path : adding.keySet()) {
            if (b.containsKey(path)) {
                continue;
            }
            String parent = DirectoryRenames.parent(path);
            if (otherDirs.containsKey(parent) && otherDirs.get(parent) == null && splitDirectories.add(parent)) {
                message.accept(parent, "CONFLICT (directory rename split): Unclear where to rename " + parent
                        + " to; it was renamed to multiple other directories, with no destination getting a majority"
                        + " of the files.");
            }
            String dir = DirectoryRenames.renamedAncestor(path, otherDirs);
            if (dir == null) {
                continue;
            }
            String newDir = otherDirs.get(dir);
            if (ownDirs.containsKey(newDir)) {
                message.accept(dir, "WARNING: Avoiding applying " + dir + " -> " + newDir + " rename to " + path
                        + ", because " + newDir + " itself was renamed.");
                continue;
            }
            if (ownRenamed.containsValue(path)) {
                throw new IOException("merging " + path + ": renamed into " + dir + ", which the other side renamed"
                        + " to " + newDir + " (a rename following a directory rename) is not built yet");
            }
            String moved = DirectoryRenames.apply(path, dir, newDir);
            if (inTheWay(moved, b, o, t) || moves.containsValue(moved)) {
                throw new IOException("merging " + path + ": the directory rename " + dir + " -> " + newDir
                        + " puts it at " + moved + ", where something else is (git's implicit dir rename conflict)"
                        + " is not built yet");
            }
            moves.put(path, moved);
        }
        for (Map.Entry<String, String> move : moves.entrySet()) {
            String path = move.getKey();
            String moved = move.getValue();
            addingAt.put(moved, addingAt.remove(path));
            paths.remove(path);
            paths.add(moved);
            if (directoryRenames == DirectoryRenames.Mode.TRUE) {
                message.accept(moved, "Path updated: " + path + " added in " + addedIn + " inside a directory that was"
                        + " renamed in " + renamedIn + "; moving it to " + moved + ".");
            } else {
                message.accept(moved, "CONFLICT (file location): " + path + " added in " + addedIn + " inside a"
                        + " directory that was renamed in " + renamedIn + ", suggesting it should perhaps be moved to "
                        + moved + ".");
                locationConflicts.add(moved);
            }
        }
    }

    /** Whether any tree has a file at {@code path}, or files under it. */
    private static boolean inTheWay(String path, Map<String, Side> b, Map<String, Side> o, Map<String, Side> t) {
        for (Map<String, Side> tree : List.of(b, o, t)) {
            if (tree.containsKey(path) || tree.keySet().stream().anyMatch(p -> p.startsWith(path + "/"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A file on one side, a symlink (or submodule) on the other: ort's "distinct types". The
     * regular file (ours first) moves aside to {@code path~<side>} and the other stays; when
     * neither is a regular file both move. Each keeps the base at stage 1 only where it is of the
     * base's type. Inside a virtual merge base the base's version stands, conflicted.
     */
    private void distinctTypes(String path, Side base, Side ours, Side theirs, Labels labels, TreeSet<String> paths,
            Map<String, Conflict> conflicts, java.util.function.BiConsumer<String, String> message) {
        if (labels.virtual()) {
            conflicts.put(path, new Conflict(base, ours, theirs, base));
            return;
        }
        boolean moveOurs = isRegular(ours) || !isRegular(theirs);
        boolean moveTheirs = !isRegular(ours);
        String oursPath = moveOurs ? uniquePath(path, labels.ours(), paths, conflicts) : path;
        String theirsPath = moveTheirs ? uniquePath(path, labels.theirs(), paths, conflicts) : path;
        message.accept(path, "CONFLICT (distinct types): " + path + " had different types on each side; renamed "
                + (moveOurs && moveTheirs ? "both of them" : "one of them") + " so each can be recorded somewhere.");
        conflicts.put(oursPath, new Conflict(sameType(base, ours) ? base : Side.ABSENT, ours, Side.ABSENT, ours));
        conflicts.put(theirsPath, new Conflict(sameType(base, theirs) ? base : Side.ABSENT, Side.ABSENT, theirs, theirs));
    }

    private static boolean isRegular(Side side) {
        return (side.mode() & 0170000) == 0100000;
    }

    private static boolean sameType(Side a, Side b) {
        return a.present() && (a.mode() & 0170000) == (b.mode() & 0170000);
    }

    /** ort's unique_path: {@code path~<branch>} ('/' flattened to '_'), then {@code _0}, {@code _1}... while taken. */
    private static String uniquePath(String path, String branch, java.util.Collection<String> paths,
            Map<String, Conflict> conflicts) {
        String candidate = path + "~" + branch.replace('/', '_');
        String stem = candidate;
        for (int suffix = 0; paths.contains(candidate) || conflicts.containsKey(candidate); suffix++) {
            candidate = stem + "_" + suffix;
        }
        return candidate;
    }

    /**
     * The renames to follow: new path to {base path, ours path, theirs path}. A rename on one
     * side whose old path the other side kept (changed or not) is followed; renamed on one side
     * and deleted on the other is git's rename/delete conflict (a null in the triple marks the
     * deleting side). Renames apart and renames onto a path the other side has are left to
     * {@link #renamedApart} and the collision handling.
     */
    private static Map<String, String[]> renames(Map<String, Side> ours, Map<String, Side> theirs,
            Map<String, String> oursRenamed, Map<String, String> theirsRenamed) {
        Map<String, String[]> result = new TreeMap<>(Snapshots::compareBytes);
        for (Map.Entry<String, String> r : oursRenamed.entrySet()) {
            String old = r.getKey();
            String now = r.getValue();
            String other = theirsRenamed.get(old);
            if (other != null && !other.equals(now)) {
                continue;   // rename/rename (1to2): see renamedApart
            }
            if (other == null && theirs.containsKey(now)) {
                continue;   // a collision: see merge
            }
            if (other == null && !theirs.containsKey(old)) {
                result.put(now, new String[] {old, now, null});   // rename/delete
                continue;
            }
            result.put(now, new String[] {old, now, other != null ? other : old});
        }
        for (Map.Entry<String, String> r : theirsRenamed.entrySet()) {
            String old = r.getKey();
            String now = r.getValue();
            if (oursRenamed.containsKey(old) || ours.containsKey(now)) {
                continue;   // handled above, or a collision
            }
            if (!ours.containsKey(old)) {
                result.put(now, new String[] {old, null, now});   // rename/delete
                continue;
            }
            result.put(now, new String[] {old, old, now});
        }
        return result;
    }

    /**
     * One side's rename of {@code old} to {@code now} where the other side also has {@code now}:
     * the renamed file merged with the other side's {@code old} (ort's collision handling, markers
     * one longer, labels naming both paths). A conflict there is said, and its markers stay in the
     * result, which may then get markers of its own (git: "nested conflict markers").
     */
    private Side collisionMerge(String old, String now, boolean oursRenaming, Side base, Side renamed, Side other,
            Labels labels, java.util.function.BiConsumer<String, String> message) throws IOException {
        Side ours = oursRenaming ? renamed : other;
        Side theirs = oursRenaming ? other : renamed;
        Labels pathLabels = new Labels(labels.ours() + ":" + (oursRenaming ? now : old),
                labels.theirs() + ":" + (oursRenaming ? old : now), labels.base() + ":" + old, labels.depth());
        Map<String, Side> one = new TreeMap<>(Snapshots::compareBytes);
        Map<String, Conflict> conflicted = new TreeMap<>(Snapshots::compareBytes);
        List<String> texts = new ArrayList<>();
        contentMerge(old, base, ours, theirs, pathLabels, labels.markerSize(1), one, conflicted, texts);
        texts.stream().filter(text -> !text.startsWith("CONFLICT")).forEach(text -> message.accept(old, text));
        if (one.containsKey(old)) {
            return one.get(old);
        }
        message.accept(now, "CONFLICT (rename involved in collision): rename of " + old + " -> " + now
                + " has content conflicts AND collides with another path; this may result in nested conflict markers.");
        return conflicted.get(old).workTree();
    }

    /** The paths both sides renamed, to different names: {old, ours' new, theirs' new}. */
    private static List<String[]> renamedApart(Map<String, String> oursRenamed, Map<String, String> theirsRenamed,
            Map<String, Side> ours, Map<String, Side> theirs) throws IOException {
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
     * for the side with the file. A directory whose every file the base had as it is gives way
     * (the file side deleted them), so it is no clash.
     */
    private static List<String[]> directoryFileClashes(Map<String, Side> base, Map<String, Side> ours,
            Map<String, Side> theirs) {
        List<String[]> clashes = new ArrayList<>();
        for (String[] side : new String[][] {{"ours"}, {"theirs"}}) {
            Map<String, Side> files = side[0].equals("ours") ? ours : theirs;
            TreeMap<String, Side> others = new TreeMap<>(side[0].equals("ours") ? theirs : ours);
            for (String path : files.keySet()) {
                String prefix = path + "/";
                for (Map.Entry<String, Side> under : others.tailMap(prefix).entrySet()) {
                    if (!under.getKey().startsWith(prefix)) {
                        break;
                    }
                    if (!under.getValue().equals(base.get(under.getKey()))) {
                        clashes.add(new String[] {path, side[0]});
                        break;
                    }
                }
            }
        }
        return clashes;
    }
}
