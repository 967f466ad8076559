package dev.panagit.cli;

import dev.panagit.index.DirCache;
import dev.panagit.index.IndexEntry;
import dev.panagit.lib.ObjectId;
import dev.panagit.repo.Refs;
import dev.panagit.repo.Repository;
import dev.panagit.storage.LockFile;
import dev.panagit.worktree.Checkout;
import dev.panagit.worktree.TreeFlattener;
import java.util.Map;
import java.util.Optional;

final class ResetCommand implements Command {
    @Override
    public String name() {
        return "reset";
    }

    @Override
    public String description() {
        return "Move the current branch to a commit: --soft (ref), --mixed (ref + index, default), --hard (and "
                + "work tree).";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Flag soft = args.flag("--soft", "move the branch only");
        Args.Flag mixed = args.flag("--mixed", "and reset the index (the default)");
        Args.Flag hard = args.flag("--hard", "and the index and the work tree");
        Args.Operands operands = args.operands("<rev>", 0, 1, "the commit (default HEAD)");
        args.parse();
        if ((soft.on() ? 1 : 0) + (mixed.on() ? 1 : 0) + (hard.on() ? 1 : 0) > 1) {
            throw new Args.UsageException(args, "--soft, --mixed and --hard are mutually exclusive");
        }
        String rev = operands.get(0, "HEAD");
        Repository repo = Repos.open(io);
        ObjectId target = Repos.commit(io, repo, rev);
        Optional<ObjectId> head = repo.refs().resolve(Refs.HEAD);
        if (!soft.on()) {
            try (LockFile lock = LockFile.acquire(repo.indexFile())) {   // held throughout, as git holds it
                DirCache index = Repos.index(repo);
                if (hard.on()) {
                    new Checkout(repo).run(head.orElse(null), target, index, true);
                } else {
                    Map<String, TreeFlattener.FileEntry> files = TreeFlattener.flatten(repo, target);
                    DirCache fresh = new DirCache(repo.format());
                    for (Map.Entry<String, TreeFlattener.FileEntry> f : files.entrySet()) {
                        IndexEntry old = index.get(f.getKey());
                        boolean same = old != null && old.mode() == f.getValue().mode() && old.id().equals(f.getValue().id());
                        fresh.put(same ? old : IndexEntry.withoutStat(f.getValue().mode(), f.getValue().id(), f.getKey()));
                    }
                    index = fresh;
                }
                index.write(lock);
            }
        }
        repo.refs().update(Refs.HEAD, target, null,
                Repos.reason(repo, io, Repos.reflogAction(io, "reset") + ": moving to " + rev));
        if (hard.on()) {
            io.out().println("HEAD is now at " + Repos.abbrev(repo, target) + " " + repo.readCommit(target).subject());
        }
        return 0;
    }
}
