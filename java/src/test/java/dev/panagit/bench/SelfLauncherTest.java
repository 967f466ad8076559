package dev.panagit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelfLauncherTest {
    @Test
    void theBenchmarkRunsPanagitWithTheLaunchersJvmOptions() throws Exception {
        Path file = Path.of("src/main/resources/META-INF/panagit/jvm.options");
        List<String> expected = Files.readAllLines(file).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
        assertEquals(expected, SelfLauncher.jvmOptions());
        assertTrue(expected.contains("--enable-native-access=ALL-UNNAMED"), expected.toString());

        List<String> command = SelfLauncher.command("java", "rev-parse", "HEAD");
        assertEquals(expected, command.subList(1, 1 + expected.size()));
        assertEquals(List.of("dev.panagit.cli.Main", "rev-parse", "HEAD"),
                command.subList(command.size() - 3, command.size()));
        assertTrue(command.contains("-Dpanagit.backend=java"), command.toString());
    }

    @Test
    void theLauncherScriptReadsTheSameFile() throws Exception {
        String launcher = Files.readString(Path.of("../panagit"));
        assertTrue(launcher.contains("java/src/main/resources/META-INF/panagit/jvm.options"));
    }
}
