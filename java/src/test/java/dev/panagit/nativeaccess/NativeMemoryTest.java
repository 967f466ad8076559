package dev.panagit.nativeaccess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.bench.Workloads;
import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.EncodedObject;
import dev.panagit.lib.ObjectCodec;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Native memory has an owner: codecs made and dropped by the hundred, used by several threads
 * each, a million calls in all, and resident memory stays flat once warm. Before codecs were
 * closeable, every instance kept its pooled zlib/libdeflate/ISA-L state forever (about a
 * gigabyte here).
 */
class NativeMemoryTest {
    private static final int THREADS = 4;
    private static final int INSTANCES = 250;
    private static final int CALLS_PER_THREAD = 1000;   // encode and decode: 2 calls per round

    private static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }

    /**
     * glibc's {@code mallinfo2}: what malloc holds for the process (every arena), or null
     * without glibc 2.33+. Freed memory an arena keeps for reuse is not counted.
     */
    private static final java.lang.invoke.MethodHandle MALLINFO2 = java.lang.foreign.Linker.nativeLinker()
            .defaultLookup().find("mallinfo2")
            .map(address -> java.lang.foreign.Linker.nativeLinker().downcallHandle(address,
                    java.lang.foreign.FunctionDescriptor.of(java.lang.foreign.MemoryLayout.structLayout(
                            java.util.Collections.nCopies(10, java.lang.foreign.ValueLayout.JAVA_LONG)
                                    .toArray(java.lang.foreign.MemoryLayout[]::new)))))
            .orElse(null);

    /**
     * Native memory in use: malloc's bytes in use (arena chunks and mmapped blocks) where glibc
     * says it, which is what a codec that is not freed keeps; elsewhere resident memory not
     * explained by the Java heap (noisier: arenas keep freed pages, the heap shrinks and grows).
     */
    private static long nativeResident() throws IOException {
        System.gc();
        if (MALLINFO2 != null) {
            try (java.lang.foreign.Arena arena = java.lang.foreign.Arena.ofConfined()) {
                java.lang.foreign.MemorySegment info =
                        (java.lang.foreign.MemorySegment) MALLINFO2.invokeExact((java.lang.foreign.SegmentAllocator) arena);
                long hblkhd = info.get(java.lang.foreign.ValueLayout.JAVA_LONG, 4 * 8);     // mmapped blocks
                long uordblks = info.get(java.lang.foreign.ValueLayout.JAVA_LONG, 7 * 8);   // chunks in use
                return hblkhd + uordblks;
            } catch (Throwable e) {
                throw new IllegalStateException("mallinfo2", e);
            }
        }
        return residentBytes() - Runtime.getRuntime().totalMemory();
    }

    private static void exercise(ObjectCodec codec, byte[][] samples, ExecutorService threads) throws Exception {
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int first = t;
            running.add(threads.submit(() -> {
                for (int i = 0; i < CALLS_PER_THREAD / 2; i++) {
                    byte[] content = samples[(first + i) % samples.length];
                    EncodedObject encoded = codec.encode(ObjectFormat.SHA1, ObjectType.BLOB, content, 0, content.length);
                    byte[] back = codec.decode(ObjectFormat.SHA1, encoded.compressed(), 0, encoded.compressed().length,
                            encoded.id()).content();
                    if (back.length != content.length) {
                        throw new AssertionError("round trip lost bytes");
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
    }

    @Test
    void aMillionCallsAcrossCodecsAndThreadsLeaveResidentMemoryFlat() throws Exception {
        assertTrue(NativeAccess.status().codec().isPresent(), "the build makes libpanagit; it must load here");
        byte[][] samples = new byte[16][];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = Workloads.text(100 + 600 * i, i);
        }
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            long baseline = 0;
            int warm = INSTANCES * 2 / 5;   // the allocator's arenas settle within 400,000 calls
            for (int n = 0; n < INSTANCES; n++) {
                if (n == warm) {
                    baseline = nativeResident();
                }

                try (ObjectCodec codec = NativeAccess.codecAtLevel(1).orElseThrow()) {
                    exercise(codec, samples, threads);
                }
            }
            long growth = nativeResident() - baseline;
            // 150 codecs x 4 threads after the warm-up, each pooled native codec holding zlib,
            // libdeflate and ISA-L state (hundreds of KiB): leaking them adds far more than this.
            assertTrue(growth < 32L << 20, "resident memory grew by " + (growth >> 20) + " MiB over "
                    + (long) (INSTANCES - warm) * THREADS * CALLS_PER_THREAD + " calls");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aClosedCodecRefusesWorkAndFreesWhatComesBack() throws CorruptObjectException {
        ObjectCodec codec = NativeAccess.codecAtLevel(1).orElseThrow();
        byte[] content = Workloads.text(1000, 1);
        EncodedObject encoded = codec.encode(ObjectFormat.SHA1, ObjectType.BLOB, content, 0, content.length);
        codec.close();
        codec.close();   // twice is fine
        assertThrows(IllegalStateException.class,
                () -> codec.encode(ObjectFormat.SHA1, ObjectType.BLOB, content, 0, content.length));
        try (ObjectCodec other = NativeAccess.codecAtLevel(1).orElseThrow()) {
            assertArrayEquals(content, other.decode(ObjectFormat.SHA1, encoded.compressed(), 0,
                    encoded.compressed().length, encoded.id()).content());
        }
        assertEquals(INSTANCES * THREADS * CALLS_PER_THREAD, 1_000_000, "the test above makes a million calls");
    }
}
