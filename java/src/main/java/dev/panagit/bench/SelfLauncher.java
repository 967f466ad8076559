package dev.panagit.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line that runs this panagit again as a new process, the way the launcher does: the
 * same JDK, the same class path, native access enabled, a chosen backend.
 */
public final class SelfLauncher {
    private SelfLauncher() {
    }

    /** The java executable running this JVM. */
    public static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** {@code java ... dev.panagit.cli.Main <args>} on {@code backend}. */
    public static List<String> command(String backend, String... args) {
        List<String> command = new ArrayList<>();
        command.add(java());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-Dpanagit.backend=" + backend);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.panagit.cli.Main");
        command.addAll(List.of(args));
        return command;
    }
}
