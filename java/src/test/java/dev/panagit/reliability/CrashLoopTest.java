package dev.panagit.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.bench.SelfLauncher;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash loop, short: {@code tools/crash-loop.sh} kills this build of panagit with SIGKILL at
 * random moments of add, commit, checkout, reset and branch, 40 times, and after each checks the
 * repository with {@code git fsck --strict}, every ref and the index. The long run's figures are
 * in docs/reliability.md.
 */
class CrashLoopTest {
    @TempDir
    Path dir;

    @Test
    void killedAtRandomMomentsTheRepositoryStaysWhole() throws Exception {
        // This build, started as the launcher starts it (exec: the kill reaches the JVM itself).
        Path panagit = dir.resolve("panagit");
        String java = SelfLauncher.javaMain("dev.panagit.cli.Main").stream()
                .map(arg -> "'" + arg.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
        Files.writeString(panagit, "#!/bin/sh\nexec " + java + " \"$@\"\n");
        Files.setPosixFilePermissions(panagit, PosixFilePermissions.fromString("rwxr-xr-x"));

        Path script = Path.of("..", "tools", "crash-loop.sh").toAbsolutePath().normalize();
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", script.toString(), "40", "7"))
                .redirectErrorStream(true);
        builder.environment().put("PANAGIT", panagit.toString());
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(10, TimeUnit.MINUTES));
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), text);
        Matcher summary = Pattern.compile("crash loop: 40 rounds, (\\d+) killed mid-command, (\\d+) finished first, "
                + "(\\d+) stale locks removed, 0 damaged").matcher(text);
        assertTrue(summary.find(), text);
        assertTrue(Integer.parseInt(summary.group(1)) >= 10, "most rounds must be killed mid-command: " + text);
    }
}
