package dev.panagit.storage.pack;

import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * What indexing a pack found, entry by entry in pack order: offsets, lengths, CRC-32s, types,
 * delta depths and bases, ids; and the pack index git would write for it.
 */
public final class IndexedPack {
    /** Offsets above this go to version 2's table of 64-bit offsets (git's default). */
    private static final long OFFSET32_LIMIT = 0x7fffffffL;

    private final Path file;
    private final ObjectFormat format;
    private final int count;
    private final long[] offset;
    private final long[] packedLength;
    private final long[] size;
    private final int[] crc32;
    private final byte[] typeCode;
    private final byte[] realType;
    private final int[] depth;
    private final int[] baseEntry;
    private final byte[] ids;
    private final byte[] packChecksum;
    private final Timing timing;

    /** Where the time went: the pass over the entries, and resolving deltas on {@code threads} threads. */
    public record Timing(long scanNanos, long resolveNanos, int threads) {
    }

    IndexedPack(Path file, ObjectFormat format, int count, long[] offset, long[] packedLength, long[] size,
            int[] crc32, byte[] typeCode, byte[] realType, int[] depth, int[] baseEntry, byte[] ids,
            byte[] packChecksum, Timing timing) {
        this.file = file;
        this.format = format;
        this.count = count;
        this.offset = offset;
        this.packedLength = packedLength;
        this.size = size;
        this.crc32 = crc32;
        this.typeCode = typeCode;
        this.realType = realType;
        this.depth = depth;
        this.baseEntry = baseEntry;
        this.ids = ids;
        this.packChecksum = packChecksum;
        this.timing = timing;
    }

    public Timing timing() {
        return timing;
    }

    public Path file() {
        return file;
    }

    public int count() {
        return count;
    }

    public ObjectId id(int i) {
        return ObjectId.fromRaw(format, ids, i * format.rawLength());
    }

    public long offset(int i) {
        return offset[i];
    }

    public long packedLength(int i) {
        return packedLength[i];
    }

    /** The inflated size of entry {@code i}'s data: the object, or its delta. */
    public long entrySize(int i) {
        return size[i];
    }

    public int crc32(int i) {
        return crc32[i];
    }

    public boolean isDelta(int i) {
        return typeCode[i] > ObjectType.TAG.code();
    }

    /** The object's own type (a delta's is its chain's whole object's). */
    public ObjectType type(int i) {
        return ObjectType.fromCode(realType[i]);
    }

    /** How many deltas lead from entry {@code i} to a whole object (0 for a whole object). */
    public int depth(int i) {
        return depth[i];
    }

    /** The entry a delta applies to, or -1. */
    public int base(int i) {
        return baseEntry[i];
    }

    public ObjectFormat format() {
        return format;
    }

    /**
     * Whether {@code existing} is exactly the index this pack gives, written in the existing
     * index's version and with its choice of 64-bit offsets (git keeps these "anomalous offsets"
     * when it verifies, so a valid index made with {@code --index-version=2,<offset>} passes).
     */
    public boolean matchesIndex(byte[] existing) throws IOException {
        boolean v2 = existing.length >= 8 && ByteBuffer.wrap(existing).getInt(0) == 0xff744f63;
        java.util.Set<Long> inTable = new java.util.HashSet<>();
        if (v2) {
            ByteBuffer buf = ByteBuffer.wrap(existing);
            long offsets = 8 + 1024 + (long) count * (format.rawLength() + 4);
            long table = offsets + 4L * count;
            for (int i = 0; i < count && offsets + 4L * i + 4 <= existing.length; i++) {
                int value = buf.getInt((int) (offsets + 4L * i));
                long slot = table + 8L * (value & 0x7fffffff);
                if (value < 0 && slot + 8 <= existing.length) {
                    inTable.add(buf.getLong((int) slot));
                }
            }
        }
        return Arrays.equals(existing, indexBytes(v2 ? 2 : 1, inTable::contains));
    }

    public byte[] packChecksum() {
        return packChecksum.clone();
    }

