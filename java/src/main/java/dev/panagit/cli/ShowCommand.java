package dev.panagit.cli;

import dev.panagit.diff.DiffStat;
import dev.panagit.diff.PatchWriter;
import dev.panagit.diff.PatchWriter.Change;
import dev.panagit.diff.PatchWriter.Side;
import dev.panagit.diff.Renames;
import dev.panagit.diff.Snapshots;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.TreeEntry;
import dev.panagit.objects.Commit;
import dev.panagit.objects.Tag;
import dev.panagit.repo.Repository;
import dev.panagit.repo.Revisions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code show}: a commit as git shows it (the medium header, then its patch against its parent;
 * a root commit against nothing), an annotated tag (its header and message, then what it tags),
 * a tree (its names) and a blob (its bytes). Output byte for byte as git's. A merge's combined
 * diff ({@code --cc}) is not built: a merge whose result differs from every parent somewhere is
 * refused rather than shown wrongly; a clean merge shows as git shows it, with no diff.
 */
final class ShowCommand implements Command {
    private boolean stat;

    @Override
    public String name() {
        return "show";
    }

    @Override
    public String description() {
        return "Show commits (with their patch), tags, trees and blobs.";
    }

    @Override
    public int run(Args args) throws Exception {
        Args.Value unifiedOption = args.value("-U, --unified", "<n>", "lines of context (default 3)");
        Args.Flag noColorOption = args.flag("--no-color", "no colors (panagit writes none)");
        Args.Flag statOption = args.flag("--stat", "a diffstat instead of the patch");
        Args.Operands operands = args.operands("<object>", 0, -1, "default HEAD");
        args.parse();
        stat = statOption.on();
        noColorOption.on();
        int context = unifiedOption.given() ? Integer.parseInt(unifiedOption.get("3")) : 3;
        Repository repo = Repos.open();
        List<String> specs = operands.size() == 0 ? List.of("HEAD") : operands.all();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean firstCommit = true;
        for (String spec : specs) {
            ObjectId id = Revisions.resolve(repo, spec, false).orElseThrow(() -> new Fatal(
                    "ambiguous argument '" + spec + "': unknown revision or path not in the working tree.\n"
                    + "Use '--' to separate paths from revisions, like this:\n"
                    + "'git <command> [<revision>...] -- [<file>...]'"));
            firstCommit = show(repo, spec, id, context, out, firstCommit);
        }
        PrintStream stdout = Io.current().out();
        stdout.write(out.toByteArray());
        stdout.flush();
        return 0;
    }

    /** Shows one object; returns whether the next commit is still the first (no blank line before it). */
    private boolean show(Repository repo, String spec, ObjectId id, int context, ByteArrayOutputStream out,
            boolean firstCommit) throws Exception {
        ObjectType type = repo.objects().readHeader(id).type();
        switch (type) {
            case BLOB -> out.writeBytes(repo.objects().open(id).bytes());
            case TREE -> {
                text(out, "tree " + spec + "\n\n");
                for (TreeEntry entry : repo.readTree(id)) {
                    text(out, entry.name() + (entry.type() == ObjectType.TREE ? "/" : "") + "\n");   // git prints them raw
                }
            }
            case TAG -> {
                Tag tag = Tag.parse(repo.format(), id, repo.objects().open(id).bytes());
                text(out, "tag " + tag.name() + "\n");
                if (tag.tagger() != null) {
                    text(out, "Tagger: " + tag.tagger().name() + " <" + tag.tagger().email() + ">\n");
                    text(out, "Date:   " + tag.tagger().logDate() + "\n");
                }
                text(out, "\n" + tag.message());
                text(out, "\n");
                return show(repo, spec, tag.object(), context, out, true);
            }
            case COMMIT -> {
                if (!firstCommit) {
                    text(out, "\n");
                }
                Commit commit = repo.readCommit(id);
                for (String line : LogCommand.medium(repo, id, commit, Decorations.NONE)) {
                    text(out, line + "\n");
                }
                List<Change> changes = changes(repo, id, commit);
                if (commit.parents().size() > 1) {
                    text(out, "\n");   // git separates a merge's (here empty) combined diff all the same
                } else if (!changes.isEmpty()) {
                    text(out, "\n");
                    if (stat) {
                        text(out, DiffStat.format(changes, PatchContents.of(repo, null), DiffStat.width(Io.current().env())));
                    } else {
                        new PatchWriter(PatchContents.of(repo, null), context).write(changes, out);
                    }
                }
                return false;
            }
        }
        return firstCommit;
    }

    /** A commit's changes against its first parent (nothing for a root); for a merge, refuses a non-empty combined diff. */
    static List<Change> changes(Repository repo, ObjectId id, Commit commit) throws Exception {
        Map<String, Side> after = Snapshots.ofTree(repo, commit.tree());
        if (commit.parents().size() <= 1) {
            ObjectId parent = commit.parents().isEmpty() ? null : repo.readCommit(commit.parents().get(0)).tree();
            return Renames.detect(Snapshots.changes(Snapshots.ofTree(repo, parent), after, path -> true),
                    PatchContents.of(repo, null));
        }
        // A merge: git shows the dense combined diff, the paths that differ from every parent.
        java.util.Set<String> everywhere = null;
        for (ObjectId parent : commit.parents()) {
            java.util.Set<String> differ = new java.util.HashSet<>();
            for (Change c : Snapshots.changes(Snapshots.ofTree(repo, repo.readCommit(parent).tree()), after, p -> true)) {
                differ.add(c.path());
            }
            if (everywhere == null) {
                everywhere = differ;
            } else {
                everywhere.retainAll(differ);
            }
        }
        if (everywhere != null && !everywhere.isEmpty()) {
            throw new Fatal("merge " + id.name() + " changes " + everywhere.iterator().next()
                    + " against every parent: combined diffs (--cc) are not built yet");
        }
        return List.of();
    }

    private static void text(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
