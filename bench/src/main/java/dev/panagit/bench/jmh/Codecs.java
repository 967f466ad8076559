package dev.panagit.bench.jmh;

import dev.panagit.codec.JavaObjectCodec;
import dev.panagit.lib.ObjectCodec;
import dev.panagit.nativeaccess.NativeAccess;
import java.nio.charset.StandardCharsets;
import java.util.Random;

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

    /** Source-code-like text. */
    static byte[] text(int size, long seed) {
        String[] words = {"public", "static", "final", "int", "return", "if", "(x", "!=", "null)", "{", "}", ";",
            "\n", "    ", "object", "tree", "commit", "hash", "= 0;", "for", "//", "the", "byte[]", "String"};
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder(size + 16);
        while (sb.length() < size) {
            sb.append(words[random.nextInt(words.length)]).append(' ');
        }
        return sb.substring(0, size).getBytes(StandardCharsets.UTF_8);
    }
}
