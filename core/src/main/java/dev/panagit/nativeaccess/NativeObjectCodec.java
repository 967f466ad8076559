package dev.panagit.nativeaccess;

import dev.panagit.codec.ObjectHeaders;
import dev.panagit.codec.Pool;
import dev.panagit.codec.Streams;
import dev.panagit.lib.CollisionDetection;
import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.EncodedObject;
import dev.panagit.lib.ObjectCodec;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectHeader;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.PackCodec;
import dev.panagit.lib.RawObject;
import dev.panagit.nativeaccess.bindings.Panagit;
import java.io.EOFException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * The native backend: libpanagit through FFM. Heap arrays go straight to C ({@code critical}
 * downcalls); objects larger than {@link #WHOLE_LIMIT} go through the streaming API in slices of
 * {@link #SLICE} bytes, so no single call pins an array for long.
 */
public final class NativeObjectCodec implements ObjectCodec {
    /** Largest object handled in one call. */
    static final int WHOLE_LIMIT = 1 << 20;
    /** Input per call when streaming. */
    static final int SLICE = 256 * 1024;

    /** Output slices when the whole input is mapped: no input copies, so larger slices pay. */
    static final int WHOLE_INPUT_SLICE = 1 << 20;

    /** Slices of a long array being hashed: 4 MiB, 2 ms of SHA-1 per call. */
    static final int HASH_SLICE = 4 << 20;

    private static final int OK = Panagit.PGIT_OK();
    private static final int MORE = Panagit.PGIT_MORE();
    private static final int EBUFSIZE = Panagit.PGIT_EBUFSIZE();
    private final NativeCore core;
    private final Pool<MemorySegment> codecs;
    private final NativePackCodec pack;
    private final boolean shared;

    NativeObjectCodec(NativeCore core, int level) {
        this(core, level, false);
    }

    /** {@code shared}: the process's codec ({@link NativeAccess#status}), which {@link #close} leaves open. */
    NativeObjectCodec(NativeCore core, int level, boolean shared) {
        this.shared = shared;
        this.core = core;
        this.codecs = new Pool<>(() -> newCodec(core, level), NativeObjectCodec::freeCodec, Pool.DEFAULT_MAX_IDLE);
        this.pack = new NativePackCodec(codecs);
    }

    private static MemorySegment newCodec(NativeCore core, int level) {
        long[] out = new long[1];
        int rc;
        try {
            rc = (int) Downcalls.CodecNew.H.invokeExact(MemorySegment.ofArray(out), level);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        if (rc != OK) {
            throw NativeErrors.failure(rc, "pgit_codec_new");
        }
        return MemorySegment.ofAddress(out[0]);
    }

    private static void freeCodec(MemorySegment codec) {
        try {
            Downcalls.CodecFree.H.invokeExact(codec);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * Frees every idle native codec (pgit_codec_free); codecs in use are freed as they come back.
     * The process's shared codec ({@link NativeAccess#status}) is not closed: every backend
     * choice uses it, and it lives as long as the library is loaded.
     */
    @Override
    public void close() {
        if (shared) {
            return;
        }
        codecs.close();
        decodeBuffers.close();
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(t);
    }

    static MemorySegment orNull(byte[] array) {
        return array == null ? MemorySegment.NULL : MemorySegment.ofArray(array);
    }

    private static MemorySegment heap(byte[] array, int off, int len) {
        return MemorySegment.ofArray(array).asSlice(off, len);
    }

    @Override
    public String backendName() {
        return "native";
    }

    @Override
    public PackCodec pack() {
        return pack;
    }

    @Override
    public byte[] digest(ObjectFormat format, byte[] data, int off, int len) {
        byte[] out = new byte[format.rawLength()];
        if (len <= WHOLE_LIMIT) {
            check(callHash(out, format, data, off, len), "pgit_hash");
            return out;
        }
        long[] state = startHash(format);
        updateHash(state, data, off, len);
        finishHash(state, out);
        return out;
    }

    private int callHash(byte[] out, ObjectFormat format, byte[] data, int off, int len) {
        try {
            return (int) Downcalls.Hash.H.invokeExact(MemorySegment.ofArray(out), algo(format), heap(data, off, len),
                    (long) len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The size of a streaming hash state, in longs, asked of the library once. */
    static final class HashState {
        static final int LONGS = longs();

        private static int longs() {
            try {
                return (int) (((long) Downcalls.HashStateSize.H.invokeExact() + 7) / 8);
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }
    }

    private long[] startHash(ObjectFormat format) {
        long[] state = new long[HashState.LONGS];
        try {
            check((int) Downcalls.HashInit.H.invokeExact(MemorySegment.ofArray(state), algo(format)), "pgit_hash_init");
        } catch (Throwable t) {
            throw rethrow(t);
        }
        return state;
    }

    private void updateHash(long[] state, byte[] data, int off, int len) {
        MemorySegment stateSegment = MemorySegment.ofArray(state);
        for (int done = 0; done < len; ) {
            int take = Math.min(HASH_SLICE, len - done);
            try {
                check((int) Downcalls.HashUpdate.H.invokeExact(stateSegment, heap(data, off + done, take), (long) take),
                        "pgit_hash_update");
            } catch (Throwable t) {
                throw rethrow(t);
            }
            done += take;
        }
    }

    private void finishHash(long[] state, byte[] out) {
        try {
            check((int) Downcalls.HashFinal.H.invokeExact(MemorySegment.ofArray(out), MemorySegment.ofArray(state)),
                    "pgit_hash_final");
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public ObjectId hashObject(ObjectFormat format, ObjectType type, byte[] content, int off, int len) {
        byte[] header = ObjectHeaders.format(type, len);
        long[] state = startHash(format);
        updateHash(state, header, 0, header.length);
        updateHash(state, content, off, len);
        byte[] out = new byte[format.rawLength()];
        finishHash(state, out);
        return ObjectId.fromRaw(format, out, 0);
    }

    @Override
    public ObjectId[] hashObjects(ObjectFormat format, ObjectType type, byte[] contents, int[] lengths) {
        ObjectId[] ids = new ObjectId[lengths.length];
        int digest = format.rawLength();
        int start = 0;
        int offset = 0;
        // One downcall per run of objects totalling at most SLICE bytes (a big object goes alone).
        while (start < lengths.length) {
            int end = start;
            long bytes = 0;
            while (end < lengths.length && (end == start || bytes + lengths[end] <= SLICE)) {
                bytes += lengths[end++];
            }
            int count = end - start;
            if (count == 1 && bytes > SLICE) {
                ids[start] = hashObject(format, type, contents, offset, lengths[start]);
            } else {
                long[] runLengths = new long[count];
                for (int i = 0; i < count; i++) {
                    runLengths[i] = lengths[start + i];
                }
                byte[] out = new byte[count * digest];
                try {
                    check((int) Downcalls.HashBatch.H.invokeExact(MemorySegment.ofArray(out), algo(format), type.code(),
                            heap(contents, offset, (int) bytes), MemorySegment.ofArray(runLengths), count),
                            "pgit_object_hash_batch");
                } catch (Throwable t) {
                    throw rethrow(t);
                }
                for (int i = 0; i < count; i++) {
                    ids[start + i] = ObjectId.fromRaw(format, out, i * digest);
                }
            }
            start = end;
            offset += (int) bytes;
        }
        return ids;
    }

    @Override
    public ObjectId hashObject(ObjectFormat format, ObjectType type, long size, InputStream content)
            throws IOException {
        byte[] header = ObjectHeaders.format(type, size);
        long[] state = startHash(format);
        updateHash(state, header, 0, header.length);
        byte[] buf = new byte[SLICE];
        long left = size;
        while (left > 0) {
            int n = content.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new EOFException("content ended " + left + " bytes before its declared size " + size);
            }
            updateHash(state, buf, 0, n);
            left -= n;
        }
        if (content.read() >= 0) {
            throw new IOException("content is longer than its declared size " + size);
        }
        byte[] out = new byte[format.rawLength()];
        finishHash(state, out);
        return ObjectId.fromRaw(format, out, 0);
    }

    @Override
    public EncodedObject encode(ObjectFormat format, ObjectType type, byte[] content, int off, int len) {
        long bound;
        try {
            bound = (long) Downcalls.EncodeBound.H.invokeExact((long) len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        if (bound <= 0 || bound > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("object of " + len + " bytes is too large to encode in memory");
        }
        byte[] out = new byte[(int) bound];
        byte[] id = new byte[format.rawLength()];
        MemorySegment codec = codecs.take();
        try {
            int written = len <= WHOLE_LIMIT
                    ? encodeWhole(codec, id, out, format, type, content, off, len)
                    : encodeSliced(codec, id, out, format, type, content, off, len);
            return new EncodedObject(ObjectId.fromRaw(format, id, 0), Arrays.copyOf(out, written));
        } finally {
            codecs.give(codec);
        }
    }

    private int encodeWhole(MemorySegment codec, byte[] id, byte[] out, ObjectFormat format, ObjectType type,
            byte[] content, int off, int len) {
        long[] outLen = new long[1];
        int rc;
        try {
            rc = (int) Downcalls.Encode.H.invokeExact(MemorySegment.ofArray(id), MemorySegment.ofArray(out), (long) out.length,
                    MemorySegment.ofArray(outLen), codec, algo(format), type.code(), heap(content, off, len),
                    (long) len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
        check(rc, "pgit_object_encode");
        return (int) outLen[0];
    }

    private int encodeSliced(MemorySegment codec, byte[] id, byte[] out, ObjectFormat format, ObjectType type,
            byte[] content, int off, int len) {
        long[] outLen = new long[1];
        long[] used = new long[1];
        int written = 0;
        try {
            check((int) Downcalls.EncodeBegin.H.invokeExact(codec, algo(format), type.code(), (long) len),
                    "pgit_encode_begin");
            int done = 0;
            while (done < len) {
                int take = Math.min(SLICE, len - done);
                check((int) Downcalls.EncodeUpdate.H.invokeExact(heap(out, written, out.length - written),
                        (long) (out.length - written), MemorySegment.ofArray(outLen), MemorySegment.ofArray(used),
                        codec, heap(content, off + done, take), (long) take), "pgit_encode_update");
                written += (int) outLen[0];
                done += (int) used[0];
            }
            int rc;
            do {
                if (written == out.length) {
                    throw new IllegalStateException("pgit_encode_finish: output over the encode bound");
                }
                rc = (int) Downcalls.EncodeFinish.H.invokeExact(MemorySegment.ofArray(id), heap(out, written, out.length - written),
                        (long) (out.length - written), MemorySegment.ofArray(outLen), codec);
                written += (int) outLen[0];
            } while (rc == MORE);
            check(rc, "pgit_encode_finish");
            return written;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    @Override
    public ObjectId encode(ObjectFormat format, ObjectType type, long size, InputStream content,
            OutputStream compressed) throws IOException {
        byte[] in = new byte[SLICE];
        byte[] out = new byte[SLICE + SLICE / 4];
        byte[] id = new byte[format.rawLength()];
        long[] outLen = new long[1];
        long[] used = new long[1];
        MemorySegment codec = codecs.take();
        try {
            check((int) Downcalls.EncodeBegin.H.invokeExact(codec, algo(format), type.code(), size), "pgit_encode_begin");
            long left = size;
            while (left > 0) {
                int n = content.read(in, 0, (int) Math.min(in.length, left));
                if (n < 0) {
                    throw new EOFException("content ended " + left + " bytes before its declared size " + size);
                }
                for (int done = 0; done < n; ) {
                    check((int) Downcalls.EncodeUpdate.H.invokeExact(MemorySegment.ofArray(out), (long) out.length,
                            MemorySegment.ofArray(outLen), MemorySegment.ofArray(used), codec,
                            heap(in, done, n - done), (long) (n - done)), "pgit_encode_update");
                    compressed.write(out, 0, (int) outLen[0]);
                    done += (int) used[0];
                }
                left -= n;
            }
            if (content.read() >= 0) {
                throw new IOException("content is longer than its declared size " + size);
            }
            int rc;
            do {
                rc = (int) Downcalls.EncodeFinish.H.invokeExact(MemorySegment.ofArray(id), MemorySegment.ofArray(out),
                        (long) out.length, MemorySegment.ofArray(outLen), codec);
                compressed.write(out, 0, (int) outLen[0]);
            } while (rc == MORE);
            check(rc, "pgit_encode_finish");
            return ObjectId.fromRaw(format, id, 0);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw rethrow(t);
        } finally {
            codecs.give(codec);
        }
    }

    @Override
    public ObjectHeader peekHeader(byte[] compressed, int off, int len) throws CorruptObjectException {
        int[] type = new int[1];
        long[] size = new long[1];
        int[] headerLength = new int[1];
        MemorySegment codec = codecs.take();
        int rc;
        try {
            rc = (int) Downcalls.Peek.H.invokeExact(MemorySegment.ofArray(type), MemorySegment.ofArray(size),
                    MemorySegment.ofArray(headerLength), codec, heap(compressed, off, Math.min(len, WHOLE_LIMIT)),
                    (long) Math.min(len, WHOLE_LIMIT));
        } catch (Throwable t) {
            throw rethrow(t);
        } finally {
            codecs.give(codec);
        }
        if (rc != OK) {
            throw NativeErrors.corrupt(rc, "pgit_object_peek");
        }
        return new ObjectHeader(ObjectType.fromCode(type[0]), size[0]);
    }

    @Override
    public RawObject decode(ObjectFormat format, byte[] compressed, int off, int len, ObjectId expected)
            throws CorruptObjectException {
        byte[] expectedRaw = expected == null ? null : expected.toRaw();
        MemorySegment codec = codecs.take();
        try {
            // Small objects: one call with room for a typical compression ratio, no header pass first
            // (a header pass costs a second Huffman table build). Too little room is reported with the
            // declared size, and the object is decoded again into an array of exactly that size.
            long guess = 8L * len + 256;
            if (guess <= WHOLE_LIMIT) {
                byte[] out = decodeBuffers.take();
                long[] outLen = new long[1];
                int[] type = new int[1];
                int rc;
                try {
                    rc = decodeWhole(codec, format, out, (int) guess, type, outLen, expectedRaw, compressed, off, len);
                    if (rc == OK) {
                        return new RawObject(ObjectType.fromCode(type[0]), Arrays.copyOf(out, (int) outLen[0]));
                    }
                } finally {
                    decodeBuffers.give(out);
                }
                if (rc != EBUFSIZE) {
                    throw NativeErrors.corrupt(rc, "pgit_object_decode");
                }
            }
            ObjectHeader header = peekHeader(compressed, off, len);
            if (!ObjectHeaders.plausible(header.size(), len)) {
                throw Streams.classifyImplausible(this, format, compressed, off, len, header);
            }
            if (header.size() > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("object of " + header.size()
                        + " bytes is too large to decode into memory; stream it instead");
            }
            byte[] content = new byte[(int) header.size()];
            if (len <= WHOLE_LIMIT && content.length <= WHOLE_LIMIT) {
                int rc = decodeWhole(codec, format, content, content.length, new int[1], new long[1], expectedRaw,
                        compressed, off, len);
                if (rc != OK) {
                    throw NativeErrors.corrupt(rc, "pgit_object_decode");
                }
            } else {
                decodeSliced(codec, format, content, expectedRaw, compressed, off, len);
            }
            return new RawObject(header.type(), content);
        } finally {
            codecs.give(codec);
        }
    }

    /** Reused room for small decodes (not zeroed per call, unlike a new array); the result is copied out. */
    private final Pool<byte[]> decodeBuffers = new Pool<>(() -> new byte[WHOLE_LIMIT]);

    private int decodeWhole(MemorySegment codec, ObjectFormat format, byte[] content, int room, int[] type,
            long[] outLen, byte[] expected, byte[] compressed, int off, int len) {
        MemorySegment expectedId = orNull(expected);
        try {
            return (int) Downcalls.Decode.H.invokeExact(MemorySegment.ofArray(type), MemorySegment.ofArray(content),
                    (long) room, MemorySegment.ofArray(outLen), codec, algo(format), expectedId,
                    heap(compressed, off, len), (long) len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private void decodeSliced(MemorySegment codec, ObjectFormat format, byte[] content, byte[] expected,
            byte[] compressed, int off, int len) throws CorruptObjectException {
        SliceDecoder decoder = new SliceDecoder(codec, format);
        byte[] probe = new byte[1];   // room past the declared size: the library fails on any byte landing here
        int done = 0;
        int written = 0;
        while (true) {
            int take = Math.min(SLICE, len - done);
            boolean full = written == content.length;
            int room = full ? 1 : Math.min(SLICE, content.length - written);
            decoder.update(full ? probe : content, full ? 0 : written, room, compressed, off + done, take);
            done += decoder.used;
            written += full ? 0 : decoder.made;
            if (done == len && decoder.made < room) {
                break;
            }
        }
        decoder.finish(expected);
    }

    /** One streaming decode on a pooled codec. */
    private final class SliceDecoder {
        private final MemorySegment codec;
        private final int[] type = new int[1];
        private final long[] size = new long[1];
        private final long[] outLen = new long[1];
        private final long[] inUsed = new long[1];
        int made;
        int used;

        SliceDecoder(MemorySegment codec, ObjectFormat format) {
            this.codec = codec;
            try {
                check((int) Downcalls.DecodeBegin.H.invokeExact(codec, algo(format)), "pgit_decode_begin");
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        /** Gives the decode its whole input, which must stay mapped until {@link #finish}. */
        void setInput(MemorySegment whole) {
            try {
                check((int) Downcalls.DecodeSetInput.H.invokeExact(codec, whole, whole.byteSize()),
                        "pgit_decode_set_input");
            } catch (Throwable t) {
                throw rethrow(t);
            }
        }

        /** With {@code in} null, after {@link #setInput}: content only. */
        void update(byte[] out, int outOff, int room, byte[] in, int inOff, int take) throws CorruptObjectException {
            MemorySegment input = in == null ? MemorySegment.NULL : heap(in, inOff, take);
            int rc;
            try {
                rc = (int) Downcalls.DecodeUpdate.H.invokeExact(MemorySegment.ofArray(type), MemorySegment.ofArray(size),
                        heap(out, outOff, room), (long) room, MemorySegment.ofArray(outLen),
                        MemorySegment.ofArray(inUsed), codec, input, (long) take);
            } catch (Throwable t) {
                throw rethrow(t);
            }
            if (rc != OK) {
                throw NativeErrors.corrupt(rc, "pgit_decode_update");
            }
            made = (int) outLen[0];
            used = (int) inUsed[0];
        }

        /**
         * Inflates what is left, with no more input ({@code in} as for {@link #update}), into
         * {@code content}; checks the end of the stream and the id; returns the header.
         */
        ObjectHeader drain(byte[] out, byte[] in, OutputStream content, ObjectId expected) throws IOException {
            do {
                update(out, 0, out.length, in, 0, 0);
                content.write(out, 0, made);
            } while (made == out.length);
            finish(expected == null ? null : expected.toRaw());
            return header();
        }

        ObjectHeader header() throws CorruptObjectException {
            if (type[0] == 0) {
                throw NativeErrors.corrupt(Panagit.PGIT_EHEADER(), "pgit_decode_update");
            }
            return new ObjectHeader(ObjectType.fromCode(type[0]), size[0]);
        }

        void finish(byte[] expected) throws CorruptObjectException {
            MemorySegment expectedId = orNull(expected);
            int rc;
            try {
                rc = (int) Downcalls.DecodeFinish.H.invokeExact(MemorySegment.NULL, codec, expectedId);
            } catch (Throwable t) {
                throw rethrow(t);
            }
            if (rc != OK) {
                throw NativeErrors.corrupt(rc, "pgit_decode_finish");
            }
        }
    }

    @Override
    public ObjectHeader decode(ObjectFormat format, MemorySegment compressed, OutputStream content, ObjectId expected)
            throws IOException {
        if (!compressed.isNative()) {
            return decode(format, new ByteArrayInputStream(compressed.toArray(ValueLayout.JAVA_BYTE)), content, expected);
        }
        byte[] out = new byte[WHOLE_INPUT_SLICE];
        MemorySegment codec = codecs.take();
        try {
            SliceDecoder decoder = new SliceDecoder(codec, format);
            decoder.setInput(compressed);
            return decoder.drain(out, null, content, expected);
        } finally {
            codecs.give(codec);
        }
    }

    @Override
    public ObjectHeader decode(ObjectFormat format, InputStream compressed, OutputStream content, ObjectId expected)
            throws IOException {
        byte[] in = new byte[SLICE];
        byte[] out = new byte[SLICE];
        MemorySegment codec = codecs.take();
        try {
            SliceDecoder decoder = new SliceDecoder(codec, format);
            int n;
            while ((n = compressed.read(in)) >= 0) {
                int done = 0;
                do {
                    decoder.update(out, 0, out.length, in, done, n - done);
                    content.write(out, 0, decoder.made);
                    done += decoder.used;
                } while (done < n || decoder.made == out.length);
            }
            return decoder.drain(out, in, content, expected);
        } finally {
            codecs.give(codec);
        }
    }

    /** The library's version string, e.g. {@code 0.1.0 zlib/1.2.13 libdeflate/1.14}. */
    public String libraryVersion() {
        try {
            return NativeCore.cString((MemorySegment) Downcalls.Version.H.invokeExact());
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The hash implementation in use for {@code format}: {@code sha-ni} or {@code portable}. */
    public String hashImplementation(ObjectFormat format) {
        try {
            return NativeCore.cString((MemorySegment) Downcalls.HashImpl.H.invokeExact(algo(format)));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** libpanagit's code for hashing ids of {@code format}, as {@link CollisionDetection} says. */
    static int algo(ObjectFormat format) {
        return algo(format, CollisionDetection.enabled());
    }

    /** libpanagit's code for {@code format}, SHA-1 with or without collision detection. */
    static int algo(ObjectFormat format, boolean detectCollisions) {
        return format == ObjectFormat.SHA1 && !detectCollisions ? Panagit.PGIT_HASH_SHA1_UNCHECKED() : format.nativeCode();
    }

    private static void check(int rc, String function) {
        if (rc != OK) {
            throw NativeErrors.failure(rc, function);
        }
    }
}
