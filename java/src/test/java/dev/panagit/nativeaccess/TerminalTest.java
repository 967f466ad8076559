package dev.panagit.nativeaccess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Terminal detection without a downcall on Linux agrees with the C library's isatty. */
class TerminalTest {
    @Test
    void devicesThatAreTerminals() {
        assertTrue(Terminal.isTerminalDevice("/dev/pts/3"));
        assertTrue(Terminal.isTerminalDevice("/dev/tty1"));
        assertTrue(Terminal.isTerminalDevice("/dev/ttyS0"));
        assertTrue(Terminal.isTerminalDevice("/dev/console"));
        assertFalse(Terminal.isTerminalDevice("/dev/null"));
        assertFalse(Terminal.isTerminalDevice("pipe:[12345]"));
        assertFalse(Terminal.isTerminalDevice("socket:[99]"));
        assertFalse(Terminal.isTerminalDevice("/home/u/out.txt"));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void agreesWithIsattyForThisProcessStreams() throws Throwable {
        Linker linker = Linker.nativeLinker();
        MethodHandle isatty = linker.downcallHandle(linker.defaultLookup().find("isatty").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
        for (int fd = 0; fd <= 2; fd++) {
            assertEquals((int) isatty.invokeExact(fd) != 0, Terminal.isTerminal(fd), "fd " + fd);
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void aPseudoTerminalIsOne(@TempDir Path dir) throws Exception {
        // script(1) runs the probe with its stdout on a pseudo-terminal; the probe says what it saw
        Path out = dir.resolve("typescript");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String probe = java + " --enable-native-access=ALL-UNNAMED -cp " + System.getProperty("java.class.path")
                + " dev.panagit.nativeaccess.TerminalTest";
        Process p = new ProcessBuilder(List.of("script", "-qec", probe + " > /dev/tty; " + probe + " | cat", out.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String seen = Files.readString(out).replace("\r", "");
        assertTrue(seen.contains("stdout terminal: true\n"), seen);
        assertTrue(seen.contains("stdout terminal: false\n"), seen);
    }

    /** The probe for {@link #aPseudoTerminalIsOne}. */
    public static void main(String[] args) {
        System.out.println("stdout terminal: " + Terminal.isTerminal(1));
    }
}
