package dev.panagit.transport;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * git's pkt-line framing: four hex digits of length (itself included) then the payload;
 * {@code 0000} flush, {@code 0001} delimiter, {@code 0002} response end. Lengths are checked
 * against git's limit (65520), so a hostile peer cannot make a reader allocate more.
 */
final class PacketLine {
    static final int MAX = 65520;
    static final byte[] FLUSH = null;

    /** What a read returns for the special packets. */
    enum Special { FLUSH, DELIM, END }

    private PacketLine() {
    }

    static void write(OutputStream out, String line) throws IOException {
        byte[] payload = line.getBytes(StandardCharsets.UTF_8);
        if (payload.length + 4 > MAX) {
            throw new IOException("pkt-line too long (" + payload.length + " bytes)");
        }
        out.write(String.format("%04x", payload.length + 4).getBytes(StandardCharsets.US_ASCII));
        out.write(payload);
    }

    static void flush(OutputStream out) throws IOException {
        out.write("0000".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    static void delim(OutputStream out) throws IOException {
        out.write("0001".getBytes(StandardCharsets.US_ASCII));
    }

    /** One packet: its payload, or a {@link Special} for 0000/0001/0002. */
    static Object read(InputStream in) throws IOException {
        byte[] head = in.readNBytes(4);
        if (head.length < 4) {
            throw new EOFException("the remote end hung up unexpectedly");
        }
        int length;
        try {
            length = Integer.parseInt(new String(head, StandardCharsets.US_ASCII), 16);
        } catch (NumberFormatException e) {
            throw new IOException("protocol error: bad line length character: " + new String(head, StandardCharsets.US_ASCII));
        }
        switch (length) {
            case 0 -> {
                return Special.FLUSH;
            }
            case 1 -> {
                return Special.DELIM;
            }
            case 2 -> {
                return Special.END;
            }
            default -> {
            }
        }
        if (length < 4 || length > MAX) {
            throw new IOException("protocol error: bad line length " + length);
        }
        byte[] payload = in.readNBytes(length - 4);
        if (payload.length < length - 4) {
            throw new EOFException("the remote end hung up unexpectedly");
        }
        return payload;
    }

    /** A text packet without its trailing newline. */
    static String text(byte[] payload) {
        String s = new String(payload, StandardCharsets.UTF_8);
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    static byte[] bytes(ByteArrayOutputStream buffer) {
        return buffer.toByteArray();
    }
}
