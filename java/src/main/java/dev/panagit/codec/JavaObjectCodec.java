package dev.panagit.codec;

import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.Corruption;
import dev.panagit.lib.EncodedObject;
import dev.panagit.lib.ObjectCodec;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectHeader;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.RawObject;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** The pure-Java backend: {@link MessageDigest} for hashing, {@link Deflater}/{@link Inflater} for zlib. */
public final class JavaObjectCodec implements ObjectCodec {
    private static final int CHUNK = 64 * 1024;

    private final Pool<Deflater> deflaters;
    private final Pool<Inflater> inflaters = new Pool<>(Inflater::new);
    private final Map<ObjectFormat, Pool<MessageDigest>> digests = new EnumMap<>(ObjectFormat.class);
    private final JavaPackCodec pack;

    /** A codec compressing at zlib {@code level} (git writes loose objects at level 1). */
    public JavaObjectCodec(int level) {
        if (level < -1 || level > 9) {
            throw new IllegalArgumentException("zlib level must be -1 to 9, not " + level);
        }
        this.deflaters = new Pool<>(() -> new Deflater(level));
        for (ObjectFormat format : ObjectFormat.values()) {
            digests.put(format, new Pool<>(() -> newDigest(format)));
        }
        this.pack = new JavaPackCodec(inflaters, digests);
    }

    private static MessageDigest newDigest(ObjectFormat format) {
        try {
            return MessageDigest.getInstance(format.digestAlgorithm());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM lacks " + format.digestAlgorithm(), e);
        }
    }

    @Override
    public String backendName() {
        return "java";
    }

    @Override
    public JavaPackCodec pack() {
        return pack;
    }

    @Override
    public byte[] digest(ObjectFormat format, byte[] data, int off, int len) {
        Pool<MessageDigest> pool = digests.get(format);
        MessageDigest md = pool.take();
        try {
            md.update(data, off, len);
            return md.digest();
        } finally {
            pool.give(md);
        }
    }

    @Override
    public ObjectId hashObject(ObjectFormat format, ObjectType type, byte[] content, int off, int len) {
        Pool<MessageDigest> pool = digests.get(format);
        MessageDigest md = pool.take();
        try {
            md.update(ObjectHeaders.format(type, len));
            md.update(content, off, len);
            return ObjectId.fromRaw(format, md.digest(), 0);
        } finally {
            pool.give(md);
        }
    }

    @Override
    public ObjectId[] hashObjects(ObjectFormat format, ObjectType type, byte[] contents, int[] lengths) {
        ObjectId[] ids = new ObjectId[lengths.length];
        int offset = 0;
        for (int i = 0; i < lengths.length; i++) {
            ids[i] = hashObject(format, type, contents, offset, lengths[i]);
            offset += lengths[i];
        }
        return ids;
    }

