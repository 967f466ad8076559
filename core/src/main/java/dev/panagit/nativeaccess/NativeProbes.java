package dev.panagit.nativeaccess;

import dev.panagit.nativeaccess.bindings.Panagit;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The raw costs of the FFM boundary, for benchmarks (W0): an empty downcall, a call on a heap
 * array passed with {@code critical(true)}, and the same call after copying into a reused native
 * buffer. Single-threaded: one instance per benchmark thread; {@link #close} frees the buffer.
 */
public final class NativeProbes implements AutoCloseable {
    private final NativeCore core;
    private final MethodHandle hashPlain;
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment input;
    private final MemorySegment digest;

    private NativeProbes(NativeCore core, int maxInput) {
        this.core = core;
        this.hashPlain = Panagit.pgit_hash$handle();
        this.input = arena.allocate(Math.max(1, maxInput), 64);
        this.digest = arena.allocate(32);
    }

    /** Probes for inputs of up to {@code maxInput} bytes; fails when the native library is unavailable. */
    public static NativeProbes create(int maxInput) throws NativeUnavailableException {
        NativeAccess.Status status = NativeAccess.status();
        status.codec().orElseThrow(() -> new NativeUnavailableException(status.unavailableReason().orElse("?")));
        return new NativeProbes(new NativeCore(), maxInput);
    }

    /** An empty downcall: {@code pgit_abi_version()}. */
    public int emptyCall() {
        try {
            return (int) Downcalls.AbiVersion.H.invokeExact();
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** SHA-1 of a heap array, passed to C directly ({@code critical(true)}, no copy). */
    public int hashHeap(byte[] data, byte[] out) {
        try {
            return (int) Downcalls.Hash.H.invokeExact(MemorySegment.ofArray(out), 1, MemorySegment.ofArray(data),
                    (long) data.length);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** SHA-1 of a heap array copied into a reused native buffer first (the non-critical way). */
    public int hashCopied(byte[] data, byte[] out) {
        MemorySegment.copy(data, 0, input, ValueLayout.JAVA_BYTE, 0, data.length);
        try {
            int rc = (int) hashPlain.invokeExact(digest, 1, input, (long) data.length);
            MemorySegment.copy(digest, ValueLayout.JAVA_BYTE, 0, out, 0, 20);
            return rc;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public void close() {
        arena.close();
    }
}
