package dev.panagit.cli;

import dev.panagit.repo.Repository;
import dev.panagit.worktree.TreeWriter;

final class WriteTreeCommand implements Command {
    @Override
    public String name() {
        return "write-tree";
    }

    @Override
    public String description() {
        return "Create tree objects from the index and print the root tree's id.";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        args.parse();

        Repository repo = Repos.open(io);
        io.out().println(TreeWriter.write(repo, Repos.index(repo)).name());
        return 0;
    }
}
