package dev.panagit.cli;

import dev.panagit.diff.DiffStat;
import dev.panagit.diff.PatchWriter;
import dev.panagit.diff.PatchWriter.Change;
import dev.panagit.diff.PatchWriter.Side;
import dev.panagit.diff.Renames;
import dev.panagit.diff.Snapshots;
import dev.panagit.diff.TextMerge;
import dev.panagit.history.CommitWalk;
import dev.panagit.history.Identities;
import dev.panagit.history.MergeBases;
import dev.panagit.index.DirCache;
import dev.panagit.index.IndexEntry;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.merge.MergeState;
import dev.panagit.merge.OctopusMerge;
import dev.panagit.merge.TreeMerge;
import dev.panagit.objects.Commit;
import dev.panagit.repo.ConfigFiles;
import dev.panagit.repo.GitConfig;
import dev.panagit.repo.Refs;
import dev.panagit.repo.Repository;
import dev.panagit.storage.LockFile;
import dev.panagit.worktree.Checkout;
import dev.panagit.worktree.TreeFlattener;
import dev.panagit.worktree.TreeWriter;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code merge <commit>}: fast-forward when it can (unless {@code --no-ff}), otherwise a
 * three-way merge of the trees as git's ort strategy does it without renames: clean paths
 * staged, conflicts at index stages 1-3 with git's markers in the work tree
 * ({@code merge.conflictStyle} merge, diff3 or zdiff3), MERGE_HEAD, MERGE_MSG and ORIG_HEAD
 * written; a clean merge is committed with git's message unless {@code --no-commit}.
 * {@code --abort} puts HEAD's version back; {@code commit} (or {@code --continue}) concludes.
 * Local changes a merge would overwrite are refused before anything changes, in git's words.
 */
final class MergeCommand implements Command {
    @Override
    public String name() {
        return "merge";
    }

