package dev.panagit.storage.pack;

import dev.panagit.lib.ObjectType;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recently resolved delta bases, keyed by pack and offset, bounded in bytes (git's
 * {@code core.deltaBaseCacheLimit}, 96 MiB by default), least recently used out first: walking
 * history resolves the same bases again and again, and this keeps them from being re-inflated.
 * Thread-safe.
 */
public final class DeltaBaseCache {
    /** git's default {@code core.deltaBaseCacheLimit}. */
    public static final long DEFAULT_LIMIT = 96L << 20;

    /** A cached object: its type and content (never modified). */
    record Entry(ObjectType type, byte[] content) {
    }

    private record Key(PackFile pack, long offset) {
    }

    private final long limit;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    public DeltaBaseCache(long limit) {
        this.limit = limit;
    }

    synchronized Entry get(PackFile pack, long offset) {
        return entries.get(new Key(pack, offset));
    }

    synchronized void put(PackFile pack, long offset, ObjectType type, byte[] content) {
        if (content.length > limit / 2) {
            return;   // would push out everything else
        }
        Entry old = entries.put(new Key(pack, offset), new Entry(type, content));
        bytes += content.length - (old == null ? 0 : old.content().length);
        Iterator<Map.Entry<Key, Entry>> eldest = entries.entrySet().iterator();
        while (bytes > limit && eldest.hasNext()) {
            bytes -= eldest.next().getValue().content().length;
            eldest.remove();
        }
    }

    /** Forgets everything from {@code pack} (when it is closed). */
    synchronized void drop(PackFile pack) {
        Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Entry> e = it.next();
            if (e.getKey().pack() == pack) {
                bytes -= e.getValue().content().length;
                it.remove();
            }
        }
    }

    /** Bytes held now. */
    synchronized long size() {
        return bytes;
    }
}
