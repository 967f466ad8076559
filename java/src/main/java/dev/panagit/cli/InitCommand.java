package dev.panagit.cli;

import dev.panagit.lib.ObjectFormat;
import dev.panagit.repo.Repository;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "init", description = "Create an empty git repository (or reinitialize an existing one).")
final class InitCommand implements Callable<Integer> {
    @Option(names = "--object-format", paramLabel = "<format>", defaultValue = "sha1",
            description = "sha1 (default) or sha256")
    String objectFormat;

    @Option(names = {"-b", "--initial-branch"}, paramLabel = "<name>", defaultValue = "master",
            description = "name of the first branch (default: ${DEFAULT-VALUE}, as git)")
    String initialBranch;

    @Option(names = {"-q", "--quiet"}, description = "print nothing")
    boolean quiet;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<directory>", description = "where to create it")
    Path directory;

    @Override
    public Integer call() throws Exception {
        ObjectFormat format;
        try {
            format = ObjectFormat.fromConfigName(objectFormat);
        } catch (IllegalArgumentException e) {
            throw new Fatal("unknown hash algorithm '" + objectFormat + "'");
        }
        Io io = Io.current();
        Path dir = directory == null ? io.cwd() : io.cwd().resolve(directory);
        Repository.InitResult result = Repository.init(dir, format, initialBranch, Io.current().backend().codec());
        Repos.owned(result.repository());
        if (!quiet) {
            io.out().println((result.reinitialized() ? "Reinitialized existing" : "Initialized empty")
                    + " Git repository in " + result.repository().gitDir() + "/");
        }
        return 0;
    }
}