    @Override
    public String description() {
        return "Join another line of history into the current branch (fast-forward, or a three-way merge with conflicts).";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Flag ffOption = args.flag("--ff", "fast-forward when possible (the default)");
        Args.Flag noFfOption = args.flag("--no-ff", "always make a merge commit");
        Args.Flag ffOnlyOption = args.flag("--ff-only", "refuse unless it is a fast-forward");
        Args.Value messageOption = args.value("-m, --message", "<msg>", "the merge commit's message");
        Args.Flag noCommitOption = args.flag("--no-commit", "merge, but stop before committing");
        Args.Flag squashOption = args.flag("--squash", "the merged tree in the index and work tree, HEAD unmoved, SQUASH_MSG prepared");
        Args.Flag commitOption = args.flag("--commit", "commit a clean merge (the default)");
        Args.Flag abortOption = args.flag("--abort", "give up a conflicted merge: HEAD's version back");
        Args.Flag continueOption = args.flag("--continue", "conclude a merge whose conflicts are resolved (as commit)");
        Args.Flag unrelatedOption = args.flag("--allow-unrelated-histories", "merge histories that share no commit");
        Args.Operands operands = args.operands("<commit>", 0, -1, null);
        args.parse();
        ffOption.on();
        commitOption.on();
        Repository repo = Repos.open(io);
        MergeState state = new MergeState(repo);
        if (abortOption.on()) {
            return abort(io, repo, state);
        }
        if (continueOption.on()) {
            if (!state.inProgress()) {
                throw new Fatal("There is no merge in progress (MERGE_HEAD missing).");
            }
            return Main.run(io, "commit", "-F", repo.gitDir().resolve("MERGE_MSG").toString(), "--cleanup=strip");
        }
        if (operands.size() == 0) {
            throw new Fatal("No remote for the current branch.");
        }
        if (state.inProgress()) {
            throw new Fatal("You have not concluded your merge (MERGE_HEAD exists).\n"
                    + "Please, commit your changes before you merge.");
        }
        String spec = operands.get(0, null);
        if (operands.size() > 1) {
            // several commits: reduced to those no other one (nor HEAD) reaches, as git's reduce_heads
            Octopus octopus = Octopus.of(io, repo, operands.all());
            if (octopus.heads().isEmpty()) {
                io.out().println("Already up to date.");
                return 0;
            }
            if (octopus.heads().size() > 1) {
                if (squashOption.on() || ffOnlyOption.on()) {
                    throw new Fatal(ffOnlyOption.on() ? "Not possible to fast-forward, aborting."
                            : "--squash of an octopus is not built yet");
                }
                return octopus(repo, io, state, octopus, messageOption.given() ? messageOption.get(null) : null,
                        noCommitOption.on(), noFfOption.on());
            }
            spec = octopus.names().get(0);   // one left: an ordinary merge of it
        }
        ObjectId theirs = Repos.commit(io, repo, spec);
        Optional<ObjectId> headId = repo.refs().resolve(Refs.HEAD);
        DirCache probe = Repos.index(repo);
        if (probe.hasConflicts()) {
            io.err().println("error: Merging is not possible because you have unmerged files.");
            io.err().println("hint: Fix them up in the work tree, and then use 'git add/rm <file>'");
            io.err().println("hint: as appropriate to mark resolution and make a commit.");
            throw new Fatal("Exiting because of an unresolved conflict.");
        }
        if (headId.isEmpty()) {
            return fastForward(io, repo, null, theirs, false, Repos.reason(repo, io, "initial pull"));
        }
        ObjectId head = repo.peel(headId.get(), ObjectType.COMMIT);
        new MergeState(repo).writeOrigHead(head);   // git records it first, whatever happens next
        MergeBases bases = new MergeBases(new CommitWalk(repo));
        List<ObjectId> found = bases.of(head, List.of(theirs));
        if (found.isEmpty() && !unrelatedOption.on()) {
            throw new Fatal("refusing to merge unrelated histories");
        }
        if (found.contains(theirs)) {
            io.out().println("Already up to date.");
            return 0;
        }
        boolean fastForward = found.size() == 1 && found.get(0).equals(head);
        boolean squash = squashOption.on();
        if (squash) {
            state.writeSquashMessage(squashMessage(repo, head, theirs));
        }
        if (fastForward && !noFfOption.on()) {
            return fastForward(io, repo, head, theirs, squash,
                    Repos.reason(repo, io, Repos.reflogAction(io, "merge " + spec) + ": Fast-forward"));
        }
        if (ffOnlyOption.on()) {
            throw new Fatal("Not possible to fast-forward, aborting.");
        }
        GitConfig config = ConfigFiles.effective(repo, io.env());
        TextMerge.Style style = switch (config.get("merge.conflictstyle").orElse("merge")) {
            case "diff3" -> TextMerge.Style.DIFF3;
            case "zdiff3" -> TextMerge.Style.ZDIFF3;
            default -> TextMerge.Style.MERGE;
        };
        List<String> staged = stagedChanges(repo, head, probe);
        if (!staged.isEmpty()) {
            // ort needs an index that matches HEAD (builtin/merge.c's index_has_changes)
            io.err().println("error: Your local changes to the following files would be overwritten by merge:\n  "
                    + String.join(" ", staged));
            io.err().println("Merge with strategy ort failed.");
            return 2;
        }
        TreeMerge merger = new TreeMerge(repo, style, config.get("merge.directoryrenames"));
        ObjectId baseTree = virtualBase(repo, merger, bases, found, 1);
        TreeMerge.Result result = merger.merge(baseTree, repo.readCommit(head).tree(), repo.readCommit(theirs).tree(),
                new TreeMerge.Labels("HEAD", spec, found.isEmpty() ? "empty tree" : found.size() == 1
                        ? Repos.abbrev(repo, found.get(0)) : "merged common ancestors"));
        String message = messageOption.given() ? messageOption.get(null) + "\n" : defaultMessage(repo, spec, config) + "\n";
        try (LockFile lock = LockFile.acquire(repo.indexFile())) {
            DirCache index = Repos.index(repo);
            try {
                apply(repo, head, result, index);
            } catch (Checkout.ConflictException e) {
                io.err().println("error: " + e.getMessage());
                io.err().println("Merge with strategy ort failed.");
                return 2;
            }
            index.write(lock);
        }
        PrintStream out = io.out();
        for (String line : result.messages()) {
            out.println(line);
        }
        if (squash) {
            out.println("Squash commit -- not updating HEAD");
            if (!result.clean()) {
                StringBuilder conflicts = new StringBuilder("\n# Conflicts:\n");
                for (String path : result.conflicts().keySet()) {
                    conflicts.append("#\t").append(path).append('\n');
                }
                state.writeMessage(conflicts.toString());
                out.println("Automatic merge failed; fix conflicts and then commit the result.");
                return 1;
            }
            out.flush();   // git's messages reach a shared pipe before this line, as git's do
            io.err().println("Automatic merge went well; stopped before committing as requested");
            return 0;
        }
        if (result.clean() && !noCommitOption.on()) {
            ObjectId tree = TreeWriter.write(repo, Repos.index(repo));
            Identities identities = new Identities(repo, io.env());
            Commit commit = Commit.create(tree, List.of(head, theirs), identities.author(), identities.committer(),
                    Identities.cleanMessage(message));
            ObjectId id = repo.objects().insert(ObjectType.COMMIT, commit.format());
            repo.refs().update(Refs.HEAD, id, head, Repos.reason(repo, io,
                    Repos.reflogAction(io, "merge " + spec) + ": Merge made by the 'ort' strategy."));
            out.println("Merge made by the 'ort' strategy.");
            out.print(stat(io, repo, repo.readCommit(head).tree(), tree));
            return 0;
        }
        StringBuilder msg = new StringBuilder(message);
        if (!result.clean()) {
            msg.append("\n# Conflicts:\n");
            for (String path : result.conflicts().keySet()) {
                msg.append("#\t").append(path).append('\n');
            }
        }
        state.begin(theirs, msg.toString());
        if (!result.clean()) {
            out.println("Automatic merge failed; fix conflicts and then commit the result.");
            return 1;
        }
        out.flush();   // git's messages reach a shared pipe before this line, as git's do
        io.err().println("Automatic merge went well; stopped before committing as requested");
        return 0;
    }

