package dev.panagit.codec;

import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.Corruption;

/**
 * git's delta format, with exactly the rules of libpanagit's {@code delta.c}: the base size and
 * the result size (7-bit groups, least significant first), then copy instructions
 * ({@code 1oooosss}: offset and size bytes for the bits set; size 0 means 0x10000) and insert
 * instructions ({@code 0nnnnnnn}, n > 0 literal bytes); {@code 00000000} is reserved.
 */
public final class Deltas {
    /** The largest array the JVM allocates. */
    public static final int MAX_ARRAY = Integer.MAX_VALUE - 16;
    /** Results up to this size are allocated before the delta is checked; larger ones after. */
    private static final long CHECK_FIRST_ABOVE = 1 << 20;

    private Deltas() {
    }

    /** The two sizes at the start of a delta; {@code end} is where the instructions begin. */
    public record Sizes(long baseSize, long resultSize, int end) {
    }

    /** Reads the sizes from the first bytes of a delta ({@code len} of them, up to 20 suffice). */
    public static Sizes sizes(byte[] delta, int len) throws CorruptObjectException {
        long[] value = new long[1];
        int p = readSize(delta, 0, len, value);
        long base = value[0];
        p = readSize(delta, p, len, value);
        return new Sizes(base, value[0], p);
    }

    /** Reads one size at {@code p}; returns the position after it. Sizes of 64 bits are unsigned. */
    private static int readSize(byte[] delta, int p, int end, long[] out) throws CorruptObjectException {
        long value = 0;
        int shift = 0;
        int b;
        do {
            if (p == end || shift > 63) {
                throw bad();
            }
            b = delta[p++] & 0xff;
            if (shift == 63 && (b & 0x7f) > 1) {
                throw bad();   // digits past bit 63
            }
            value |= (long) (b & 0x7f) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        out[0] = value;
        return p;
    }

    /** Applies {@code delta} to {@code base}; every rule is checked before bytes are written past the result. */
    public static byte[] apply(byte[] base, byte[] delta) throws CorruptObjectException {
        Sizes sizes = sizes(delta, delta.length);
        if (sizes.baseSize != base.length) {
            throw bad();
        }
        long result = sizes.resultSize;
        if (Long.compareUnsigned(result, CHECK_FIRST_ABOVE) > 0) {
            run(null, result, base, delta, sizes.end);   // a lie must not size an allocation
        }
        if (Long.compareUnsigned(result, MAX_ARRAY) > 0) {
            throw tooLarge(result);
        }
        byte[] out = new byte[(int) result];
        run(out, result, base, delta, sizes.end);
        return out;
    }

    /** Applies into {@code out[0..resultLength)}; {@code resultLength} must be the result size. */
    public static void applyInto(byte[] out, int resultLength, byte[] base, byte[] delta, int deltaLength)
            throws CorruptObjectException {
        Sizes sizes = sizes(delta, deltaLength);
        if (sizes.baseSize != base.length) {
            throw bad();
        }
        if (sizes.resultSize != resultLength) {
            if (Long.compareUnsigned(sizes.resultSize, resultLength) > 0) {
                run(null, sizes.resultSize, base, delta, sizes.end, deltaLength);
            }
            throw bad();   // not the size the caller was told
        }
        run(out, resultLength, base, delta, sizes.end, deltaLength);
    }

    /** The error for a valid delta whose result does not fit a Java array. */
    public static CorruptObjectException tooLarge(long size) {
        return new CorruptObjectException(Corruption.SIZE_OVERFLOW,
                "a delta result of " + Long.toUnsignedString(size) + " bytes does not fit in memory");
    }

    private static void run(byte[] out, long result, byte[] base, byte[] delta, int p) throws CorruptObjectException {
        run(out, result, base, delta, p, delta.length);
    }

    /** Runs the instructions; writes only when {@code out} is not null. */
    private static void run(byte[] out, long result, byte[] base, byte[] delta, int p, int end)
            throws CorruptObjectException {
        long pos = 0;
        while (p < end) {
            int op = delta[p++] & 0xff;
            if ((op & 0x80) != 0) {
                long offset = 0;
                long size = 0;
                for (int i = 0; i < 4; i++) {
                    if ((op & (1 << i)) != 0) {
                        if (p == end) {
                            throw bad();
                        }
                        offset |= (long) (delta[p++] & 0xff) << (8 * i);
                    }
                }
                for (int i = 0; i < 3; i++) {
                    if ((op & (0x10 << i)) != 0) {
                        if (p == end) {
                            throw bad();
                        }
                        size |= (long) (delta[p++] & 0xff) << (8 * i);
                    }
                }
                if (size == 0) {
                    size = 0x10000;
                }
                if (offset > base.length || size > base.length - offset
                        || Long.compareUnsigned(size, result - pos) > 0) {
                    throw bad();
                }
                if (out != null) {
                    System.arraycopy(base, (int) offset, out, (int) pos, (int) size);
                }
                pos += size;
            } else if (op != 0) {
                if (op > end - p || Long.compareUnsigned(op, result - pos) > 0) {
                    throw bad();
                }
                if (out != null) {
                    System.arraycopy(delta, p, out, (int) pos, op);
                }
                p += op;
                pos += op;
            } else {
                throw bad();   // reserved
            }
        }
        if (pos != result) {
            throw bad();
        }
    }

    private static CorruptObjectException bad() {
        return new CorruptObjectException(Corruption.BAD_DELTA, null);
    }
}
