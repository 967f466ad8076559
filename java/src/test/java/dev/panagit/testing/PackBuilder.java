package dev.panagit.testing;

import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Packs (and their indexes) made by hand, valid or hostile: entries of any type with any declared
 * size, deltas from copy and insert instructions, and a correct trailing checksum unless asked
 * otherwise, so that each test meets exactly the fault it is about.
 */
public final class PackBuilder {
    private final ObjectFormat format;
    private final ByteArrayOutputStream entries = new ByteArrayOutputStream();
    private final List<Long> offsets = new ArrayList<>();

    public PackBuilder(ObjectFormat format) {
        this.format = format;
    }

    /** The offset the next entry gets. */
    public long next() {
        return 12 + entries.size();
    }

    /** A whole object: type 1-4 and its content. */
    public long whole(int type, byte[] content) {
        return entry(header(type, content.length), TestData.deflate(content, 6));
    }

    /** An OFS_DELTA on the entry at {@code base}. */
    public long ofsDelta(long base, byte[] delta) {
        long at = next();
        byte[] h = header(6, delta.length);
        return entry(concat(h, ofs(at - base)), TestData.deflate(delta, 6));
    }

    /** A REF_DELTA on the object {@code base}. */
    public long refDelta(ObjectId base, byte[] delta) {
        return entry(concat(header(7, delta.length), base.toRaw()), TestData.deflate(delta, 6));
    }

    /** Any bytes as one entry (a hostile header, a stream of the wrong size, ...). */
    public long entry(byte[] header, byte[] data) {
        long at = next();
        offsets.add(at);
        entries.writeBytes(header);
        entries.writeBytes(data);
        return at;
    }

    /** Offsets of the entries added so far. */
    public List<Long> offsets() {
        return List.copyOf(offsets);
    }

    /** The pack: header with the number of entries added, the entries, the checksum. */
    public byte[] build() {
        return build(offsets.size(), true);
    }

    /** The pack with any entry count, and a correct or a wrong checksum. */
    public byte[] build(long declaredCount, boolean goodChecksum) {
        ByteBuffer header = ByteBuffer.allocate(12).put(new byte[] {'P', 'A', 'C', 'K'}).putInt(2)
                .putInt((int) declaredCount);
        byte[] body = concat(header.array(), entries.toByteArray());
        byte[] sum = digest(body);
        if (!goodChecksum) {
            sum[0] ^= 1;
        }
        return concat(body, sum);
    }

    /**
     * A version 2 index naming {@code ids[i]} at {@code offsets[i]} (any offsets, even wrong ones),
     * for {@code pack}: sorted by id, fan-out, CRCs of the bytes at each offset where it can.
     */
    public static byte[] index(ObjectFormat format, byte[] pack, ObjectId[] ids, long[] offsets) {
        Integer[] order = new Integer[ids.length];
        for (int i = 0; i < ids.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> ids[a].compareTo(ids[b]));
        int raw = format.rawLength();
        ByteBuffer out = ByteBuffer.allocate(8 + 1024 + ids.length * (raw + 8) + 2 * raw);
        out.putInt(0xff744f63).putInt(2);
        int[] fanout = new int[256];
        for (ObjectId id : ids) {
            fanout[id.toRaw()[0] & 0xff]++;
        }
        int running = 0;
        for (int b = 0; b < 256; b++) {
            running += fanout[b];
            out.putInt(running);
        }
        for (int i : order) {
            out.put(ids[i].toRaw());
        }
        for (int i : order) {
            CRC32 crc = new CRC32();
            if (offsets[i] < pack.length) {
                crc.update(pack, (int) offsets[i], (int) Math.min(16, pack.length - offsets[i]));
            }
            out.putInt((int) crc.getValue());
        }
        for (int i : order) {
            out.putInt((int) offsets[i]);
        }
        out.put(pack, pack.length - raw, raw);
        byte[] body = Arrays.copyOf(out.array(), out.position());
        MessageDigest md = md(format);
        return concat(body, md.digest(body));
    }

    /** An entry header: 3 type bits and the size in 7-bit groups. */
    public static byte[] header(int type, long size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int c = (type << 4) | (int) (size & 15);
        size >>>= 4;
        while (size != 0) {
            out.write(c | 0x80);
            c = (int) (size & 0x7f);
            size >>>= 7;
        }
        out.write(c);
        return out.toByteArray();
    }

    /** The OFS_DELTA distance in git's encoding. */
    public static byte[] ofs(long rel) {
        byte[] digits = new byte[10];
        int n = 9;
        digits[n] = (byte) (rel & 0x7f);
        while ((rel >>>= 7) != 0) {
            rel--;
            digits[--n] = (byte) (0x80 | (rel & 0x7f));
        }
        return Arrays.copyOfRange(digits, n, 10);
    }

    /** A delta: base size, result size, then the instructions as given. */
    public static byte[] delta(long baseSize, long resultSize, byte[]... instructions) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(size(baseSize));
        out.writeBytes(size(resultSize));
        for (byte[] i : instructions) {
            out.writeBytes(i);
        }
        return out.toByteArray();
    }

    /** A copy instruction with 4 offset and 3 size bytes. */
    public static byte[] copy(int offset, int size) {
        return new byte[] {(byte) 0xff, (byte) offset, (byte) (offset >> 8), (byte) (offset >> 16),
                (byte) (offset >> 24), (byte) size, (byte) (size >> 8), (byte) (size >> 16)};
    }

    /** An insert instruction (1 to 127 bytes). */
    public static byte[] insert(byte[] data) {
        return concat(new byte[] {(byte) data.length}, data);
    }

    private static byte[] size(long v) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        do {
            int c = (int) (v & 0x7f);
            v >>>= 7;
            out.write(c | (v != 0 ? 0x80 : 0));
        } while (v != 0);
        return out.toByteArray();
    }

    public static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private byte[] digest(byte[] data) {
        return md(format).digest(data);
    }

    private static MessageDigest md(ObjectFormat format) {
        try {
            return MessageDigest.getInstance(format.digestAlgorithm());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
