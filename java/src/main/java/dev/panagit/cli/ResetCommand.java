package dev.panagit.cli;

import dev.panagit.index.DirCache;
import dev.panagit.index.IndexEntry;
import dev.panagit.lib.ObjectId;
import dev.panagit.repo.Refs;
import dev.panagit.repo.Repository;
import dev.panagit.worktree.Checkout;
import dev.panagit.worktree.TreeFlattener;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "reset", description = "Move the current branch to a commit: --soft (ref), --mixed (ref + index, default), --hard (and work tree).")
final class ResetCommand implements Callable<Integer> {
    static final class Mode {
        @picocli.CommandLine.Option(names = "--soft") boolean soft;
        @picocli.CommandLine.Option(names = "--mixed") boolean mixed;
        @picocli.CommandLine.Option(names = "--hard") boolean hard;
    }

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    @Parameters(index = "0", arity = "0..1", paramLabel = "<rev>")
    String rev = "HEAD";

    @Override
    public Integer call() throws Exception {
        Repository repo = Repos.open();
        ObjectId target = Repos.commit(repo, rev);
        Optional<ObjectId> head = repo.refs().resolve(Refs.HEAD);
        if (!mode.soft) {
            DirCache index = Repos.index(repo);
            if (mode.hard) {
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
            index.write(repo.indexFile());
        }
        repo.refs().update(Refs.HEAD, target, null);
        if (mode.hard) {
            Io.current().out().println("HEAD is now at " + Repos.abbrev(repo, target) + " " + repo.readCommit(target).subject());
        }
        return 0;
    }
}
