package dev.panagit.nativeaccess;

import dev.panagit.codec.Deltas;
import dev.panagit.codec.ObjectHeaders;
import dev.panagit.codec.Pool;
import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.Corruption;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.PackCodec;
import dev.panagit.lib.PackEntryHeader;
import dev.panagit.lib.PackScanBatch;
import dev.panagit.nativeaccess.bindings.Panagit;
import dev.panagit.nativeaccess.bindings.pgit_pack_entry;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;

/**
 * The pack half of the native backend: libpanagit's {@code pack.c} and {@code delta.c} on the
 * mapped pack itself (no copy), with heap arrays for results ({@code critical} downcalls). Shares
 * the native codecs (zlib and libdeflate state) of its {@link NativeObjectCodec}.
 */
final class NativePackCodec implements PackCodec {
    private static final int OK = Panagit.PGIT_OK();
    private static final int EBUFSIZE = Panagit.PGIT_EBUFSIZE();
    /** Bytes of pgit_pack_entry, in longs (56 bytes on every target; PortableLayoutsTest checks). */
    private static final int ENTRY_LONGS = (int) (pgit_pack_entry.layout().byteSize() / Long.BYTES);
    /** Results up to this size are allocated from the delta's own sizes; larger ones after a check. */
    private static final long CHECK_FIRST_ABOVE = 1 << 20;

    private final Pool<MemorySegment> codecs;

    NativePackCodec(Pool<MemorySegment> codecs) {
        this.codecs = codecs;
    }

    @Override
    public PackEntryHeader entryHeader(ObjectFormat format, MemorySegment pack, long offset)
            throws CorruptObjectException {
        int[] type = new int[1];
        long[] out = new long[3];
        MemorySegment outs = MemorySegment.ofArray(out);
        int rc;
        try {
            rc = (int) Downcalls.EntryHeader.H.invokeExact(MemorySegment.ofArray(type), outs.asSlice(0, 8),
                    outs.asSlice(8, 8), outs.asSlice(16, 8), NativeObjectCodec.algo(format), pack, pack.byteSize(), offset);
        } catch (Throwable t) {
            throw NativeObjectCodec.rethrow(t);
        }
        if (rc != OK) {
            throw NativeErrors.corrupt(rc, "pgit_pack_entry_header");
        }
        return new PackEntryHeader(type[0], out[0], (int) out[1], out[2]);
    }

    @Override
    public Inflated inflate(ObjectFormat format, ObjectType type, MemorySegment in, byte[] out)
            throws CorruptObjectException {
        byte[] id = type == null ? null : new byte[format.rawLength()];
        long[] used = new long[1];
        MemorySegment codec = codecs.take();
        int rc;
        try {
            rc = (int) Downcalls.PackInflate.H.invokeExact(NativeObjectCodec.orNull(id), MemorySegment.ofArray(out),
                    (long) out.length, MemorySegment.ofArray(used), codec, NativeObjectCodec.algo(format),
                    type == null ? 0 : type.code(), in, in.byteSize());
        } catch (Throwable t) {
            throw NativeObjectCodec.rethrow(t);
        } finally {
            codecs.give(codec);
        }
        if (rc != OK) {
            throw NativeErrors.corrupt(rc, "pgit_pack_inflate");
        }
        return new Inflated(used[0], id == null ? null : ObjectId.fromRaw(format, id, 0));
    }

