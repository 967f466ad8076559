package dev.panagit.diff;

import java.util.Arrays;

/**
 * git's measure of shared content (diffcore-delta.c): a file cut into spans that end at a newline
 * or after 64 bytes, each span hashed (CR before LF ignored in text), counted per hash; what two
 * files share is, per hash, the smaller of their byte counts.
 */
final class SpanHash {
    private static final int HASHBASE = 107927;

    private SpanHash() {
    }

    /** The spans of {@code data}: sorted entries of (hash << 32 | bytes), merged per hash. */
    static long[] of(byte[] data, boolean text) {
        long[] spans = new long[16];
        int count = 0;
        int n = 0;
        int accum1 = 0;
        int accum2 = 0;
        for (int i = 0; i < data.length; i++) {
            int c = data[i] & 0xff;
            if (text && c == '\r' && i + 1 < data.length && data[i + 1] == '\n') {
                continue;
            }
            int old1 = accum1;
            accum1 = (accum1 << 7) ^ (accum2 >>> 25);
            accum2 = (accum2 << 7) ^ (old1 >>> 25);
            accum1 += c;
            if (++n < 64 && c != '\n') {
                continue;
            }
            if (count == spans.length) {
                spans = Arrays.copyOf(spans, count * 2);
            }
            spans[count++] = entry(accum1, accum2, n);
            n = 0;
            accum1 = accum2 = 0;
        }
        if (n > 0) {
            if (count == spans.length) {
                spans = Arrays.copyOf(spans, count + 1);
            }
            spans[count++] = entry(accum1, accum2, n);
        }
        Arrays.sort(spans, 0, count);
        // Merge equal hashes (sorted by hash first, since the hash is the high half).
        int out = 0;
        for (int i = 0; i < count; i++) {
            if (out > 0 && (spans[out - 1] >>> 32) == (spans[i] >>> 32)) {
                spans[out - 1] += spans[i] & 0xffffffffL;
            } else {
                spans[out++] = spans[i];
            }
        }
        return Arrays.copyOf(spans, out);
    }

    private static long entry(int accum1, int accum2, int n) {
        long hash = Integer.toUnsignedLong(accum1 + accum2 * 0x61) % HASHBASE;
        return hash << 32 | n;
    }

    /** diffcore_count_changes' src_copied: bytes of {@code src}'s spans found again in {@code dst}. */
    static long copied(long[] src, long[] dst) {
        long sc = 0;
        int d = 0;
        for (long s : src) {
            long hash = s >>> 32;
            while (d < dst.length && (dst[d] >>> 32) < hash) {
                d++;
            }
            long srcCount = s & 0xffffffffL;
            long dstCount = 0;
            if (d < dst.length && (dst[d] >>> 32) == hash) {
                dstCount = dst[d] & 0xffffffffL;
                d++;
            }
            sc += Math.min(srcCount, dstCount);
        }
        return sc;
    }
}
