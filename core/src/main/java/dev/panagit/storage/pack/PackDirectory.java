package dev.panagit.storage.pack;

import dev.panagit.lib.ObjectCodec;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The packs of one object directory ({@code objects/pack/*.idx} with their {@code .pack}),
 * opened on first use, newest first (as git searches them), and looked for again when an object
 * is not found: packs that appear while a process runs (a concurrent {@code gc} or fetch) are
 * picked up then. Thread-safe.
 */
public final class PackDirectory implements AutoCloseable {
    private final Path directory;
    private final ObjectFormat format;
    private final ObjectCodec codec;
    private final DeltaBaseCache cache;
    private final Map<String, PackFile> open = new LinkedHashMap<>();
    private volatile List<PackFile> packs;

    public PackDirectory(Path directory, ObjectFormat format, ObjectCodec codec, DeltaBaseCache cache) {
        this.directory = directory;
        this.format = format;
        this.codec = codec;
        this.cache = cache;
    }

    public Path directory() {
        return directory;
    }

    /** The packs known now, newest first; looks for them on first call. */
    public List<PackFile> packs() throws IOException {
        List<PackFile> known = packs;
        if (known == null) {
            rescan();
            known = packs;
        }
        return known;
    }

    /** A found object: its pack and offset. */
    public record Found(PackFile pack, long offset) {
    }

    /** Where {@code id} is, in the packs known now; null when in none. */
    public Found find(ObjectId id) throws IOException {
        for (PackFile pack : packs()) {
            long offset = pack.offsetOf(id);
            if (offset >= 0) {
                return new Found(pack, offset);
            }
        }
        return null;
    }

    /**
     * Lists the directory again and opens packs not seen before; returns whether there were any.
     * Packs that disappeared stay readable (their mappings outlive their files).
     */
    public synchronized boolean rescan() throws IOException {
        List<Path> indexes = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "pack-*.idx")) {
            files.forEach(indexes::add);
        } catch (NoSuchFileException e) {
            // no pack directory: no packs
        }
        boolean found = false;
        for (Path index : indexes) {
            String name = index.getFileName().toString();
            Path pack = index.resolveSibling(name.substring(0, name.length() - ".idx".length()) + ".pack");
            if (open.containsKey(name) || !Files.isRegularFile(pack)) {
                continue;   // known, or an index whose pack is still being written or was removed
            }
            open.put(name, PackFile.open(index, pack, format, codec, cache));
            found = true;
        }
        if (found || packs == null) {
            List<PackFile> sorted = new ArrayList<>(open.values());
            sorted.sort(Comparator.comparing(PackDirectory::modified).reversed());
            packs = List.copyOf(sorted);
        }
        return found;
    }

    private static FileTime modified(PackFile pack) {
        try {
            return Files.getLastModifiedTime(pack.packPath());
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    /** Every id in every pack (duplicates across packs included). */
    public void forEachId(java.util.function.Consumer<ObjectId> action) throws IOException {
        for (PackFile pack : packs()) {
            PackIndex index = pack.index();
            for (int n = 0; n < index.count(); n++) {
                action.accept(index.id(n));
            }
        }
    }

    @Override
    public synchronized void close() {
        for (PackFile pack : open.values()) {
            pack.close();
        }
        open.clear();
        packs = List.of();
    }
}
