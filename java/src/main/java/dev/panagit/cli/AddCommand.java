package dev.panagit.cli;

import dev.panagit.index.DirCache;
import dev.panagit.repo.Repository;
import dev.panagit.worktree.Staging;
import java.util.ArrayList;
import java.util.List;

final class AddCommand implements Command {
    List<String> paths;

    @Override
    public String name() {
        return "add";
    }

    @Override
    public String description() {
        return "Add file contents to the index (directories recursively; .gitignore honoured).";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Operands operands = args.operands("<pathspec>", 1, -1, "files or directories");
        args.parse();
        paths = operands.all();
        Repository repo = Repos.open(io);
        DirCache index = Repos.index(repo);
        List<String> relative = new ArrayList<>();
        for (String p : paths) {
            relative.add(Repos.pathspec(io, repo, p));
        }
        try {
            new Staging(repo, index).add(relative);
        } catch (Staging.PathspecException e) {
            if (!e.ignored()) {
                throw new Fatal(e.getMessage());
            }
            index.write(repo.indexFile());
            io.err().println(e.getMessage());
            return 1;
        }
        index.write(repo.indexFile());
        return 0;
    }
}
