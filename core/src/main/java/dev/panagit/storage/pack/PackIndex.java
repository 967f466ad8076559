package dev.panagit.storage.pack;

import dev.panagit.lib.CorruptPackException;
import dev.panagit.lib.Corruption;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * A pack index ({@code .idx}), version 1 or 2, read in place from its mapping: ids sorted with a
 * 256-entry fan-out table, their offsets in the pack (version 2: 31-bit offsets, or an index into a
 * table of 64-bit ones for packs over 2 GiB) and, in version 2, each entry's CRC-32. The
 * structure is checked when opened (size, fan-out); each offset when it is used.
 */
public final class PackIndex {
    private static final int V2_MAGIC = 0xff744f63;
    private static final int FANOUT_BYTES = 256 * 4;
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final java.lang.invoke.VarHandle RAW_LONG =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final Path file;
    private final ObjectFormat format;
    private final MemorySegment map;
    private final int version;
    private final int count;
    private final long fanout;
    private final long ids;
    private final int idStride;
    private final long crcs;
    private final long offsets;
    private final int offsetStride;
    private final long largeOffsets;
    private final int largeCount;
    private final long trailer;

    /**
     * Reads the structure of an index mapped at {@code map}.
     *
     * @throws CorruptPackException when the size, version or fan-out table is wrong
     */
    PackIndex(Path file, ObjectFormat format, MemorySegment map) throws CorruptPackException {
        this.file = file;
        this.format = format;
        this.map = map;
        int raw = format.rawLength();
        long size = map.byteSize();
        if (size >= 8 && map.get(INT, 0) == V2_MAGIC) {
            version = map.get(INT, 4);
            if (version != 2) {
                throw bad("unsupported version " + Integer.toUnsignedString(version));
            }
            fanout = 8;
        } else {
            version = 1;
            fanout = 0;
        }
        if (size < fanout + FANOUT_BYTES + 2L * raw) {
            throw bad("file of " + size + " bytes is too small for an index");
        }
        long previous = 0;
        for (int i = 0; i < 256; i++) {
            long n = Integer.toUnsignedLong(map.get(INT, fanout + 4L * i));
            if (n < previous) {
                throw bad("fan-out table is not monotonic at entry " + i);
            }
            previous = n;
        }
        if (previous > Integer.MAX_VALUE / 64) {
            throw bad("claims " + previous + " objects");
        }
        count = (int) previous;
        long tableStart = fanout + FANOUT_BYTES;
        if (version == 2) {
            ids = tableStart;
            idStride = raw;
            crcs = ids + (long) count * raw;
            offsets = crcs + 4L * count;
            offsetStride = 4;
            largeOffsets = offsets + 4L * count;
            long minimum = largeOffsets + 2L * raw;
            long extra = size - minimum;
            if (extra < 0 || extra % 8 != 0 || extra / 8 > Math.max(0, count - 1)) {
                throw bad("size " + size + " does not fit " + count + " objects");
            }
            largeCount = (int) (extra / 8);
            trailer = largeOffsets + 8L * largeCount;
        } else {
            offsets = tableStart;
            offsetStride = 4 + raw;
            ids = tableStart + 4;
            idStride = 4 + raw;
            crcs = -1;
            largeOffsets = -1;
            largeCount = 0;
            trailer = tableStart + (long) count * (4 + raw);
            if (size != trailer + 2L * raw) {
                throw bad("size " + size + " does not fit " + count + " objects");
            }
        }
    }

    public Path file() {
        return file;
    }

    public int version() {
        return version;
    }

    public int count() {
        return count;
    }

    /** The id of entry {@code n} (entries are sorted by id). */
    public ObjectId id(int n) {
        byte[] raw = new byte[format.rawLength()];
        copyId(n, raw, 0);
        return ObjectId.fromRaw(format, raw, 0);
    }

    /** Copies the raw id of entry {@code n} to {@code dst[at..]}. */
    public void copyId(int n, byte[] dst, int at) {
        MemorySegment.copy(map, ValueLayout.JAVA_BYTE, ids + (long) n * idStride, dst, at, format.rawLength());
    }

    /**
     * The offset of entry {@code n} in the pack, as the index records it (the caller checks it
     * against the pack); -1 for a large offset whose table slot is missing.
     */
    public long offset(int n) {
        long at = offsets + (long) n * offsetStride;
        int value = map.get(INT, at);
        if (version == 1 || value >= 0) {
            return Integer.toUnsignedLong(value);
        }
        int slot = value & 0x7fffffff;
        return slot < largeCount ? map.get(LONG, largeOffsets + 8L * slot) : -1;
    }

    /** Whether this index records CRC-32s (version 2). */
    public boolean hasCrc32() {
        return version == 2;
    }

