package dev.panagit.storage.pack;

import dev.panagit.codec.Deltas;
import dev.panagit.codec.ObjectHeaders;
import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.CorruptPackException;
import dev.panagit.lib.Corruption;
import dev.panagit.lib.ObjectCodec;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectHeader;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.PackCodec;
import dev.panagit.lib.PackEntryHeader;
import dev.panagit.lib.InMemoryObject;
import dev.panagit.lib.StoredObject;
import dev.panagit.storage.Pack;
import dev.panagit.storage.PackEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One pack and its index, both memory-mapped (one shared arena, closed with the pack), so that
 * either codec reads entries in place. Objects are rebuilt from delta chains of any depth,
 * iteratively, with bases kept in a {@link DeltaBaseCache}; every offset and size read from the
 * files is checked before it is used, and every error names the pack, the offset and, where
 * known, the object.
 */
public final class PackFile implements Pack, AutoCloseable {
    /** Objects up to this size are read whole; larger whole entries stream (as loose objects do). */
    public static final long IN_MEMORY_LIMIT = 32L << 20;

    private final Path packPath;
    private final Path indexPath;
    private final ObjectFormat format;
    private final ObjectCodec objects;
    private final PackCodec codec;
    private final DeltaBaseCache cache;
    private final Arena arena;
    private final MemorySegment pack;
    private final MemorySegment entries;
    private final PackIndex index;
    private final int version;
    private volatile Reverse reverse;

    private PackFile(Path packPath, Path indexPath, ObjectFormat format, ObjectCodec objects, DeltaBaseCache cache,
            Arena arena, MemorySegment pack, PackIndex index, int version) {
        this.packPath = packPath;
        this.indexPath = indexPath;
        this.format = format;
        this.objects = objects;
        this.codec = objects.pack();
        this.cache = cache;
        this.arena = arena;
        this.pack = pack;
        this.entries = pack.asSlice(0, pack.byteSize() - format.rawLength());
        this.index = index;
        this.version = version;
    }

    /**
     * Maps a pack and its index and checks that they belong together: the pack's header, its
     * entry count against the index's, and the pack checksum the index records.
     */
    public static PackFile open(Path indexPath, Path packPath, ObjectFormat format, ObjectCodec codec,
            DeltaBaseCache cache) throws IOException {
        Arena arena = Arena.ofShared();
        try {
            PackIndex index = new PackIndex(indexPath, format, map(indexPath, arena));
            MemorySegment pack = map(packPath, arena);
            int version = checkHeader(packPath, format, pack, index.count());
            byte[] trailer = pack.asSlice(pack.byteSize() - format.rawLength()).toArray(ValueLayout.JAVA_BYTE);
            if (!Arrays.equals(trailer, index.packChecksum())) {
                throw new CorruptPackException(Corruption.BAD_PACK, "its checksum is not the one its index "
                        + indexPath.getFileName() + " records", packPath, -1, null);
            }
            return new PackFile(packPath, indexPath, format, codec, cache, arena, pack, index, version);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    static MemorySegment map(Path file, Arena arena) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
        }
    }

    /**
     * Checks "PACK", a version git reads (2 or 3) and, when {@code expectedCount} is not negative,
     * the entry count; returns the version.
     */
    static int checkHeader(Path file, ObjectFormat format, MemorySegment pack, long expectedCount)
            throws CorruptPackException {
        if (pack.byteSize() < PackFormat.HEADER_SIZE + format.rawLength()) {
            throw new CorruptPackException(Corruption.BAD_PACK, "file of " + pack.byteSize()
                    + " bytes is too small for a pack", file, -1, null);
        }
        if (pack.get(PackFormat.INT, 0) != PackFormat.SIGNATURE) {
            throw new CorruptPackException(Corruption.BAD_PACK, "no PACK signature", file, -1, null);
        }
        int version = pack.get(PackFormat.INT, 4);
        if (version != 2 && version != 3) {
            throw new CorruptPackException(Corruption.BAD_PACK, "unsupported version "
                    + Integer.toUnsignedString(version), file, -1, null);
        }
        long count = Integer.toUnsignedLong(pack.get(PackFormat.INT, 8));
        if (expectedCount >= 0 && count != expectedCount) {
            throw new CorruptPackException(Corruption.BAD_PACK, "it holds " + count + " objects, its index "
                    + expectedCount, file, -1, null);
        }
        return version;
    }

    @Override
    public Path packPath() {
        return packPath;
    }

    @Override
    public Path indexPath() {
        return indexPath;
    }

    public PackIndex index() {
        return index;
    }

    @Override
    public int version() {
        return version;
    }

    public ObjectFormat format() {
        return format;
    }

    @Override
    public long size() {
        return pack.byteSize();
    }

