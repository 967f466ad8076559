package dev.panagit.cli;

import dev.panagit.index.IndexEntry;
import dev.panagit.repo.Repository;
import java.io.PrintStream;

final class LsFilesCommand implements Command {
    boolean stage;

    @Override
    public String name() {
        return "ls-files";
    }

    @Override
    public String description() {
        return "Show the files in the index.";
    }

    @Override
    public int run(Args args) throws Exception {
        Args.Flag stageOption = args.flag("-s, --stage", "show mode, id and stage too");
        args.parse();
        stage = stageOption.on();
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
