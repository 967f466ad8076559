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
    /** Each entry's offset in the pack. */
    public final long[] offset;
    /** Each entry's length in the pack, header included. */
    public final long[] packedLength;
    /** The inflated size of each entry's data (object or delta). */
    public final long[] size;
    /** Each object's size (a delta's declared result size). */
    public final long[] objectSize;
    /** Each OFS_DELTA's base offset, else 0. */
    public final long[] baseOffset;
    /** Each entry header's length. */
    public final int[] headerLength;
    /** Each entry's type code as the pack stores it. */
    public final int[] typeCode;
    /** The CRC-32 of each entry's packed bytes. */
    public final int[] crc32;
    /** The ids of whole objects, {@code rawLength} bytes each, in entry order. */
    public final byte[] ids;
    /** How many entries the last scan filled. */
    public int count;

    /** Room for {@code capacity} entries of a pack with ids of {@code format}. */
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

    /** How many entries fit. */
    public int capacity() {
        return offset.length;
    }
}
