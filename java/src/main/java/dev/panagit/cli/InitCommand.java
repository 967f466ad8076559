package dev.panagit.cli;

import dev.panagit.lib.ObjectFormat;
import dev.panagit.repo.Repository;
import java.nio.file.Path;

final class InitCommand implements Command {
    String objectFormat;

    String initialBranch;

    boolean quiet;

    Path directory;

    @Override
    public String name() {
        return "init";
    }

    @Override
    public String description() {
        return "Create an empty git repository (or reinitialize an existing one).";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Value objectFormatOption = args.value("--object-format", "<format>", "sha1 (default) or sha256");
        Args.Value initialBranchOption = args.value("-b, --initial-branch", "<name>", "name of the first branch (default: master, as git)");
        Args.Flag quietOption = args.flag("-q, --quiet", "print nothing");
        Args.Operands operands = args.operands("<directory>", 0, 1, "where to create it");
        args.parse();
        objectFormat = objectFormatOption.get("sha1");
        initialBranch = initialBranchOption.get("master");
        quiet = quietOption.on();
        directory = operands.size() > 0 ? Path.of(operands.get(0, null)) : directory;
        ObjectFormat format;
        try {
            format = ObjectFormat.fromConfigName(objectFormat);
        } catch (IllegalArgumentException e) {
            throw new Fatal("unknown hash algorithm '" + objectFormat + "'");
        }
        Path dir = directory == null ? io.cwd() : io.cwd().resolve(directory);
        Repository.InitResult result = Repository.init(dir, format, initialBranch, io.backend().codec());
        io.own(result.repository());
        if (!quiet) {
            io.out().println((result.reinitialized() ? "Reinitialized existing" : "Initialized empty")
                    + " Git repository in " + result.repository().gitDir() + "/");
        }
        return 0;
    }
}
