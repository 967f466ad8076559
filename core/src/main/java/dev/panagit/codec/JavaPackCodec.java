package dev.panagit.codec;

import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.Corruption;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.PackCodec;
import dev.panagit.lib.PackEntryHeader;
import dev.panagit.lib.PackScanBatch;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The pure-Java twin of libpanagit's {@code pack.c}: the same checks in the same order, so both
 * backends give the same verdict on the same bytes. zlib through {@link Inflater}, reading the
 * mapped pack through direct buffers (no copy); hashing through {@link MessageDigest}.
 */
public final class JavaPackCodec implements PackCodec {
    /** The pack header: "PACK", version, entry count. */
    public static final int PACK_HEADER_SIZE = 12;
    /** Scans inflate entries up to this size whole (libpanagit's limit too); larger ones stream. */
    static final long SCAN_WHOLE_MAX = 16L << 20;
    private static final int WINDOW = 64 << 10;
    /** Input handed to the inflater at once: direct buffers are limited to 2 GiB. */
    private static final long FEED = 1L << 30;

    private final Pool<Inflater> inflaters;
    private final Map<ObjectFormat, Pool<MessageDigest>> digests;

    JavaPackCodec(Pool<Inflater> inflaters, Map<ObjectFormat, Pool<MessageDigest>> digests) {
        this.inflaters = inflaters;
        this.digests = digests;
    }

    @Override
    public PackEntryHeader entryHeader(ObjectFormat format, MemorySegment pack, long offset)
            throws CorruptObjectException {
        long len = pack.byteSize();
        if (offset < PACK_HEADER_SIZE || offset >= len) {
            throw corrupt(Corruption.BAD_OFFSET);
        }
        long p = offset;
        int c = pack.get(ValueLayout.JAVA_BYTE, p++) & 0xff;
        int type = (c >> 4) & 7;
        if (type == 0 || type == 5) {
            throw corrupt(Corruption.BAD_PACK_ENTRY);
        }
        long size = c & 15;
        int shift = 4;
        while ((c & 0x80) != 0) {
            if (p == len) {
                throw corrupt(Corruption.TRUNCATED);
            }
            c = pack.get(ValueLayout.JAVA_BYTE, p++) & 0xff;
            long bits = c & 0x7f;
            if (shift >= 63 || bits > (Long.MAX_VALUE >>> shift)) {
                throw corrupt(Corruption.SIZE_OVERFLOW);
            }
            size |= bits << shift;
            shift += 7;
        }
        long base = 0;
        if (type == PackEntryHeader.OFS_DELTA) {
            if (p == len) {
                throw corrupt(Corruption.TRUNCATED);
            }
            c = pack.get(ValueLayout.JAVA_BYTE, p++) & 0xff;
            long rel = c & 0x7f;
            while ((c & 0x80) != 0) {
                rel += 1;
                if ((rel >>> 57) != 0) {
                    throw corrupt(Corruption.BAD_PACK_ENTRY);
                }
                if (p == len) {
                    throw corrupt(Corruption.TRUNCATED);
                }
                c = pack.get(ValueLayout.JAVA_BYTE, p++) & 0xff;
                rel = (rel << 7) | (c & 0x7f);
            }
            if (rel == 0 || Long.compareUnsigned(rel, offset - PACK_HEADER_SIZE) > 0) {
                throw corrupt(Corruption.BAD_PACK_ENTRY);
            }
            base = offset - rel;
        } else if (type == PackEntryHeader.REF_DELTA) {
            if (len - p < format.rawLength()) {
                throw corrupt(Corruption.TRUNCATED);
            }
            p += format.rawLength();
        }
        return new PackEntryHeader(type, size, (int) (p - offset), base);
    }

    @Override
    public Inflated inflate(ObjectFormat format, ObjectType type, MemorySegment in, byte[] out)
            throws CorruptObjectException {
        Inflater inflater = inflaters.take();
        try {
            Input input = new Input(inflater, in);
            inflateExact(inflater, input, out, out.length);
            return new Inflated(inflater.getBytesRead(), type == null ? null : hash(format, type, out, out.length));
        } finally {
            inflaters.give(inflater);
        }
    }

