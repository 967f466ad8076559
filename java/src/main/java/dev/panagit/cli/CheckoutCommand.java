package dev.panagit.cli;

import dev.panagit.index.DirCache;
import dev.panagit.lib.ObjectId;
import dev.panagit.repo.Refs;
import dev.panagit.repo.Repository;
import dev.panagit.storage.LockFile;
import dev.panagit.worktree.Checkout;
import dev.panagit.worktree.TreeFlattener;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

final class CheckoutCommand implements Command {
    String target;

    @Override
    public String name() {
        return "checkout";
    }

    @Override
    public String description() {
        return "Switch to a branch (-b: a new one), or detach HEAD at a commit; or restore files ([<rev>] -- <paths>).";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Value newBranchOption = args.value("-b", "<new-branch>", "create the branch (at <start>, else HEAD) and switch to it");
        Args.Operands operands = args.operands("<branch|rev> | -b <new-branch> [<start>] | [<rev>] -- <path>...", 0, -1,
                null);
        args.parse();
        String newBranch = newBranchOption.get(null);
        Repository repo = Repos.open(io);
        Refs refs = repo.refs();
        PrintStream err = io.err();
        List<String> words = operands.all();
        int dashDash = operands.beforeDashDash();
        if (dashDash >= 0) {
            if (dashDash > 1 || newBranch != null) {
                throw new Args.UsageException(args, "one revision at most before '--', and no -b with paths");
            }
            return restore(io, repo, dashDash == 1 ? words.get(0) : null, words.subList(dashDash, words.size()), false);
        }
        if (newBranch != null) {
            if (words.size() > 1) {
                throw new Args.UsageException(args, "-b takes one start point");
            }
            return createAndSwitch(io, repo, newBranch, operands.get(0, null));
        }
        if (words.isEmpty()) {
            throw new Args.UsageException(args, "a branch or revision is needed");
        }
        if (words.size() > 1 || !refs.exists("refs/heads/" + words.get(0))
                && dev.panagit.repo.Revisions.resolve(repo, words.get(0)).isEmpty()) {
            // not a revision: paths, restored from the index, as git guesses without "--"
            return restore(io, repo, null, words, true);
        }
        target = operands.get(0, target);
        boolean isBranch = refs.exists("refs/heads/" + target);
        ObjectId commit = isBranch ? refs.resolve("refs/heads/" + target).orElseThrow() : Repos.commit(io, repo, target);
        Optional<ObjectId> head = refs.resolve(Refs.HEAD);
        // The index lock is held from before the index is read until it is written, as git holds it:
        // two checkouts never interleave their writes.
        try (LockFile lock = LockFile.acquire(repo.indexFile())) {
            DirCache index = Repos.index(repo);
            try {
                new Checkout(repo).run(head.orElse(null), commit, index, false);
            } catch (Checkout.ConflictException e) {
                err.println("error: " + e.getMessage());
                return 1;
            }
            index.write(lock);
        }
        String subject = repo.readCommit(commit).subject();
        String from = refs.currentBranch().map(b -> b.substring("refs/heads/".length()))
                .orElse(head.map(ObjectId::name).orElse("HEAD"));
        Refs.Reason reason = Repos.reason(repo, io,
                Repos.reflogAction(io, "checkout") + ": moving from " + from + " to " + target);
        if (isBranch) {
            boolean already = refs.currentBranch().map(b -> b.equals("refs/heads/" + target)).orElse(false);
            refs.setSymbolic(Refs.HEAD, "refs/heads/" + target, reason);
            err.println(already ? "Already on '" + target + "'" : "Switched to branch '" + target + "'");
        } else {
            boolean wasDetached = refs.currentBranch().isEmpty() && head.isPresent();
            refs.detachHead(commit, reason);
            if (!wasDetached) {
                err.println("Note: switching to '" + target + "'.\n\nYou are in 'detached HEAD' state. You can look around,"
                        + " make experimental\nchanges and commit them, and you can discard any commits you make in this\n"
                        + "state without impacting any branches by switching back to a branch.\n");
            }
            err.println("HEAD is now at " + Repos.abbrev(repo, commit) + " " + subject);
        }
        return 0;
    }

