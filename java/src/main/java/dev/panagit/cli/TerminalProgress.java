package dev.panagit.cli;

import dev.panagit.lib.Progress;
import java.io.PrintStream;

/**
 * git's progress lines on stderr ({@code Indexing objects:  42% (420/1000)}, rewritten in place,
 * then {@code , done.}), shown only when stderr is a terminal, as git does.
 */
final class TerminalProgress implements Progress {
    private final PrintStream err;
    private String title;
    private long total;
    private long lastPercent;
    private long lastDone;

    private TerminalProgress(PrintStream err) {
        this.err = err;
    }

    /** Progress for this run: on stderr if it is the process's terminal, else none. */
    static Progress forRun(Io io) {
        return io.err() == System.err && dev.panagit.nativeaccess.Terminal.isTerminal(2)
                ? new TerminalProgress(io.err()) : Progress.NONE;
    }

    @Override
    public synchronized void start(String title, long total) {
        this.title = title;
        this.total = total;
        this.lastPercent = -1;
        this.lastDone = 0;
        show(0, "\r");
    }

    @Override
    public synchronized void update(long done) {
        if (done < lastDone) {
            return;   // a later count was shown already (updates come from several threads)
        }
        lastDone = done;
        long percent = total == 0 ? 100 : done * 100 / total;
        if (percent != lastPercent) {
            show(done, "\r");
        }
    }

    @Override
    public synchronized void end() {
        show(total, ", done.\n");
    }

    private void show(long done, String end) {
        lastPercent = total == 0 ? 100 : done * 100 / total;
        err.print(String.format("%s: %3d%% (%d/%d)%s", title, lastPercent, done, total, end));
        err.flush();
    }
}
