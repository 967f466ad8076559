package dev.panagit.cli;

import picocli.CommandLine.Command;

/** The top-level command: only subcommands do work. */
@Command(name = "panagit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class,
        description = "git rebuilt in Java, with a native object core (libpanagit) called through the FFM API.",
        subcommands = {
            TourCommand.class,
            InitCommand.class,
            HashObjectCommand.class,
            CatFileCommand.class,
            ExplainCommand.class,
            IndexPackCommand.class,
            VerifyPackCommand.class,
            CountObjectsCommand.class,
            FsckCommand.class,
            AddCommand.class,
            LsFilesCommand.class,
            LsTreeCommand.class,
            WriteTreeCommand.class,
            ReadTreeCommand.class,
            CommitCommand.class,
            RevParseCommand.class,
            BranchCommand.class,
            TagCommand.class,
            CheckoutCommand.class,
            ResetCommand.class,
            LogCommand.class,
            KCommand.class,
            BenchCommand.class,
            VersionCommand.class,
        })
final class PanagitCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is needed (try 'panagit tour')");
    }
}
