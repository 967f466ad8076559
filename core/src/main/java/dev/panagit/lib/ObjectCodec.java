package dev.panagit.lib;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;

/**
 * The object core: hashing and loose-object encoding. One contract, two backends: libpanagit
 * through the FFM API ({@code native}) and {@code java.security}/{@code java.util.zip}
 * ({@code java}). Both give identical ids, objects that inflate to identical bytes, the same
 * {@link Corruption} for the same bad input, and each reads what the other wrote. Implementations
 * are thread-safe.
 *
 * <p>A codec owns what it keeps between calls (zlib and libdeflate state, native codecs, buffers);
 * {@link #close} gives all of it back. Calls made after closing throw {@link IllegalStateException}
 * (a call in progress finishes; what it used is then freed).
 */
public interface ObjectCodec extends AutoCloseable {
    /** Frees what this codec keeps between calls. Closing twice does nothing more. */
    @Override
    void close();

    /** {@code "native"} or {@code "java"}. */
    String backendName();

    /** The pack half of this backend: entries, deltas and whole-pack scans. */
    PackCodec pack();

    /** The plain digest of {@code data[off..off + len)} (no object header). */
    byte[] digest(ObjectFormat format, byte[] data, int off, int len);

    /** The id of an object, without compressing it: the hash of {@code "<type> <len>\0" + content}. */
    ObjectId hashObject(ObjectFormat format, ObjectType type, byte[] content, int off, int len);

    /**
     * The ids of many objects of one type in one go: object i's content is the next
     * {@code lengths[i]} bytes of {@code contents} (back to back from offset 0).
     */
    ObjectId[] hashObjects(ObjectFormat format, ObjectType type, byte[] contents, int[] lengths);

    /** The id of an object whose content, exactly {@code size} bytes, comes from a stream. */
    ObjectId hashObject(ObjectFormat format, ObjectType type, long size, InputStream content) throws IOException;

    /** Hashes and compresses an object in one call. */
    EncodedObject encode(ObjectFormat format, ObjectType type, byte[] content, int off, int len);

    /**
     * Streams an object of exactly {@code size} bytes from {@code content} to {@code compressed}
     * in bounded memory and returns its id.
     *
     * @throws IOException if the stream fails or does not hold exactly {@code size} bytes
     */
    ObjectId encode(ObjectFormat format, ObjectType type, long size, InputStream content, OutputStream compressed)
            throws IOException;

    /** Reads only the header of a compressed object. */
    ObjectHeader peekHeader(byte[] compressed, int off, int len) throws CorruptObjectException;

    /**
     * Decodes a whole compressed object, checking its header, its exact size, the end of the zlib
     * stream and, when {@code expected} is not null, its id.
     */
    RawObject decode(ObjectFormat format, byte[] compressed, int off, int len, ObjectId expected)
            throws CorruptObjectException;

    /**
     * Streams a compressed object's content to {@code content} in bounded memory, with the same
     * checks as {@link #decode}; returns its header. Content may have been written before a
     * corruption is found at the end.
     */
    ObjectHeader decode(ObjectFormat format, InputStream compressed, OutputStream content, ObjectId expected)
            throws IOException;

    /**
     * As {@link #decode(ObjectFormat, InputStream, OutputStream, ObjectId)}, with the whole
     * compressed object in {@code compressed} (a mapped file, typically), which must not change
     * until this returns. Knowing the whole input lets the native backend use its fastest inflater
     * and still report the same verdict as zlib.
     */
    ObjectHeader decode(ObjectFormat format, MemorySegment compressed, OutputStream content, ObjectId expected)
            throws IOException;
}
