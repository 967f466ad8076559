package dev.panagit.cli;

import dev.panagit.backend.BackendUnavailableException;
import dev.panagit.nativeaccess.NativeLibraryLoader;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;

/**
 * The {@code panagit} command line. Follows git's conventions: errors print {@code fatal: …} on
 * stderr and exit 128; usage errors print {@code error: …} and the usage, and exit 129.
 */
public final class Main {
    public static final int EXIT_FATAL = 128;
    public static final int EXIT_USAGE = 129;

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(Io.system(), args);
        System.out.flush();
        System.exit(code);
    }

    /**
     * Runs panagit with {@code args} on the given streams and returns the exit code. Leading
     * {@code -C <dir>} pairs change the working directory first, as in git.
     */
    public static int run(Io io, String... args) {
        int first = 0;
        Io effective = io;
        while (first + 1 < args.length && args[first].equals("-C")) {
            effective = effective.withCwd(effective.resolve(args[first + 1]).normalize());
            first += 2;
        }
        String[] rest = java.util.Arrays.copyOfRange(args, first, args.length);
        if (rest.length > 0 && rest[0].equals("log")) {
            rest = Arrays.stream(rest).map(a -> a.matches("-[0-9]+") ? "--max-count=" + a.substring(1) : a)
                    .toArray(String[]::new);   // git's "log -<n>"
        }
        Io.set(effective);
        try {
            CommandLine cmd = commandLine();
            cmd.setOut(new PrintWriter(effective.out(), true));
            cmd.setErr(new PrintWriter(effective.err(), true));
            int code = cmd.execute(rest);
            effective.out().flush();
            return code;
        } finally {
            Repos.closeAll();
            Io.set(null);
        }
    }

    static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new PanagitCommand());
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            err.println("fatal: " + describe(ex));
            err.flush();
            return EXIT_FATAL;
        });
        cmd.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + ex.getMessage());
            ex.getCommandLine().usage(err);
            err.flush();
            return EXIT_USAGE;
        });
        return cmd;
    }

    private static String describe(Exception ex) {
        if (ex instanceof BackendUnavailableException || ex instanceof NativeLibraryLoader.ExplicitLibraryException) {
            return ex.getMessage();
        }
        String message = ex.getMessage();
        if (message == null || message.isBlank()) {
            return ex.getClass().getSimpleName();
        }
        return message;
    }
}