    /** Entry numbers sorted by id (ties by offset). */
    public int[] byId() {
        int raw = format.rawLength();
        // Counting sort on the first two bytes, then each (small) bucket by the whole id.
        int[] bucketStart = new int[65537];
        for (int i = 0; i < count; i++) {
            bucketStart[key(i) + 1]++;
        }
        for (int b = 0; b < 65536; b++) {
            bucketStart[b + 1] += bucketStart[b];
        }
        int[] fill = Arrays.copyOf(bucketStart, 65536);
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[fill[key(i)]++] = i;
        }
        for (int b = 0; b < 65536; b++) {
            int from = bucketStart[b];
            int to = bucketStart[b + 1];
            for (int i = from + 1; i < to; i++) {   // insertion sort: buckets hold a handful
                int e = order[i];
                int j = i - 1;
                while (j >= from && compare(order[j], e, raw) > 0) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = e;
            }
        }
        return order;
    }

    private int key(int i) {
        int at = i * format.rawLength();
        return (ids[at] & 0xff) << 8 | ids[at + 1] & 0xff;
    }

    private int compare(int a, int b, int raw) {
        int c = Arrays.compareUnsigned(ids, a * raw, a * raw + raw, ids, b * raw, b * raw + raw);
        return c != 0 ? c : Long.compare(offset[a], offset[b]);
    }

    /**
     * The pack index (version 1 or 2) for this pack, byte for byte as {@code git index-pack}
     * writes it.
     *
     * @throws IOException when version 1 cannot hold an offset (packs over 4 GiB)
     */
    public byte[] indexBytes(int version) throws IOException {
        return indexBytes(version, offset -> offset > OFFSET32_LIMIT);
    }

    /**
     * The same, with the offsets {@code large} selects in version 2's table of 64-bit offsets
     * (git's {@code --index-version=2,<offset>}, or the choices an existing index made); offsets
     * over 2^31 - 1 always go there.
     */
    public byte[] indexBytes(int version, java.util.function.LongPredicate large) throws IOException {
        java.util.function.LongPredicate inTable = offset -> offset > OFFSET32_LIMIT || large.test(offset);
        if (version != 1 && version != 2) {
            throw new IllegalArgumentException("pack index version " + version + " (1 or 2)");
        }
        int raw = format.rawLength();
        int[] order = byId();
        int wide = 0;
        for (int i = 0; i < count; i++) {
            if (version == 1 ? offset[i] > 0xffffffffL : inTable.test(offset[i])) {
                if (version == 1) {
                    throw new IOException("pack too large for index version 1: offset " + offset[i]);
                }
                wide++;
            }
        }
        long length = (version == 2 ? 8 : 0) + 1024L + (long) count * (raw + (version == 2 ? 8 : 4)) + 8L * wide
                + 2L * raw;
        if (length > Integer.MAX_VALUE - 16) {
            throw new IOException("pack index of " + length + " bytes is too large");
        }
        ByteBuffer out = ByteBuffer.allocate((int) length);   // big-endian, as the format
        if (version == 2) {
            out.putInt(0xff744f63).putInt(2);
        }
        int[] fanout = new int[256];
        for (int i = 0; i < count; i++) {
            fanout[ids[i * raw] & 0xff]++;
        }
        int running = 0;
        for (int b = 0; b < 256; b++) {
            running += fanout[b];
            out.putInt(running);
        }
        if (version == 1) {
            for (int e : order) {
                out.putInt((int) offset[e]).put(ids, e * raw, raw);
            }
        } else {
            for (int e : order) {
                out.put(ids, e * raw, raw);
            }
            for (int e : order) {
                out.putInt(crc32[e]);
            }
            int slot = 0;
            for (int e : order) {
                out.putInt(inTable.test(offset[e]) ? 0x80000000 | slot++ : (int) offset[e]);
            }
            for (int e : order) {
                if (inTable.test(offset[e])) {
                    out.putLong(offset[e]);
                }
            }
        }
        out.put(packChecksum);
        byte[] all = out.array();
        MessageDigest md = digest();
        md.update(all, 0, out.position());
        out.put(md.digest());
        return all;
    }

    private MessageDigest digest() {
        try {
            return MessageDigest.getInstance(format.digestAlgorithm());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
