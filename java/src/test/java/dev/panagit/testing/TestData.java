package dev.panagit.testing;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.Deflater;

/** Deterministic test content: binary noise and source-like text. */
public final class TestData {
    private TestData() {
    }

    public static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    public static byte[] text(int size, long seed) {
        String[] words = {"int", "x", "=", "0;", "\n", "return", "tree", "blob", "if", "(a)", "{", "}", "    "};
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder(size + 8);
        while (sb.length() < size) {
            sb.append(words[random.nextInt(words.length)]).append(' ');
        }
        return sb.substring(0, size).getBytes(StandardCharsets.UTF_8);
    }

    /** Random bytes for even seeds, text for odd ones. */
    public static byte[] mixed(int size, long seed) {
        return seed % 2 == 0 ? random(size, seed) : text(size, seed);
    }

    /** zlib-compresses arbitrary bytes, e.g. a hand-made (and possibly hostile) loose object. */
    public static byte[] deflate(byte[] raw, int level) {
        Deflater deflater = new Deflater(level);
        deflater.setInput(raw);
        deflater.finish();
        byte[] out = new byte[raw.length + 1024];
        int n = 0;
        while (!deflater.finished()) {
            if (n == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            n += deflater.deflate(out, n, out.length - n);
        }
        deflater.end();
        return Arrays.copyOf(out, n);
    }

    /** zlib-compresses the bytes of a string (ISO-8859-1, so any byte value can be written). */
    public static byte[] deflate(String raw) {
        return deflate(raw.getBytes(StandardCharsets.ISO_8859_1), 6);
    }
}
