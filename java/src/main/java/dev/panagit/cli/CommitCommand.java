package dev.panagit.cli;

import dev.panagit.history.Identities;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.objects.Commit;
import dev.panagit.repo.Refs;
import dev.panagit.repo.Repository;
import dev.panagit.worktree.TreeWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class CommitCommand implements Command {
    List<String> messages = new ArrayList<>();

    String file;

    boolean allowEmpty;

    @Override
    public String name() {
        return "commit";
    }

    @Override
    public String description() {
        return "Record the index as a new commit on the current branch.";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Value messagesOption = args.value("-m, --message", "<msg>", "the message (several -m: paragraphs)");
        Args.Value fileOption = args.value("-F, --file", "<file>", "read the message from a file (- for stdin)");
        Args.Flag allowEmptyOption = args.flag("--allow-empty", "allow a commit with the same tree as its parent");
        Args.Value cleanupOption = args.value("--cleanup", "strip|whitespace", "strip also drops # comment lines");
        Args.Flag noEditOption = args.flag("--no-edit", "use the prepared message (MERGE_MSG) as it is");
        Args.Flag allOption = args.flag("-a, --all", "stage every tracked file's changes (and deletions) first");
        args.parse();
        messages = new java.util.ArrayList<>(messagesOption.all());
        file = fileOption.get(file);
        allowEmpty = allowEmptyOption.on();
        Repository repo = Repos.open(io);
        dev.panagit.merge.MergeState merge = new dev.panagit.merge.MergeState(repo);
        boolean strip = "strip".equals(cleanupOption.get(null));
        if (Repos.index(repo).hasConflicts()) {
            java.util.Set<String> unmerged = new java.util.LinkedHashSet<>();
            for (dev.panagit.index.IndexEntry e : Repos.index(repo).entries()) {
                if (e.stage() != 0) {
                    unmerged.add(e.path());
                }
            }
            for (String path : unmerged) {
                io.out().println("U\t" + Quoting.cStyle(path));
            }
            io.out().flush();
            io.err().println("error: Committing is not possible because you have unmerged files.");
            io.err().println("hint: Fix them up in the work tree, and then use 'git add/rm <file>'");
            io.err().println("hint: as appropriate to mark resolution and make a commit.");
            throw new Fatal("Exiting because of an unresolved conflict.");
        }
        if (allOption.on()) {
            try (dev.panagit.storage.LockFile lock = dev.panagit.storage.LockFile.acquire(repo.indexFile())) {
                dev.panagit.index.DirCache index = Repos.index(repo);
                new dev.panagit.worktree.Staging(repo, index).updateTracked();
                index.write(lock);
            }
        }
        String raw;
        if (file != null) {
            raw = file.equals("-") ? new String(io.in().readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(io.resolve(file), StandardCharsets.UTF_8);
        } else if (!messages.isEmpty()) {
            raw = String.join("\n\n", messages);
        } else if (merge.inProgress() && merge.message().isPresent() || merge.squashMessage().isPresent()) {
            raw = merge.inProgress() ? merge.message().get() : merge.squashMessage().get();
            // with --no-edit git keeps the prepared message as it is ("# Conflicts:" lines too);
            // without, its editor would strip them: panagit has no editor and strips them
            strip = cleanupOption.given() ? strip : !noEditOption.on();
        } else {
            throw new Fatal("a message is needed: use -m <msg> or -F <file> (panagit opens no editor)");
        }
        if (strip) {
            raw = raw.lines().filter(line -> !line.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
        }
        String message = Identities.cleanMessage(raw);
        if (message.isEmpty()) {
            io.err().println("Aborting commit due to empty commit message.");
            return 1;
        }
        Identities identities = new Identities(repo, io.env());
        ObjectId tree = TreeWriter.write(repo, Repos.index(repo));
        Optional<ObjectId> parent = repo.refs().resolve(Refs.HEAD);
        List<ObjectId> mergeHeads = merge.mergeHeads();
        if (parent.isPresent() && !allowEmpty && mergeHeads.isEmpty() && repo.readCommit(parent.get()).tree().equals(tree)) {
            io.out().println("nothing to commit, working tree clean");
            return 1;
        }
        List<ObjectId> parents = new java.util.ArrayList<>(parent.map(List::of).orElse(List.of()));
        parents.addAll(mergeHeads);   // concluding a merge: the merged commits are the next parents
        Commit commit = Commit.create(tree, parents, identities.author(), identities.committer(), message);
        ObjectId id = repo.objects().insert(ObjectType.COMMIT, commit.format());
        String firstLine = message.lines().findFirst().orElse("");
        String kind = parent.isEmpty() ? "commit (initial)" : !mergeHeads.isEmpty() ? "commit (merge)" : "commit";
        repo.refs().update(Refs.HEAD, id, parent.orElse(ObjectId.zeroId(repo.format())),
                Repos.reason(repo, io, Repos.reflogAction(io, kind) + ": " + firstLine));
        merge.end();
        String branch = repo.refs().currentBranch().map(b -> b.substring("refs/heads/".length()))
                .orElse("detached HEAD");
        io.out().println("[" + branch + (parent.isEmpty() ? " (root-commit)" : "") + " " + Repos.abbrev(repo, id) + "] "
                + commit.subject());
        // git's print_commit_summary: the author when not the committer, then (not for merges) the
        // short stat and the summary of created, deleted and renamed files
        if (!identities.author().name().equals(identities.committer().name())
                || !identities.author().email().equals(identities.committer().email())) {
            io.out().println(" Author: " + identities.author().name() + " <" + identities.author().email() + ">");
        }
        if (parents.size() <= 1) {
            List<dev.panagit.diff.PatchWriter.Change> changes = dev.panagit.diff.Snapshots.changes(
                    dev.panagit.diff.Snapshots.ofTree(repo, parent.isEmpty() ? null : repo.readCommit(parent.get()).tree()),
                    dev.panagit.diff.Snapshots.ofTree(repo, tree), p -> true);
            dev.panagit.diff.PatchWriter.Contents contents = PatchContents.of(repo, null);
            changes = dev.panagit.diff.Renames.detect(changes, contents);
            java.io.ByteArrayOutputStream text = new java.io.ByteArrayOutputStream();
            DiffOptions.write(changes, new DiffOptions.Formats(false, false, false, true, false, false), contents, 3,
                    dev.panagit.diff.MyersDiff.Options.GIT_DEFAULT, io.env(), text);
            io.out().print(text.toString(StandardCharsets.UTF_8) + DiffOptions.summary(changes));
        }
        return 0;
    }
}
