package dev.panagit.cli;

import dev.panagit.fsck.Fsck;
import dev.panagit.repo.Repository;
import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "fsck", description = "Verify every object and pack, and that everything refs, reflogs and the "
        + "index reach is present; report missing, dangling and corrupt objects as git does.")
final class FsckCommand implements Callable<Integer> {
    @Option(names = "--full", description = "check packs and alternates too (the default)")
    boolean full;

    @Option(names = "--no-full", description = "accepted for git compatibility; packs are always checked")
    boolean noFull;

    @Option(names = "--strict", description = "apply git's stricter format checks to every object")
    boolean strict;

    @Option(names = "--connectivity-only", description = "only check that reachable objects are present: "
            + "blobs are not read")
    boolean connectivityOnly;

    @Option(names = "--dangling", description = "report objects nothing reaches and nothing names (the default)")
    boolean dangling;

    @Option(names = "--no-dangling", description = "do not report dangling objects")
    boolean noDangling;

    @Option(names = "--unreachable", description = "report every object nothing reaches")
    boolean unreachable;

    @Override
    public Integer call() throws Exception {
        Repository repo = Repos.open();
        Io io = Io.current();
        PrintStream out = new PrintStream(new BufferedOutputStream(io.out(), 1 << 16), false, StandardCharsets.UTF_8);
        Fsck.Report report = new Fsck.Report() {
            @Override
            public synchronized void error(String message) {
                out.flush();
                io.err().println("error: " + message);
            }

            @Override
            public synchronized void object(String line) {
                out.println(line);
            }
        };
        Fsck fsck = new Fsck(repo, new Fsck.Options(connectivityOnly, strict, !noDangling, unreachable, 0),
                PackTools.indexer(repo.format(), 0, Optional.of(repo)), report);
        int code;
        try {
            code = fsck.run();
        } finally {
            out.flush();
        }
        return code;
    }
}
