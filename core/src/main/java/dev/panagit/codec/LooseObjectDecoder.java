package dev.panagit.codec;

import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.Corruption;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectHeader;
import dev.panagit.lib.ObjectId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.security.MessageDigest;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The Java backend's one decoder of loose objects: whole buffers, streams, mapped files and
 * header peeks all run here, in the order of checks libpanagit's decoder uses: the header, exactly
 * the declared content, a one-byte probe that must find the end of the zlib stream, nothing after
 * it, then the id. So every decoder, whatever its buffer sizes, reaches the same verdict on the
 * same bytes.
 *
 * <p>Output first: bytes that zlib produces before it finds an error are examined (as header,
 * content or probe) before the error is reported. zlib produces the same bytes before an error
 * however its input and output are sliced, so the verdict depends on the bytes alone (a probe
 * byte of excess content that precedes a bad checksum says "longer than declared" whether the
 * checksum arrives in the same call or later). {@link Inflater} reports what a failing call
 * wrote ({@code getBytesWritten}), which makes this possible in Java.
 */
final class LooseObjectDecoder {
    /** Where compressed bytes come from. */
    interface Source {
        /** Gives the inflater more input; false when there is none left. */
        boolean feed(Inflater inflater) throws IOException;

        /**
         * Gives the inflater all of the input at once (a buffer, a mapping); false (and nothing
         * given) when the input comes in pieces.
         */
        boolean feedWhole(Inflater inflater);
    }

    /** Where content goes; told the header before any content arrives. */
    interface Sink {
        /** The header is read: {@code header.size()} bytes of content follow (or should). */
        void begin(ObjectHeader header) throws CorruptObjectException;

        /** Inflates at most {@code max} content bytes through {@code decoder}, hashes and keeps them; how many. */
        int inflate(LooseObjectDecoder decoder, MessageDigest md, int max) throws IOException;

        /** Content that came out with the header. */
        void accept(MessageDigest md, byte[] bytes, int off, int len) throws IOException;
    }

    private final Inflater inflater;
    private final MessageDigest md;
    private final Source source;
    private boolean inputEnded;
    private CorruptObjectException pendingError;

    private LooseObjectDecoder(Inflater inflater, MessageDigest md, Source source) {
        this.inflater = inflater;
        this.md = md;
        this.source = source;
    }

    /**
     * Decodes one object from {@code source} into {@code sink} (a null sink: the header only) and,
     * when {@code expected} is not null, checks its id.
     */
    static ObjectHeader decode(Inflater inflater, MessageDigest md, ObjectFormat format, Source source, Sink sink,
            ObjectId expected) throws IOException {
        inflater.reset();
        md.reset();
        return new LooseObjectDecoder(inflater, md, source).run(format, sink, expected);
    }

    private ObjectHeader run(ObjectFormat format, Sink sink, ObjectId expected) throws IOException {
        byte[] hdr = new byte[ObjectHeaders.MAX_LENGTH];
        int filled;
        ObjectHeaders.Parsed parsed;
        // An input given whole reads its header in one call; a stream one byte at a time, so that
        // no content is taken from it with the header.
        filled = readHeader(hdr, source.feedWhole(inflater) ? ObjectHeaders.MAX_LENGTH : 1);
        parsed = ObjectHeaders.parse(hdr, filled);
        ObjectHeader header = parsed.header();
        if (sink == null) {
            return header;
        }
        sink.begin(header);
        md.update(hdr, 0, parsed.length());
        long size = header.size();
        long seen = filled - parsed.length();
        if (seen > size) {
            throw new CorruptObjectException(Corruption.SIZE_MISMATCH, "longer than the declared " + size + " bytes");
        }
        sink.accept(md, hdr, parsed.length(), (int) seen);
        while (seen < size) {
            int n = sink.inflate(this, md, (int) Math.min(Integer.MAX_VALUE, size - seen));
            seen += n;
            if (n == 0) {
                if (inflater.finished()) {
                    break;
                }
                throw stalled();
            }
        }
        if (!inflater.finished()) {
            // All declared bytes are out: the stream must end here, adding nothing.
            byte[] probe = new byte[1];
            if (pull(probe, 0, 1) > 0) {
                throw new CorruptObjectException(Corruption.SIZE_MISMATCH, "longer than the declared " + size + " bytes");
            }
            if (!inflater.finished()) {
                throw stalled();
            }
        }
        if (seen != size) {
            throw new CorruptObjectException(Corruption.SIZE_MISMATCH, "content is " + seen + " bytes, declared " + size);
        }
        if (inflater.getRemaining() > 0 || (!inputEnded && source.feed(inflater))) {
            throw new CorruptObjectException(Corruption.TRAILING_GARBAGE, "bytes after the zlib stream");
        }
        ObjectId actual = ObjectId.fromRaw(format, md.digest(), 0);
        if (expected != null && !actual.equals(expected)) {
            throw new CorruptObjectException(Corruption.ID_MISMATCH, "hashes to " + actual.name());
        }
        return header;
    }

