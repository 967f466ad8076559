package dev.panagit.lib;

/**
 * What {@link PackCodec#scan} learns of consecutive pack entries, as parallel arrays (one scan of
 * a large pack fills it many times). Entry {@code i < count}:
 * <ul>
 *   <li>{@code offset[i]}: where it starts; {@code packedLength[i]}: header and zlib stream;
 *       {@code headerLength[i]}: the header alone (a REF_DELTA's base id ends it);</li>
 *   <li>{@code typeCode[i]}: 1-4, or {@link PackEntryHeader#OFS_DELTA} / {@link PackEntryHeader#REF_DELTA};</li>
 *   <li>{@code size[i]}: the inflated size of its data (object or delta); {@code objectSize[i]}: the
 *       object's size (for a delta, the result size it declares);</li>
 *   <li>{@code baseOffset[i]}: an OFS_DELTA's base entry, else 0;</li>
 *   <li>{@code crc32[i]}: CRC-32 of its {@code packedLength[i]} bytes;</li>
 *   <li>the id of a whole object at {@code ids[i * rawLength ..]}; delta slots are left as they were.</li>
 * </ul>
 */
public final class PackScanBatch {
    public final long[] offset;
    public final long[] packedLength;
    public final long[] size;
    public final long[] objectSize;
    public final long[] baseOffset;
    public final int[] headerLength;
    public final int[] typeCode;
    public final int[] crc32;
    public final byte[] ids;
    public int count;

    public PackScanBatch(ObjectFormat format, int capacity) {
        offset = new long[capacity];
        packedLength = new long[capacity];
        size = new long[capacity];
        objectSize = new long[capacity];
        baseOffset = new long[capacity];
        headerLength = new int[capacity];
        typeCode = new int[capacity];
        crc32 = new int[capacity];
        ids = new byte[capacity * format.rawLength()];
    }

    public int capacity() {
        return offset.length;
    }
}
