package dev.panagit.merge;

import dev.panagit.diff.MyersDiff;
import dev.panagit.diff.PatchWriter.Side;
import dev.panagit.diff.Snapshots;
import dev.panagit.diff.TextMerge;
import dev.panagit.history.MergeBases;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.repo.Repository;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * git's octopus strategy (git-merge-octopus.sh), in memory: the heads merged one after another
 * into the running result; a first head that HEAD can reach fast-forwards ("Fast-forwarding
 * to:"); each other is a three-way merge against its merge bases with the commits merged so far,
 * first by read-tree's aggressive trivial rules ("Trying simple merge with"), then, for files both
 * sides changed, a line merge as git-merge-one-file does ("Simple merge did not work, trying
 * automatic merge.", "Auto-merging"). Only the last head may leave conflicts; a conflict before
 * it fails the whole octopus (exit 2, nothing changed). Cases merge-one-file would handle with
 * more machinery (a file added on both sides differently, modified on one and deleted on the
 * other, modes changed apart, several merge bases to merge a file against, a file where a
 * directory is) are refused, not guessed.
 */
public final class OctopusMerge {
    /** A line git prints, and whether on stderr (the script's lines come out in this order). */
    public record Line(String text, boolean error) {
    }

    /**
     * What came of it: the result (merged files and, when the last head conflicted, its conflicts),
     * the lines git prints, and the exit code: 0 merged, 1 conflicts left for the user, 2 failed
     * (nothing to apply).
     */
    public record Outcome(TreeMerge.Result result, List<Line> lines, int exitCode) {
    }

    /** The lines printed so far: stdout's and stderr's, in order. */
    private static final class Lines {
        final List<Line> all = new ArrayList<>();

        void add(String text) {
            all.add(new Line(text, false));
        }

        void error(String text) {
            all.add(new Line(text, true));
        }
    }

    /** git-merge-file's diff: Myers, no indent heuristic. */
    private static final MyersDiff.Options MERGE_FILE_DIFF = new MyersDiff.Options(MyersDiff.Algorithm.MYERS,
            MyersDiff.Whitespace.NONE, false);

    private final Repository repo;
    private final TextMerge.Style style;
    private final SecureRandom random = new SecureRandom();

    /** Merges into {@code repo}'s work tree and index, conflicts written in {@code style}. */
    public OctopusMerge(Repository repo, TextMerge.Style style) {
        this.repo = repo;
        this.style = style;
    }

    /**
     * Merges {@code heads} (named as the user named them, for the messages) into {@code head}.
     *
     * @throws IOException when a path needs what is not built (see the class comment), or reading fails
     */
    public Outcome merge(MergeBases bases, ObjectId head, List<ObjectId> heads, List<String> names) throws IOException {
        Lines out = new Lines();
        List<ObjectId> mergedSoFar = new ArrayList<>(List.of(head));
        Map<String, Side> current = Snapshots.ofTree(repo, repo.readCommit(head).tree());
        boolean nonFastForward = false;
        Map<String, TreeMerge.Conflict> conflicts = new TreeMap<>(Snapshots::compareBytes);
        for (int i = 0; i < heads.size(); i++) {
            ObjectId next = heads.get(i);
            String name = names.get(i);
            if (!conflicts.isEmpty()) {
                // only the last head may leave conflicts to resolve by hand
                out.add("Automated merge did not work.");
                out.add("Should not be doing an octopus.");
                out.error("Merge with strategy octopus failed.");
                return new Outcome(null, out.all, 2);
            }
            List<ObjectId> common = bases.of(next, mergedSoFar);
            if (common.contains(next)) {
                out.add("Already up to date with " + name);
                continue;
            }
            Map<String, Side> theirs = Snapshots.ofTree(repo, repo.readCommit(next).tree());
            if (!nonFastForward && mergedSoFar.size() == 1 && common.equals(mergedSoFar)) {
                out.add("Fast-forwarding to: " + name);
                current = theirs;
                mergedSoFar = new ArrayList<>(List.of(next));
                continue;
            }
            nonFastForward = true;
            out.add("Trying simple merge with " + name);
            List<Map<String, Side>> baseTrees = new ArrayList<>();
            for (ObjectId base : common) {
                baseTrees.add(Snapshots.ofTree(repo, repo.readCommit(base).tree()));
            }
            current = mergeOne(baseTrees, current, theirs, conflicts, out);
            mergedSoFar.add(next);
        }
        checkNoFileWhereADirectoryIs(current, conflicts);
        TreeMerge.Result result = new TreeMerge.Result(current, conflicts, List.of(), false);
        return new Outcome(result, out.all, conflicts.isEmpty() ? 0 : 1);
    }

    /** One head into the running result: read-tree --aggressive, then merge-one-file for what is left. */
    private Map<String, Side> mergeOne(List<Map<String, Side>> bases, Map<String, Side> ours, Map<String, Side> theirs,
            Map<String, TreeMerge.Conflict> conflicts, Lines out) throws IOException {
        TreeSet<String> paths = new TreeSet<>(Snapshots::compareBytes);
        paths.addAll(ours.keySet());
        paths.addAll(theirs.keySet());
        bases.forEach(b -> paths.addAll(b.keySet()));
        Map<String, Side> merged = new TreeMap<>(Snapshots::compareBytes);
        List<String> unresolved = new ArrayList<>();
        for (String path : paths) {
            Side a = ours.getOrDefault(path, Side.ABSENT);
            Side b = theirs.getOrDefault(path, Side.ABSENT);
            boolean headMatches = false;
            boolean remoteMatches = false;
            for (Map<String, Side> base : bases) {
                Side o = base.getOrDefault(path, Side.ABSENT);
                headMatches |= o.equals(a);
                remoteMatches |= o.equals(b);
            }
            if (a.equals(b) || headMatches) {
                put(merged, path, b);
            } else if (remoteMatches) {
                put(merged, path, a);
            } else {
                unresolved.add(path);
            }
        }
        if (unresolved.isEmpty()) {
            return merged;
        }
        out.add("Simple merge did not work, trying automatic merge.");
        boolean failed = false;
        for (String path : unresolved) {
            Side a = ours.getOrDefault(path, Side.ABSENT);
            Side b = theirs.getOrDefault(path, Side.ABSENT);
            if (bases.size() != 1) {
                throw new IOException("merging " + path + ": an octopus step with " + bases.size()
                        + " merge bases to merge a file against is not built yet");
            }
            Side o = bases.get(0).getOrDefault(path, Side.ABSENT);
            if (!o.present() || !a.present() || !b.present() || !isRegular(a) || !isRegular(b) || !isRegular(o)
                    || a.mode() != b.mode()) {
                throw new IOException("merging " + path + ": in an octopus, only files changed on both sides are merged"
                        + " (added, deleted or retyped on one side: git-merge-one-file's other cases are not built yet)");
            }
            out.add("Auto-merging " + path);
            String oursLabel = temporaryName();
            String theirsLabel = temporaryName();
            TextMerge.Result text = TextMerge.merge(bytes(o), bytes(a), bytes(b),
                    new TextMerge.Labels(oursLabel, theirsLabel, temporaryName()), style, MERGE_FILE_DIFF,
                    TextMerge.DEFAULT_MARKER_SIZE);
            Side result = new Side(a.mode(), repo.objects().insert(ObjectType.BLOB, text.content()));
            if (text.conflicts() > 0) {
                out.error("ERROR: content conflict in " + path);
                conflicts.put(path, new TreeMerge.Conflict(o, a, b, result));
                failed = true;
            }
            merged.put(path, result);
        }
        if (failed) {
            out.error("fatal: merge program failed");
        }
        return merged;
    }

    /** git-merge-one-file's labels are the temporary files git merge-file was given. */
    private String temporaryName() {
        String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder name = new StringBuilder(".merge_file_");
        for (int i = 0; i < 6; i++) {
            name.append(letters.charAt(random.nextInt(letters.length())));
        }
        return name.toString();
    }

    private byte[] bytes(Side side) throws IOException {
        return repo.objects().open(side.id()).bytes();
    }

    private static boolean isRegular(Side side) {
        return (side.mode() & 0170000) == 0100000;
    }

    private static void put(Map<String, Side> merged, String path, Side side) {
        if (side.present()) {
            merged.put(path, side);
        }
    }

    private static void checkNoFileWhereADirectoryIs(Map<String, Side> files, Map<String, TreeMerge.Conflict> conflicts)
            throws IOException {
        TreeSet<String> all = new TreeSet<>(files.keySet());
        all.addAll(conflicts.keySet());
        for (String path : all) {
            String under = all.ceiling(path + "/");
            if (under != null && under.startsWith(path + "/")) {
                throw new IOException("merging " + path + ": a file on one side where the other has a directory, in an"
                        + " octopus, is not built yet");
            }
        }
    }
}