    @Override
    public ObjectId inflateTo(ObjectFormat format, ObjectType type, long size, MemorySegment in, OutputStream out)
            throws IOException {
        Inflater inflater = inflaters.take();
        Pool<MessageDigest> pool = digests.get(format);
        MessageDigest md = pool.take();
        try {
            md.reset();
            md.update(ObjectHeaders.format(type, size));
            Input input = new Input(inflater, in);
            inflateStreamed(inflater, input, size, new byte[WINDOW], (byte[] buf, int n) -> {
                md.update(buf, 0, n);
                out.write(buf, 0, n);
            });
            if (inflater.getBytesRead() != in.byteSize()) {
                throw corrupt(Corruption.TRAILING_GARBAGE);
            }
            return ObjectId.fromRaw(format, md.digest(), 0);
        } finally {
            md.reset();
            pool.give(md);
            inflaters.give(inflater);
        }
    }

    @Override
    public byte[] applyDelta(byte[] base, byte[] delta) throws CorruptObjectException {
        return Deltas.apply(base, delta);
    }

    @Override
    public Inflated resolveDelta(ObjectFormat format, ObjectType type, byte[] base, MemorySegment in, long deltaLength,
            byte[] out, int resultLength) throws CorruptObjectException {
        if (!ObjectHeaders.plausible(deltaLength, in.byteSize())) {
            throw corrupt(Corruption.SIZE_MISMATCH);
        }
        if (deltaLength > Deltas.MAX_ARRAY) {
            throw Deltas.tooLarge(deltaLength);
        }
        byte[] delta = new byte[(int) deltaLength];
        Inflater inflater = inflaters.take();
        long used;
        try {
            inflateExact(inflater, new Input(inflater, in), delta, delta.length);
            used = inflater.getBytesRead();
        } finally {
            inflaters.give(inflater);
        }
        Deltas.applyInto(out, resultLength, base, delta, delta.length);
        return new Inflated(used, type == null ? null : hash(format, type, out, resultLength));
    }

    @Override
    public int scan(ObjectFormat format, MemorySegment pack, long offset, PackScanBatch batch)
            throws CorruptObjectException {
        int n = 0;
        batch.count = 0;
        Inflater inflater = inflaters.take();
        CRC32 crc = new CRC32();
        byte[] scratch = new byte[WINDOW];
        try {
            while (n < batch.capacity()) {
                batch.offset[n] = offset;
                PackEntryHeader header = entryHeader(format, pack, offset);
                long data = offset + header.headerLength();
                MemorySegment in = pack.asSlice(data);
                int type = header.typeCode();
                long size = header.size();
                long objectSize;
                Input input = new Input(inflater, in);
                if (size <= SCAN_WHOLE_MAX) {
                    if (scratch.length < size) {
                        scratch = new byte[(int) Math.min(SCAN_WHOLE_MAX, Math.max(size, 2L * scratch.length))];
                    }
                    inflateExact(inflater, input, scratch, (int) size);
                    if (type <= ObjectType.TAG.code()) {
                        ObjectId id = hash(format, ObjectType.fromCode(type), scratch, (int) size);
                        id.copyRawTo(batch.ids, n * format.rawLength());
                        objectSize = size;
                    } else {
                        objectSize = Deltas.sizes(scratch, (int) size).resultSize();
                    }
                } else if (type <= ObjectType.TAG.code()) {
                    Pool<MessageDigest> pool = digests.get(format);
                    MessageDigest md = pool.take();
                    try {
                        md.reset();
                        md.update(ObjectHeaders.format(ObjectType.fromCode(type), size));
                        inflateStreamed(inflater, input, size, scratch, (buf, k) -> md.update(buf, 0, k));
                        ObjectId.fromRaw(format, md.digest(), 0).copyRawTo(batch.ids, n * format.rawLength());
                    } finally {
                        md.reset();
                        pool.give(md);
                    }
                    objectSize = size;
                } else {
                    byte[] head = new byte[20];
                    int[] filled = {0};
                    inflateStreamed(inflater, input, size, scratch, (buf, k) -> {
                        int take = Math.min(k, head.length - filled[0]);
                        System.arraycopy(buf, 0, head, filled[0], take);
                        filled[0] += take;
                    });
                    objectSize = Deltas.sizes(head, head.length).resultSize();
                }
                long packed = header.headerLength() + inflater.getBytesRead();
                crc.reset();
                for (long done = 0; done < packed; ) {
                    long take = Math.min(FEED, packed - done);
                    crc.update(pack.asSlice(offset + done, take).asByteBuffer());
                    done += take;
                }
                batch.headerLength[n] = header.headerLength();
                batch.typeCode[n] = type;
                batch.size[n] = size;
                batch.objectSize[n] = objectSize;
                batch.baseOffset[n] = header.baseOffset();
                batch.packedLength[n] = packed;
                batch.crc32[n] = (int) crc.getValue();
                offset += packed;
                batch.count = ++n;
                if (offset == pack.byteSize()) {
                    break;
                }
            }
            return n;
        } finally {
            inflaters.give(inflater);
        }
    }