    /** A commit of a recursive merge: a real one, or a virtual merge of merge bases (its tree and two parents). */
    private record Node(ObjectId commit, ObjectId tree, List<Node> parents) {
        static Node of(Repository repo, ObjectId commit) throws IOException {
            return new Node(commit, repo.readCommit(commit).tree(), List.of());
        }

        /** The real commits this one stands for: itself, or a virtual one's parents', recursively. */
        List<ObjectId> real() {
            if (commit != null) {
                return List.of(commit);
            }
            List<ObjectId> all = new ArrayList<>();
            parents.forEach(p -> all.addAll(p.real()));
            return all;
        }
    }

    /**
     * The tree to merge against (merge-ort's merge_ort_internal): the one merge base's, or for
     * criss-cross histories (several, {@code found} newest first) a virtual one: the oldest base
     * merged with the next, that result with the next, and so on, each of those merges itself
     * against its own merge bases, recursively; conflicts stay in, markers and all.
     */
    private static ObjectId virtualBase(Repository repo, TreeMerge merger, MergeBases bases, List<ObjectId> found,
            int depth) throws Exception {
        if (found.isEmpty()) {
            return null;
        }
        List<ObjectId> oldestFirst = new ArrayList<>(found);
        java.util.Collections.reverse(oldestFirst);
        Node merged = Node.of(repo, oldestFirst.get(0));
        for (ObjectId id : oldestFirst.subList(1, oldestFirst.size())) {
            Node next = Node.of(repo, id);
            List<ObjectId> innerBases = bases.of(id, merged.real());
            ObjectId innerBase = virtualBase(repo, merger, bases, innerBases, depth + 1);
            String baseLabel = innerBases.isEmpty() ? "empty tree" : innerBases.size() == 1
                    ? Repos.abbrev(repo, innerBases.get(0)) : "merged common ancestors";
            TreeMerge.Result virtual = merger.merge(innerBase, merged.tree(), next.tree(),
                    TreeMerge.Labels.virtualBase(baseLabel, depth));
            Map<String, Side> files = new LinkedHashMap<>(virtual.merged());
            virtual.conflicts().forEach((path, c) -> {
                if (c.workTree().present()) {
                    files.put(path, c.workTree());
                }
            });
            merged = new Node(null, TreeWriter.write(repo, indexOf(repo, files)), List.of(merged, next));
        }
        return merged.tree();
    }

