package dev.panagit.fsck;

import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import java.util.Arrays;

/**
 * Every object fsck has seen or seen named, compactly: raw ids back to back, an open-addressing
 * table over them, and per object its type, flags and the objects it names, as numbers. A million
 * objects with their links take tens of megabytes, not gigabytes of {@link ObjectId}s and lists.
 * While objects are added ({@link #intern}, {@link #present}) it is thread-safe (one lock, taken
 * once per object); the walk that follows reads it from one thread without locks.
 */
final class ObjectGraph {
    static final byte PRESENT = 1;
    static final byte REACHABLE = 2;
    static final byte USED = 4;
    /** From a promisor pack (a partial clone's): what it names may be missing, to be fetched on demand. */
    static final byte PROMISOR = 8;

    private final ObjectFormat format;
    private final int raw;
    private byte[] ids = new byte[0];
    private byte[] types = new byte[0];
    private byte[] flags = new byte[0];
    private int[] linkStart = new int[0];
    private int[] linkCount = new int[0];
    private int[] links = new int[1024];
    private byte[] linkTypes = new byte[1024];
    private int linkUsed;
    private int[] slots = new int[1 << 12];
    private int count;

    ObjectGraph(ObjectFormat format) {
        this.format = format;
        this.raw = format.rawLength();
        Arrays.fill(slots, -1);
    }

    int size() {
        return count;
    }

    /** The number of the id at {@code src[at..]}, adding it when new. */
    synchronized int intern(byte[] src, int at) {
        if (count * 2 >= slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int h = hash(src, at) & mask;
        while (true) {
            int n = slots[h];
            if (n < 0) {
                ensure(count + 1);
                System.arraycopy(src, at, ids, count * raw, raw);
                slots[h] = count;
                return count++;
            }
            if (Arrays.equals(ids, n * raw, n * raw + raw, src, at, at + raw)) {
                return n;
            }
            h = (h + 1) & mask;
        }
    }

    int intern(ObjectId id) {
        return intern(id.toRaw(), 0);
    }

    /**
     * Interns the ids at {@code src[at[i]..]} for {@code i < n}, under one lock, and marks each as
     * named by another object ({@link #USED}).
     */
    synchronized void internUsed(byte[] src, int[] at, int n) {
        for (int i = 0; i < n; i++) {
            int k = intern(src, at[i]);   // may grow the arrays: index them after
            flags[k] |= USED;
        }
    }

    /** The number of {@code id}, or -1 when never seen. */
    int find(ObjectId id) {
        return find(id.toRaw(), 0);
    }

    /** The number of the id at {@code src[at..]}, or -1 when never seen. */
    int find(byte[] src, int at) {
        int mask = slots.length - 1;
        int h = hash(src, at) & mask;
        while (slots[h] >= 0) {
            int n = slots[h];
            if (Arrays.equals(ids, n * raw, n * raw + raw, src, at, at + raw)) {
                return n;
            }
            h = (h + 1) & mask;
        }
        return -1;
    }

    /**
     * Records object {@code n} as present, of {@code type}, naming {@code targets} (of
     * {@code targetTypes}), which are marked {@link #USED}.
     */
    synchronized void present(int n, ObjectType type, int[] targets, byte[] targetTypes, int targetCount) {
        if ((flags[n] & PRESENT) != 0) {
            return;   // the same object in two stores
        }
        for (int i = 0; i < targetCount; i++) {
            flags[targets[i]] |= USED;
        }
        flags[n] |= PRESENT;
        types[n] = (byte) type.code();
        if (linkUsed + targetCount > links.length) {
            int capacity = Math.max(links.length * 2, linkUsed + targetCount);
            links = Arrays.copyOf(links, capacity);
            linkTypes = Arrays.copyOf(linkTypes, capacity);
        }
        System.arraycopy(targets, 0, links, linkUsed, targetCount);
        System.arraycopy(targetTypes, 0, linkTypes, linkUsed, targetCount);
        linkStart[n] = linkUsed;
        linkCount[n] = targetCount;
        linkUsed += targetCount;
    }

    boolean has(int n, byte flag) {
        return (flags[n] & flag) != 0;
    }

    synchronized void markShared(int n, byte flag) {
        flags[n] |= flag;
    }

    void mark(int n, byte flag) {
        flags[n] |= flag;
    }

    ObjectType type(int n) {
        return ObjectType.fromCode(types[n]);
    }

    int linkCount(int n) {
        return linkCount[n];
    }

    int link(int n, int i) {
        return links[linkStart[n] + i];
    }

    ObjectType linkType(int n, int i) {
        return ObjectType.fromCode(linkTypes[linkStart[n] + i]);
    }

    ObjectId id(int n) {
        return ObjectId.fromRaw(format, ids, n * raw);
    }

    private void ensure(int needed) {
        if (needed > types.length) {
            int capacity = Math.max(1024, types.length * 2);
            ids = Arrays.copyOf(ids, capacity * raw);
            types = Arrays.copyOf(types, capacity);
            flags = Arrays.copyOf(flags, capacity);
            linkStart = Arrays.copyOf(linkStart, capacity);
            linkCount = Arrays.copyOf(linkCount, capacity);
        }
    }

    private void grow() {
        slots = new int[slots.length * 2];
        Arrays.fill(slots, -1);
        int mask = slots.length - 1;
        for (int n = 0; n < count; n++) {
            int h = hash(ids, n * raw) & mask;
            while (slots[h] >= 0) {
                h = (h + 1) & mask;
            }
            slots[h] = n;
        }
    }

    /** Ids are uniformly distributed: four of their bytes are a good hash. */
    private static int hash(byte[] src, int at) {
        return (src[at + 4] & 0xff) << 24 | (src[at + 5] & 0xff) << 16 | (src[at + 6] & 0xff) << 8 | src[at + 7] & 0xff;
    }
}
