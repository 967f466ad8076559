package dev.panagit.cli;

import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.EncodedObject;
import dev.panagit.lib.ObjectCodec;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectHeader;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.PackCodec;
import dev.panagit.lib.RawObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.util.function.Supplier;

/**
 * A codec chosen on first use: a command that reads only refs (rev-parse HEAD, branch) never
 * loads the native library, and one that reads objects pays for it when it first does.
 */
final class LazyCodec implements ObjectCodec {
    private final Supplier<ObjectCodec> choose;
    private volatile ObjectCodec codec;

    /** A codec that calls {@code choose} on first use and delegates to what it returns from then on. */
    public LazyCodec(Supplier<ObjectCodec> choose) {
        this.choose = choose;
    }

    private ObjectCodec codec() {
        ObjectCodec c = codec;
        if (c == null) {
            synchronized (this) {
                c = codec;
                if (c == null) {
                    c = choose.get();
                    codec = c;
                }
            }
        }
        return c;
    }

    /** Closes the codec if one was chosen. */
    @Override
    public void close() {
        ObjectCodec chosen = codec;
        if (chosen != null) {
            chosen.close();
        }
    }

    @Override
    public String backendName() {
        return codec().backendName();
    }

    @Override
    public PackCodec pack() {
        return codec().pack();
    }

    @Override
    public byte[] digest(ObjectFormat format, byte[] data, int off, int len) {
        return codec().digest(format, data, off, len);
    }

    @Override
    public ObjectId hashObject(ObjectFormat format, ObjectType type, byte[] content, int off, int len) {
        return codec().hashObject(format, type, content, off, len);
    }

    @Override
    public ObjectId[] hashObjects(ObjectFormat format, ObjectType type, byte[] contents, int[] lengths) {
        return codec().hashObjects(format, type, contents, lengths);
    }

    @Override
    public ObjectId hashObject(ObjectFormat format, ObjectType type, long size, InputStream content)
            throws IOException {
        return codec().hashObject(format, type, size, content);
    }

    @Override
    public EncodedObject encode(ObjectFormat format, ObjectType type, byte[] content, int off, int len) {
        return codec().encode(format, type, content, off, len);
    }

    @Override
    public ObjectId encode(ObjectFormat format, ObjectType type, long size, InputStream content,
            OutputStream compressed) throws IOException {
        return codec().encode(format, type, size, content, compressed);
    }

    @Override
    public ObjectHeader peekHeader(byte[] compressed, int off, int len) throws CorruptObjectException {
        return codec().peekHeader(compressed, off, len);
    }

    @Override
    public RawObject decode(ObjectFormat format, byte[] compressed, int off, int len, ObjectId expected)
            throws CorruptObjectException {
        return codec().decode(format, compressed, off, len, expected);
    }

    @Override
    public ObjectHeader decode(ObjectFormat format, InputStream compressed, OutputStream content, ObjectId expected)
            throws IOException {
        return codec().decode(format, compressed, content, expected);
    }

    @Override
    public ObjectHeader decode(ObjectFormat format, MemorySegment compressed, OutputStream content, ObjectId expected)
            throws IOException {
        return codec().decode(format, compressed, content, expected);
    }
}
