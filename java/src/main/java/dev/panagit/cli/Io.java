package dev.panagit.cli;

import dev.panagit.backend.BackendChoice;
import dev.panagit.backend.Backends;
import dev.panagit.repo.Repository;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One panagit run's world: its streams, working directory, environment and backend (the
 * process's own by default, others when embedded or tested through {@link Main#run(Io, String...)}),
 * and the repositories the run opened, closed when it ends. Handed to every command; nothing of a
 * run lives in a static or thread-local field, so runs on many threads do not meet.
 */
public final class Io {
    /** Where stdout goes, for git's "auto" settings. */
    private enum Stdout { OTHER, PROCESS, PAGER }

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Path cwd;
    private final BackendChoice backendOverride;
    private final Map<String, String> env;
    private final Stdout stdout;
    /** The run's repositories; copies made during one run (-C, -c, the pager) share the list. */
    private final List<Repository> opened;

    private Io(InputStream in, PrintStream out, PrintStream err, Path cwd, BackendChoice backendOverride,
            Map<String, String> env, Stdout stdout, List<Repository> opened) {
        this.in = in;
        this.out = out;
        this.err = err;
        this.cwd = cwd;
        this.backendOverride = backendOverride;
        this.env = env;
        this.stdout = stdout;
        this.opened = opened;
    }

    /**
     * The process's streams. stdout is buffered (64 KiB) and flushed when the command ends or
     * writes an error, not on every line as {@code System.out} does: a log of thousands of lines
     * would otherwise cost a system call per line.
     */
    public static Io system() {
        PrintStream out = new PrintStream(new java.io.BufferedOutputStream(
                new java.io.FileOutputStream(java.io.FileDescriptor.out), 1 << 16), false,
                System.out.charset());
        return new Io(System.in, out, System.err, Path.of("").toAbsolutePath(), null, System.getenv(), Stdout.PROCESS,
                new ArrayList<>());
    }

    /** Streams and directory of an embedded run, with the JVM's backend choice. */
    public static Io of(InputStream in, PrintStream out, PrintStream err, Path cwd) {
        return new Io(in, out, err, cwd, null, System.getenv(), Stdout.OTHER, new ArrayList<>());
    }

    /** The run's standard input. */
    public InputStream in() {
        return in;
    }

    /** The run's standard output. */
    public PrintStream out() {
        return out;
    }

    /** The run's standard error. */
    public PrintStream err() {
        return err;
    }

    /** The directory relative paths are resolved against. */
    public Path cwd() {
        return cwd;
    }

    /** The run's environment variables. */
    public Map<String, String> env() {
        return env;
    }

    /** The same, running on a given backend instead of the JVM's choice. */
    public Io withBackend(BackendChoice choice) {
        return new Io(in, out, err, cwd, choice, env, stdout, opened);
    }

    /** The same, with these environment variables instead of the process's. */
    public Io withEnv(Map<String, String> environment) {
        return new Io(in, out, err, cwd, backendOverride, Map.copyOf(environment), stdout, opened);
    }

    Io withCwd(Path dir) {
        return new Io(in, out, err, dir, backendOverride, env, stdout, opened);
    }

    /** The same run writing its output into a pager, which counts as a terminal (git's pager_in_use). */
    Io toPager(PrintStream pager) {
        return new Io(in, pager, err, cwd, backendOverride, env, Stdout.PAGER, opened);
    }

    /** A new run on the same streams: its own list of repositories to close at its end. */
    Io newRun() {
        return new Io(in, out, err, cwd, backendOverride, env, stdout, new ArrayList<>());
    }

    /**
     * Whether this run's stdout is the process's and a terminal, or a pager: git's "auto" settings
     * (log decorations, colour, progress) show only there, never to a script reading a pipe.
     */
    boolean stdoutIsTerminal() {
        return stdout == Stdout.PAGER || stdout == Stdout.PROCESS && dev.panagit.nativeaccess.Terminal.isTerminal(1);
    }

    /** Whether the output already goes to a pager (no second one is started). */
    boolean pagerActive() {
        return stdout == Stdout.PAGER;
    }

    /** An environment variable of this run, or null. */
    String getenv(String name) {
        return env.get(name);
    }

    /** The backend of this run. */
    BackendChoice backend() {
        return backendOverride != null ? backendOverride : Backends.current();
    }

    /** A repository this run owns: closed when the run ends. */
    <R extends Repository> R own(R repo) {
        synchronized (opened) {
            opened.add(repo);
        }
        return repo;
    }

    /** Closes the repositories this run opened (pack mappings). */
    void closeOwned() {
        synchronized (opened) {
            opened.forEach(Repository::close);
            opened.clear();
        }
    }

    /** A path the user typed, relative to this run's working directory. */
    Path resolve(String path) {
        return cwd.resolve(path);
    }
}