    @Override
    public Checksum checksum(ObjectFormat format, boolean detectCollisions) {
        MessageDigest md = JavaObjectCodec.newDigest(format, detectCollisions);
        return new Checksum() {
            @Override
            public void update(MemorySegment data) {
                for (long done = 0; done < data.byteSize(); ) {
                    long take = Math.min(FEED, data.byteSize() - done);
                    md.update(data.asSlice(done, take).asByteBuffer());
                    done += take;
                }
            }

            @Override
            public byte[] finish() {
                return md.digest();
            }
        };
    }

    private ObjectId hash(ObjectFormat format, ObjectType type, byte[] content, int len) {
        Pool<MessageDigest> pool = digests.get(format);
        MessageDigest md = pool.take();
        try {
            md.reset();
            md.update(ObjectHeaders.format(type, len));
            md.update(content, 0, len);
            return ObjectId.fromRaw(format, md.digest(), 0);
        } finally {
            pool.give(md);
        }
    }

    /** Feeds a segment to an inflater in slices a direct buffer can hold. */
    private static final class Input {
        private final Inflater inflater;
        private final MemorySegment in;
        private long fed;

        Input(Inflater inflater, MemorySegment in) {
            this.inflater = inflater;
            this.in = in;
            inflater.reset();
            more();
        }

        /** Gives the inflater the next slice; false when the segment is used up. */
        boolean more() {
            if (fed == in.byteSize() && fed > 0) {
                return false;
            }
            long take = Math.min(FEED, in.byteSize() - fed);
            ByteBuffer slice = in.asSlice(fed, take).asByteBuffer();
            inflater.setInput(slice);
            fed += take;
            return take > 0;
        }
    }

    /** Inflates exactly {@code len} bytes into {@code out}, then expects the end of the stream. */
    private static void inflateExact(Inflater inflater, Input input, byte[] out, int len) throws CorruptObjectException {
        int pos = 0;
        while (pos < len) {
            int n = inflate(inflater, out, pos, len - pos);
            pos += n;
            if (n == 0 && pos < len) {
                stalled(inflater, input, Corruption.SIZE_MISMATCH);
            }
        }
        expectEnd(inflater, input);
    }

    /** Where streamed content goes. */
    private interface Sink<E extends Exception> {
        void accept(byte[] buf, int n) throws E;
    }

    /** Inflates exactly {@code size} bytes through {@code window}, handing each piece to {@code sink}. */
    private static <E extends Exception> void inflateStreamed(Inflater inflater, Input input, long size, byte[] window,
            Sink<E> sink) throws CorruptObjectException, E {
        long seen = 0;
        while (seen < size) {
            int room = (int) Math.min(window.length, size - seen);
            int n = inflate(inflater, window, 0, room);
            if (n > 0) {
                sink.accept(window, n);
            }
            seen += n;
            if (n == 0 && seen < size) {
                stalled(inflater, input, Corruption.SIZE_MISMATCH);
            }
        }
        expectEnd(inflater, input);
    }

    /** All declared bytes are out: the stream must end now, adding nothing. */
    private static void expectEnd(Inflater inflater, Input input) throws CorruptObjectException {
        byte[] probe = new byte[1];
        while (!inflater.finished()) {
            if (inflate(inflater, probe, 0, 1) > 0) {
                throw corrupt(Corruption.SIZE_MISMATCH);
            }
            if (!inflater.finished()) {
                stalled(inflater, input, Corruption.SIZE_MISMATCH);
            }
        }
    }

    /**
     * The inflater made nothing: the stream ended early ({@code ended}), it wants more input (given
     * if there is more, else truncated), or it asks for a dictionary (invalid for git).
     */
    private static void stalled(Inflater inflater, Input input, Corruption ended) throws CorruptObjectException {
        if (inflater.finished()) {
            throw corrupt(ended);
        }
        if (inflater.needsDictionary()) {
            throw corrupt(Corruption.BAD_ZLIB);
        }
        if (inflater.needsInput() && !input.more()) {
            throw corrupt(Corruption.TRUNCATED);
        }
    }

    private static int inflate(Inflater inflater, byte[] out, int off, int len) throws CorruptObjectException {
        try {
            return inflater.inflate(out, off, len);
        } catch (DataFormatException e) {
            throw corrupt(Corruption.BAD_ZLIB);
        }
    }

    private static CorruptObjectException corrupt(Corruption corruption) {
        return new CorruptObjectException(corruption, null);
    }
}
