package dev.panagit.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelfLauncherTest {
    private static List<String> lines() throws Exception {
        return Files.readAllLines(Path.of("src/main/resources/META-INF/panagit/jvm.options")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();
    }

    @Test
    void theBenchmarkRunsPanagitWithTheLaunchersJvmOptions() throws Exception {
        boolean linux = System.getProperty("os.name").equals("Linux");
        List<String> plain = lines().stream()
                .filter(l -> !l.contains(": ") || linux && l.startsWith("linux: "))
                .map(l -> l.startsWith("linux: ") ? l.substring("linux: ".length()) : l)
                .toList();
        assertEquals(plain, SelfLauncher.jvmOptions());
        assertEquals(linux, plain.contains("-XX:+UseTransparentHugePages"), plain.toString());
        assertTrue(plain.contains("--enable-native-access=ALL-UNNAMED"), plain.toString());

        // an everyday command gets the short options; a bulk one does not
        List<String> command = SelfLauncher.command("native", "rev-parse", "HEAD");
        assertEquals(plain, command.subList(1, 1 + plain.size()));
        assertTrue(command.contains("-XX:TieredStopAtLevel=1"), command.toString());
        assertEquals(List.of("dev.panagit.cli.Main", "rev-parse", "HEAD"),
                command.subList(command.size() - 3, command.size()));
        assertTrue(command.contains("-Dpanagit.backend=native"), command.toString());
        assertFalse(SelfLauncher.command("java", "rev-parse", "HEAD").contains("-XX:TieredStopAtLevel=1"),
                "the java backend keeps C2 (its SHA intrinsics)");
        assertFalse(SelfLauncher.command("native", "index-pack", "x.pack").contains("-XX:TieredStopAtLevel=1"));
        assertFalse(SelfLauncher.command("native", "-C", "repo", "fsck").contains("-XX:TieredStopAtLevel=1"));
        assertEquals("log", SelfLauncher.commandName(List.of("-C", "fsck", "log", "-3")));
    }

    @Test
    void theLauncherScriptReadsTheSameFileTheSameWay() throws Exception {
        String launcher = Files.readString(Path.of("../panagit"));
        assertTrue(launcher.contains("java/src/main/resources/META-INF/panagit/jvm.options"));
        assertTrue(launcher.contains("\"short: \"*)") && launcher.contains("\"bulk: \"*)")
                && launcher.contains("\"linux: \"*)"), "the launcher parses all three kinds");
    }
}
