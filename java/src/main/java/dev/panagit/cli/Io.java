package dev.panagit.cli;

import dev.panagit.backend.BackendChoice;
import dev.panagit.backend.Backends;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The streams and working directory of one panagit run: the process's own by default, others
 * when embedded or tested through {@link Main#run(Io, String...)}.
 */
public record Io(InputStream in, PrintStream out, PrintStream err, Path cwd, BackendChoice backendOverride,
        java.util.Map<String, String> env) {
    private static final ThreadLocal<Io> CURRENT = new ThreadLocal<>();

    /**
     * The process's streams. stdout is buffered (64 KiB) and flushed when the command ends or
     * writes an error, not on every line as {@code System.out} does: a log of thousands of lines
     * would otherwise cost a system call per line.
     */
    public static Io system() {
        PrintStream out = new PrintStream(new java.io.BufferedOutputStream(
                new java.io.FileOutputStream(java.io.FileDescriptor.out), 1 << 16), false,
                System.out.charset());
        systemOut = out;
        return new Io(System.in, out, System.err, Path.of("").toAbsolutePath(), null, System.getenv());
    }

    private static volatile PrintStream systemOut;

    /**
     * Whether this run's stdout is the process's and a terminal: git's "auto" settings (log
     * decorations, progress) show only there, never to a script reading a pipe.
     */
    boolean stdoutIsTerminal() {
        // a pager git started for a terminal counts as one (git's pager_in_use)
        return out == systemOut && dev.panagit.nativeaccess.Terminal.isTerminal(1) || Pager.active();
    }

    /** Streams and directory of an embedded run, with the JVM's backend choice. */
    public static Io of(InputStream in, PrintStream out, PrintStream err, Path cwd) {
        return new Io(in, out, err, cwd, null, System.getenv());
    }

    /** The same, running on a given backend instead of the JVM's choice. */
    public Io withBackend(BackendChoice choice) {
        return new Io(in, out, err, cwd, choice, env);
    }

    /** The same, with these environment variables instead of the process's. */
    public Io withEnv(java.util.Map<String, String> environment) {
        return new Io(in, out, err, cwd, backendOverride, java.util.Map.copyOf(environment));
    }

    /** An environment variable of this run, or null. */
    String getenv(String name) {
        return env.get(name);
    }

    /** The backend of this run. */
    BackendChoice backend() {
        return backendOverride != null ? backendOverride : Backends.current();
    }

    static Io current() {
        Io io = CURRENT.get();
        return io != null ? io : system();
    }

    static void set(Io io) {
        if (io == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(io);
        }
    }

    /** A path the user typed, relative to this run's working directory. */
    Path resolve(String path) {
        return cwd.resolve(path);
    }

    Io withCwd(Path dir) {
        return new Io(in, out, err, dir, backendOverride, env);
    }
}
