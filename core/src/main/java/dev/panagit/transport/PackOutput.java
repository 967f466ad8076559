package dev.panagit.transport;

import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.StoredObject;
import dev.panagit.storage.ObjectDatabase;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes a pack (version 2) of whole objects: the header, each object's type-and-size varint
 * followed by its zlib-compressed content, then the checksum of it all. Entries hold whole
 * objects (git's format allows it; the receiver indexes the pack as index-pack does).
 */
public final class PackOutput {
    private PackOutput() {
    }

    /** Writes {@code ids} from {@code source} to {@code file}; returns the pack's checksum. */
    public static byte[] write(ObjectDatabase source, ObjectFormat format, List<ObjectId> ids, Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(format.digestAlgorithm());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                DigestOutputStream out = new DigestOutputStream(raw, digest)) {
            out.write(new byte[] {'P', 'A', 'C', 'K', 0, 0, 0, 2});
            int count = ids.size();
            out.write(new byte[] {(byte) (count >>> 24), (byte) (count >>> 16), (byte) (count >>> 8), (byte) count});
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
            try {
                for (ObjectId id : ids) {
                    StoredObject object = source.open(id);
                    long size = object.size();
                    int type = object.type().code();
                    int first = (type << 4) | (int) (size & 0x0f);
                    size >>>= 4;
                    while (size != 0) {
                        out.write(first | 0x80);
                        first = (int) (size & 0x7f);
                        size >>>= 7;
                    }
                    out.write(first);
                    deflater.reset();
                    DeflaterOutputStream zip = new DeflaterOutputStream(new NonClosing(out), deflater, 1 << 16);
                    object.copyTo(zip);
                    zip.finish();
                }
            } finally {
                deflater.end();
            }
            out.on(false);
            byte[] checksum = digest.digest();
            raw.write(checksum);
            return checksum;
        }
    }

    /** Lets a compressor finish without closing the pack it writes into. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