    /** The commits of an octopus after git's reduction: {@code heads} as named by {@code names}; whether HEAD was reached. */
    private record Octopus(ObjectId head, List<ObjectId> heads, List<String> names, boolean headSubsumed) {
        static Octopus of(Io io, Repository repo, List<String> specs) throws Exception {
            ObjectId head = repo.peel(repo.refs().resolve(Refs.HEAD).orElseThrow(
                    () -> new Fatal("merging several commits into an unborn branch is not built yet")), ObjectType.COMMIT);
            List<ObjectId> ids = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (String spec : specs) {
                ObjectId id = Repos.commit(io, repo, spec);
                if (!ids.contains(id)) {
                    ids.add(id);
                    names.add(spec);
                }
            }
            MergeBases bases = new MergeBases(new CommitWalk(repo));
            List<ObjectId> all = new ArrayList<>(List.of(head));
            all.addAll(ids);
            List<ObjectId> kept = new ArrayList<>();
            for (ObjectId candidate : all) {
                boolean reached = false;
                for (ObjectId other : all) {
                    if (!other.equals(candidate) && bases.isAncestor(candidate, other)) {
                        reached = true;
                        break;
                    }
                }
                if (!reached && !kept.contains(candidate)) {
                    kept.add(candidate);
                }
            }
            List<ObjectId> heads = new ArrayList<>();
            List<String> headNames = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                if (kept.contains(ids.get(i))) {
                    heads.add(ids.get(i));
                    headNames.add(names.get(i));
                }
            }
            return new Octopus(head, heads, headNames, !kept.contains(head));
        }
    }

    /** git's octopus: the heads merged one by one; only the last may leave conflicts. */
    private static int octopus(Repository repo, Io io, MergeState state, Octopus octopus, String givenMessage,
            boolean noCommit, boolean noFf) throws Exception {
        ObjectId head = octopus.head();
        new MergeState(repo).writeOrigHead(head);
        GitConfig config = ConfigFiles.effective(repo, io.env());
        List<String> staged = stagedChanges(repo, head, Repos.index(repo));
        if (!staged.isEmpty()) {
            io.out().println("Error: Your local changes to the following files would be overwritten by merge");
            staged.forEach(path -> io.out().println("    " + path));
            io.out().flush();
            io.err().println("Merge with strategy octopus failed.");
            return 2;
        }
        TextMerge.Style style = switch (config.get("merge.conflictstyle").orElse("merge")) {
            case "diff3" -> TextMerge.Style.DIFF3;
            case "zdiff3" -> TextMerge.Style.ZDIFF3;
            default -> TextMerge.Style.MERGE;
        };
        OctopusMerge.Outcome outcome = new OctopusMerge(repo, style).merge(new MergeBases(new CommitWalk(repo)), head,
                octopus.heads(), octopus.names());
        PrintStream out = io.out();
        if (outcome.exitCode() == 2) {
            print(io, outcome.lines());
            return 2;
        }
        try (LockFile lock = LockFile.acquire(repo.indexFile())) {
            DirCache index = Repos.index(repo);
            try {
                apply(repo, head, outcome.result(), index);
            } catch (Checkout.ConflictException e) {
                print(io, outcome.lines());
                io.err().println("error: " + e.getMessage());
                io.err().println("Merge with strategy octopus failed.");
                return 2;
            }
            index.write(lock);
        }
        print(io, outcome.lines());
        String message = (givenMessage != null ? givenMessage : octopusMessage(repo, octopus.names(), config)) + "\n";
        if (outcome.exitCode() == 1) {
            StringBuilder msg = new StringBuilder(message).append("\n# Conflicts:\n");
            outcome.result().conflicts().keySet().forEach(path -> msg.append("#\t").append(path).append('\n'));
            state.begin(octopus.heads(), msg.toString());
            out.println("Automatic merge failed; fix conflicts and then commit the result.");
            return 1;
        }
        if (noCommit) {
            state.begin(octopus.heads(), message);
            out.flush();
            io.err().println("Automatic merge went well; stopped before committing as requested");
            return 0;
        }
        ObjectId tree = TreeWriter.write(repo, Repos.index(repo));
        List<ObjectId> parents = new ArrayList<>();
        if (!octopus.headSubsumed() || noFf) {
            parents.add(head);
        }
        parents.addAll(octopus.heads());
        Identities identities = new Identities(repo, io.env());
        Commit commit = Commit.create(tree, parents, identities.author(), identities.committer(),
                Identities.cleanMessage(message));
        ObjectId id = repo.objects().insert(ObjectType.COMMIT, commit.format());
        repo.refs().update(Refs.HEAD, id, head, Repos.reason(repo, io, Repos.reflogAction(io, "merge "
                + String.join(" ", octopus.names())) + ": Merge made by the 'octopus' strategy."));
        out.println("Merge made by the 'octopus' strategy.");
        out.print(stat(io, repo, repo.readCommit(head).tree(), tree));
        return 0;
    }

    /** The octopus's lines in the order git's script prints them, each on its stream. */
    private static void print(Io io, List<OctopusMerge.Line> lines) {
        for (OctopusMerge.Line line : lines) {
            PrintStream stream = line.error() ? io.err() : io.out();
            stream.println(line.text());
            stream.flush();
        }
    }

    /**
     * fmt-merge-msg's title for several commits: "Merge branches 'a', 'b' and 'c'", kinds grouped
     * (branches, remote-tracking branches, tags, commits), then " into <branch>" unless suppressed.
     */
    private static String octopusMessage(Repository repo, List<String> specs, GitConfig config) throws Exception {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        for (String kind : List.of("branch", "remote-tracking branch", "tag", "commit")) {
            groups.put(kind, new ArrayList<>());
        }
        for (String spec : specs) {
            // merge_name(): "x^0" and "x~0" name x itself
            String name = spec.endsWith("^0") || spec.endsWith("~0") ? spec.substring(0, spec.length() - 2) : spec;
            Optional<String> full = repo.refs().expand(name);
            if (full.isPresent() && full.get().startsWith("refs/heads/")) {
                groups.get("branch").add(full.get().substring("refs/heads/".length()));
            } else if (full.isPresent() && full.get().startsWith("refs/remotes/")) {
                groups.get("remote-tracking branch").add(full.get().substring("refs/remotes/".length()));
            } else if (full.isPresent() && full.get().startsWith("refs/tags/")) {
                groups.get("tag").add(full.get().substring("refs/tags/".length()));
            } else {
                groups.get("commit").add(spec);
            }
        }
        StringBuilder title = new StringBuilder("Merge ");
        String separator = "";
        for (Map.Entry<String, List<String>> group : groups.entrySet()) {
            List<String> names = group.getValue();
            if (names.isEmpty()) {
                continue;
            }
            title.append(separator).append(names.size() == 1 ? group.getKey() + " "
                    : group.getKey().endsWith("h") ? group.getKey() + "es " : group.getKey() + "s ");
            for (int i = 0; i < names.size(); i++) {
                title.append(i == 0 ? "" : i == names.size() - 1 ? " and " : ", ").append('\'').append(names.get(i))
                        .append('\'');
            }
            separator = ", ";
        }
        Optional<String> branch = repo.refs().currentBranch().map(b -> b.substring("refs/heads/".length()));
        List<String> suppressed = config.getAll("merge.suppressdest");
        if (suppressed.isEmpty()) {
            suppressed = List.of("main", "master");
        }
        if (branch.isPresent() && !suppressed.contains(branch.get())) {
            title.append(" into ").append(branch.get());
        }
        return title.toString();
    }

    /** The paths whose index entries differ from HEAD's. */
    private static List<String> stagedChanges(Repository repo, ObjectId head, DirCache index) throws Exception {
        List<String> paths = new ArrayList<>();
        for (Change c : Snapshots.changes(Snapshots.ofTree(repo, repo.readCommit(head).tree()), Snapshots.ofIndex(index),
                p -> true)) {
            paths.add(c.path());
        }
        return paths;
    }

    private static DirCache indexOf(Repository repo, Map<String, Side> files) {
        DirCache index = new DirCache(repo.format());
        files.forEach((path, side) -> index.put(IndexEntry.withoutStat(side.mode(), side.id(), path)));
        return index;
    }

    /** Writes the merge's result into the index (stages for conflicts) and the work tree, all or nothing. */
    private static void apply(Repository repo, ObjectId head, TreeMerge.Result result, DirCache index) throws Exception {
        Map<String, TreeFlattener.FileEntry> current = TreeFlattener.flatten(repo, repo.readCommit(head).tree());
        Map<String, TreeFlattener.FileEntry> target = new LinkedHashMap<>();
        result.merged().forEach((path, side) -> target.put(path, new TreeFlattener.FileEntry(side.mode(), side.id())));
        result.conflicts().forEach((path, c) -> {
            if (c.workTree().present()) {
                target.put(path, new TreeFlattener.FileEntry(c.workTree().mode(), c.workTree().id()));
            }
        });
        new Checkout(repo, Checkout.Purpose.MERGE).run(current, target, index, false);
        for (Map.Entry<String, TreeMerge.Conflict> conflict : result.conflicts().entrySet()) {
            String path = conflict.getKey();
            TreeMerge.Conflict c = conflict.getValue();
            index.remove(path);
            Side[] stages = {c.base(), c.ours(), c.theirs()};
            for (int stage = 1; stage <= 3; stage++) {
                Side side = stages[stage - 1];
                if (side.present()) {
                    index.put(new IndexEntry(0, 0, 0, 0, 0, 0, side.mode(), 0, 0, 0, side.id(), stage, false, false,
                            false, path));
                }
            }
        }
    }

    /** A fast-forward: "Updating a..b", "Fast-forward", the diffstat; the work tree moved as checkout moves it. */

    /** With {@code squash}, the index and work tree move but HEAD does not (git's merge --squash). */
    private static int fastForward(Io io, Repository repo, ObjectId head, ObjectId theirs, boolean squash, Refs.Reason reason)
            throws Exception {
        ObjectId from = head == null ? null : repo.readCommit(head).tree();
        ObjectId to = repo.readCommit(theirs).tree();
        if (head != null) {
            io.out().println("Updating " + Repos.abbrev(repo, head) + ".." + Repos.abbrev(repo, theirs));
            io.out().flush();
        }
        try (LockFile lock = LockFile.acquire(repo.indexFile())) {
            DirCache index = Repos.index(repo);
            try {
                new Checkout(repo, Checkout.Purpose.MERGE).run(from, to, index, false);
            } catch (Checkout.ConflictException e) {
                io.err().println("error: " + e.getMessage());
                return 1;
            }
            index.write(lock);
        }
        if (!squash) {
            repo.refs().update(Refs.HEAD, theirs, head == null ? ObjectId.zeroId(repo.format()) : head, reason);
        }
        io.out().println("Fast-forward");
        if (squash) {
            io.out().println("Squash commit -- not updating HEAD");
        }
        io.out().print(stat(io, repo, from, to));
        return 0;
    }

    /** git merge's summary: the diffstat from the old HEAD, then create/delete/mode/rename lines. */
    static String stat(Io io, Repository repo, ObjectId from, ObjectId to) throws Exception {
        List<Change> changes = Snapshots.changes(Snapshots.ofTree(repo, from), Snapshots.ofTree(repo, to), p -> true);
        PatchWriter.Contents contents = PatchContents.of(repo, null);
        changes = Renames.detect(changes, contents);
        return DiffStat.format(changes, contents, DiffStat.width(io.env())) + DiffOptions.summary(changes);
    }

 /** SQUASH_MSG: "Squashed commit of the following:" and the commits brought in, in log's medium format. */
    private static String squashMessage(Repository repo, ObjectId head, ObjectId theirs) throws Exception {
        StringBuilder sb = new StringBuilder("Squashed commit of the following:\n");
        PrettyFormat medium = PrettyFormat.parse("medium", null, 0);
        PrettyFormat.Context context = new PrettyFormat.Context() {
            @Override
            public String abbreviate(ObjectId id) throws java.io.IOException {
                return Repos.abbrev(repo, id);
            }

            @Override
            public List<String> decorations(ObjectId id) {
                return List.of();
            }
        };
        for (dev.panagit.history.RevWalk.Entry e : new dev.panagit.history.RevWalk(repo).include(theirs).exclude(head)
                .byDate(0, -1)) {
            sb.append('\n').append(medium.render(e.id(), e.commit(), context, "")).append('\n');
        }
        return sb.toString();
    }

    /** git's default message: "Merge branch 'x'" (tag, remote-tracking branch, commit), "into y" off main/master. */
    private static String defaultMessage(Repository repo, String spec, GitConfig config) throws Exception {
        // merge_name(): "x^0" and "x~0" name x itself; "x~N" of a branch is its "early part"
        String name = spec;
        String early = "";
        java.util.regex.Matcher suffix = java.util.regex.Pattern.compile("(.+)(\\^0|~(\\d+))$").matcher(spec);
        if (suffix.matches() && repo.refs().expand(suffix.group(1)).filter(r -> r.startsWith("refs/heads/")).isPresent()) {
            name = suffix.group(1);
            if (suffix.group(3) != null && Integer.parseInt(suffix.group(3)) > 0) {
                early = " (early part)";
            }
        }
        Optional<String> full = repo.refs().expand(name);
        String what;
        if (full.isPresent() && full.get().startsWith("refs/heads/")) {
            what = "branch '" + full.get().substring("refs/heads/".length()) + "'" + early;
        } else if (full.isPresent() && full.get().startsWith("refs/tags/")) {
            what = "tag '" + full.get().substring("refs/tags/".length()) + "'";
        } else if (full.isPresent() && full.get().startsWith("refs/remotes/")) {
            what = "remote-tracking branch '" + full.get().substring("refs/remotes/".length()) + "'";
        } else {
            what = "commit '" + spec + "'";
        }
        String message = "Merge " + what;
        Optional<String> branch = repo.refs().currentBranch().map(b -> b.substring("refs/heads/".length()));
        List<String> suppressed = config.getAll("merge.suppressdest");
        if (suppressed.isEmpty()) {
            suppressed = List.of("main", "master");
        }
        if (branch.isPresent() && !suppressed.contains(branch.get())) {
            message += " into " + branch.get();
        }
        return message;
    }

    /** --abort: the merge's paths back as HEAD has them (git's reset --merge), its state files removed. */
    private static int abort(Io io, Repository repo, MergeState state) throws Exception {
        if (!state.inProgress()) {
            throw new Fatal("There is no merge to abort (MERGE_HEAD missing).");
        }
        ObjectId head = repo.peel(repo.refs().resolve(Refs.HEAD).orElseThrow(), ObjectType.COMMIT);
        try (LockFile lock = LockFile.acquire(repo.indexFile())) {
            DirCache index = Repos.index(repo);
            Map<String, TreeFlattener.FileEntry> target = TreeFlattener.flatten(repo, repo.readCommit(head).tree());
            // what the index holds now (a conflicted path by its first stage): what the move starts from
            Map<String, TreeFlattener.FileEntry> current = new LinkedHashMap<>();
            for (IndexEntry entry : index.entries()) {
                current.putIfAbsent(entry.path(), new TreeFlattener.FileEntry(entry.mode(), entry.id()));
            }
            new Checkout(repo, Checkout.Purpose.MERGE).run(current, target, index, true);
            index.write(lock);
        }
        // git's merge --abort is a "reset --merge": HEAD's reflog says so
        repo.refs().update(Refs.HEAD, head, head, Repos.reason(repo, io, "reset: moving to HEAD"));
        state.end();
        return 0;
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