    @Override
    public ObjectId inflateTo(ObjectFormat format, ObjectType type, long size, MemorySegment in, OutputStream out)
            throws IOException {
        boolean whole = in.isNative();   // a mapping stays put: the library may take it all at once
        byte[] window = new byte[whole ? NativeObjectCodec.WHOLE_INPUT_SLICE : NativeObjectCodec.SLICE];
        int[] gotType = new int[1];
        long[] declared = new long[1];
        long[] made = new long[1];
        long[] used = new long[1];
        byte[] id = new byte[format.rawLength()];
        MemorySegment codec = codecs.take();
        try {
            check((int) Downcalls.DecodeBeginEntry.H.invokeExact(codec, NativeObjectCodec.algo(format), type.code(), size),
                    "pgit_decode_begin_entry");
            if (whole) {
                check((int) Downcalls.DecodeSetInput.H.invokeExact(codec, in, in.byteSize()), "pgit_decode_set_input");
            }
            long done = 0;
            do {
                long take = whole ? 0 : Math.min(NativeObjectCodec.SLICE, in.byteSize() - done);
                MemorySegment slice = whole ? MemorySegment.NULL : in.asSlice(done, take);
                int rc = (int) Downcalls.DecodeUpdate.H.invokeExact(MemorySegment.ofArray(gotType),
                        MemorySegment.ofArray(declared), MemorySegment.ofArray(window), (long) window.length,
                        MemorySegment.ofArray(made), MemorySegment.ofArray(used), codec, slice, take);
                if (rc != OK) {
                    throw NativeErrors.corrupt(rc, "pgit_decode_update");
                }
                out.write(window, 0, (int) made[0]);
                done += used[0];
            } while ((!whole && done < in.byteSize()) || made[0] == window.length);
            int rc = (int) Downcalls.DecodeFinish.H.invokeExact(MemorySegment.ofArray(id), codec,
                    MemorySegment.NULL);
            if (rc != OK) {
                throw NativeErrors.corrupt(rc, "pgit_decode_finish");
            }
            return ObjectId.fromRaw(format, id, 0);
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw NativeObjectCodec.rethrow(t);
        } finally {
            codecs.give(codec);
        }
    }

    @Override
    public byte[] applyDelta(byte[] base, byte[] delta) throws CorruptObjectException {
        long result = Deltas.sizes(delta, delta.length).resultSize();
        long[] outLen = new long[1];
        if (Long.compareUnsigned(result, CHECK_FIRST_ABOVE) > 0) {
            int rc = callApply(null, outLen, base, delta);   // checks the whole delta before any allocation
            if (rc != EBUFSIZE) {
                throw NativeErrors.corrupt(rc == OK ? Panagit.PGIT_EDELTA() : rc, "pgit_delta_apply");
            }
        }
        if (Long.compareUnsigned(result, Deltas.MAX_ARRAY) > 0) {
            throw Deltas.tooLarge(result);
        }
        byte[] out = new byte[(int) result];
        int rc = callApply(out, outLen, base, delta);
        if (rc != OK) {
            throw NativeErrors.corrupt(rc == EBUFSIZE ? Panagit.PGIT_EDELTA() : rc, "pgit_delta_apply");
        }
        return out;
    }

    private static int callApply(byte[] out, long[] outLen, byte[] base, byte[] delta) {
        try {
            return (int) Downcalls.DeltaApply.H.invokeExact(NativeObjectCodec.orNull(out),
                    (long) (out == null ? 0 : out.length), MemorySegment.ofArray(outLen), MemorySegment.ofArray(base),
                    (long) base.length, MemorySegment.ofArray(delta), (long) delta.length);
        } catch (Throwable t) {
            throw NativeObjectCodec.rethrow(t);
        }
    }

