package dev.panagit.cli;

import dev.panagit.repo.ConfigFiles;
import dev.panagit.repo.GitConfig;
import dev.panagit.repo.Repository;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * git's pager: for log, diff and show when stdout is a terminal, the output goes through
 * {@code GIT_PAGER}, else {@code pager.<command>}, {@code core.pager}, {@code PAGER}, else
 * {@code less}, run by the shell with {@code LESS=FRX} and {@code LV=-c} unless set; an empty
 * pager or {@code cat} means none. Never into a pipe or a file.
 */
final class Pager {
    private static final List<String> PAGED = List.of("log", "diff", "show");

    private Pager() {
    }

    /** A started pager: the streams to write to, and how to finish. */
    record Running(Process process, Io io) {
        /** Closes the pager's input and waits for the user to leave it; the exit code is git's: the command's. */
        void finish() {
            io.out().flush();
            io.out().close();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Starts the pager for {@code command} if it pages and stdout is a terminal.
     *
     * @param forced {@code -p}/{@code --paginate}: page whatever the command
     */
    static Optional<Running> start(Io io, String command, boolean forced) throws IOException {
        if (io.pagerActive() || !io.stdoutIsTerminal() || !forced && !PAGED.contains(command)) {
            return Optional.empty();
        }
        String pager = pagerCommand(io, command);
        if (pager == null || pager.isEmpty() || pager.equals("cat")) {
            return Optional.empty();
        }
        if (!runnable(pager, io)) {
            // git's words when the pager cannot start; the output then goes to the terminal directly
            io.err().println("error: cannot run " + pager.strip().split("\\s+")[0] + ": No such file or directory");
            return Optional.empty();
        }
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", pager)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> env = builder.environment();
        env.clear();
        env.putAll(io.env());
        env.putIfAbsent("LESS", "FRX");
        env.putIfAbsent("LV", "-c");
        Process process = builder.start();
        PrintStream toPager = new PrintStream(new java.io.BufferedOutputStream(process.getOutputStream(), 1 << 16),
                false, io.out().charset());
        return Optional.of(new Running(process, io.toPager(toPager)));
    }

    /**
     * Whether a pager given as a plain command (no shell syntax) names a program on PATH: a shell
     * that cannot find it would exit at once and the output written to it would be lost.
     */
    private static boolean runnable(String pager, Io io) {
        String command = pager.strip();
        if (command.matches(".*[|&;<>()$`\\\\\"'*?\\[\\]#~=%].*")) {
            return true;   // shell syntax: the shell decides
        }
        String program = command.split("\\s+")[0];
        if (program.contains("/")) {
            return java.nio.file.Files.isExecutable(io.cwd().resolve(program));
        }
        String path = io.env().getOrDefault("PATH", "");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    /** git_pager(): the first of GIT_PAGER, pager.<command>, core.pager, PAGER, then less. */
    private static String pagerCommand(Io io, String command) throws IOException {
        String fromEnv = io.env().get("GIT_PAGER");
        if (fromEnv != null) {
            return fromEnv;
        }
        GitConfig config = ConfigFiles.user(io.env());
        Optional<Repository> repo = Repos.openIfAny(io);
        if (repo.isPresent()) {
            config = repo.get().config().over(config);
        }
        Optional<String> perCommand = config.get("pager." + command);
        if (perCommand.isPresent()) {
            String value = perCommand.get();
            if (List.of("false", "no", "off", "0").contains(value.toLowerCase(java.util.Locale.ROOT))) {
                return null;
            }
            if (!List.of("true", "yes", "on", "1").contains(value.toLowerCase(java.util.Locale.ROOT))) {
                return value;
            }
        }
        Optional<String> core = config.get("core.pager");
        if (core.isPresent()) {
            return core.get();
        }
        String pager = io.env().get("PAGER");
        return pager != null ? pager : "less";
    }
}
