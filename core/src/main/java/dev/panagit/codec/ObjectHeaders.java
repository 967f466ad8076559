package dev.panagit.codec;

import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.Corruption;
import dev.panagit.lib.ObjectHeader;
import dev.panagit.lib.ObjectType;
import java.nio.charset.StandardCharsets;

/**
 * Writes and parses the {@code "<type> <size>\0"} header of a git object, with exactly the rules
 * of libpanagit's {@code pgit__header_parse}, so both backends reject the same headers.
 */
public final class ObjectHeaders {
    /** The longest header: "commit" + ' ' + 19 digits + NUL fits easily. */
    public static final int MAX_LENGTH = 32;

    private ObjectHeaders() {
    }

    /**
     * Whether {@code declared} content bytes could come out of {@code compressedLength} bytes of
     * zlib data. Deflate expands at most about 1032:1, so a larger claim is a lie that must not
     * make a decoder allocate the claimed size; decoders stream such objects instead, which
     * finds the real error in bounded memory.
     */
    public static boolean plausible(long declared, long compressedLength) {
        return declared <= 1040L * compressedLength + 1024;
    }

    /** The header bytes for an object of {@code type} with {@code size} bytes of content. */
    public static byte[] format(ObjectType type, long size) {
        return (type.gitName() + ' ' + size + '\0').getBytes(StandardCharsets.US_ASCII);
    }

    /** The result of parsing a header prefix. */
    public record Parsed(ObjectHeader header, int length) {
    }

    /**
     * Parses the header at the start of {@code buf[0..len)}. Returns {@code null} when more bytes
     * might complete it (no NUL yet and fewer than {@link #MAX_LENGTH} bytes).
     */
    public static Parsed parse(byte[] buf, int len) throws CorruptObjectException {
        int space = 0;
        while (space < len && buf[space] != ' ') {
            if (space >= 6 || buf[space] == 0) {
                throw bad("no type name before a space");
            }
            space++;
        }
        if (space == len) {
            return more(len, "no space after the type name");
        }
        ObjectType type = typeNamed(buf, space);

        long value = 0;
        int i = space + 1;
        for (; i < len && buf[i] != 0; i++) {
            int b = buf[i];
            if (b < '0' || b > '9') {
                throw bad("size has a non-digit");
            }
            if (i == space + 2 && buf[space + 1] == '0') {
                throw bad("size has a leading zero");
            }
            int d = b - '0';
            if (value > (Long.MAX_VALUE - d) / 10) {
                throw new CorruptObjectException(Corruption.SIZE_OVERFLOW, "declared size over 2^63 - 1");
            }
            value = value * 10 + d;
        }
        if (i == len) {
            return more(len, "no NUL after the size");
        }
        if (i == space + 1) {
            throw bad("empty size");
        }
        return new Parsed(new ObjectHeader(type, value), i + 1);
    }

    private static Parsed more(int len, String whyNotYet) throws CorruptObjectException {
        if (len < MAX_LENGTH) {
            return null;
        }
        throw bad(whyNotYet);
    }

    private static ObjectType typeNamed(byte[] buf, int length) throws CorruptObjectException {
        String name = new String(buf, 0, length, StandardCharsets.ISO_8859_1);
        for (ObjectType type : ObjectType.values()) {
            if (type.gitName().equals(name)) {
                return type;
            }
        }
        throw bad("unknown type \"" + name + "\"");
    }

    private static CorruptObjectException bad(String detail) {
        return new CorruptObjectException(Corruption.BAD_HEADER, detail);
    }
}
