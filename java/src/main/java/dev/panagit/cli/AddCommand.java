package dev.panagit.cli;

import dev.panagit.index.DirCache;
import dev.panagit.repo.Repository;
import dev.panagit.worktree.Staging;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "add", description = "Add file contents to the index (directories recursively; .gitignore honoured).")
final class AddCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "<pathspec>", description = "files or directories")
    List<String> paths;

    @Override
    public Integer call() throws Exception {
        Repository repo = Repos.open();
        DirCache index = Repos.index(repo);
        List<String> relative = new ArrayList<>();
        for (String p : paths) {
            relative.add(Repos.pathspec(repo, p));
        }
        try {
            new Staging(repo, index).add(relative);
        } catch (Staging.PathspecException e) {
            if (!e.ignored()) {
                throw new Fatal(e.getMessage());
            }
            index.write(repo.indexFile());
            Io.current().err().println(e.getMessage());
            return 1;
        }
        index.write(repo.indexFile());
        return 0;
    }
}
