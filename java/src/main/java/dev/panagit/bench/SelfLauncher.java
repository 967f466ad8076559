package dev.panagit.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The command line that runs this panagit again as a new process, the way the launcher does: the
 * same JDK, the same class path, the JVM options of {@code META-INF/panagit/jvm.options} (the file
 * the launcher reads), a chosen backend.
 */
public final class SelfLauncher {
    private static final String JVM_OPTIONS = "/META-INF/panagit/jvm.options";

    private SelfLauncher() {
    }

    /** The java executable running this JVM. */
    public static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * The launcher script that started this JVM ({@code -Dpanagit.launcher}, which {@code ./panagit}
     * passes), if any: benchmarks run commands through it, as a user does.
     */
    public static Optional<Path> launcher() {
        String path = System.getProperty("panagit.launcher");
        return path == null || !Files.isExecutable(Path.of(path)) ? Optional.empty() : Optional.of(Path.of(path));
    }

    /** panagit on {@code backend} with {@code args}, through the launcher when there is one. */
    public static ProcessBench.Peer peer(String name, String backend, List<String> args) {
        Optional<Path> script = launcher();
        if (script.isPresent()) {
            List<String> command = new ArrayList<>();
            command.add(script.get().toString());
            command.addAll(args);
            return new ProcessBench.Peer(name, command, Map.of("PANAGIT_BACKEND", backend));
        }
        return new ProcessBench.Peer(name, command(backend, args.toArray(String[]::new)), Map.of());
    }

    /** {@code java <jvm.options> -cp <this class path> <mainClass>}. */
    public static List<String> javaMain(String mainClass) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        return command;
    }

    /** {@code java <jvm.options> ... dev.panagit.cli.Main <args>} on {@code backend}. */
    public static List<String> command(String backend, String... args) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.addAll(jvmOptions(backend.equals("java") ? null : commandName(List.of(args))));
        command.add("-Dpanagit.backend=" + backend);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.panagit.cli.Main");
        command.addAll(List.of(args));
        return command;
    }

    /** The options for every command, as the launcher reads them. */
    static List<String> jvmOptions() {
        return jvmOptions(null);
    }

    /**
     * The options the launcher gives {@code command} (null: the ones for every command, and for
     * any command on the java backend): the file's plain lines, its {@code linux:} ones on Linux,
     * plus its {@code short:} options unless its {@code bulk:} line names the command.
     */
    static List<String> jvmOptions(String command) {
        List<String> options = new ArrayList<>();
        List<String> shortOptions = new ArrayList<>();
        List<String> bulk = new ArrayList<>();
        for (String line : lines()) {
            if (line.startsWith("short: ")) {
                shortOptions.add(line.substring("short: ".length()).strip());
            } else if (line.startsWith("bulk: ")) {
                bulk.addAll(List.of(line.substring("bulk: ".length()).strip().split("\\s+")));
            } else if (line.startsWith("linux: ")) {
                if (System.getProperty("os.name", "").equals("Linux")) {
                    options.add(line.substring("linux: ".length()).strip());
                }
            } else {
                options.add(line);
            }
        }
        if (command != null && !bulk.contains(command)) {
            options.addAll(shortOptions);
        }
        return options;
    }

    /** The first argument that is not an option ({@code -C <dir>} skipped), or "". */
    static String commandName(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("-C")) {
                i++;
            } else if (!arg.startsWith("-")) {
                return arg;
            }
        }
        return "";
    }

    /** The file's lines, comments and blank lines left out. */
    private static List<String> lines() {
        try (InputStream in = SelfLauncher.class.getResourceAsStream(JVM_OPTIONS)) {
            if (in == null) {
                throw new IllegalStateException(JVM_OPTIONS + " is missing from the class path");
            }
            List<String> lines = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String option = line.strip();
                if (!option.isEmpty() && !option.startsWith("#")) {
                    lines.add(option);
                }
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
