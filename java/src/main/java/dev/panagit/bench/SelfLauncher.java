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
        command.addAll(jvmOptions());
        command.add("-Dpanagit.backend=" + backend);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.panagit.cli.Main");
        command.addAll(List.of(args));
        return command;
    }

    /** The options of the launcher's file, comments and blank lines left out. */
    static List<String> jvmOptions() {
        try (InputStream in = SelfLauncher.class.getResourceAsStream(JVM_OPTIONS)) {
            if (in == null) {
                throw new IllegalStateException(JVM_OPTIONS + " is missing from the class path");
            }
            List<String> options = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                String option = line.strip();
                if (!option.isEmpty() && !option.startsWith("#")) {
                    options.add(option);
                }
            }
            return options;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
