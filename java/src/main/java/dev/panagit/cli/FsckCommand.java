package dev.panagit.cli;

import dev.panagit.fsck.Fsck;
import dev.panagit.repo.Repository;
import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

final class FsckCommand implements Command {
    boolean full;

    boolean noFull;

    boolean strict;

    boolean connectivityOnly;

    boolean dangling;

    boolean noDangling;

    boolean unreachable;

    @Override
    public String name() {
        return "fsck";
    }

    @Override
    public String description() {
        return "Verify every object and pack, and that everything refs, reflogs and the index reach is present; report missing, dangling and corrupt objects as git does.";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Flag fullOption = args.flag("--full", "check packs and alternates too (the default)");
        Args.Flag noFullOption = args.flag("--no-full", "accepted for git compatibility; packs are always checked");
        Args.Flag strictOption = args.flag("--strict", "apply git's stricter format checks to every object");
        Args.Flag connectivityOnlyOption = args.flag("--connectivity-only", "only check that reachable objects are present: blobs are not read");
        Args.Flag danglingOption = args.flag("--dangling", "report objects nothing reaches and nothing names (the default)");
        Args.Flag noDanglingOption = args.flag("--no-dangling", "do not report dangling objects");
        Args.Flag unreachableOption = args.flag("--unreachable", "report every object nothing reaches");
        args.parse();
        full = fullOption.on();
        noFull = noFullOption.on();
        strict = strictOption.on();
        connectivityOnly = connectivityOnlyOption.on();
        dangling = danglingOption.on();
        noDangling = noDanglingOption.on();
        unreachable = unreachableOption.on();
        Repository repo = Repos.open(io);
        PrintStream out = new PrintStream(new BufferedOutputStream(io.out(), 1 << 16), false, StandardCharsets.UTF_8);
        Fsck.Report report = new Fsck.Report() {
            @Override
            public synchronized void error(String message) {
                out.flush();
                io.err().println("error: " + message);
            }

            @Override
            public synchronized void finding(String line) {
                out.flush();
                io.err().println(line);
            }

            @Override
            public synchronized void object(String line) {
                out.println(line);
            }
        };
        Fsck fsck = new Fsck(repo, new Fsck.Options(connectivityOnly, strict, !noDangling, unreachable, 0),
                TerminalProgress.forRun(io), report);
        int code;
        try {
            code = fsck.run();
        } finally {
            out.flush();
        }
        return code;
    }
}
