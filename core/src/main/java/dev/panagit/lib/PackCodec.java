package dev.panagit.lib;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;

/**
 * The pack half of the object core: entry headers, inflating entries whose size is known, git's
 * deltas, and scanning a whole pack for indexing. One contract, two backends, as for
 * {@link ObjectCodec}: both give the same results and the same {@link Corruption} for the same
 * bytes. Implementations are thread-safe.
 *
 * <p>A pack is passed as a {@link MemorySegment} over its entries: the mapping of the pack file up
 * to, not including, its trailing checksum. Nothing outside a segment is read. Errors carry only the
 * {@link Corruption} (and no detail, so that both backends say the same); the pack layer adds the
 * file, the offset and the object.
 */
public interface PackCodec {
    /** The entry header at {@code offset} of {@code pack}. */
    PackEntryHeader entryHeader(ObjectFormat format, MemorySegment pack, long offset) throws CorruptObjectException;

    /**
     * Inflates a whole object's zlib stream, which must hold exactly {@code out.length} bytes, from
     * the start of {@code in} ({@code in} may go on past the stream). Hashes the object as
     * {@code type} when {@code type} is not null.
     */
    Inflated inflate(ObjectFormat format, ObjectType type, MemorySegment in, byte[] out) throws CorruptObjectException;

    /**
     * Streams a whole object's zlib stream, {@code size} bytes of {@code type}, which must fill
     * {@code in} exactly, to {@code out} in bounded memory; returns its id. Content may have been
     * written before a corruption is found.
     */
    ObjectId inflateTo(ObjectFormat format, ObjectType type, long size, MemorySegment in, OutputStream out)
            throws IOException;

    /** Applies a delta in git's format to {@code base}, checking every rule first; returns the result. */
    byte[] applyDelta(byte[] base, byte[] delta) throws CorruptObjectException;

    /**
     * Resolves a delta entry in one step: inflates its {@code deltaLength} bytes from the start of
     * {@code in}, applies them to {@code base} into {@code out[0..resultLength)} ({@code resultLength}
     * must be the result's size, as a scan reported it; {@code out} may be longer, so that a caller
     * can reuse it), and, when {@code type} is not null, hashes the result as {@code type}.
     */
    Inflated resolveDelta(ObjectFormat format, ObjectType type, byte[] base, MemorySegment in, long deltaLength,
            byte[] out, int resultLength) throws CorruptObjectException;

    /**
     * Reads consecutive entries from {@code offset} into {@code batch} (from index 0), at most its
     * capacity, stopping early when an entry ends at the end of {@code pack}; see
     * {@link PackScanBatch}. Returns the number read. When an entry is corrupt, {@code batch.count}
     * entries before it are complete, {@code batch.offset[batch.count]} is where it starts, and the
     * corruption is thrown.
     */
    int scan(ObjectFormat format, MemorySegment pack, long offset, PackScanBatch batch) throws CorruptObjectException;

    /** A running plain digest (a pack's or an index's checksum), fed segment by segment. */
    /** A running digest of raw bytes (a pack's trailer), SHA-1 detecting collisions as ids do. */
    default Checksum checksum(ObjectFormat format) {
        return checksum(format, CollisionDetection.enabled());
    }

    /**
     * A running digest of raw bytes; SHA-1 detects collision attacks when {@code detectCollisions},
     * and then {@link Checksum#finish()} throws {@link CollisionAttackException} for input that carries one.
     */
    Checksum checksum(ObjectFormat format, boolean detectCollisions);

    /** A running digest; one thread at a time. */
    interface Checksum {
        /** Feeds {@code data} to the digest. */
        void update(MemorySegment data);

        /** The digest of everything fed; the checksum cannot be used again. */
        byte[] finish();
    }

    /** The result of inflating or resolving one entry. */
    record Inflated(long compressedLength, ObjectId id) {
    }
}
