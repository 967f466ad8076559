package dev.panagit.storage;

import dev.panagit.lib.AmbiguousObjectException;
import dev.panagit.lib.MissingObjectException;
import dev.panagit.lib.ObjectCodec;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectHeader;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.StoredObject;
import dev.panagit.storage.pack.DeltaBaseCache;
import dev.panagit.storage.pack.PackDirectory;
import dev.panagit.storage.pack.PackFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A repository's objects, wherever they are: packs, loose files, and the object directories named
 * in {@code objects/info/alternates} (recursively, up to git's depth of 5). Every lookup goes
 * through here, in git's order: packs, loose objects, packs that appeared since, then alternates.
 * New objects are written loose. Closing it unmaps the packs.
 */
public final class ObjectDatabase implements AutoCloseable {
    /** git's limit on alternates of alternates. */
    private static final int MAX_ALTERNATE_DEPTH = 5;

    private final Path directory;
    private final ObjectFormat format;
    private final ObjectCodec codec;
    private final LooseObjectStore loose;
    private final PackDirectory packs;
    private final int depth;
    private final Set<Path> seen;
    private volatile List<ObjectDatabase> alternates;

    /** The objects of {@code directory} ({@code .git/objects}), delta bases cached up to {@code cacheLimit} bytes. */
    public ObjectDatabase(Path directory, ObjectFormat format, ObjectCodec codec, long cacheLimit) {
        this(directory, format, codec, new DeltaBaseCache(cacheLimit), 0, new java.util.HashSet<>());
    }

    private ObjectDatabase(Path directory, ObjectFormat format, ObjectCodec codec, DeltaBaseCache cache, int depth,
            Set<Path> seen) {
        this.directory = directory;
        this.format = format;
        this.codec = codec;
        this.loose = new LooseObjectStore(directory, format, codec);
        this.packs = new PackDirectory(directory.resolve("pack"), format, codec, cache);
        this.depth = depth;
        this.seen = seen;
        seen.add(directory.toAbsolutePath().normalize());
    }

    /** The hash of this database's ids. */
    public ObjectFormat format() {
        return format;
    }

    /** The codec objects are hashed and compressed with. */
    public ObjectCodec codec() {
        return codec;
    }

    /** The {@code objects} directory. */
    public Path directory() {
        return directory;
    }

    /** The loose objects, one file each. */
    public LooseObjectStore loose() {
        return loose;
    }

    /**
     * This directory's packs, newest first (not the alternates'): what each holds and how its
     * entries are stored. Valid until this database is closed.
     */
    public List<Pack> packs() throws IOException {
        return List.copyOf(packs.packs());
    }

    /** Where an object is stored. */
    public sealed interface Location {
        /** A loose object's file, in this database or an alternate. */
        record Loose(LooseObjectStore store, Path file) implements Location {
        }

        /** An entry of a pack: {@code pack.entry(offset)} tells how it is stored. */
        record Packed(Pack pack, long offset) implements Location {
        }
    }

    /**
     * Where {@code id} is, or null when nowhere: the packs known so far, loose objects, the
     * alternates the same way; only when that finds nothing are the pack directories listed again
     * (a repack may have moved the object), as git does. A repository whose objects live in an
     * alternate thus lists no directory per lookup.
     */
    public Location locate(ObjectId id) throws IOException {
        checkFormat(id);
        Location location = locateKnown(id);
        if (location == null && rescanAll()) {
            location = locateKnown(id);
        }
        return location;
    }

    private Location locateKnown(ObjectId id) throws IOException {
        PackDirectory.Found found = packs.find(id);
        if (found != null) {
            return new Location.Packed(found.pack(), found.offset());
        }
        if (loose.has(id)) {
            return new Location.Loose(loose, loose.pathOf(id));
        }
        for (ObjectDatabase alternate : alternates()) {
            Location location = alternate.locateKnown(id);
            if (location != null) {
                return location;
            }
        }
        return null;
    }

    /** Lists the pack directories again, here and in the alternates; whether any pack came or went. */
    private boolean rescanAll() throws IOException {
        boolean changed = packs.rescan();
        for (ObjectDatabase alternate : alternates()) {
            changed |= alternate.rescanAll();
        }
        return changed;
    }

    /** Whether an object is stored here, loose, packed or in an alternate (its content is not read). */
    public boolean has(ObjectId id) throws IOException {
        return locate(id) != null;
    }

    /**
     * Opens an object, checking it; throws {@link MissingObjectException} when there is none. In
     * the order of {@link #locate}: packs, loose objects (read at once, with no separate existence
     * check), alternates, then packs that appeared since.
     */
    public StoredObject open(ObjectId id) throws IOException {
        checkFormat(id);
        if (packs.find(id) == null) {
            StoredObject object = loose.openIfPresent(id);
            if (object != null) {
                return object;
            }
        }
        return switch (require(id)) {
            case Location.Packed packed -> {
                try {
                    yield PackFile.of(packed.pack()).open(id, packed.offset());
                } catch (dev.panagit.lib.CorruptObjectException e) {
                    throw e.withLocation(id, packed.pack().packPath());
                } catch (dev.panagit.lib.CollisionAttackException e) {
                    throw e.about(id.name());
                }
            }
            case Location.Loose l -> l.store().open(id);
        };
    }

    /** An object's type and size, reading as little as its store allows. */
    public ObjectHeader readHeader(ObjectId id) throws IOException {
        return switch (require(id)) {
            case Location.Packed packed -> {
                try {
                    yield PackFile.of(packed.pack()).info(packed.offset());
                } catch (dev.panagit.lib.CorruptObjectException e) {
                    throw e.withLocation(id, packed.pack().packPath());
                }
            }
            case Location.Loose l -> l.store().readHeader(id);
        };
    }

    private Location require(ObjectId id) throws IOException {
        Location location = locate(id);
        if (location == null) {
            throw new MissingObjectException(id, null);
        }
        return location;
    }

    /** Stores an object held in memory, loose, unless it exists already; returns its id. */
    public ObjectId insert(ObjectType type, byte[] content) throws IOException {
        ObjectId id = codec.hashObject(format, type, content, 0, content.length);
        return has(id) ? id : loose.write(type, content);
    }

    /**
     * Stores many objects of one type, each loose unless it exists already, and returns their ids
     * in order. The ids are computed first, in batches ({@link ObjectCodec#hashObjects}: small
     * objects hashed several at a time), so an object already stored costs a hash and a lookup.
     *
     * @param type the type of every object
     * @param contents the objects' contents; not changed
     * @return the ids, one per content, in the same order
     * @throws IOException when an object cannot be written
     */
    public List<ObjectId> insertAll(ObjectType type, List<byte[]> contents) throws IOException {
        List<ObjectId> ids = hashAll(type, contents);
        for (int i = 0; i < ids.size(); i++) {
            if (!has(ids.get(i))) {
                loose.write(type, contents.get(i));
            }
        }
        return ids;
    }

    /** Bytes of content joined for one batch call: bounded, so a batch never holds much more than this. */
    private static final int BATCH_BYTES = 8 << 20;

    private List<ObjectId> hashAll(ObjectType type, List<byte[]> contents) {
        List<ObjectId> ids = new ArrayList<>(contents.size());
        int start = 0;
        while (start < contents.size()) {
            byte[] first = contents.get(start);
            if (first.length >= BATCH_BYTES) {   // large: hashed where it is, no copy
                ids.add(codec.hashObject(format, type, first, 0, first.length));
                start++;
                continue;
            }
            int end = start;
            int bytes = 0;
            while (end < contents.size() && contents.get(end).length < BATCH_BYTES - bytes) {
                bytes += contents.get(end++).length;
            }
            byte[] joined = new byte[bytes];
            int[] lengths = new int[end - start];
            for (int i = start, at = 0; i < end; i++) {
                byte[] content = contents.get(i);
                System.arraycopy(content, 0, joined, at, content.length);
                at += content.length;
                lengths[i - start] = content.length;
            }
            ids.addAll(List.of(codec.hashObjects(format, type, joined, lengths)));
            start = end;
        }
        return ids;
    }

    /** Stores an object of exactly {@code size} bytes read from {@code content}, in bounded memory. */
    public ObjectId insert(ObjectType type, long size, InputStream content) throws IOException {
        return loose.insert(type, size, content);
    }

    /** The ids, everywhere, that start with {@code prefix} (2 or more hex digits), sorted, each once. */
    public List<ObjectId> findByPrefix(String prefix) throws IOException {
        String lower = prefix.toLowerCase(Locale.ROOT);
        TreeSet<ObjectId> found = new TreeSet<>(loose.findByPrefix(lower));
        for (PackFile pack : packs.packs()) {
            pack.index().findByPrefix(lower, Integer.MAX_VALUE, found::add);
        }
        for (ObjectDatabase alternate : alternates()) {
            found.addAll(alternate.findByPrefix(lower));
        }
        return new ArrayList<>(found);
    }

    /** Resolves a unique abbreviated id (4 or more hex digits); null when nothing matches. */
    public ObjectId resolveAbbreviation(String hex) throws IOException {
        List<ObjectId> matches = findByPrefix(hex);
        if (matches.size() > 1) {
            throw new AmbiguousObjectException(hex.toLowerCase(Locale.ROOT), matches);
        }
        return matches.isEmpty() ? null : matches.get(0);
    }

    /**
     * git's shortest abbreviation: at least 7 hex digits, more in large repositories (half the bits
     * of the approximate object count, rounded up, as git's {@code core.abbrev=auto}), and as many
     * more as it takes to be unique among every object here.
     */
    public String abbreviate(ObjectId id) throws IOException {
        int length = Math.max(minimumAbbreviation(), commonHexDigits(id) + 1);
        return id.abbreviate(Math.min(length, format.hexLength()));
    }

    private volatile int minimumAbbreviation;

    private int minimumAbbreviation() throws IOException {
        int min = minimumAbbreviation;
        if (min == 0) {
            long count = approximateObjectCount();
            int bits = 64 - Long.numberOfLeadingZeros(count);   // git: msb(count) + 1
            min = Math.max(7, (bits + 1) / 2);
            minimumAbbreviation = min;
        }
        return min;
    }

    /** The objects in packs, here and in alternates (git counts no loose objects for this). */
    private long approximateObjectCount() throws IOException {
        long count = 0;
        for (PackFile pack : packs.packs()) {
            count += pack.index().count();
        }
        for (ObjectDatabase alternate : alternates()) {
            count += alternate.approximateObjectCount();
        }
        return count;
    }

    /** The most hex digits {@code id} shares with another object, in any store. */
    private int commonHexDigits(ObjectId id) throws IOException {
        int best = 0;
        for (PackFile pack : packs.packs()) {
            best = Math.max(best, pack.index().commonHexDigits(id));
        }
        String name = id.name();
        for (String other : loose.namesInFanout(name.substring(0, 2))) {
            if (!other.equals(name)) {
                int i = 0;
                while (i < name.length() && name.charAt(i) == other.charAt(i)) {
                    i++;
                }
                best = Math.max(best, i);
            }
        }
        for (ObjectDatabase alternate : alternates()) {
            best = Math.max(best, alternate.commonHexDigits(id));
        }
        return best;
    }

    /** Every object id, everywhere (alternates included), sorted, each once. */
    public TreeSet<ObjectId> allIds() throws IOException {
        TreeSet<ObjectId> all = new TreeSet<>(loose.list());
        packs.forEachId(all::add);
        for (ObjectDatabase alternate : alternates()) {
            all.addAll(alternate.allIds());
        }
        return all;
    }

    /** The object directories of {@code objects/info/alternates}, opened on first use. */
    public List<ObjectDatabase> alternates() throws IOException {
        List<ObjectDatabase> known = alternates;
        if (known == null) {
            synchronized (this) {
                known = alternates;
                if (known == null) {
                    known = readAlternates();
                    alternates = known;
                }
            }
        }
        return known;
    }

    private List<ObjectDatabase> readAlternates() throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(directory.resolve("info/alternates"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        if (depth >= MAX_ALTERNATE_DEPTH) {
            return List.of();   // git: "ignoring alternate object stores, nesting too deep"
        }
        List<ObjectDatabase> result = new ArrayList<>();
        for (String line : lines) {
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            Path dir = directory.resolve(entry).toAbsolutePath().normalize();
            if (Files.isDirectory(dir) && !seen.contains(dir)) {
                result.add(new ObjectDatabase(dir, format, codec, new DeltaBaseCache(DeltaBaseCache.DEFAULT_LIMIT / 4),
                        depth + 1, seen));
            }
        }
        return List.copyOf(result);
    }

    private void checkFormat(ObjectId id) {
        if (id.format() != format) {
            throw new IllegalArgumentException("object id " + id + " is " + id.format().configName()
                    + " but this repository uses " + format.configName());
        }
    }

    @Override
    public void close() {
        packs.close();
        List<ObjectDatabase> known = alternates;
        if (known != null) {
            known.forEach(ObjectDatabase::close);
        }
    }
}
