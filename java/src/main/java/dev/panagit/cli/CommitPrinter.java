package dev.panagit.cli;

import dev.panagit.diff.CombinedDiff;
import dev.panagit.diff.MyersDiff;
import dev.panagit.diff.Palette;
import dev.panagit.diff.PatchWriter;
import dev.panagit.diff.PatchWriter.Change;
import dev.panagit.diff.PatchWriter.Side;
import dev.panagit.diff.Snapshots;
import dev.panagit.lib.ObjectId;
import dev.panagit.objects.Commit;
import dev.panagit.repo.Repository;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One commit as log and show print it (git's log-tree.c): the separator before all but the first,
 * the header in its pretty format, then, when the commit has changes to show, the blank line (or
 * {@code ---} before a stat and patch) and the diff in the asked formats, limited to the paths.
 */
final class CommitPrinter {
    /**
     * What a merge shows: nothing (log's default), its diff against the first parent
     * (--first-parent), or git's dense combined diff (show's default, --cc).
     */
    enum MergeDiff { NONE, FIRST_PARENT, COMBINED }

    private final Repository repo;
    private final PrettyFormat pretty;
    private final Decorations decorations;
    private final DiffOptions.Formats formats;
    private final int context;
    private final MyersDiff.Options algorithm;
    /** The minimum rename score ({@code -M<n>}), or -1 when renames are not looked for. */
    private final int renameScore;
    private final Predicate<String> paths;
    private final MergeDiff mergeDiff;
    private final Map<String, String> env;
    private final PrettyFormat.Context prettyContext;
    private final Palette palette;

    CommitPrinter(Repository repo, PrettyFormat pretty, Decorations decorations, DiffOptions.Formats formats,
            int context, MyersDiff.Options algorithm, int renameScore, Predicate<String> paths, MergeDiff mergeDiff,
            Map<String, String> env, Palette palette) throws IOException {
        this.palette = palette;
        this.repo = repo;
        this.pretty = pretty;
        this.decorations = decorations;
        this.formats = formats;
        this.context = context;
        this.algorithm = algorithm;
        this.renameScore = renameScore;
        this.paths = paths;
        this.mergeDiff = mergeDiff;
        this.env = env;
        // the refs are listed only when a format asks for them (%d, %D): listing them can fail
        Decorations[] named = {null};
        this.prettyContext = new PrettyFormat.Context() {
            @Override
            public String abbreviate(ObjectId id) throws IOException {
                return Repos.abbrev(repo, id);
            }

            @Override
            public List<String> decorations(ObjectId id) throws IOException {
                if (named[0] == null) {
                    named[0] = Decorations.of(repo, Decorations.Style.SHORT);
                }
                return named[0].names(id);
            }
        };
    }

    /** The separator git prints before every commit but the first. */
    String separator() {
        return switch (pretty.kind()) {
            case ONELINE, TFORMAT -> "";
            default -> "\n";
        };
    }

    /** A commit's header and diff, without the separator. */
    byte[] render(ObjectId id, Commit commit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String header = pretty.render(id, commit, prettyContext, decorations.suffix(id, palette), palette);
        if (pretty.kind() != PrettyFormat.Kind.FORMAT) {
            header += "\n";
        }
        out.writeBytes(header.getBytes(StandardCharsets.UTF_8));
        if (!formats.any()) {
            return out.toByteArray();
        }
        if (commit.parents().size() > 1 && mergeDiff == MergeDiff.COMBINED) {
            out.write('\n');   // git separates a merge's combined diff even when it is empty
            out.writeBytes(combined(commit));
            return out.toByteArray();
        }
        List<Change> changes = changes(commit);
        if (changes.isEmpty()) {
            return out.toByteArray();
        }
        PatchWriter.Contents contents = PatchContents.of(repo, null);
        ByteArrayOutputStream diff = new ByteArrayOutputStream();
        DiffOptions.write(changes, formats, contents, context, algorithm, env, palette, diff);
        // The separator follows the changes, not the text: under -w a change of whitespace alone
        // prints nothing but still counts (git's diff_queue_is_empty).
        if (pretty.kind() != PrettyFormat.Kind.ONELINE) {
            out.writeBytes(((formats.stat() && formats.patch() ? "---" : "") + "\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(diff.toByteArray());
        return out.toByteArray();
    }

    /**
     * A merge as git's diff_tree_combined shows it: a stat or numstat against the first parent,
     * the paths with a status letter per parent, then the dense combined patch.
     */
    private byte[] combined(Commit commit) throws IOException {
        PatchWriter.Contents contents = PatchContents.of(repo, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Map<String, Side> after = Snapshots.ofTree(repo, commit.tree());
        if (formats.stat() || formats.numstat() || formats.shortstat()) {
            List<Change> first = Snapshots.changes(Snapshots.ofTree(repo, repo.readCommit(commit.parents().get(0)).tree()),
                    after, paths);
            first = DiffOptions.withRenames(first, renameScore >= 0, Math.max(renameScore, 0), contents);
            DiffOptions.write(first, new DiffOptions.Formats(false, formats.stat(), formats.numstat(),
                    formats.shortstat(), false, false), contents, context, algorithm, env, palette, out);
        }
        List<List<Change>> perParent = new java.util.ArrayList<>();
        for (ObjectId parent : commit.parents()) {
            perParent.add(DiffOptions.withRenames(
                    Snapshots.changes(Snapshots.ofTree(repo, repo.readCommit(parent).tree()), after, paths),
                    renameScore >= 0, Math.max(renameScore, 0), contents));
        }
        List<CombinedDiff.Path> combined = CombinedDiff.paths(perParent);
        if (formats.nameOnly() || formats.nameStatus()) {
            for (CombinedDiff.Path p : combined) {
                String status = formats.nameStatus() ? new String(p.status()) + "\t" : "";
                out.writeBytes((status + contents.quote(p.path()) + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        if (formats.patch()) {
            new CombinedDiff(contents, context, algorithm, palette).write(combined, out);
        }
        return out.toByteArray();
    }

    /** The changes a commit shows: against its parent (a root against nothing), limited to the paths. */
    List<Change> changes(Commit commit) throws IOException {
        if (commit.parents().size() > 1 && mergeDiff == MergeDiff.NONE) {
            return List.of();
        }
        Map<String, Side> after = Snapshots.ofTree(repo, commit.tree());
        ObjectId parentTree = commit.parents().isEmpty() ? null : repo.readCommit(commit.parents().get(0)).tree();
        List<Change> changes = Snapshots.changes(Snapshots.ofTree(repo, parentTree), after, paths);
        return DiffOptions.withRenames(changes, renameScore >= 0, Math.max(renameScore, 0), PatchContents.of(repo, null));
    }
}
