package dev.panagit.lib;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The name of a git object: an immutable SHA-1 (20-byte) or SHA-256 (32-byte) value.
 *
 * <p>Held as big-endian 32-bit words, as JGit does, so that equality and hashing cost a few
 * integer compares. Built only through the static factories.
 */
public final class ObjectId implements Comparable<ObjectId> {
    private static final HexFormat HEX = HexFormat.of();

    private final ObjectFormat format;
    private final int[] words;

    private ObjectId(ObjectFormat format, int[] words) {
        this.format = format;
        this.words = words;
    }

    /** The all-zero id of a format (git's "null" id). */
    public static ObjectId zeroId(ObjectFormat format) {
        return new ObjectId(format, new int[format.rawLength() / 4]);
    }

    /** Reads an id of {@code format} from {@code raw[offset..offset + rawLength)}. */
    /** The id of the empty blob in {@code format}. */
    public static ObjectId emptyBlob(ObjectFormat format) {
        return fromHex(format, format == ObjectFormat.SHA1 ? "e69de29bb2d1d6434b8b29ae775ad8c2e48c5391"
                : "473a0f4c3be8a93681a267e3b1e9a7dcda1185436fe141f7749120a303721813");
    }

    /** The id whose raw bytes start at {@code raw[offset]}. */
    public static ObjectId fromRaw(ObjectFormat format, byte[] raw, int offset) {
        if (offset < 0 || raw.length - offset < format.rawLength()) {
            throw new IllegalArgumentException("need " + format.rawLength() + " bytes for a " + format.configName()
                    + " id at offset " + offset + ", have " + Math.max(0, raw.length - offset));
        }
        int[] words = new int[format.rawLength() / 4];
        for (int i = 0; i < words.length; i++) {
            int p = offset + 4 * i;
            words[i] = (raw[p] & 0xff) << 24 | (raw[p + 1] & 0xff) << 16 | (raw[p + 2] & 0xff) << 8 | raw[p + 3] & 0xff;
        }
        return new ObjectId(format, words);
    }

    /** The id whose raw bytes are {@code raw}, which must be 20 or 32 bytes long. */
    public static ObjectId fromRaw(byte[] raw) {
        return fromRaw(formatForLength(raw.length, raw.length * 2), raw, 0);
    }

    /** Parses 40 (SHA-1) or 64 (SHA-256) hexadecimal digits, in either case. */
    public static ObjectId fromHex(String hex) {
        return fromHex(formatForLength(hex.length() / 2, hex.length()), hex);
    }

    /** Parses a full hexadecimal id of {@code format}. */
    public static ObjectId fromHex(ObjectFormat format, String hex) {
        if (!isHex(hex, format.hexLength())) {
            throw new IllegalArgumentException("not a " + format.configName() + " object id: '" + hex + "'");
        }
        return fromRaw(format, HEX.parseHex(hex), 0);
    }

    /** Whether {@code s} is exactly {@code length} hexadecimal digits. */
    public static boolean isHex(String s, int length) {
        if (s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static ObjectFormat formatForLength(int rawLength, int shownLength) {
        for (ObjectFormat format : ObjectFormat.values()) {
            if (format.rawLength() == rawLength && format.hexLength() == shownLength) {
                return format;
            }
        }
        throw new IllegalArgumentException("an object id has 40 (sha1) or 64 (sha256) hex digits, not " + shownLength);
    }

    /** The hash this id belongs to. */
    public ObjectFormat format() {
        return format;
    }

    /** A new array with the raw bytes. */
    public byte[] toRaw() {
        byte[] raw = new byte[format.rawLength()];
        copyRawTo(raw, 0);
        return raw;
    }

    /** Writes the raw bytes to {@code dst[offset..offset + rawLength)}. */
    public void copyRawTo(byte[] dst, int offset) {
        for (int i = 0; i < words.length; i++) {
            int w = words[i];
            dst[offset + 4 * i] = (byte) (w >>> 24);
            dst[offset + 4 * i + 1] = (byte) (w >>> 16);
            dst[offset + 4 * i + 2] = (byte) (w >>> 8);
            dst[offset + 4 * i + 3] = (byte) w;
        }
    }

    /** The lowercase hexadecimal name, as git prints it. */
    public String name() {
        byte[] hex = new byte[words.length * 8];
        for (int i = 0; i < words.length; i++) {
            int w = words[i];
            for (int j = 7; j >= 0; j--, w >>>= 4) {
                hex[8 * i + j] = HEX_DIGITS[w & 0xf];
            }
        }
        return new String(hex, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    /** The first {@code digits} hex digits. */
    public String abbreviate(int digits) {
        return name().substring(0, Math.min(digits, format.hexLength()));
    }

    /** Whether the hex name starts with {@code prefix} (lowercase hex). */
    public boolean startsWith(String prefix) {
        return name().startsWith(prefix);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObjectId other && format == other.format && Arrays.equals(words, other.words);
    }

    @Override
    public int hashCode() {
        return words[1];   // already uniformly distributed
    }

    @Override
    public int compareTo(ObjectId other) {
        int c = format.compareTo(other.format);
        for (int i = 0; c == 0 && i < words.length; i++) {
            c = Integer.compareUnsigned(words[i], other.words[i]);
        }
        return c;
    }

    @Override
    public String toString() {
        return name();
    }
}
