package dev.panagit.backend;

import dev.panagit.codec.JavaObjectCodec;
import dev.panagit.lib.CollisionDetection;
import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.EncodedObject;
import dev.panagit.lib.ObjectCodec;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectHeader;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.PackCodec;
import dev.panagit.lib.PackEntryHeader;
import dev.panagit.lib.PackScanBatch;
import dev.panagit.lib.RawObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code auto} backend: libpanagit where it pays, the Java codec where it does not, measured
 * (docs/benchmarks.md, W7). Loading libpanagit and building its first downcall handles costs a
 * process about 60 ms even with an AOT cache, while the native core saves a few microseconds per
 * small object: so work below {@link #LARGE} bytes runs in Java until the library is loaded, and
 * large work (big objects, indexing and verifying packs) loads it and runs native. Small work
 * that adds up loads it too: past {@link #SMALL_WORK_BUDGET} bytes of it in Java (a log of a
 * long history), the rest of the command gains more than loading costs. Once loaded,
 * everything runs native. Only with collision detection switched off ({@link CollisionDetection})
 * does SHA-1 of 4 KiB and more go to {@link java.security.MessageDigest}, whose intrinsic is then
 * as fast as libpanagit's (W1); detecting SHA-1 is four times faster native than in Java. The
 * forced backends ({@code native}, {@code java}) do no routing.
 */
final class AutoCodec implements ObjectCodec {
    /** Work from this many bytes on is worth loading the native library for. */
    static final int LARGE = 16 << 20;
    /** Without collision detection, SHA-1 from this size on goes to MessageDigest (the same speed, no boundary). */
    static final int JAVA_SHA1_FROM = 4096;
    /**
     * Small work in Java after which loading the library pays: it costs ~60 ms, and a MiB of small
     * objects (inflate and detecting SHA-1, with the C1 code of a short command) takes ~18 ms longer
     * in Java than native (docs/benchmarks.md, "auto: small work that adds up").
     */
    static final long SMALL_WORK_BUDGET = 8L << 20;

    private final JavaObjectCodec java;
    private final Supplier<Optional<? extends ObjectCodec>> probe;
    private final PackCodec pack = new RoutedPackCodec();
    private volatile ObjectCodec loaded;
    private volatile boolean probed;
    /** Bytes of small work done in Java so far; counted only until the library is probed. */
    private final java.util.concurrent.atomic.AtomicLong smallWork = new java.util.concurrent.atomic.AtomicLong();

    /** @param probe loads the native codec (once; empty when it cannot be used) */
    AutoCodec(JavaObjectCodec java, Supplier<Optional<? extends ObjectCodec>> probe) {
        this.java = java;
        this.probe = probe;
    }

    /**
     * Closes the Java codec this one owns. The native codec is the process's, shared by every
     * choice ({@link dev.panagit.nativeaccess.NativeAccess#status}), and stays open.
     */
    @Override
    public void close() {
        java.close();
    }

    /** The codec for small work: native if it is loaded already, else Java. */
    private ObjectCodec small() {
        ObjectCodec n = loaded;
        return n != null ? n : java;
    }

    /** The codec for large work: native, loading it if need be, else Java. */
    private ObjectCodec large() {
        if (!probed) {
            synchronized (this) {
                if (!probed) {
                    loaded = probe.get().orElse(null);
                    probed = true;
                }
            }
        }
        return small();
    }

    private ObjectCodec bySize(long bytes) {
        if (bytes >= LARGE) {
            return large();
        }
        ObjectCodec n = loaded;
        if (n != null) {
            return n;
        }
        if (!probed && smallWork.addAndGet(bytes) >= SMALL_WORK_BUDGET) {
            return large();   // small work has added up: the rest of the command pays for loading
        }
        return java;
    }

    /** Whether the native library is loaded (after large work, or never). */
    public boolean nativeLoaded() {
        return loaded != null;
    }

    @Override
    public String backendName() {
        return large().backendName();
    }

    @Override
    public PackCodec pack() {
        return pack;
    }

    private ObjectCodec hashing(ObjectFormat format, long len) {
        boolean plainSha1 = format == ObjectFormat.SHA1 && !CollisionDetection.enabled();
        return plainSha1 && len >= JAVA_SHA1_FROM ? java : bySize(len);
    }

    @Override
    public byte[] digest(ObjectFormat format, byte[] data, int off, int len) {
        return hashing(format, len).digest(format, data, off, len);
    }

    @Override
    public ObjectId hashObject(ObjectFormat format, ObjectType type, byte[] content, int off, int len) {
        return hashing(format, len).hashObject(format, type, content, off, len);
    }

    @Override
    public ObjectId[] hashObjects(ObjectFormat format, ObjectType type, byte[] contents, int[] lengths) {
        return bySize(contents.length).hashObjects(format, type, contents, lengths);
    }

    @Override
    public ObjectId hashObject(ObjectFormat format, ObjectType type, long size, InputStream content)
            throws IOException {
        return hashing(format, size).hashObject(format, type, size, content);
    }

    @Override
    public EncodedObject encode(ObjectFormat format, ObjectType type, byte[] content, int off, int len) {
        return bySize(len).encode(format, type, content, off, len);
    }

    @Override
    public ObjectId encode(ObjectFormat format, ObjectType type, long size, InputStream content,
            OutputStream compressed) throws IOException {
        return bySize(size).encode(format, type, size, content, compressed);
    }

    @Override
    public ObjectHeader peekHeader(byte[] compressed, int off, int len) throws CorruptObjectException {
        return small().peekHeader(compressed, off, len);
    }

    @Override
    public RawObject decode(ObjectFormat format, byte[] compressed, int off, int len, ObjectId expected)
            throws CorruptObjectException {
        return bySize(4L * len).decode(format, compressed, off, len, expected);
    }

    @Override
    public ObjectHeader decode(ObjectFormat format, InputStream compressed, OutputStream content, ObjectId expected)
            throws IOException {
        return large().decode(format, compressed, content, expected);   // streams are for large objects
    }

    @Override
    public ObjectHeader decode(ObjectFormat format, MemorySegment compressed, OutputStream content, ObjectId expected)
            throws IOException {
        return large().decode(format, compressed, content, expected);
    }

    /** The pack half: indexing and verifying packs is bulk work (native); reading a small object is not. */
    private final class RoutedPackCodec implements PackCodec {
        @Override
        public PackEntryHeader entryHeader(ObjectFormat format, MemorySegment pack, long offset)
                throws CorruptObjectException {
            return small().pack().entryHeader(format, pack, offset);
        }

        @Override
        public Inflated inflate(ObjectFormat format, ObjectType type, MemorySegment in, byte[] out)
                throws CorruptObjectException {
            return bySize(out.length).pack().inflate(format, type, in, out);
        }

        @Override
        public ObjectId inflateTo(ObjectFormat format, ObjectType type, long size, MemorySegment in, OutputStream out)
                throws IOException {
            return large().pack().inflateTo(format, type, size, in, out);
        }

        @Override
        public byte[] applyDelta(byte[] base, byte[] delta) throws CorruptObjectException {
            return small().pack().applyDelta(base, delta);
        }

        @Override
        public Inflated resolveDelta(ObjectFormat format, ObjectType type, byte[] base, MemorySegment in,
                long deltaLength, byte[] out, int resultLength) throws CorruptObjectException {
            return large().pack().resolveDelta(format, type, base, in, deltaLength, out, resultLength);
        }

        @Override
        public int scan(ObjectFormat format, MemorySegment pack, long offset, PackScanBatch batch)
                throws CorruptObjectException {
            return large().pack().scan(format, pack, offset, batch);
        }

        @Override
        public Checksum checksum(ObjectFormat format, boolean detectCollisions) {
            return large().pack().checksum(format, detectCollisions);
        }
    }
}
