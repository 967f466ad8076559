package dev.panagit.codec;

import dev.panagit.lib.CollisionDetection;
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
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/** The pure-Java backend: {@link MessageDigest} for hashing, {@link Deflater}/{@link Inflater} for zlib. */
public final class JavaObjectCodec implements ObjectCodec {
    private static final int CHUNK = 64 * 1024;

    private final Pool<Deflater> deflaters;
    private final Pool<Inflater> inflaters = new Pool<>(Inflater::new, Inflater::end, Pool.DEFAULT_MAX_IDLE);
    private final Map<ObjectFormat, Pool<MessageDigest>> digests = new EnumMap<>(ObjectFormat.class);
    private final JavaPackCodec pack;

    /** A codec compressing at zlib {@code level} (git writes loose objects at level 1). */
    public JavaObjectCodec(int level) {
        if (level < -1 || level > 9) {
            throw new IllegalArgumentException("zlib level must be -1 to 9, not " + level);
        }
        this.deflaters = new Pool<>(() -> new Deflater(level), Deflater::end, Pool.DEFAULT_MAX_IDLE);
        for (ObjectFormat format : ObjectFormat.values()) {
            digests.put(format, new Pool<>(() -> newDigest(format, CollisionDetection.enabled())));
        }
        this.pack = new JavaPackCodec(inflaters, digests);
    }

    /** The digest of ids in {@code format}: SHA-1 detects collision attacks unless told not to. */
    static MessageDigest newDigest(ObjectFormat format, boolean detectCollisions) {
        if (format == ObjectFormat.SHA1 && detectCollisions) {
            return new Sha1dc();
        }
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

    /** Ends every idle {@link Deflater} and {@link Inflater} (their zlib state is native memory). */
    @Override
    public void close() {
        deflaters.close();
        inflaters.close();
        digests.values().forEach(Pool::close);
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
        return decodeArray(ObjectFormat.SHA1, compressed, off, len, null, null);
    }

    @Override
    public RawObject decode(ObjectFormat format, byte[] compressed, int off, int len, ObjectId expected)
            throws CorruptObjectException {
        ArraySink sink = new ArraySink(format, compressed, off, len);
        ObjectHeader header = decodeArray(format, compressed, off, len, sink, expected);
        return new RawObject(header.type(), sink.content);
    }

    private ObjectHeader decodeArray(ObjectFormat format, byte[] compressed, int off, int len,
            LooseObjectDecoder.Sink sink, ObjectId expected) throws CorruptObjectException {
        try {
            return decode(format, LooseObjectDecoder.of(compressed, off, len), sink, expected);
        } catch (CorruptObjectException e) {
            throw e;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);   // an array neither reads nor writes
        }
    }

    @Override
    public ObjectHeader decode(ObjectFormat format, MemorySegment compressed, OutputStream content, ObjectId expected)
            throws IOException {
        return decode(format, LooseObjectDecoder.of(compressed), LooseObjectDecoder.to(content, CHUNK), expected);
    }

    @Override
    public ObjectHeader decode(ObjectFormat format, InputStream compressed, OutputStream content, ObjectId expected)
            throws IOException {
        return decode(format, LooseObjectDecoder.of(compressed, CHUNK), LooseObjectDecoder.to(content, CHUNK),
                expected);
    }

    /** One decode on pooled state: {@link LooseObjectDecoder} is the one implementation. */
    private ObjectHeader decode(ObjectFormat format, LooseObjectDecoder.Source source, LooseObjectDecoder.Sink sink,
            ObjectId expected) throws IOException {
        Inflater inflater = inflaters.take();
        Pool<MessageDigest> pool = digests.get(format);
        MessageDigest md = pool.take();
        try {
            return LooseObjectDecoder.decode(inflater, md, format, source, sink, expected);
        } finally {
            md.reset();
            pool.give(md);
            inflaters.give(inflater);
        }
    }

    /** A whole object's content, into an array of exactly its declared size. */
    private final class ArraySink implements LooseObjectDecoder.Sink {
        private final ObjectFormat format;
        private final byte[] compressed;
        private final int off;
        private final int len;
        byte[] content;
        private int pos;

        ArraySink(ObjectFormat format, byte[] compressed, int off, int len) {
            this.format = format;
            this.compressed = compressed;
            this.off = off;
            this.len = len;
        }

        @Override
        public void begin(ObjectHeader header) throws CorruptObjectException {
            if (!ObjectHeaders.plausible(header.size(), len)) {
                // a size these bytes cannot hold must not size an allocation: name what is wrong instead
                throw Streams.classifyImplausible(JavaObjectCodec.this, format, compressed, off, len, header);
            }
            if (header.size() > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("object of " + header.size()
                        + " bytes is too large to decode into memory; stream it instead");
            }
            content = new byte[(int) header.size()];
        }

        @Override
        public int inflate(LooseObjectDecoder decoder, MessageDigest md, int max) throws IOException {
            int n = decoder.pull(content, pos, Math.min(max, content.length - pos));
            md.update(content, pos, n);
            pos += n;
            return n;
        }

        @Override
        public void accept(MessageDigest md, byte[] bytes, int from, int count) {
            System.arraycopy(bytes, from, content, pos, count);
            md.update(bytes, from, count);
            pos += count;
        }
    }
}
