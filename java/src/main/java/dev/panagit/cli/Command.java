package dev.panagit.cli;

/**
 * A panagit subcommand: {@link #run} declares its options and operands on the {@link Args} it is
 * given, calls {@link Args#parse()}, then does its work and returns the exit code.
 */
interface Command {
    /** The name on the command line, e.g. {@code cat-file}. */
    String name();

    /** One sentence for the usage and the command list. */
    String description();

    /** Runs the command on this run's streams, directory, environment and backend. */
    int run(Io io, Args args) throws Exception;
}