    /** The CRC-32 of entry {@code n}'s bytes in the pack (version 2 only). */
    public int crc32(int n) {
        return map.get(INT, crcs + 4L * n);
    }

    /** The checksum of the pack this index belongs to, as recorded here. */
    public byte[] packChecksum() {
        return slice(trailer);
    }

    /** The checksum of the index itself (its last bytes). */
    public byte[] indexChecksum() {
        return slice(trailer + format.rawLength());
    }

    /** The bytes the index checksum covers. */
    MemorySegment checksummed() {
        return map.asSlice(0, trailer + format.rawLength());
    }

    private byte[] slice(long at) {
        return map.asSlice(at, format.rawLength()).toArray(ValueLayout.JAVA_BYTE);
    }

    /** The position of {@code id}, or -1. */
    public int find(ObjectId id) {
        byte[] raw = id.toRaw();
        int first = raw[0] & 0xff;
        int low = first == 0 ? 0 : fanoutAt(first - 1);
        int high = fanoutAt(first) - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            int c = compare(mid, raw, raw.length);
            if (c == 0) {
                return mid;
            } else if (c < 0) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return -1;
    }

    /**
     * Hands every id that starts with {@code hexPrefix} (lowercase, at least 2 digits) to
     * {@code found}, in order, stopping after {@code limit}.
     */
    public void findByPrefix(String hexPrefix, int limit, Consumer<ObjectId> found) {
        int digits = hexPrefix.length();
        byte[] prefix = HexFormat.of().parseHex(digits % 2 == 0 ? hexPrefix : hexPrefix + "0");
        int first = prefix[0] & 0xff;
        int low = first == 0 ? 0 : fanoutAt(first - 1);
        int high = fanoutAt(first);
        while (low < high) {   // the first entry not below the prefix
            int mid = (low + high) >>> 1;
            if (compare(mid, prefix, prefix.length) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        int shown = 0;
        for (int n = low; n < count && shown < limit; n++) {
            ObjectId id = id(n);
            if (!id.name().startsWith(hexPrefix)) {
                break;
            }
            found.accept(id);
            shown++;
        }
    }

    /**
     * The most hex digits {@code id} shares with any other id of this index (its neighbours in
     * sorted order): what an abbreviation must go beyond to be unique here.
     */
    public int commonHexDigits(ObjectId id) {
        byte[] raw = id.toRaw();
        int first = raw[0] & 0xff;
        int low = first == 0 ? 0 : fanoutAt(first - 1);
        int high = fanoutAt(first);
        while (low < high) {   // the first entry not below id
            int mid = (low + high) >>> 1;
            if (compare(mid, raw, raw.length) < 0) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        int best = 0;
        if (low > 0) {
            best = commonHexDigits(low - 1, raw);
        }
        int next = low < count && compare(low, raw, raw.length) == 0 ? low + 1 : low;
        if (next < count) {
            best = Math.max(best, commonHexDigits(next, raw));
        }
        return best;
    }

    private int commonHexDigits(int n, byte[] raw) {
        long at = ids + (long) n * idStride;
        for (int i = 0; i < raw.length; i++) {
            int b = map.get(ValueLayout.JAVA_BYTE, at + i) & 0xff;
            int r = raw[i] & 0xff;
            if (b != r) {
                return 2 * i + ((b >> 4) == (r >> 4) ? 1 : 0);
            }
        }
        return 2 * raw.length;
    }

    private int fanoutAt(int i) {
        return map.get(INT, fanout + 4L * i);
    }

    /** Compares entry {@code n}'s id with the first {@code len} bytes of {@code raw}, unsigned. */
    private int compare(int n, byte[] raw, int len) {
        long at = ids + (long) n * idStride;
        int i = 0;
        for (; i + 8 <= len; i += 8) {   // eight bytes at a time: a lookup is a few dozen of these
            long a = map.get(LONG, at + i);
            long b = (long) RAW_LONG.get(raw, i);
            if (a != b) {
                return Long.compareUnsigned(a, b);
            }
        }
        for (; i < len; i++) {
            int c = Integer.compare(map.get(ValueLayout.JAVA_BYTE, at + i) & 0xff, raw[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Whether the ids are strictly increasing (verify and fsck check it; lookups assume it). */
    public int firstUnsorted() {
        byte[] previous = new byte[format.rawLength()];
        byte[] current = new byte[format.rawLength()];
        for (int n = 0; n < count; n++) {
            copyId(n, current, 0);
            if (n > 0 && java.util.Arrays.compareUnsigned(previous, current) >= 0) {
                return n;
            }
            byte[] swap = previous;
            previous = current;
            current = swap;
        }
        return -1;
    }

    private CorruptPackException bad(String detail) {
        return new CorruptPackException(Corruption.BAD_PACK_INDEX, detail, file, -1, null);
    }
}