    /** Inflates up to {@code step} bytes per call into {@code hdr} until a header parses; how many bytes are in it. */
    private int readHeader(byte[] hdr, int step) throws IOException {
        int filled = 0;
        while (true) {
            int n = pull(hdr, filled, Math.min(step, hdr.length - filled));
            filled += n;
            if (ObjectHeaders.parse(hdr, filled) != null) {
                return filled;
            }
            if (inflater.finished()) {
                throw new CorruptObjectException(Corruption.BAD_HEADER, "the stream ends inside the header");
            }
            if (n == 0) {
                throw stalled();
            }
        }
    }

    /**
     * Inflates into {@code b[off..off + len)}, feeding input as needed: at least one byte unless
     * the stream ended, the input ran out or a preset dictionary is asked for.
     */
    int pull(byte[] b, int off, int len) throws IOException {
        if (pendingError != null) {
            throw pendingError;
        }
        while (true) {
            int n;
            long before = inflater.getBytesWritten();
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                CorruptObjectException error = new CorruptObjectException(Corruption.BAD_ZLIB, e.getMessage());
                int produced = (int) (inflater.getBytesWritten() - before);
                if (produced > 0) {
                    pendingError = error;   // output first: the caller examines these bytes, then meets the error
                    return produced;
                }
                throw error;
            }
            if (n > 0 || len == 0 || inflater.finished() || inflater.needsDictionary() || !inflater.needsInput()) {
                return n;
            }
            if (inputEnded || !source.feed(inflater)) {
                inputEnded = true;
                return 0;
            }
        }
    }

    /** Why nothing came out: out of input (truncated) or asking for a dictionary. */
    private CorruptObjectException stalled() {
        if (inflater.needsDictionary()) {
            return new CorruptObjectException(Corruption.BAD_ZLIB, "stream needs a preset dictionary");
        }
        return new CorruptObjectException(Corruption.TRUNCATED, null);
    }

    // ---- sources ------------------------------------------------------------------------------

    /** A byte range of an array, given to zlib at once; it can be read again. */
    static Source of(byte[] bytes, int off, int len) {
        return new Source() {
            @Override
            public boolean feed(Inflater inflater) {
                return false;   // everything was given by feedWhole
            }

            @Override
            public boolean feedWhole(Inflater inflater) {
                inflater.setInput(bytes, off, len);
                return true;
            }
        };
    }

    /** A stream, read in chunks; it cannot be read again. */
    static Source of(InputStream in, int chunk) {
        byte[] buffer = new byte[chunk];
        return new Source() {
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

            @Override
            public boolean feedWhole(Inflater inflater) {
                return false;
            }
        };
    }

    /** A segment (a mapped file, typically), handed to zlib in place in pieces of at most 1 GiB; it can be read again. */
    static Source of(MemorySegment segment) {
        return new Source() {
            private static final long MAX_FEED = 1L << 30;
            private long fed;

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

            @Override
            public boolean feedWhole(Inflater inflater) {
                fed = 0;
                feed(inflater);
                return true;
            }
        };
    }

    // ---- sinks --------------------------------------------------------------------------------

    /** Content streamed to {@code out} through a buffer of {@code chunk} bytes. */
    static Sink to(OutputStream out, int chunk) {
        byte[] buffer = new byte[chunk];
        return new Sink() {
            @Override
            public void begin(ObjectHeader header) {
            }

            @Override
            public int inflate(LooseObjectDecoder decoder, MessageDigest md, int max) throws IOException {
                int n = decoder.pull(buffer, 0, Math.min(buffer.length, max));
                md.update(buffer, 0, n);
                out.write(buffer, 0, n);
                return n;
            }

            @Override
            public void accept(MessageDigest md, byte[] bytes, int off, int len) throws IOException {
                md.update(bytes, off, len);
                out.write(bytes, off, len);
            }
        };
    }
}
