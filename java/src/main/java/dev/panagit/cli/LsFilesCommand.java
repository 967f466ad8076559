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
    public int run(Io io, Args args) throws Exception {
        Args.Flag stageOption = args.flag("-s, --stage", "show mode, id and stage too");
        args.parse();
        stage = stageOption.on();
        Repository repo = Repos.open(io);
        PrintStream out = io.out();
        String prefix = Repos.cwdPrefix(io, repo);   // as git: the entries under the directory, named from it
        for (IndexEntry e : Repos.index(repo).entries()) {
            if (!e.path().startsWith(prefix)) {
                continue;
            }
            if (stage) {
                out.print(String.format("%06o %s %d\t", e.mode(), e.id().name(), e.stage()));
            }
            out.print(Quoting.cStyle(e.path().substring(prefix.length())) + "\n");
        }
        return 0;
    }
}
