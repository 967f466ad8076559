package dev.panagit.cli;

import dev.panagit.index.DirCache;
import dev.panagit.index.IndexEntry;
import dev.panagit.repo.Repository;
import dev.panagit.worktree.TreeFlattener;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "read-tree", description = "Replace the index with a tree's contents (the work tree is not touched).")
final class ReadTreeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "<tree-ish>")
    String treeish;

    @Override
    public Integer call() throws Exception {
        Repository repo = Repos.open();
        Map<String, TreeFlattener.FileEntry> files = TreeFlattener.flatten(repo, Repos.resolve(repo, treeish));
        DirCache index = new DirCache(repo.format());
        files.forEach((path, entry) -> index.put(IndexEntry.withoutStat(entry.mode(), entry.id(), path)));
        index.write(repo.indexFile());
        return 0;
    }
}
