package dev.panagit.cli;

import dev.panagit.repo.Repository;
import dev.panagit.worktree.TreeWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(name = "write-tree", description = "Create tree objects from the index and print the root tree's id.")
final class WriteTreeCommand implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
        Repository repo = Repos.open();
        Io.current().out().println(TreeWriter.write(repo, Repos.index(repo)).name());
        return 0;
    }
}