    /** The pack's entries: the mapping up to its trailing checksum. */
    MemorySegment entries() {
        return entries;
    }

    /** The whole mapping (for checksums). */
    MemorySegment mapping() {
        return pack;
    }

    /** Whether a {@code .promisor} file marks this pack as a partial clone's: what it names may be missing. */
    public boolean isPromisor() {
        String name = packPath.getFileName().toString();
        return java.nio.file.Files.exists(packPath.resolveSibling(name.substring(0, name.length() - 5) + ".promisor"));
    }

    /** Whether the pack's bytes hash to its trailing checksum (reads the whole pack). */
    public boolean checksumMatches() {
        PackCodec.Checksum sum = codec.checksum(format);
        sum.update(entries);
        byte[] trailer = pack.asSlice(entries.byteSize(), format.rawLength()).toArray(ValueLayout.JAVA_BYTE);
        return Arrays.equals(sum.finish(), trailer);
    }

    @Override
    public boolean has(ObjectId id) {
        return index.find(id) >= 0;
    }

    /** The offset of {@code id}, or -1 when this pack does not hold it. */
    public long offsetOf(ObjectId id) throws CorruptPackException {
        int n = index.find(id);
        return n < 0 ? -1 : checkedOffset(n, id);
    }

    /** The offset of index entry {@code n}, checked against the pack. */
    public long checkedOffset(int n, ObjectId id) throws CorruptPackException {
        long offset = index.offset(n);
        if (offset < PackFormat.HEADER_SIZE || offset >= entries.byteSize()) {
            throw new CorruptPackException(Corruption.BAD_PACK_INDEX, "records offset " + offset
                    + ", outside " + packPath.getFileName() + " (" + pack.byteSize() + " bytes)", indexPath, -1,
                    id != null ? id : index.id(n));
        }
        return offset;
    }

    /** The entry header at {@code offset}. */
    public PackEntryHeader header(long offset) throws CorruptPackException {
        try {
            return codec.entryHeader(format, entries, offset);
        } catch (CorruptObjectException e) {
            throw CorruptPackException.at(e, packPath, offset, null);
        }
    }

    /**
     * The reverse index: every entry's offset, sorted, with the index position of each (git's
     * {@code .rev}), built on first need: only entry ends and ids by offset use it.
     */
    private record Reverse(long[] offsets, int[] positions) {
    }

