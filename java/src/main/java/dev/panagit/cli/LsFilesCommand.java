package dev.panagit.cli;

import dev.panagit.index.IndexEntry;
import dev.panagit.repo.Repository;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ls-files", description = "Show the files in the index.")
final class LsFilesCommand implements Callable<Integer> {
    @Option(names = {"-s", "--stage"}, description = "show mode, id and stage too")
    boolean stage;

    @Override
    public Integer call() throws Exception {
        Repository repo = Repos.open();
        PrintStream out = Io.current().out();
        for (IndexEntry e : Repos.index(repo).entries()) {
            if (stage) {
                out.print(String.format("%06o %s %d\t", e.mode(), e.id().name(), e.stage()));
            }
            out.print(e.path() + "\n");
        }
        return 0;
    }
}