    @Override
    public Inflated resolveDelta(ObjectFormat format, ObjectType type, byte[] base, MemorySegment in, long deltaLength,
            byte[] out, int resultLength) throws CorruptObjectException {
        if (!ObjectHeaders.plausible(deltaLength, in.byteSize())) {
            throw new CorruptObjectException(Corruption.SIZE_MISMATCH, null);
        }
        if (deltaLength > Deltas.MAX_ARRAY) {
            throw Deltas.tooLarge(deltaLength);   // as the Java backend, which holds the delta in an array
        }
        byte[] id = type == null ? null : new byte[format.rawLength()];
        long[] lengths = new long[2];
        MemorySegment lengthSegment = MemorySegment.ofArray(lengths);
        MemorySegment codec = codecs.take();
        int rc;
        try {
            rc = (int) Downcalls.DeltaResolve.H.invokeExact(NativeObjectCodec.orNull(id), MemorySegment.ofArray(out),
                    (long) resultLength, lengthSegment.asSlice(0, 8), lengthSegment.asSlice(8, 8), codec,
                    NativeObjectCodec.algo(format), type == null ? 0 : type.code(), MemorySegment.ofArray(base),
                    (long) base.length, in, in.byteSize(), deltaLength);
        } catch (Throwable t) {
            throw NativeObjectCodec.rethrow(t);
        } finally {
            codecs.give(codec);
        }
        if (rc == EBUFSIZE || (rc == OK && lengths[0] != resultLength)) {
            throw new CorruptObjectException(Corruption.BAD_DELTA, null);   // not the size the caller was told
        }
        if (rc != OK) {
            throw NativeErrors.corrupt(rc, "pgit_pack_delta_resolve");
        }
        return new Inflated(lengths[1], id == null ? null : ObjectId.fromRaw(format, id, 0));
    }

    @Override
    public int scan(ObjectFormat format, MemorySegment pack, long offset, PackScanBatch batch)
            throws CorruptObjectException {
        int capacity = batch.capacity();
        MemorySegment entries = MemorySegment.ofArray(new long[capacity * ENTRY_LONGS]);
        int[] count = new int[1];
        MemorySegment codec = codecs.take();
        int rc;
        try {
            rc = (int) Downcalls.PackScan.H.invokeExact(entries, MemorySegment.ofArray(batch.ids),
                    MemorySegment.ofArray(count), codec, NativeObjectCodec.algo(format), pack, pack.byteSize(), offset, capacity);
        } catch (Throwable t) {
            throw NativeObjectCodec.rethrow(t);
        } finally {
            codecs.give(codec);
        }
        int n = count[0];
        for (int i = 0; i < n; i++) {
            MemorySegment e = pgit_pack_entry.asSlice(entries, i);
            batch.offset[i] = pgit_pack_entry.offset(e);
            batch.packedLength[i] = pgit_pack_entry.packed_len(e);
            batch.size[i] = pgit_pack_entry.size(e);
            batch.objectSize[i] = pgit_pack_entry.object_size(e);
            batch.baseOffset[i] = pgit_pack_entry.base_offset(e);
            batch.headerLength[i] = pgit_pack_entry.header_len(e);
            batch.typeCode[i] = pgit_pack_entry.type(e);
            batch.crc32[i] = pgit_pack_entry.crc32(e);
        }
        batch.count = n;
        if (rc != OK) {
            batch.offset[n] = pgit_pack_entry.offset(pgit_pack_entry.asSlice(entries, n));
            throw NativeErrors.corrupt(rc, "pgit_pack_scan");
        }
        return n;
    }

    @Override
    public Checksum checksum(ObjectFormat format, boolean detectCollisions) {
        MemorySegment state = MemorySegment.ofArray(new long[NativeObjectCodec.HashState.LONGS]);
        try {
            check((int) Downcalls.HashInit.H.invokeExact(state, NativeObjectCodec.algo(format, detectCollisions)),
                    "pgit_hash_init");
        } catch (Throwable t) {
            throw NativeObjectCodec.rethrow(t);
        }
        return new Checksum() {
            @Override
            public void update(MemorySegment data) {
                try {
                    check((int) Downcalls.HashUpdate.H.invokeExact(state, data, data.byteSize()),
                            "pgit_hash_update");
                } catch (Throwable t) {
                    throw NativeObjectCodec.rethrow(t);
                }
            }

            @Override
            public byte[] finish() {
                byte[] out = new byte[format.rawLength()];
                try {
                    check((int) Downcalls.HashFinal.H.invokeExact(MemorySegment.ofArray(out), state),
                            "pgit_hash_final");
                } catch (Throwable t) {
                    throw NativeObjectCodec.rethrow(t);
                }
                return out;
            }
        };
    }

    private static void check(int rc, String function) {
        if (rc != OK) {
            throw NativeErrors.failure(rc, function);
        }
    }
}