    private Reverse reverse() {
        Reverse r = reverse;
        if (r == null) {
            int n = index.count();
            long[] offsets = new long[n];
            int[] positions = new int[n];
            int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, n));
            long[] keys = new long[n];
            boolean packed = true;
            for (int i = 0; i < n && packed; i++) {
                long offset = index.offset(i);
                packed = offset >= 0 && offset < (1L << (63 - bits));
                keys[i] = offset << bits | i;   // offset and position in one sortable long
            }
            if (packed) {
                Arrays.sort(keys);
                for (int i = 0; i < n; i++) {
                    offsets[i] = keys[i] >>> bits;
                    positions[i] = (int) (keys[i] & ((1L << bits) - 1));
                }
            } else {
                Integer[] order = new Integer[n];
                for (int i = 0; i < n; i++) {
                    order[i] = i;
                }
                Arrays.sort(order, (a, b) -> Long.compare(index.offset(a), index.offset(b)));
                for (int i = 0; i < n; i++) {
                    positions[i] = order[i];
                    offsets[i] = index.offset(order[i]);
                }
            }
            r = new Reverse(offsets, positions);
            reverse = r;
        }
        return r;
    }

    /** Where the entry at {@code offset} ends: the next entry's offset, or the checksum's. */
    public long entryEnd(long offset) {
        long[] sorted = reverse().offsets();
        int at = Arrays.binarySearch(sorted, offset);
        int next = at >= 0 ? at + 1 : -at - 1;
        while (next < sorted.length && sorted[next] <= offset) {
            next++;
        }
        return next < sorted.length ? Math.min(sorted[next], entries.byteSize()) : entries.byteSize();
    }

    /** The id of the entry at {@code offset}, as the index names it. */
    public ObjectId idAt(long offset) throws CorruptPackException {
        Reverse r = reverse();
        int at = Arrays.binarySearch(r.offsets(), offset);
        if (at < 0) {
            throw new CorruptPackException(Corruption.BAD_PACK_INDEX, "no object at offset " + offset, indexPath,
                    offset, null);
        }
        return index.id(r.positions()[at]);
    }

    /** The id a REF_DELTA entry names as its base. */
    public ObjectId refBase(long offset, PackEntryHeader header) {
        long at = offset + header.headerLength() - format.rawLength();
        return ObjectId.fromRaw(format, entries.asSlice(at, format.rawLength()).toArray(ValueLayout.JAVA_BYTE), 0);
    }

    /** The offset of a delta entry's base in this pack. */
    public long baseOffset(long offset, PackEntryHeader header) throws CorruptPackException {
        if (header.typeCode() == PackEntryHeader.OFS_DELTA) {
            return header.baseOffset();
        }
        ObjectId base = refBase(offset, header);
        long at = offsetOf(base);
        if (at < 0) {
            throw new CorruptPackException(Corruption.MISSING_DELTA_BASE, "base " + base.name()
                    + " is not in this pack", packPath, offset, null);
        }
        return at;
    }

    @Override
    public int indexVersion() {
        return index.version();
    }

    @Override
    public int objectCount() {
        return index.count();
    }

    @Override
    public PackEntry entry(long offset) throws CorruptPackException {
        ObjectId id = idAt(offset);   // first: it refuses an offset where no entry starts
        return describe(offset, header(offset), id);
    }

    @Override
    public List<PackEntry> deltaChain(long offset) throws CorruptPackException {
        List<PackEntry> entries = new ArrayList<>();
        for (Link link : chain(offset, false)) {
            entries.add(describe(link.offset(), link.header(), idAt(link.offset())));
        }
        return List.copyOf(entries);
    }

    private PackEntry describe(long offset, PackEntryHeader header, ObjectId id) throws CorruptPackException {
        ObjectId base = switch (header.typeCode()) {
            case PackEntryHeader.REF_DELTA -> refBase(offset, header);
            case PackEntryHeader.OFS_DELTA -> idAt(header.baseOffset());
            default -> null;
        };
        return new PackEntry(offset, entryEnd(offset) - offset, header, id, base);
    }

    /** The implementation behind a pack the object database handed out. */
    public static PackFile of(Pack pack) {
        if (pack instanceof PackFile file) {
            return file;
        }
        throw new IllegalArgumentException("not a pack of this library: " + pack.getClass().getName());
    }

    /** One link of a delta chain: an entry and its header. */
    public record Link(long offset, PackEntryHeader header) {
    }

    /**
     * The chain from the entry at {@code offset} down to its whole base (or to a cached object,
     * when {@code useCache}): the first link is the entry itself. Detects loops.
     */
    public List<Link> chain(long offset, boolean useCache) throws CorruptPackException {
        List<Link> links = new ArrayList<>();
        Set<Long> refTargets = null;
        long at = offset;
        while (true) {
            PackEntryHeader header = header(at);
            links.add(new Link(at, header));
            if (!header.isDelta() || (useCache && at != offset && cache.get(this, at) != null)) {
                return links;
            }
            long base = baseOffset(at, header);
            if (header.typeCode() == PackEntryHeader.REF_DELTA) {
                if (refTargets == null) {
                    refTargets = new HashSet<>();
                }
                if (!refTargets.add(base)) {
                    throw new CorruptPackException(Corruption.DELTA_LOOP, null, packPath, offset, null);
                }
            }
            at = base;
        }
    }

    /** An object rebuilt from the pack: its type and content. */
    public record Loaded(ObjectType type, byte[] content) {
    }

    /** Rebuilds the object at {@code offset} in memory (any size a Java array holds). */
    public Loaded load(long offset) throws CorruptPackException {
        List<Link> links = chain(offset, true);
        Link bottom = links.get(links.size() - 1);
        ObjectType type;
        byte[] data;
        DeltaBaseCache.Entry cached = bottom.offset() != offset ? cache.get(this, bottom.offset()) : null;
        if (cached != null) {
            type = cached.type();
            data = cached.content();
        } else if (!bottom.header().isDelta()) {
            type = bottom.header().objectType();
            data = inflate(bottom.offset(), bottom.header());
        } else {
            throw new IllegalStateException("delta chain ends in a delta at " + bottom.offset());
        }
        for (int i = links.size() - 2; i >= 0; i--) {
            Link link = links.get(i);
            Link base = links.get(i + 1);
            if (cached == null || base != bottom) {
                cache.put(this, base.offset(), type, data);
            }
            byte[] delta = inflate(link.offset(), link.header());
            try {
                data = codec.applyDelta(data, delta);
            } catch (CorruptObjectException e) {
                throw CorruptPackException.at(e, packPath, link.offset(), null);
            }
        }
        return new Loaded(type, data);
    }

    /** The type and size of the object at {@code offset}, reading no more than headers and one delta. */
    public ObjectHeader info(long offset) throws CorruptPackException {
        List<Link> links = chain(offset, true);
        Link bottom = links.get(links.size() - 1);
        DeltaBaseCache.Entry cached = bottom.offset() != offset ? cache.get(this, bottom.offset()) : null;
        ObjectType type = cached != null ? cached.type() : bottom.header().objectType();
        PackEntryHeader top = links.get(0).header();
        if (!top.isDelta()) {
            return new ObjectHeader(type, top.size());
        }
        byte[] delta = inflate(offset, top);
        try {
            long size = Deltas.sizes(delta, delta.length).resultSize();
            if (size < 0) {
                throw new CorruptObjectException(Corruption.BAD_DELTA, "result size over 2^63 - 1");
            }
            return new ObjectHeader(type, size);
        } catch (CorruptObjectException e) {
            throw CorruptPackException.at(e, packPath, offset, null);
        }
    }

    /**
     * Opens the object {@code id} at {@code offset}: rebuilt and checked against its id (a whole
     * entry inflated and hashed in one codec call), or streamed when it is large.
     */
    public StoredObject open(ObjectId id, long offset) throws CorruptPackException {
        PackEntryHeader header = header(offset);
        if (!header.isDelta() && header.size() > IN_MEMORY_LIMIT) {
            return new Streamed(id, offset, header);
        }
        ObjectType type;
        byte[] content;
        ObjectId actual;
        if (header.isDelta()) {
            Loaded loaded = load(offset);
            type = loaded.type();
            content = loaded.content();
            actual = objects.hashObject(format, type, content, 0, content.length);
        } else {
            type = header.objectType();
            content = new byte[(int) header.size()];
            try {
                actual = codec.inflate(format, type, entries.asSlice(offset + header.headerLength()), content).id();
            } catch (CorruptObjectException e) {
                throw CorruptPackException.at(e, packPath, offset, id);
            }
        }
        if (!actual.equals(id)) {
            throw new CorruptPackException(Corruption.ID_MISMATCH, "hashes to " + actual.name(), packPath, offset, id);
        }
        return new InMemoryObject(id, new ObjectHeader(type, content.length), content, packPath);
    }

    /**
     * Inflates an entry's data (a whole object or a delta) into a new array. Sizes over
     * {@link #IN_MEMORY_LIMIT} are first checked against the entry's compressed length, so a lie
     * does not size an allocation.
     */
    byte[] inflate(long offset, PackEntryHeader header) throws CorruptPackException {
        long data = offset + header.headerLength();
        long size = header.size();
        try {
            MemorySegment in = entries.asSlice(data);
            if (size > IN_MEMORY_LIMIT) {
                in = entries.asSlice(data, Math.max(0, entryEnd(offset) - data));
                if (!ObjectHeaders.plausible(size, in.byteSize())) {
                    throw new CorruptObjectException(Corruption.SIZE_MISMATCH, "declares " + size + " bytes in "
                            + in.byteSize() + " compressed bytes");
                }
                if (size > Deltas.MAX_ARRAY) {
                    throw Deltas.tooLarge(size);
                }
            }
            byte[] out = new byte[(int) size];
            codec.inflate(format, null, in, out);
            return out;
        } catch (CorruptObjectException e) {
            throw CorruptPackException.at(e, packPath, offset, null);
        }
    }

    /** A large whole object, inflated (and checked) as it is copied out. */
    private final class Streamed implements StoredObject {
        private final ObjectId id;
        private final long offset;
        private final PackEntryHeader entry;

        Streamed(ObjectId id, long offset, PackEntryHeader entry) {
            this.id = id;
            this.offset = offset;
            this.entry = entry;
        }

        @Override
        public ObjectId id() {
            return id;
        }

        @Override
        public ObjectHeader header() {
            return new ObjectHeader(entry.objectType(), entry.size());
        }

        @Override
        public Path file() {
            return packPath;
        }

        @Override
        public boolean isLarge() {
            return true;
        }

        @Override
        public byte[] bytes() {
            throw new IllegalStateException("object " + id + " has " + entry.size() + " bytes: use copyTo");
        }

        @Override
        public void copyTo(OutputStream out) throws IOException {
            long data = offset + entry.headerLength();
            MemorySegment in = entries.asSlice(data, entryEnd(offset) - data);
            ObjectId actual;
            try {
                actual = codec.inflateTo(format, entry.objectType(), entry.size(), in, out);
            } catch (CorruptObjectException e) {
                throw CorruptPackException.at(e, packPath, offset, id);
            }
            if (!actual.equals(id)) {
                throw new CorruptPackException(Corruption.ID_MISMATCH, "hashes to " + actual.name(), packPath,
                        offset, id);
            }
        }
    }

    @Override
    public void close() {
        cache.drop(this);
        arena.close();
    }

    @Override
    public String toString() {
        return packPath.toString();
    }

    /** Constants of git's pack format. */
    static final class PackFormat {
        static final int HEADER_SIZE = 12;
        static final int SIGNATURE = 0x5041434b;   // "PACK"
        static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

        private PackFormat() {
        }
    }
}
