package dev.panagit.cli;

import dev.panagit.backend.BackendUnavailableException;
import dev.panagit.nativeaccess.NativeLibraryLoader;
import java.util.Arrays;
import java.util.List;

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
        Io io = Io.system();
        int code = run(io, args);
        io.out().flush();
        System.out.flush();
        System.err.flush();
        // halt, not exit: everything is flushed and closed by now, and System.exit would first set
        // up the JDK's logging to record the exit (about 10 ms of every command); unless something
        // in the JVM needs its shutdown hooks (a flight recording, an agent)
        if (shutdownHooksMatter()) {
            System.exit(code);
        }
        Runtime.getRuntime().halt(code);
    }

    /** Whether the JVM was started with a flight recording or an agent, which write at shutdown. */
    private static boolean shutdownHooksMatter() {
        List<String> words = new java.util.ArrayList<>();
        ProcessHandle.current().info().arguments().ifPresent(arguments -> words.addAll(List.of(arguments)));
        for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
            String value = System.getenv(variable);
            if (value != null) {
                words.addAll(List.of(value.split("\\s+")));
            }
        }
        return words.stream().anyMatch(word -> word.startsWith("-XX:StartFlightRecording")
                || word.startsWith("-XX:+FlightRecorder") || word.startsWith("-javaagent") || word.startsWith("-agent"));
    }

    /**
     * Runs panagit with {@code args} on the given streams and returns the exit code. Leading
     * options as in git: {@code -C <dir>} changes the working directory, {@code -c key=value}
     * sets configuration for this run, {@code -p}/{@code -P} force or forbid the pager.
     */
    public static int run(Io io, String... args) {
        int first = 0;
        Io effective = io.newRun();
        Boolean paginate = null;
        StringBuilder configParameters = new StringBuilder(io.env().getOrDefault("GIT_CONFIG_PARAMETERS", ""));
        while (first < args.length) {
            String option = args[first];
            if (List.of("-P", "--no-pager", "-p", "--paginate").contains(option)) {
                paginate = option.equals("-p") || option.equals("--paginate");
                first++;
            } else if (option.equals("-c") && first + 1 < args.length) {
                String setting = args[first + 1];
                int eq = setting.indexOf('=');
                configParameters.append(configParameters.isEmpty() ? "" : " ").append('\'')
                        .append(eq < 0 ? setting : setting.substring(0, eq)).append('\'');
                if (eq >= 0) {
                    configParameters.append("='").append(setting.substring(eq + 1)).append('\'');
                }
                first += 2;
            } else if (option.equals("-C") && first + 1 < args.length) {
                java.nio.file.Path dir = effective.resolve(args[first + 1]).normalize();
                if (!java.nio.file.Files.isDirectory(dir)) {
                    io.err().println("fatal: cannot change to '" + args[first + 1] + "': "
                            + (java.nio.file.Files.exists(dir) ? "Not a directory" : "No such file or directory"));
                    return EXIT_FATAL;
                }
                effective = effective.withCwd(dir);
                first += 2;
            } else {
                break;
            }
        }
        if (!configParameters.isEmpty()) {
            java.util.Map<String, String> env = new java.util.HashMap<>(effective.env());
            env.put("GIT_CONFIG_PARAMETERS", configParameters.toString());
            effective = effective.withEnv(env);
        }
        String[] rest = Arrays.copyOfRange(args, first, args.length);
        Pager.Running pager = null;
        try {
            if (rest.length > 0 && !Boolean.FALSE.equals(paginate)) {
                pager = Pager.start(effective, rest[0], Boolean.TRUE.equals(paginate)).orElse(null);
                if (pager != null) {
                    effective = pager.io();
                }
            }
            return dispatch(effective, rest);
        } catch (java.io.IOException e) {
            io.err().println("fatal: unable to start the pager: " + describe(e));
            return EXIT_FATAL;
        } finally {
            effective.out().flush();
            if (pager != null) {
                pager.finish();
            }
            effective.closeOwned();
        }
    }

    private static int dispatch(Io io, String[] argv) {
        if (argv.length == 0) {
            io.err().println("error: a command is needed (try 'panagit tour')");
            io.err().print(usage());
            return EXIT_USAGE;
        }
        switch (argv[0]) {
            case "-h", "--help", "help" -> {
                io.out().print(usage());
                return 0;
            }
            case "-V", "--version" -> {
                io.out().println("panagit " + VersionCommand.VERSION);
                return 0;
            }
            default -> {
            }
        }
        Command command = Commands.create(argv[0]);
        if (command == null) {
            io.err().println("error: '" + argv[0] + "' is not a panagit command");
            io.err().print(usage());
            return EXIT_USAGE;
        }
        String[] rest = Arrays.copyOfRange(argv, 1, argv.length);
        if (command instanceof LogCommand) {
            for (int i = 0; i < rest.length; i++) {
                if (rest[i].length() > 1 && rest[i].charAt(0) == '-' && rest[i].substring(1).chars().allMatch(Character::isDigit)) {
                    rest[i] = "--max-count=" + rest[i].substring(1);   // git's "log -<n>"
                }
            }
        }
        Args parsed = new Args(command.name(), command.description(), rest);
        try {
            return command.run(io, parsed);
        } catch (Args.HelpRequested help) {
            io.out().print(help.usage());
            return 0;
        } catch (Args.UsageException usage) {
            io.err().println("error: " + usage.getMessage());
            io.err().print(usage.usage());
            return EXIT_USAGE;
        } catch (Throwable e) {   // any failure is a "fatal:" line, never a stack trace
            io.out().flush();
            io.err().println("fatal: " + describe(e));
            return EXIT_FATAL;
        }
    }

    /** The list of commands. */
    static String usage() {
        StringBuilder sb = new StringBuilder("Usage: panagit [-C <dir>] <command> [<args>]\n"
                + "git rebuilt in Java, with a native object core (libpanagit) called through the FFM API.\n\n"
                + "Commands:\n");
        for (String name : Commands.NAMES) {
            sb.append(String.format("  %-14s %s%n", name, Commands.create(name).description()));
        }
        return sb.append("\nOptions: -h, --help (also after a command), -V, --version\n").toString();
    }

    /** A failure in words a user can act on: what failed and on what, never an exception's class name. */
    static String describe(Throwable ex) {
        if (ex instanceof BackendUnavailableException || ex instanceof NativeLibraryLoader.ExplicitLibraryException) {
            return ex.getMessage();
        }
        if (ex instanceof java.nio.file.FileSystemException fs && fs.getFile() != null) {
            String reason = ex instanceof java.nio.file.NoSuchFileException ? "No such file or directory"
                    : ex instanceof java.nio.file.AccessDeniedException ? "Permission denied"
                    : ex instanceof java.nio.file.FileAlreadyExistsException ? "File exists"
                    : ex instanceof java.nio.file.NotDirectoryException ? "Not a directory"
                    : ex instanceof java.nio.file.DirectoryNotEmptyException ? "Directory not empty"
                    : fs.getReason() != null ? fs.getReason() : "cannot access";
            return fs.getFile() + (fs.getOtherFile() != null ? " -> " + fs.getOtherFile() : "") + ": " + reason;
        }
        if (ex instanceof OutOfMemoryError) {
            return "out of memory (the Java heap is full; raise it with -Xmx in JAVA_TOOL_OPTIONS if the input is legitimate)";
        }
        if (ex instanceof StackOverflowError) {
            return "out of stack space (a bug: please report the input that caused it)";
        }
        String message = ex.getMessage();
        if (message == null || message.isBlank()) {
            return "unexpected internal error (a bug: please report the command and input that caused it)";
        }
        return message;
    }
}
