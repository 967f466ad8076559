package dev.panagit.nativeaccess;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Whether a standard stream is a terminal, from the C library's {@code isatty} (Java can tell this
 * only for stdin and stdout together): git shows progress and decorations only on a terminal.
 * When native access is not enabled every stream counts as not a terminal.
 */
public final class Terminal {
    private static final Optional<MethodHandle> ISATTY = bind();

    private Terminal() {
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
        if (ISATTY.isEmpty()) {
            return false;
        }
        try {
            return (int) ISATTY.get().invokeExact(fd) != 0;
        } catch (Throwable t) {
            return false;
        }
    }
}