    /** {@code checkout -b <new> [<start>]}: the branch made at start (or HEAD), then switched to, as git logs both. */
    private static int createAndSwitch(Io io, Repository repo, String name, String start) throws Exception {
        Refs refs = repo.refs();
        try {
            dev.panagit.repo.RefNames.checkBranchName(name);
        } catch (IllegalArgumentException e) {
            throw new Fatal("'" + name + "' is not a valid branch name");
        }
        if (refs.exists("refs/heads/" + name)) {
            throw new Fatal("a branch named '" + name + "' already exists");
        }
        Optional<ObjectId> head = refs.resolve(Refs.HEAD);
        ObjectId commit = start == null ? head.orElseThrow(() -> new Fatal("You are on a branch yet to be born"))
                : Repos.commit(io, repo, start);
        if (start != null) {
            try (LockFile lock = LockFile.acquire(repo.indexFile())) {
                DirCache index = Repos.index(repo);
                try {
                    new Checkout(repo).run(head.orElse(null), commit, index, false);
                } catch (Checkout.ConflictException e) {
                    io.err().println("error: " + e.getMessage());
                    return 1;
                }
                index.write(lock);
            }
        }
        String from = refs.currentBranch().map(b -> b.substring("refs/heads/".length()))
                .orElse(head.map(ObjectId::name).orElse("HEAD"));
        refs.update("refs/heads/" + name, commit, ObjectId.zeroId(repo.format()),
                Repos.reason(repo, io, "branch: Created from " + (start == null ? "HEAD" : start)));
        refs.setSymbolic(Refs.HEAD, "refs/heads/" + name,
                Repos.reason(repo, io, Repos.reflogAction(io, "checkout") + ": moving from " + from + " to " + name));
        io.err().println("Switched to a new branch '" + name + "'");
        return 0;
    }

    /**
     * {@code checkout [<rev>] -- <path>…}: the files (directories: every file under them) as the
     * index has them, or as {@code rev} has them (then staged too); paths the source lacks are
     * left alone (git's overlay mode). Every path must match something, or nothing changes. git
     * counts the paths only when they were given without "--".
     */
    private static int restore(Io io, Repository repo, String rev, List<String> typed, boolean count) throws Exception {
        List<String> specs = new java.util.ArrayList<>();
        for (String path : typed) {
            specs.add(Repos.pathspec(io, repo, path));
        }
        try (LockFile lock = LockFile.acquire(repo.indexFile())) {
            DirCache index = Repos.index(repo);
            java.util.Map<String, TreeFlattener.FileEntry> source = new java.util.TreeMap<>();
            ObjectId tree = null;
            if (rev == null) {
                for (dev.panagit.index.IndexEntry entry : index.entries()) {
                    if (matches(specs, entry.path())) {
                        if (entry.stage() != 0) {
                            io.err().println("error: path '" + entry.path() + "' is unmerged");
                            return 1;
                        }
                        source.put(entry.path(), new TreeFlattener.FileEntry(entry.mode(), entry.id()));
                    }
                }
            } else {
                tree = repo.peel(Repos.resolve(io, repo, rev), dev.panagit.lib.ObjectType.TREE);
                TreeFlattener.flatten(repo, tree).forEach((path, entry) -> {
                    if (matches(specs, path)) {
                        source.put(path, entry);
                    }
                });
            }
            for (int i = 0; i < specs.size(); i++) {
                String spec = specs.get(i);
                if (source.keySet().stream().noneMatch(path -> matches(List.of(spec), path))) {
                    io.err().println("error: pathspec '" + typed.get(i) + "' did not match any file(s) known to git");
                    return 1;
                }
            }
            new Checkout(repo).restore(source, index);
            index.write(lock);
            if (count) {
                io.err().println("Updated " + source.size() + (source.size() == 1 ? " path" : " paths") + " from "
                        + (tree == null ? "the index" : Repos.abbrev(repo, tree)));
            }
        }
        return 0;
    }

    private static boolean matches(List<String> specs, String path) {
        for (String spec : specs) {
            if (spec.isEmpty() || spec.equals(".") || path.equals(spec) || path.startsWith(spec + "/")) {
                return true;
            }
        }
        return false;
    }
}
