package dev.panagit.nativeaccess;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

/**
 * Tells the kernel how a mapped file will be read ({@code madvise}): a pack whose deltas are
 * resolved in tree order is read at random, and without the advice every page fault also maps
 * its neighbours (and reads ahead), which makes the mapping's resident size grow far beyond what
 * is touched. Linux only; elsewhere, or without native access, advice is skipped.
 */
public final class MemoryAdvice {
    /** Linux's MADV_RANDOM. */
    private static final int MADV_RANDOM = 1;
    private static final Optional<MethodHandle> MADVISE = bind();

    private MemoryAdvice() {
    }

    private static Optional<MethodHandle> bind() {
        if (!MemoryAdvice.class.getModule().isNativeAccessEnabled()
                || !System.getProperty("os.name", "").equals("Linux")) {
            return Optional.empty();
        }
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("madvise").map(address -> linker.downcallHandle(address,
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_INT)));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** Advises that {@code mapped} (a file mapping, page-aligned) will be read at random; best effort. */
    public static void random(MemorySegment mapped) {
        if (MADVISE.isEmpty() || !mapped.isNative() || mapped.address() % 4096 != 0) {
            return;
        }
        try {
            int ignored = (int) MADVISE.get().invokeExact(mapped, mapped.byteSize(), MADV_RANDOM);
        } catch (Throwable t) {
            // advice only
        }
    }
}
