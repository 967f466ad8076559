package dev.panagit.bench.jmh;

import dev.panagit.bench.Workloads;
import dev.panagit.codec.JavaObjectCodec;
import dev.panagit.lib.ObjectCodec;
import dev.panagit.nativeaccess.NativeAccess;

/** The codecs the benchmarks compare, by name, and their test data. */
final class Codecs {
    private Codecs() {
    }

    static ObjectCodec named(String backend, int level) {
        return switch (backend) {
            case "native" -> NativeAccess.codecAtLevel(level).orElseThrow(() -> new IllegalStateException(
                    "native unavailable: " + NativeAccess.status().unavailableReason().orElse("?")));
            case "java" -> new JavaObjectCodec(level);
            default -> throw new IllegalArgumentException(backend);
        };
    }

    /** Source-code-like text, the same as panagit bench's. */
    static byte[] text(int size, long seed) {
        return Workloads.text(size, seed);
    }
}
