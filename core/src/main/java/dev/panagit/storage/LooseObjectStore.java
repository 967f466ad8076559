package dev.panagit.storage;

import dev.panagit.codec.ObjectHeaders;
import dev.panagit.lib.CollisionAttackException;
import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.Corruption;
import dev.panagit.lib.EncodedObject;
import dev.panagit.lib.InMemoryObject;
import dev.panagit.lib.MissingObjectException;
import dev.panagit.lib.ObjectCodec;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectHeader;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.StoredObject;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * git's loose objects: {@code objects/xx/yyyy…}, each a zlib stream of {@code "<type> <size>\0<content>"}.
 *
 * <p>Writing hashes first and skips objects that exist; a new object goes to a temporary file in
 * the objects directory and is renamed into place, read-only, so a reader never sees half an
 * object. Reading is stricter than git: the declared size must match exactly, the type must be
 * known, nothing may follow the zlib stream, and the content must hash to the id asked for.
 */
public final class LooseObjectStore {
    /** Objects up to this size are decoded whole on open; larger ones stream. */
    static final long WHOLE_OBJECT_LIMIT = 32L << 20;
    /** Files up to this size are decoded without reading the header first (at most ~33 MB inflated). */
    static final long DIRECT_DECODE_LIMIT = 32L << 10;
    private static final Set<PosixFilePermission> READ_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);

    private final Path objectsDir;
    private final ObjectFormat format;
    private final ObjectCodec codec;

    /** Loose objects under {@code objectsDir} ({@code objects/xx/yyyy...}), hashed and compressed by {@code codec}. */
    public LooseObjectStore(Path objectsDir, ObjectFormat format, ObjectCodec codec) {
        this.objectsDir = objectsDir;
        this.format = format;
        this.codec = codec;
    }

    /** The hash of the ids. */
    public ObjectFormat format() {
        return format;
    }

    /** The codec objects are hashed and compressed with. */
    public ObjectCodec codec() {
        return codec;
    }

    /** The {@code objects} directory. */
    public Path directory() {
        return objectsDir;
    }

    /** The file an object lives in (whether or not it exists). */
    public Path pathOf(ObjectId id) {
        String name = id.name();
        return objectsDir.resolve(name.substring(0, 2)).resolve(name.substring(2));
    }

    /** Whether a file is there under the id's name (reading it checks it is a regular file, and names it if not). */
    public boolean has(ObjectId id) {
        return Files.exists(pathOf(id), java.nio.file.LinkOption.NOFOLLOW_LINKS);
    }

    /** Stores an object held in memory; returns its id. Does nothing if it exists already. */
    public ObjectId insert(ObjectType type, byte[] content) throws IOException {
        ObjectId id = codec.hashObject(format, type, content, 0, content.length);
        return has(id) ? id : write(type, content);
    }

    /**
     * Stores an object the caller found missing, hashing it once (in the encoding); another writer
     * storing the same object meanwhile is harmless.
     */
    ObjectId write(ObjectType type, byte[] content) throws IOException {
        EncodedObject encoded = codec.encode(format, type, content, 0, content.length);
        Path tmp = newTempFile();
        try {
            Files.write(tmp, encoded.compressed());
            return publish(tmp, encoded.id());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Stores an object of exactly {@code size} bytes read from {@code content}, in bounded memory. */
    public ObjectId insert(ObjectType type, long size, InputStream content) throws IOException {
        Path tmp = newTempFile();
        try {
            ObjectId id;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                id = codec.encode(format, type, size, content, out);
            }
            return has(id) ? id : publish(tmp, id);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private Path newTempFile() throws IOException {
        Files.createDirectories(objectsDir);
        if (!swept) {
            swept = true;
            sweepStaleTempFiles(objectsDir, java.time.Instant.now().minus(STALE_AFTER));
        }
        return Files.createTempFile(objectsDir, "tmp_obj_", "");
    }

    /** git's gc.pruneExpire default: a temporary file this old belongs to no writer still running. */
    static final java.time.Duration STALE_AFTER = java.time.Duration.ofDays(14);

    private boolean swept;

    /**
     * Deletes the {@code tmp_obj_*} files a killed writer left in {@code objectsDir} that are older
     * than {@code before} (git's prune removes them by the same rule); the first insert of each
     * process does this, so they never pile up. Best effort: a file that cannot be removed stays.
     */
    static int sweepStaleTempFiles(Path objectsDir, java.time.Instant before) {
        int removed = 0;
        try (var files = Files.newDirectoryStream(objectsDir, "tmp_obj_*")) {
            for (Path file : files) {
                try {
                    if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(file).toInstant().isBefore(before)) {
                        Files.delete(file);
                        removed++;
                    }
                } catch (IOException e) {
                    // another process removed it, or it is not ours to remove
                }
            }
        } catch (IOException e) {
            // nothing to sweep
        }
        return removed;
    }

    private ObjectId publish(Path tmp, ObjectId id) throws IOException {
        Path target = pathOf(id);
        fanoutNames.remove(id.name().substring(0, 2));
        Files.createDirectories(target.getParent());
        if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(tmp, READ_ONLY);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // Someone stored the same object meanwhile: same id, same content.
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + tmp + " to " + target + " atomically", e);
        }
        return id;
    }

    /** Opens an object, checking it; throws {@link MissingObjectException} when there is none. */
    public StoredObject open(ObjectId id) throws IOException {
        StoredObject object = openIfPresent(id);
        if (object == null) {
            throw new MissingObjectException(id, null);
        }
        return object;
    }

    /**
     * Opens an object, checking it, or returns null when its file does not exist: one status call
     * and one read, no separate existence check. The file must be a regular file (a device or a
     * FIFO in its place is corrupt, never read), and no more than its size is read.
     */
    public StoredObject openIfPresent(ObjectId id) throws IOException {
        if (id.format() != format) {
            throw new IllegalArgumentException("object id " + id + " is " + id.format().configName()
                    + " but this repository uses " + format.configName());
        }
        Path file = pathOf(id);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        }
        try {
            if (!attributes.isRegularFile()) {
                throw new CorruptObjectException(Corruption.NOT_A_FILE, null);
            }
            long fileSize = attributes.size();
            if (fileSize <= DIRECT_DECODE_LIMIT) {
                // Small enough that even a maximally compressed object fits in memory: decode in one
                // call (a separate header pass would inflate the first block twice).
                byte[] compressed = readAll(file, fileSize);
                dev.panagit.lib.RawObject raw = codec.decode(format, compressed, 0, compressed.length, id);
                return new InMemoryObject(id, new ObjectHeader(raw.type(), raw.content().length), raw.content(), file);
            }
            if (fileSize <= WHOLE_OBJECT_LIMIT) {
                byte[] compressed = readAll(file, fileSize);
                ObjectHeader header = codec.peekHeader(compressed, 0, compressed.length);
                if (header.size() <= WHOLE_OBJECT_LIMIT && ObjectHeaders.plausible(header.size(), compressed.length)) {
                    byte[] content = codec.decode(format, compressed, 0, compressed.length, id).content();
                    return new InMemoryObject(id, header, content, file);
                }
                return new Streamed(id, header, file);
            }
            return new Streamed(id, readHeader(file), file);
        } catch (CorruptObjectException e) {
            throw e.withLocation(id, file);
        } catch (CollisionAttackException e) {
            throw e.about(id.name());
        }
    }

    /** The file's bytes, at most {@code size} of them (it may have been replaced meanwhile). */
    private static byte[] readAll(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate((int) size);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // a short read only when the file shrank
            }
            return buffer.position() == size ? buffer.array() : Arrays.copyOf(buffer.array(), buffer.position());
        }
    }

    /** Reads only an object's header (type and size), without checking its content. */
    public ObjectHeader readHeader(ObjectId id) throws IOException {
        Path file = pathOf(id);
        try {
            return readHeader(file);
        } catch (NoSuchFileException e) {
            throw new MissingObjectException(id, null);
        } catch (CorruptObjectException e) {
            throw e.withLocation(id, file);
        }
    }

    private ObjectHeader readHeader(Path file) throws IOException {
        if (!Files.readAttributes(file, BasicFileAttributes.class).isRegularFile()) {
            throw new CorruptObjectException(Corruption.NOT_A_FILE, null);
        }
        byte[] head = new byte[1024];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        return codec.peekHeader(head, 0, n);
    }

    /**
     * The ids of all loose objects whose name starts with {@code prefix} (at least 2 hex digits).
     */
    public List<ObjectId> findByPrefix(String prefix) throws IOException {
        String lower = prefix.toLowerCase(Locale.ROOT);
        List<ObjectId> found = new ArrayList<>();
        Path dir = objectsDir.resolve(lower.substring(0, 2));
        if (!Files.isDirectory(dir)) {
            return found;
        }
        String rest = lower.substring(2);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(rest) && ObjectId.isHex(name, format.hexLength() - 2)) {
                    found.add(ObjectId.fromHex(format, lower.substring(0, 2) + name));
                }
            }
        }
        found.sort(null);
        return found;
    }

    /** Names listed per fan-out directory, for abbreviations; a write to a directory forgets its list. */
    private final java.util.concurrent.ConcurrentHashMap<String, List<String>> fanoutNames =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The full hex names of the loose objects in {@code objects/<fan>/}, listed once per store. */
    public List<String> namesInFanout(String fan) throws IOException {
        List<String> names = fanoutNames.get(fan);
        if (names == null) {
            names = new ArrayList<>();
            Path dir = objectsDir.resolve(fan);
            if (Files.isDirectory(dir)) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                    for (Path entry : entries) {
                        String name = entry.getFileName().toString();
                        if (ObjectId.isHex(name, format.hexLength() - 2)) {
                            names.add(fan + name.toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
            fanoutNames.put(fan, names);
        }
        return names;
    }

    /** Every loose object's id: files named as ids in {@code objects/xx/} (no particular order). */
    public List<ObjectId> list() throws IOException {
        List<ObjectId> found = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            String fan = String.format("%02x", i);
            Path dir = objectsDir.resolve(fan);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    if (ObjectId.isHex(name, format.hexLength() - 2) && name.equals(name.toLowerCase(Locale.ROOT))) {
                        found.add(ObjectId.fromHex(format, fan + name));
                    }
                }
            }
        }
        return found;
    }

    private final class Streamed implements StoredObject {
        private final ObjectId id;
        private final ObjectHeader header;
        private final Path file;

        Streamed(ObjectId id, ObjectHeader header, Path file) {
            this.id = id;
            this.header = header;
            this.file = file;
        }

        @Override
        public ObjectId id() {
            return id;
        }

        @Override
        public ObjectHeader header() {
            return header;
        }

        @Override
        public Path file() {
            return file;
        }

        @Override
        public boolean isLarge() {
            return true;
        }

        @Override
        public byte[] bytes() {
            throw new IllegalStateException("object " + id + " has " + header.size() + " bytes: use copyTo");
        }

        /** Decodes from a mapping of the file: no copies of the input, and the whole of it at once. */
        @Override
        public void copyTo(OutputStream out) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                    Arena arena = Arena.ofConfined()) {
                MemorySegment compressed = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
                codec.decode(format, compressed, out, id);
            } catch (CorruptObjectException e) {
                throw e.withLocation(id, file);
            } catch (CollisionAttackException e) {
                throw e.about(id.name());
            }
        }
    }
}