    @Override
    public ObjectId hashObject(ObjectFormat format, ObjectType type, long size, InputStream content)
            throws IOException {
        Pool<MessageDigest> pool = digests.get(format);
        MessageDigest md = pool.take();
        try {
            md.update(ObjectHeaders.format(type, size));
            byte[] buf = new byte[CHUNK];
            long left = size;
            while (left > 0) {
                int n = content.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    throw new EOFException("content ended " + left + " bytes before its declared size " + size);
                }
                md.update(buf, 0, n);
                left -= n;
            }
            if (content.read() >= 0) {
                throw new IOException("content is longer than its declared size " + size);
            }
            return ObjectId.fromRaw(format, md.digest(), 0);
        } catch (IOException | RuntimeException e) {
            md.reset();
            throw e;
        } finally {
            pool.give(md);
        }
    }

    @Override
    public EncodedObject encode(ObjectFormat format, ObjectType type, byte[] content, int off, int len) {
        ObjectId id = hashObject(format, type, content, off, len);
        byte[] header = ObjectHeaders.format(type, len);
        Deflater deflater = deflaters.take();
        try {
            deflater.reset();
            byte[] out = new byte[len + len / 256 + 64 + header.length];
            deflater.setInput(header);
            int written = deflateAll(deflater, out, 0);
            deflater.setInput(content, off, len);
            deflater.finish();
            while (!deflater.finished()) {
                if (written == out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                written += deflater.deflate(out, written, out.length - written);
            }
            return new EncodedObject(id, Arrays.copyOf(out, written));
        } finally {
            deflaters.give(deflater);
        }
    }

    private static int deflateAll(Deflater deflater, byte[] out, int written) {
        while (!deflater.needsInput()) {
            written += deflater.deflate(out, written, out.length - written);
        }
        return written;
    }

    @Override
    public ObjectId encode(ObjectFormat format, ObjectType type, long size, InputStream content,
            OutputStream compressed) throws IOException {
        Pool<MessageDigest> mdPool = digests.get(format);
        MessageDigest md = mdPool.take();
        Deflater deflater = deflaters.take();
        try {
            md.reset();
            deflater.reset();
            byte[] header = ObjectHeaders.format(type, size);
            byte[] in = new byte[CHUNK];
            byte[] out = new byte[CHUNK];
            md.update(header);
            deflater.setInput(header);
            drain(deflater, out, compressed);
            long left = size;
            while (left > 0) {
                int n = content.read(in, 0, (int) Math.min(in.length, left));
                if (n < 0) {
                    throw new EOFException("content ended " + left + " bytes before its declared size " + size);
                }
                md.update(in, 0, n);
                deflater.setInput(in, 0, n);
                drain(deflater, out, compressed);
                left -= n;
            }
            if (content.read() >= 0) {
                throw new IOException("content is longer than its declared size " + size);
            }
            deflater.finish();
            while (!deflater.finished()) {
                int n = deflater.deflate(out);
                compressed.write(out, 0, n);
            }
            return ObjectId.fromRaw(format, md.digest(), 0);
        } catch (IOException | RuntimeException e) {
            md.reset();
            throw e;
        } finally {
            deflaters.give(deflater);
            mdPool.give(md);
        }
    }

    private static void drain(Deflater deflater, byte[] out, OutputStream sink) throws IOException {
        while (!deflater.needsInput()) {
            int n = deflater.deflate(out);
            sink.write(out, 0, n);
        }
    }

    @Override
    public ObjectHeader peekHeader(byte[] compressed, int off, int len) throws CorruptObjectException {
        Inflater inflater = inflaters.take();
        try {
            inflater.reset();
            inflater.setInput(compressed, off, len);
            return readHeader(inflater, compressed, off, len).parsed.header();
        } finally {
            inflaters.give(inflater);
        }
    }

    /** A parsed header and how many inflated bytes beyond it are already in the buffer. */
    private record HeaderRead(ObjectHeaders.Parsed parsed, byte[] buffer, int filled) {
    }

    /**
     * Reads the header from an inflater whose input is {@code in[off..off + len)}. On a zlib error
     * it reads the header again the canonical way, one byte per call as the streaming decoder
     * does, not examining a byte that comes out in the same call as an error; the decode then
     * goes on from right after the header. So every decoder, whatever its buffer sizes, reaches
     * the same verdict on the same bytes (libpanagit does the same).
     */
    private static HeaderRead readHeader(Inflater inflater, byte[] in, int off, int len) throws CorruptObjectException {
        try {
            return readHeader(inflater, ObjectHeaders.MAX_LENGTH);
        } catch (CorruptObjectException e) {
            if (e.corruption() != Corruption.BAD_ZLIB) {
                throw e;
            }
        }
        inflater.reset();
        inflater.setInput(in, off, len);
        return readHeader(inflater, 1);
    }

    /** Inflates up to {@code step} bytes per call until the header parses. */
    private static HeaderRead readHeader(Inflater inflater, int step) throws CorruptObjectException {
        byte[] hdr = new byte[ObjectHeaders.MAX_LENGTH];
        int filled = 0;
        while (true) {
            int n = inflate(inflater, hdr, filled, Math.min(step, hdr.length - filled));
            filled += n;
            ObjectHeaders.Parsed parsed = ObjectHeaders.parse(hdr, filled);
            if (parsed != null) {
                return new HeaderRead(parsed, hdr, filled);
            }
            if (inflater.finished()) {
                throw new CorruptObjectException(Corruption.BAD_HEADER, "the stream ends inside the header");
            }
            if (n == 0) {
                throw stalled(inflater);
            }
        }
    }

    /** Why an inflater produced nothing: out of input (truncated) or asking for a dictionary. */
    private static CorruptObjectException stalled(Inflater inflater) {
        if (inflater.needsDictionary()) {
            return new CorruptObjectException(Corruption.BAD_ZLIB, "stream needs a preset dictionary");
        }
        return new CorruptObjectException(Corruption.TRUNCATED, null);
    }

    private static int inflate(Inflater inflater, byte[] out, int off, int len) throws CorruptObjectException {
        try {
            return inflater.inflate(out, off, len);
        } catch (DataFormatException e) {
            throw new CorruptObjectException(Corruption.BAD_ZLIB, e.getMessage());
        }
    }

    @Override
    public RawObject decode(ObjectFormat format, byte[] compressed, int off, int len, ObjectId expected)
            throws CorruptObjectException {
        Inflater inflater = inflaters.take();
        try {
            inflater.reset();
            inflater.setInput(compressed, off, len);
            HeaderRead head = readHeader(inflater, compressed, off, len);
            ObjectHeader header = head.parsed.header();
            int headerLength = head.parsed.length();
            if (!ObjectHeaders.plausible(header.size(), len)) {
                throw Streams.classifyImplausible(this, format, compressed, off, len, header);
            }
            if (header.size() > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("object of " + header.size()
                        + " bytes is too large to decode into memory; stream it instead");
            }
            int size = (int) header.size();
            int first = head.filled - headerLength;
            if (first > size) {
                throw new CorruptObjectException(Corruption.SIZE_MISMATCH, "longer than the declared " + size + " bytes");
            }
            byte[] content = new byte[size];
            System.arraycopy(head.buffer, headerLength, content, 0, first);
            int pos = first;
            while (pos < size) {
                int n = inflate(inflater, content, pos, size - pos);
                pos += n;
                if (n == 0 && pos < size) {
                    if (inflater.finished()) {
                        throw new CorruptObjectException(Corruption.SIZE_MISMATCH,
                                "content is " + pos + " bytes, declared " + size);
                    }
                    throw stalled(inflater);
                }
            }
            finishStream(inflater, size);
            if (expected != null) {
                checkId(format, header, content, expected);
            }
            return new RawObject(header.type(), content);
        } finally {
            inflaters.give(inflater);
        }
    }

    /** All declared bytes are out: the stream must end here, with nothing more and nothing after. */
    private static void finishStream(Inflater inflater, long size) throws CorruptObjectException {
        byte[] probe = new byte[1];
        while (!inflater.finished()) {
            int n = inflate(inflater, probe, 0, 1);
            if (n > 0) {
                throw new CorruptObjectException(Corruption.SIZE_MISMATCH, "longer than the declared " + size + " bytes");
            }
            if (!inflater.finished()) {
                throw stalled(inflater);
            }
        }
        if (inflater.getRemaining() > 0) {
            throw new CorruptObjectException(Corruption.TRAILING_GARBAGE,
                    inflater.getRemaining() + " bytes after the zlib stream");
        }
    }

    private void checkId(ObjectFormat format, ObjectHeader header, byte[] content, ObjectId expected)
            throws CorruptObjectException {
        ObjectId actual = hashObject(format, header.type(), content, 0, content.length);
        if (!actual.equals(expected)) {
            throw new CorruptObjectException(Corruption.ID_MISMATCH, "hashes to " + actual.name());
        }
    }

    @Override
    public ObjectHeader decode(ObjectFormat format, MemorySegment compressed, OutputStream content, ObjectId expected)
            throws IOException {
        return decode(format, new SegmentSource(compressed), content, expected);
    }

    @Override
    public ObjectHeader decode(ObjectFormat format, InputStream compressed, OutputStream content, ObjectId expected)
            throws IOException {
        return decode(format, new StreamSource(compressed), content, expected);
    }

    /** Where a streaming decode's compressed bytes come from. */
    private interface Source {
        /** Gives the inflater more input; false when there is none left. */
        boolean feed(Inflater inflater) throws IOException;
    }

    private static final class StreamSource implements Source {
        private final InputStream in;
        private final byte[] buffer = new byte[CHUNK];

        StreamSource(InputStream in) {
            this.in = in;
        }

        @Override
        public boolean feed(Inflater inflater) throws IOException {
            int n;
            do {
                n = in.read(buffer);
            } while (n == 0);
            if (n < 0) {
                return false;
            }
            inflater.setInput(buffer, 0, n);
            return true;
        }
    }

    /** A mapped (or any) segment, handed to zlib in place: no copy. */
    private static final class SegmentSource implements Source {
        private static final long MAX_FEED = 1L << 30;
        private final MemorySegment segment;
        private long fed;

        SegmentSource(MemorySegment segment) {
            this.segment = segment;
        }

        @Override
        public boolean feed(Inflater inflater) {
            long take = Math.min(MAX_FEED, segment.byteSize() - fed);
            if (take == 0) {
                return false;
            }
            inflater.setInput(segment.asSlice(fed, take).asByteBuffer());
            fed += take;
            return true;
        }
    }

    /**
     * The one streaming decoder: header one byte at a time, exactly the declared content, then a
     * one-byte probe for the end (the order of checks of every decoder, native ones included).
     */
    private ObjectHeader decode(ObjectFormat format, Source compressed, OutputStream content, ObjectId expected)
            throws IOException {
        Inflater inflater = inflaters.take();
        Pool<MessageDigest> mdPool = digests.get(format);
        MessageDigest md = mdPool.take();
        try {
            inflater.reset();
            md.reset();
            byte[] out = new byte[CHUNK];
            byte[] hdr = new byte[ObjectHeaders.MAX_LENGTH];
            int hdrFilled = 0;
            ObjectHeaders.Parsed parsed = null;
            long seen = 0;
            boolean inputEnded = false;

            while (!inflater.finished()) {
                if (inflater.needsInput() && !inputEnded) {
                    if (compressed.feed(inflater)) {
                        continue;
                    }
                    inputEnded = true;
                }
                if (parsed == null) {
                    // One byte at a time, so no content byte is taken with the header.
                    int n = inflate(inflater, hdr, hdrFilled, 1);
                    hdrFilled += n;
                    parsed = ObjectHeaders.parse(hdr, hdrFilled);
                    if (parsed != null) {
                        md.update(hdr, 0, hdrFilled);
                    } else if (inflater.finished()) {
                        throw new CorruptObjectException(Corruption.BAD_HEADER, "the stream ends inside the header");
                    } else if (n == 0 && (inputEnded || inflater.needsDictionary())) {
                        throw stalled(inflater);
                    }
                    continue;
                }
                // Exactly the declared bytes, then a one-byte probe that must find the end: the same
                // order of checks as the whole-buffer decoder, hence the same verdict.
                long remaining = parsed.header().size() - seen;
                int n;
                if (remaining > 0) {
                    n = inflate(inflater, out, 0, (int) Math.min(out.length, remaining));
                    seen += n;
                    md.update(out, 0, n);
                    content.write(out, 0, n);
                } else {
                    n = inflate(inflater, out, 0, 1);
                    if (n > 0) {
                        throw new CorruptObjectException(Corruption.SIZE_MISMATCH,
                                "longer than the declared " + parsed.header().size() + " bytes");
                    }
                }
                if (n == 0 && !inflater.finished() && (inputEnded || inflater.needsDictionary())) {
                    throw stalled(inflater);
                }
            }
            if (parsed == null) {
                throw new CorruptObjectException(Corruption.BAD_HEADER, "the stream ends inside the header");
            }
            if (seen != parsed.header().size()) {
                throw new CorruptObjectException(Corruption.SIZE_MISMATCH,
                        "content is " + seen + " bytes, declared " + parsed.header().size());
            }
            if (inflater.getRemaining() > 0 || (!inputEnded && compressed.feed(inflater))) {
                throw new CorruptObjectException(Corruption.TRAILING_GARBAGE, "bytes after the zlib stream");
            }
            ObjectId actual = ObjectId.fromRaw(format, md.digest(), 0);
            if (expected != null && !actual.equals(expected)) {
                throw new CorruptObjectException(Corruption.ID_MISMATCH, "hashes to " + actual.name());
            }
            return parsed.header();
        } finally {
            md.reset();
            mdPool.give(md);
            inflaters.give(inflater);
        }
    }
}
