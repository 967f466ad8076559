package dev.panagit.nativeaccess;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Whether a standard stream is a terminal (Java can tell this only for stdin and stdout
 * together): git shows progress and decorations only on a terminal. On Linux the answer comes
 * from what {@code /proc/self/fd/<fd>} links to (a tty device or not), because binding a first
 * downcall costs a short command tens of milliseconds of method-handle spinning; elsewhere from
 * the C library's {@code isatty}, bound on first use. Without native access (and no /proc) every
 * stream counts as not a terminal.
 */
public final class Terminal {
    private Terminal() {
    }

    /** The isatty binding, made on first use only. */
    private static final class Isatty {
        static final Optional<MethodHandle> HANDLE = bind();
    }

    private static Optional<MethodHandle> bind() {
        if (!Terminal.class.getModule().isNativeAccessEnabled()) {
            return Optional.empty();
        }
        try {
            Linker linker = Linker.nativeLinker();
            String name = System.getProperty("os.name", "").startsWith("Windows") ? "_isatty" : "isatty";
            return linker.defaultLookup().find(name).map(address -> linker.downcallHandle(address,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), Linker.Option.critical(false)));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** Whether file descriptor {@code fd} (0 stdin, 1 stdout, 2 stderr) is a terminal. */
    public static boolean isTerminal(int fd) {
        java.nio.file.Path link = java.nio.file.Path.of("/proc/self/fd/" + fd);
        if (System.getProperty("os.name", "").equals("Linux")) {
            try {
                return isTerminalDevice(java.nio.file.Files.readSymbolicLink(link).toString());
            } catch (java.io.IOException | UnsupportedOperationException e) {
                // no /proc: ask the C library
            }
        }
        if (Isatty.HANDLE.isEmpty()) {
            return false;
        }
        try {
            return (int) Isatty.HANDLE.get().invokeExact(fd) != 0;
        } catch (Throwable t) {
            return false;
        }
    }

    /** Whether a device path names a terminal: pseudo-terminals, virtual consoles, serial lines. */
    static boolean isTerminalDevice(String target) {
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    }
}
