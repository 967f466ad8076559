package dev.panagit.cli;

import dev.panagit.index.DirCache;
import dev.panagit.index.IndexEntry;
import dev.panagit.repo.Repository;
import dev.panagit.worktree.TreeFlattener;
import java.util.Map;

final class ReadTreeCommand implements Command {
    String treeish;

    @Override
    public String name() {
        return "read-tree";
    }

    @Override
    public String description() {
        return "Replace the index with a tree's contents (the work tree is not touched).";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Operands operands = args.operands("<tree-ish>", 1, 1, null);
        args.parse();
        treeish = operands.get(0, treeish);
        Repository repo = Repos.open(io);
        Map<String, TreeFlattener.FileEntry> files = TreeFlattener.flatten(repo, Repos.resolve(io, repo, treeish));
        DirCache index = new DirCache(repo.format());
        files.forEach((path, entry) -> index.put(IndexEntry.withoutStat(entry.mode(), entry.id(), path)));
        index.write(repo.indexFile());
        return 0;
    }
}
