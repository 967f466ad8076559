package dev.panagit.codec;

import dev.panagit.lib.CollisionAttackException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * SHA-1 with collision detection, the Java twin of libpanagit's {@code sha1dc.c} (M. Stevens and D.
 * Shumow, "Speeding up detection of SHA-1 collision attacks using unavoidable attack conditions",
 * USENIX Security 2017). The digest is plain SHA-1's; {@link #digest()} throws {@link
 * CollisionAttackException} instead when a block of the input is half of a near-collision pair along
 * one of the 32 disturbance vectors that SHA-1 collision attacks use, as git refuses such input.
 *
 * <p>Each block's expanded message is first checked against the unavoidable bit conditions of every
 * vector ({@link #ubc}, the relations of {@code native/src/sha1dc_ubc.def}); only a block that meets
 * all conditions of some vector (about one in twenty random blocks) is recompressed with that
 * vector's message difference, backwards and forwards from a step where the attack's state
 * difference is zero. Not thread-safe; {@link #reset()} makes it reusable.
 */
final class Sha1dc extends MessageDigest implements Cloneable {
    static final String ALGORITHM = "SHA-1 (collision detecting)";

    /** The vectors I(K,b) and II(K,b), packed as type << 24 | K << 16 | b << 8 | testt, in mask-bit order. */
    private static final int[] VECTORS = {
        vector(1, 43, 0, 58), vector(1, 44, 0, 58), vector(1, 45, 0, 58), vector(1, 46, 0, 58),
        vector(1, 46, 2, 58), vector(1, 47, 0, 58), vector(1, 47, 2, 58), vector(1, 48, 0, 58),
        vector(1, 48, 2, 58), vector(1, 49, 0, 58), vector(1, 49, 2, 58), vector(1, 50, 0, 65),
        vector(1, 50, 2, 65), vector(1, 51, 0, 65), vector(1, 51, 2, 65), vector(1, 52, 0, 65),
        vector(2, 45, 0, 58), vector(2, 46, 0, 58), vector(2, 46, 2, 58), vector(2, 47, 0, 58),
        vector(2, 48, 0, 58), vector(2, 49, 0, 58), vector(2, 49, 2, 58), vector(2, 50, 0, 65),
        vector(2, 50, 2, 65), vector(2, 51, 0, 65), vector(2, 51, 2, 65), vector(2, 52, 0, 65),
        vector(2, 53, 0, 65), vector(2, 54, 0, 65), vector(2, 55, 0, 65), vector(2, 56, 0, 65),
    };

    private static final int I_43_0 = 1 << 0;
    private static final int I_44_0 = 1 << 1;
    private static final int I_45_0 = 1 << 2;
    private static final int I_46_0 = 1 << 3;
    private static final int I_46_2 = 1 << 4;
    private static final int I_47_0 = 1 << 5;
    private static final int I_47_2 = 1 << 6;
    private static final int I_48_0 = 1 << 7;
    private static final int I_48_2 = 1 << 8;
    private static final int I_49_0 = 1 << 9;
    private static final int I_49_2 = 1 << 10;
    private static final int I_50_0 = 1 << 11;
    private static final int I_50_2 = 1 << 12;
    private static final int I_51_0 = 1 << 13;
    private static final int I_51_2 = 1 << 14;
    private static final int I_52_0 = 1 << 15;
    private static final int II_45_0 = 1 << 16;
    private static final int II_46_0 = 1 << 17;
    private static final int II_46_2 = 1 << 18;
    private static final int II_47_0 = 1 << 19;
    private static final int II_48_0 = 1 << 20;
    private static final int II_49_0 = 1 << 21;
    private static final int II_49_2 = 1 << 22;
    private static final int II_50_0 = 1 << 23;
    private static final int II_50_2 = 1 << 24;
    private static final int II_51_0 = 1 << 25;
    private static final int II_51_2 = 1 << 26;
    private static final int II_52_0 = 1 << 27;
    private static final int II_53_0 = 1 << 28;
    private static final int II_54_0 = 1 << 29;
    private static final int II_55_0 = 1 << 30;
    private static final int II_56_0 = 1 << 31;

    private static final VarHandle BIG_ENDIAN_INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final int[] h = new int[5];
    private final int[] w = new int[80];
    private byte[] buffer = new byte[64];
    private int buffered;
    private long length;
    private boolean collided;

    Sha1dc() {
        super(ALGORITHM);
        engineReset();
    }

    private static int vector(int type, int k, int b, int testt) {
        return type << 24 | k << 16 | b << 8 | testt;
    }

    @Override
    protected int engineGetDigestLength() {
        return 20;
    }

    @Override
    protected void engineReset() {
        h[0] = 0x67452301;
        h[1] = 0xefcdab89;
        h[2] = 0x98badcfe;
        h[3] = 0x10325476;
        h[4] = 0xc3d2e1f0;
        buffered = 0;
        length = 0;
        collided = false;
    }

    @Override
    protected void engineUpdate(byte input) {
        buffer[buffered++] = input;
        length++;
        if (buffered == 64) {
            block(buffer, 0);
            buffered = 0;
        }
    }

    @Override
    protected void engineUpdate(byte[] input, int off, int len) {
        length += len;
        if (buffered > 0) {
            int take = Math.min(64 - buffered, len);
            System.arraycopy(input, off, buffer, buffered, take);
            buffered += take;
            off += take;
            len -= take;
            if (buffered < 64) {
                return;
            }
            block(buffer, 0);
            buffered = 0;
        }
        for (; len >= 64; off += 64, len -= 64) {
            block(input, off);
        }
        if (len > 0) {
            System.arraycopy(input, off, buffer, 0, len);
            buffered = len;
        }
    }

    /**
     * The SHA-1 digest, and a reset.
     *
     * @throws CollisionAttackException when the input carries a collision attack (the digest is then
     *     not returned; the engine is reset all the same)
     */
    @Override
    protected byte[] engineDigest() {
        long bits = length << 3;
        byte[] tail = buffer;
        tail[buffered++] = (byte) 0x80;
        if (buffered > 56) {
            Arrays.fill(tail, buffered, 64, (byte) 0);
            block(tail, 0);
            buffered = 0;
        }
        Arrays.fill(tail, buffered, 56, (byte) 0);
        for (int i = 0; i < 8; i++) {
            tail[56 + i] = (byte) (bits >>> (56 - 8 * i));
        }
        block(tail, 0);
        boolean attack = collided;
        byte[] out = new byte[20];
        for (int i = 0; i < 5; i++) {
            out[4 * i] = (byte) (h[i] >>> 24);
            out[4 * i + 1] = (byte) (h[i] >>> 16);
            out[4 * i + 2] = (byte) (h[i] >>> 8);
            out[4 * i + 3] = (byte) h[i];
        }
        engineReset();
        if (attack) {
            throw new CollisionAttackException();
        }
        return out;
    }

    @Override
    public Object clone() throws CloneNotSupportedException {
        Sha1dc copy = new Sha1dc();
        System.arraycopy(h, 0, copy.h, 0, 5);
        copy.buffer = buffer.clone();
        copy.buffered = buffered;
        copy.length = length;
        copy.collided = collided;
        return copy;
    }

    private void block(byte[] data, int off) {
        int[] w = this.w;
        for (int t = 0; t < 16; t++) {
            w[t] = (int) BIG_ENDIAN_INT.get(data, off + 4 * t);
        }
        int h0 = h[0], h1 = h[1], h2 = h[2], h3 = h[3], h4 = h[4];
        int a = h0, b = h1, c = h2, d = h3, e = h4;
        // The message expansion runs inside the rounds: each word is used as it is made, and
        // its chain of loads then hides behind the rounds' own chain (a third faster).
        for (int t = 0; t < 16; t++) {
            int tmp = Integer.rotateLeft(a, 5) + (d ^ (b & (c ^ d))) + e + 0x5a827999 + w[t];
            e = d; d = c; c = Integer.rotateLeft(b, 30); b = a; a = tmp;
        }
        for (int t = 16; t < 20; t++) {
            int x = Integer.rotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
            w[t] = x;
            int tmp = Integer.rotateLeft(a, 5) + (d ^ (b & (c ^ d))) + e + 0x5a827999 + x;
            e = d; d = c; c = Integer.rotateLeft(b, 30); b = a; a = tmp;
        }
        for (int t = 20; t < 40; t++) {
            int x = Integer.rotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
            w[t] = x;
            int tmp = Integer.rotateLeft(a, 5) + (b ^ c ^ d) + e + 0x6ed9eba1 + x;
            e = d; d = c; c = Integer.rotateLeft(b, 30); b = a; a = tmp;
        }
        for (int t = 40; t < 60; t++) {
            int x = Integer.rotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
            w[t] = x;
            int tmp = Integer.rotateLeft(a, 5) + ((b & c) | (d & (b | c))) + e + 0x8f1bbcdc + x;
            e = d; d = c; c = Integer.rotateLeft(b, 30); b = a; a = tmp;
        }
        for (int t = 60; t < 80; t++) {
            int x = Integer.rotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
            w[t] = x;
            int tmp = Integer.rotateLeft(a, 5) + (b ^ c ^ d) + e + 0xca62c1d6 + x;
            e = d; d = c; c = Integer.rotateLeft(b, 30); b = a; a = tmp;
        }
        int mask = ubc(w);
        h[0] = h0 + a;
        h[1] = h1 + b;
        h[2] = h2 + c;
        h[3] = h3 + d;
        h[4] = h4 + e;
        if (mask != 0 && recompress(new int[] {h0, h1, h2, h3, h4}, h, w, mask)) {
            collided = true;
        }
    }

    /**
     * The vectors whose unavoidable bit conditions all hold for expanded message {@code w} (one bit
     * each, in {@link #VECTORS} order): the relations of {@code native/src/sha1dc_ubc.def}, written
     * out so that the JIT compiles each to a few instructions ({@code Sha1dcTest} checks them
     * against that file).
     */
    static int ubc(int[] w) {
        int mask = -1;
        mask &= ((((w[44] >>> 29) ^ (w[45] >>> 29)) & 1) - 1) | ~(I_48_0 | I_51_0 | I_52_0 | II_45_0 | II_46_0 | II_50_0 | II_51_0);
        mask &= ((((w[49] >>> 29) ^ (w[50] >>> 29)) & 1) - 1) | ~(I_46_0 | II_45_0 | II_50_0 | II_51_0 | II_55_0 | II_56_0);
        mask &= ((((w[48] >>> 29) ^ (w[49] >>> 29)) & 1) - 1) | ~(I_45_0 | I_52_0 | II_49_0 | II_50_0 | II_54_0 | II_55_0);
        mask &= ((((w[47] >>> 4) ^ (w[50] >>> 29)) & 1) - 1) | ~(I_47_0 | I_49_0 | I_51_0 | II_45_0 | II_51_0 | II_56_0);
        mask &= ((((w[47] >>> 29) ^ (w[48] >>> 29)) & 1) - 1) | ~(I_44_0 | I_51_0 | II_48_0 | II_49_0 | II_53_0 | II_54_0);
        mask &= ((((w[46] >>> 4) ^ (w[49] >>> 29)) & 1) - 1) | ~(I_46_0 | I_48_0 | I_50_0 | I_52_0 | II_50_0 | II_55_0);
        mask &= ((((w[46] >>> 29) ^ (w[47] >>> 29)) & 1) - 1) | ~(I_43_0 | I_50_0 | II_47_0 | II_48_0 | II_52_0 | II_53_0);
        mask &= ((((w[45] >>> 4) ^ (w[48] >>> 29)) & 1) - 1) | ~(I_45_0 | I_47_0 | I_49_0 | I_51_0 | II_49_0 | II_54_0);
        mask &= ((((w[45] >>> 29) ^ (w[46] >>> 29)) & 1) - 1) | ~(I_49_0 | I_52_0 | II_46_0 | II_47_0 | II_51_0 | II_52_0);
        mask &= ((((w[44] >>> 4) ^ (w[47] >>> 29)) & 1) - 1) | ~(I_44_0 | I_46_0 | I_48_0 | I_50_0 | II_48_0 | II_53_0);
        mask &= ((((w[43] >>> 4) ^ (w[46] >>> 29)) & 1) - 1) | ~(I_43_0 | I_45_0 | I_47_0 | I_49_0 | II_47_0 | II_52_0);
        mask &= ((((w[43] >>> 29) ^ (w[44] >>> 29)) & 1) - 1) | ~(I_47_0 | I_50_0 | I_51_0 | II_45_0 | II_49_0 | II_50_0);
        mask &= ((((w[42] >>> 4) ^ (w[45] >>> 29)) & 1) - 1) | ~(I_44_0 | I_46_0 | I_48_0 | I_52_0 | II_46_0 | II_51_0);
        mask &= ((((w[41] >>> 4) ^ (w[44] >>> 29)) & 1) - 1) | ~(I_43_0 | I_45_0 | I_47_0 | I_51_0 | II_45_0 | II_50_0);
        mask &= ((((w[40] >>> 29) ^ (w[41] >>> 29)) & 1) - 1) | ~(I_44_0 | I_47_0 | I_48_0 | II_46_0 | II_47_0 | II_56_0);
        mask &= ((((w[54] >>> 29) ^ (w[55] >>> 29)) & 1) - 1) | ~(I_51_0 | II_47_0 | II_50_0 | II_55_0 | II_56_0);
        mask &= ((((w[53] >>> 29) ^ (w[54] >>> 29)) & 1) - 1) | ~(I_50_0 | II_46_0 | II_49_0 | II_54_0 | II_55_0);
        mask &= ((((w[52] >>> 29) ^ (w[53] >>> 29)) & 1) - 1) | ~(I_49_0 | II_45_0 | II_48_0 | II_53_0 | II_54_0);
        mask &= ((((w[50] >>> 4) ^ (w[53] >>> 29)) & 1) - 1) | ~(I_50_0 | I_52_0 | II_46_0 | II_48_0 | II_54_0);
        mask &= ((((w[50] >>> 29) ^ (w[51] >>> 29)) & 1) - 1) | ~(I_47_0 | II_46_0 | II_51_0 | II_52_0 | II_56_0);
        mask &= ((((w[49] >>> 4) ^ (w[52] >>> 29)) & 1) - 1) | ~(I_49_0 | I_51_0 | II_45_0 | II_47_0 | II_53_0);
        mask &= ((((w[48] >>> 4) ^ (w[51] >>> 29)) & 1) - 1) | ~(I_48_0 | I_50_0 | I_52_0 | II_46_0 | II_52_0);
        mask &= ((((w[42] >>> 29) ^ (w[43] >>> 29)) & 1) - 1) | ~(I_46_0 | I_49_0 | I_50_0 | II_48_0 | II_49_0);
        mask &= ((((w[41] >>> 29) ^ (w[42] >>> 29)) & 1) - 1) | ~(I_45_0 | I_48_0 | I_49_0 | II_47_0 | II_48_0);
        mask &= ((((w[40] >>> 4) ^ (w[43] >>> 29)) & 1) - 1) | ~(I_44_0 | I_46_0 | I_50_0 | II_49_0 | II_56_0);
        mask &= ((((w[39] >>> 4) ^ (w[42] >>> 29)) & 1) - 1) | ~(I_43_0 | I_45_0 | I_49_0 | II_48_0 | II_55_0);
        mask &= ((((w[38] >>> 4) ^ (w[41] >>> 29)) & 1) - 1) | ~(I_44_0 | I_48_0 | II_47_0 | II_54_0 | II_56_0);
        mask &= ((((w[37] >>> 4) ^ (w[40] >>> 29)) & 1) - 1) | ~(I_43_0 | I_47_0 | II_46_0 | II_53_0 | II_55_0);
        mask &= ((((w[55] >>> 29) ^ (w[56] >>> 29)) & 1) - 1) | ~(I_52_0 | II_48_0 | II_51_0 | II_56_0);
        mask &= ((((w[52] >>> 4) ^ (w[55] >>> 29)) & 1) - 1) | ~(I_52_0 | II_48_0 | II_50_0 | II_56_0);
        mask &= ((((w[51] >>> 4) ^ (w[54] >>> 29)) & 1) - 1) | ~(I_51_0 | II_47_0 | II_49_0 | II_55_0);
        mask &= ((((w[51] >>> 29) ^ (w[52] >>> 29)) & 1) - 1) | ~(I_48_0 | II_47_0 | II_52_0 | II_53_0);
        mask &= ((((w[36] >>> 4) ^ (w[40] >>> 29)) & 1) - 1) | ~(I_46_0 | I_49_0 | II_45_0 | II_48_0);
        mask &= ((((w[53] >>> 29) ^ (w[56] >>> 29) ^ 1) & 1) - 1) | ~(I_52_0 | II_48_0 | II_49_0);
        mask &= ((((w[51] >>> 29) ^ (w[54] >>> 29) ^ 1) & 1) - 1) | ~(I_50_0 | II_46_0 | II_47_0);
        mask &= ((((w[50] >>> 29) ^ (w[52] >>> 29) ^ 1) & 1) - 1) | ~(I_49_0 | I_51_0 | II_45_0);
        mask &= ((((w[49] >>> 29) ^ (w[51] >>> 29) ^ 1) & 1) - 1) | ~(I_48_0 | I_50_0 | I_52_0);
        mask &= ((((w[48] >>> 29) ^ (w[50] >>> 29) ^ 1) & 1) - 1) | ~(I_47_0 | I_49_0 | I_51_0);
        mask &= ((((w[47] >>> 29) ^ (w[49] >>> 29) ^ 1) & 1) - 1) | ~(I_46_0 | I_48_0 | I_50_0);
        mask &= ((((w[46] >>> 29) ^ (w[48] >>> 29) ^ 1) & 1) - 1) | ~(I_45_0 | I_47_0 | I_49_0);
        mask &= ((((w[45] >>> 6) ^ (w[47] >>> 6)) & 1) - 1) | ~(I_47_2 | I_49_2 | I_51_2);
        mask &= ((((w[45] >>> 29) ^ (w[47] >>> 29) ^ 1) & 1) - 1) | ~(I_44_0 | I_46_0 | I_48_0);
        mask &= ((((w[44] >>> 6) ^ (w[46] >>> 6)) & 1) - 1) | ~(I_46_2 | I_48_2 | I_50_2);
        mask &= ((((w[44] >>> 29) ^ (w[46] >>> 29) ^ 1) & 1) - 1) | ~(I_43_0 | I_45_0 | I_47_0);
        mask &= ((((w[41] >>> 1) ^ (w[42] >>> 6) ^ 1) & 1) - 1) | ~(I_48_2 | II_46_2 | II_51_2);
        mask &= ((((w[40] >>> 1) ^ (w[41] >>> 6) ^ 1) & 1) - 1) | ~(I_47_2 | I_51_2 | II_50_2);
        mask &= ((((w[40] >>> 4) ^ (w[42] >>> 4) ^ 1) & 1) - 1) | ~(I_44_0 | I_46_0 | II_56_0);
        mask &= ((((w[39] >>> 1) ^ (w[40] >>> 6) ^ 1) & 1) - 1) | ~(I_46_2 | I_50_2 | II_49_2);
        mask &= ((((w[39] >>> 4) ^ (w[41] >>> 4) ^ 1) & 1) - 1) | ~(I_43_0 | I_45_0 | II_55_0);
        mask &= ((((w[38] >>> 4) ^ (w[40] >>> 4) ^ 1) & 1) - 1) | ~(I_44_0 | II_54_0 | II_56_0);
        mask &= ((((w[37] >>> 4) ^ (w[39] >>> 4) ^ 1) & 1) - 1) | ~(I_43_0 | II_53_0 | II_55_0);
        mask &= ((((w[36] >>> 1) ^ (w[37] >>> 6) ^ 1) & 1) - 1) | ~(I_47_2 | I_50_2 | II_46_2);
        mask &= ((((w[35] >>> 4) ^ (w[39] >>> 29)) & 1) - 1) | ~(I_45_0 | I_48_0 | II_47_0);
        mask &= (((w[63] ^ (w[64] >>> 5) ^ 1) & 1) - 1) | ~(I_48_0 | II_48_0);
        mask &= ((((w[63] >>> 1) ^ (w[64] >>> 6) ^ 1) & 1) - 1) | ~(I_45_0 | II_45_0);
        mask &= (((w[62] ^ (w[63] >>> 5) ^ 1) & 1) - 1) | ~(I_47_0 | II_47_0);
        mask &= (((w[61] ^ (w[62] >>> 5) ^ 1) & 1) - 1) | ~(I_46_0 | II_46_0);
        mask &= ((((w[61] >>> 2) ^ (w[62] >>> 7) ^ 1) & 1) - 1) | ~(I_46_2 | II_46_2);
        mask &= (((w[60] ^ (w[61] >>> 5) ^ 1) & 1) - 1) | ~(I_45_0 | II_45_0);
        mask &= ((((w[58] >>> 29) ^ (w[59] >>> 29)) & 1) - 1) | ~(II_51_0 | II_54_0);
        mask &= ((((w[57] >>> 29) ^ (w[58] >>> 29)) & 1) - 1) | ~(II_50_0 | II_53_0);
        mask &= ((((w[56] >>> 4) ^ (w[59] >>> 29)) & 1) - 1) | ~(II_52_0 | II_54_0);
        mask &= ((((w[56] >>> 29) ^ (w[59] >>> 29) ^ 1) & 1) - 1) | ~(II_51_0 | II_52_0);
        mask &= ((((w[56] >>> 29) ^ (w[57] >>> 29)) & 1) - 1) | ~(II_49_0 | II_52_0);
        mask &= ((((w[55] >>> 4) ^ (w[58] >>> 29)) & 1) - 1) | ~(II_51_0 | II_53_0);
        mask &= ((((w[54] >>> 4) ^ (w[57] >>> 29)) & 1) - 1) | ~(II_50_0 | II_52_0);
        mask &= ((((w[53] >>> 4) ^ (w[56] >>> 29)) & 1) - 1) | ~(II_49_0 | II_51_0);
        mask &= ((((w[50] >>> 6) ^ (w[51] >>> 1)) & 1) - 1) | ~(I_50_2 | II_46_2);
        mask &= ((((w[48] >>> 6) ^ (w[50] >>> 6)) & 1) - 1) | ~(I_50_2 | II_46_2);
        mask &= ((((w[48] >>> 29) ^ (w[55] >>> 29) ^ 1) & 1) - 1) | ~(I_51_0 | I_52_0);
        mask &= ((((w[47] >>> 6) ^ (w[49] >>> 6)) & 1) - 1) | ~(I_49_2 | I_51_2);
        mask &= ((((w[47] >>> 6) ^ (w[48] >>> 1)) & 1) - 1) | ~(I_47_2 | II_51_2);
        mask &= ((((w[46] >>> 6) ^ (w[48] >>> 6)) & 1) - 1) | ~(I_48_2 | I_50_2);
        mask &= ((((w[46] >>> 6) ^ (w[47] >>> 1)) & 1) - 1) | ~(I_46_2 | II_50_2);
        mask &= ((((w[44] >>> 1) ^ (w[45] >>> 6) ^ 1) & 1) - 1) | ~(I_51_2 | II_49_2);
        mask &= ((((w[43] >>> 6) ^ (w[45] >>> 6)) & 1) - 1) | ~(I_47_2 | I_49_2);
        mask &= ((((w[42] >>> 6) ^ (w[44] >>> 6)) & 1) - 1) | ~(I_46_2 | I_48_2);
        mask &= ((((w[42] >>> 6) ^ (w[43] >>> 1)) & 1) - 1) | ~(II_46_2 | II_51_2);
        mask &= ((((w[41] >>> 6) ^ (w[42] >>> 1)) & 1) - 1) | ~(I_51_2 | II_50_2);
        mask &= ((((w[40] >>> 6) ^ (w[41] >>> 1)) & 1) - 1) | ~(I_50_2 | II_49_2);
        mask &= ((((w[39] >>> 4) ^ (w[43] >>> 29)) & 1) - 1) | ~(I_52_0 | II_51_0);
        mask &= ((((w[38] >>> 4) ^ (w[42] >>> 29)) & 1) - 1) | ~(I_51_0 | II_50_0);
        mask &= ((((w[37] >>> 1) ^ (w[38] >>> 6) ^ 1) & 1) - 1) | ~(I_48_2 | I_51_2);
        mask &= ((((w[37] >>> 4) ^ (w[41] >>> 29)) & 1) - 1) | ~(I_50_0 | II_49_0);
        mask &= ((((w[36] >>> 4) ^ (w[38] >>> 4) ^ 1) & 1) - 1) | ~(II_52_0 | II_54_0);
        mask &= ((((w[35] >>> 1) ^ (w[36] >>> 6) ^ 1) & 1) - 1) | ~(I_46_2 | I_49_2);
        mask &= ((((w[35] >>> 3) ^ (w[39] >>> 28)) & 1) - 1) | ~(I_51_0 | II_47_0);
        mask &= ((((w[61] >>> 1) ^ (w[62] >>> 6) ^ 1) & 1) - 1) | ~(I_43_0);
        mask &= ((((w[59] >>> 5) ^ (w[63] >>> 30)) & 1) - 1) | ~(I_43_0);
        mask &= (((w[58] ^ (w[63] >>> 30) ^ 1) & 1) - 1) | ~(I_43_0);
        mask &= ((((w[62] >>> 1) ^ (w[63] >>> 6) ^ 1) & 1) - 1) | ~(I_44_0);
        mask &= ((((w[60] >>> 5) ^ (w[64] >>> 30)) & 1) - 1) | ~(I_44_0);
        mask &= (((w[59] ^ (w[64] >>> 30) ^ 1) & 1) - 1) | ~(I_44_0);
        mask &= ((((w[40] >>> 6) ^ (w[42] >>> 6)) & 1) - 1) | ~(I_46_2);
        mask &= ((((w[62] >>> 2) ^ (w[63] >>> 7) ^ 1) & 1) - 1) | ~(I_47_2);
        mask &= ((((w[41] >>> 6) ^ (w[43] >>> 6)) & 1) - 1) | ~(I_47_2);
        mask &= ((((w[63] >>> 2) ^ (w[64] >>> 7) ^ 1) & 1) - 1) | ~(I_48_2);
        mask &= ((((w[48] >>> 6) ^ (w[49] >>> 1)) & 1) - 1) | ~(I_48_2);
        mask &= ((((w[49] >>> 6) ^ (w[50] >>> 1)) & 1) - 1) | ~(I_49_2);
        mask &= ((((w[42] >>> 1) ^ (w[50] >>> 1) ^ 1) & 1) - 1) | ~(I_49_2);
        mask &= ((((w[39] >>> 6) ^ (w[40] >>> 1)) & 1) - 1) | ~(I_49_2);
        mask &= ((((w[38] >>> 1) ^ (w[40] >>> 1) ^ 1) & 1) - 1) | ~(I_49_2);
        mask &= ((((w[36] >>> 4) ^ (w[37] >>> 4) ^ 1) & 1) - 1) | ~(I_50_0);
        mask &= ((((w[43] >>> 1) ^ (w[51] >>> 1) ^ 1) & 1) - 1) | ~(I_50_2);
        mask &= ((((w[37] >>> 4) ^ (w[38] >>> 4) ^ 1) & 1) - 1) | ~(I_51_0);
        mask &= ((((w[51] >>> 6) ^ (w[52] >>> 1)) & 1) - 1) | ~(I_51_2);
        mask &= ((((w[49] >>> 6) ^ (w[51] >>> 6)) & 1) - 1) | ~(I_51_2);
        mask &= ((((w[37] >>> 1) ^ (w[37] >>> 6)) & 1) - 1) | ~(I_51_2);
        mask &= ((((w[35] >>> 5) ^ (w[39] >>> 30)) & 1) - 1) | ~(I_51_2);
        mask &= ((((w[38] >>> 4) ^ (w[39] >>> 4) ^ 1) & 1) - 1) | ~(I_52_0);
        mask &= ((((w[47] >>> 1) ^ (w[51] >>> 1) ^ 1) & 1) - 1) | ~(II_46_2);
        mask &= ((((w[36] >>> 3) ^ (w[40] >>> 28)) & 1) - 1) | ~(II_48_0);
        mask &= ((((w[35] >>> 30) ^ (w[40] >>> 28) ^ 1) & 1) - 1) | ~(II_48_0);
        mask &= ((((w[37] >>> 3) ^ (w[41] >>> 28)) & 1) - 1) | ~(II_49_0);
        mask &= ((((w[36] >>> 30) ^ (w[41] >>> 28) ^ 1) & 1) - 1) | ~(II_49_0);
        mask &= ((((w[53] >>> 6) ^ (w[54] >>> 1)) & 1) - 1) | ~(II_49_2);
        mask &= ((((w[51] >>> 6) ^ (w[53] >>> 6)) & 1) - 1) | ~(II_49_2);
        mask &= ((((w[50] >>> 1) ^ (w[54] >>> 1) ^ 1) & 1) - 1) | ~(II_49_2);
        mask &= ((((w[45] >>> 6) ^ (w[46] >>> 1)) & 1) - 1) | ~(II_49_2);
        mask &= ((((w[37] >>> 5) ^ (w[41] >>> 30)) & 1) - 1) | ~(II_49_2);
        mask &= (((w[36] ^ (w[41] >>> 30) ^ 1) & 1) - 1) | ~(II_49_2);
        mask &= ((((w[55] >>> 29) ^ (w[58] >>> 29) ^ 1) & 1) - 1) | ~(II_50_0);
        mask &= ((((w[38] >>> 3) ^ (w[42] >>> 28)) & 1) - 1) | ~(II_50_0);
        mask &= ((((w[37] >>> 30) ^ (w[42] >>> 28) ^ 1) & 1) - 1) | ~(II_50_0);
        mask &= ((((w[54] >>> 6) ^ (w[55] >>> 1)) & 1) - 1) | ~(II_50_2);
        mask &= ((((w[52] >>> 6) ^ (w[54] >>> 6)) & 1) - 1) | ~(II_50_2);
        mask &= ((((w[51] >>> 1) ^ (w[55] >>> 1) ^ 1) & 1) - 1) | ~(II_50_2);
        mask &= ((((w[45] >>> 1) ^ (w[47] >>> 1) ^ 1) & 1) - 1) | ~(II_50_2);
        mask &= ((((w[38] >>> 5) ^ (w[42] >>> 30)) & 1) - 1) | ~(II_50_2);
        mask &= (((w[37] ^ (w[42] >>> 30) ^ 1) & 1) - 1) | ~(II_50_2);
        mask &= ((((w[39] >>> 3) ^ (w[43] >>> 28)) & 1) - 1) | ~(II_51_0);
        mask &= ((((w[38] >>> 30) ^ (w[43] >>> 28) ^ 1) & 1) - 1) | ~(II_51_0);
        mask &= ((((w[55] >>> 6) ^ (w[56] >>> 1)) & 1) - 1) | ~(II_51_2);
        mask &= ((((w[53] >>> 6) ^ (w[55] >>> 6)) & 1) - 1) | ~(II_51_2);
        mask &= ((((w[52] >>> 1) ^ (w[56] >>> 1) ^ 1) & 1) - 1) | ~(II_51_2);
        mask &= ((((w[46] >>> 1) ^ (w[48] >>> 1) ^ 1) & 1) - 1) | ~(II_51_2);
        mask &= ((((w[39] >>> 5) ^ (w[43] >>> 30)) & 1) - 1) | ~(II_51_2);
        mask &= (((w[38] ^ (w[43] >>> 30) ^ 1) & 1) - 1) | ~(II_51_2);
        mask &= ((((w[59] >>> 29) ^ (w[60] >>> 29)) & 1) - 1) | ~(II_52_0);
        mask &= ((((w[40] >>> 3) ^ (w[44] >>> 28)) & 1) - 1) | ~(II_52_0);
        mask &= ((((w[40] >>> 4) ^ (w[44] >>> 29)) & 1) - 1) | ~(II_52_0);
        mask &= ((((w[39] >>> 30) ^ (w[44] >>> 28) ^ 1) & 1) - 1) | ~(II_52_0);
        mask &= ((((w[58] >>> 29) ^ (w[61] >>> 29) ^ 1) & 1) - 1) | ~(II_53_0);
        mask &= ((((w[57] >>> 4) ^ (w[61] >>> 29)) & 1) - 1) | ~(II_53_0);
        mask &= ((((w[41] >>> 3) ^ (w[45] >>> 28)) & 1) - 1) | ~(II_53_0);
        mask &= ((((w[41] >>> 4) ^ (w[45] >>> 29)) & 1) - 1) | ~(II_53_0);
        mask &= ((((w[58] >>> 4) ^ (w[62] >>> 29)) & 1) - 1) | ~(II_54_0);
        mask &= ((((w[42] >>> 3) ^ (w[46] >>> 28)) & 1) - 1) | ~(II_54_0);
        mask &= ((((w[42] >>> 4) ^ (w[46] >>> 29)) & 1) - 1) | ~(II_54_0);
        mask &= ((((w[59] >>> 4) ^ (w[63] >>> 29)) & 1) - 1) | ~(II_55_0);
        mask &= ((((w[57] >>> 4) ^ (w[59] >>> 29)) & 1) - 1) | ~(II_55_0);
        mask &= ((((w[43] >>> 3) ^ (w[47] >>> 28)) & 1) - 1) | ~(II_55_0);
        mask &= ((((w[43] >>> 4) ^ (w[47] >>> 29)) & 1) - 1) | ~(II_55_0);
        mask &= ((((w[60] >>> 4) ^ (w[64] >>> 29)) & 1) - 1) | ~(II_56_0);
        mask &= ((((w[44] >>> 3) ^ (w[48] >>> 28)) & 1) - 1) | ~(II_56_0);
        mask &= ((((w[44] >>> 4) ^ (w[48] >>> 29)) & 1) - 1) | ~(II_56_0);
        return mask;
    }

    /**
     * The message difference of vector {@code index}: its perturbations and the corrections of SHA-1's
     * local collision (at t+1 rotated by 5, t+2, and t+3 to t+5 rotated by 30); the vector's words
     * before 0 come from running the message expansion backwards.
     */
    static int[] difference(int index) {
        int packed = VECTORS[index];
        int type = packed >>> 24, k = packed >>> 16 & 0xff, bit = packed >>> 8 & 0xff;
        int[] v = new int[85];   // v[t + 5] = DV[t]
        v[k + 15 + 5] = 1 << bit;
        if (type == 2) {
            v[k + 1 + 5] = v[k + 3 + 5] = Integer.rotateLeft(1 << bit, 31);
        }
        for (int t = k + 16; t < 80; t++) {
            v[t + 5] = Integer.rotateLeft(v[t - 3 + 5] ^ v[t - 8 + 5] ^ v[t - 14 + 5] ^ v[t - 16 + 5], 1);
        }
        for (int t = k - 1; t >= -5; t--) {
            v[t + 5] = Integer.rotateLeft(v[t + 16 + 5], 31) ^ v[t + 13 + 5] ^ v[t + 8 + 5] ^ v[t + 2 + 5];
        }
        int[] dm = new int[80];
        for (int t = 0; t < 80; t++) {
            dm[t] = v[t + 5] ^ Integer.rotateLeft(v[t + 4], 5) ^ v[t + 3] ^ Integer.rotateLeft(v[t + 2], 30)
                    ^ Integer.rotateLeft(v[t + 1], 30) ^ Integer.rotateLeft(v[t], 30);
        }
        return dm;
    }

    /** Whether the block (chaining value in to out, expanded message w) is half of a near-collision pair along a vector of mask. */
    static boolean recompress(int[] in, int[] out, int[] w, int mask) {
        int[] state58 = in.clone();
        forward(state58, w, 0, 58);
        int[] state65 = state58.clone();
        forward(state65, w, 58, 65);
        int[] w2 = new int[80];
        for (int i = 0; i < 32; i++) {
            if ((mask >>> i & 1) == 0) {
                continue;
            }
            int[] dm = difference(i);
            for (int t = 0; t < 80; t++) {
                w2[t] = w[t] ^ dm[t];
            }
            int testt = VECTORS[i] & 0xff;
            int[] back = (testt == 58 ? state58 : state65).clone();
            int[] fwd = back.clone();
            backward(back, w2, testt);
            forward(fwd, w2, testt, 80);
            boolean same = true;
            for (int j = 0; j < 5; j++) {
                same &= back[j] + fwd[j] == out[j];
            }
            if (same) {
                return true;
            }
        }
        return false;
    }

    private static int f(int t, int b, int c, int d) {
        if (t < 20) {
            return d ^ (b & (c ^ d));
        }
        if (t < 40 || t >= 60) {
            return b ^ c ^ d;
        }
        return (b & c) | (d & (b | c));
    }

    private static int k(int t) {
        return t < 20 ? 0x5a827999 : t < 40 ? 0x6ed9eba1 : t < 60 ? 0x8f1bbcdc : 0xca62c1d6;
    }

    /** s = a, b, c, d, e before step from; runs steps [from, to). */
    static void forward(int[] s, int[] w, int from, int to) {
        int a = s[0], b = s[1], c = s[2], d = s[3], e = s[4];
        for (int t = from; t < to; t++) {
            int tmp = Integer.rotateLeft(a, 5) + f(t, b, c, d) + e + k(t) + w[t];
            e = d; d = c; c = Integer.rotateLeft(b, 30); b = a; a = tmp;
        }
        s[0] = a; s[1] = b; s[2] = c; s[3] = d; s[4] = e;
    }

    /** s = the state before step from; undoes steps from-1 down to 0. */
    private static void backward(int[] s, int[] w, int from) {
        int a = s[0], b = s[1], c = s[2], d = s[3], e = s[4];
        for (int t = from - 1; t >= 0; t--) {
            int pa = b, pb = Integer.rotateLeft(c, 2), pc = d, pd = e;
            int pe = a - Integer.rotateLeft(pa, 5) - f(t, pb, pc, pd) - k(t) - w[t];
            a = pa; b = pb; c = pc; d = pd; e = pe;
        }
        s[0] = a; s[1] = b; s[2] = c; s[3] = d; s[4] = e;
    }
}
