package dev.panagit.codec;

import static dev.panagit.testing.PackBuilder.copy;
import static dev.panagit.testing.PackBuilder.delta;
import static dev.panagit.testing.PackBuilder.insert;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.Corruption;
import dev.panagit.lib.ObjectCodec;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.PackCodec;
import dev.panagit.lib.PackEntryHeader;
import dev.panagit.lib.PackScanBatch;
import dev.panagit.testing.PackBuilder;
import dev.panagit.testing.TestBackends;
import dev.panagit.testing.TestData;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pack contract on both backends: known answers, git's delta rules, and the same verdict as
 * the other backend on thousands of randomly damaged packs and deltas (large entries included,
 * which take the streaming paths).
 */
class PackCodecContractTest {
    private static final byte[] BASE = "hello world, this is the base text of a delta test\n".getBytes(StandardCharsets.UTF_8);

    static List<ObjectCodec> codecs() {
        return TestBackends.codecs().toList();
    }

    /** A blob, an OFS_DELTA and a REF_DELTA on it, and a large blob that streams. */
    private static byte[] samplePack(boolean large) {
        PackBuilder p = new PackBuilder(ObjectFormat.SHA1);
        long base = p.whole(3, BASE);
        byte[] d = delta(BASE.length, 34, copy(0, 25), insert("NEW text!".getBytes(StandardCharsets.UTF_8)));
        p.ofsDelta(base, d);
        p.refDelta(ObjectId.fromHex("ce013625030ba8dba906f756967f9e9ca394464a"), d);
        p.whole(1, "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor a <b> 1 +0000\ncommitter a <b> 1 +0000\n\nm\n"
                .getBytes(StandardCharsets.UTF_8));
        if (large) {
            p.whole(3, TestData.text((16 << 20) + 4321, 7));
        }
        return p.build();
    }

    private static MemorySegment entries(byte[] pack) {
        return MemorySegment.ofArray(Arrays.copyOf(pack, pack.length - 20));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecs")
    void knownAnswers(ObjectCodec codec) throws Exception {
        PackCodec pack = codec.pack();
        byte[] bytes = samplePack(false);
        MemorySegment entries = entries(bytes);
        PackEntryHeader first = pack.entryHeader(ObjectFormat.SHA1, entries, 12);
        assertEquals(new PackEntryHeader(3, BASE.length, 2, 0), first);
        byte[] content = new byte[BASE.length];
        PackCodec.Inflated inflated = pack.inflate(ObjectFormat.SHA1, ObjectType.BLOB, entries.asSlice(14), content);
        assertArrayEquals(BASE, content);
        assertEquals(codec.hashObject(ObjectFormat.SHA1, ObjectType.BLOB, BASE, 0, BASE.length), inflated.id());

        long second = 12 + 2 + inflated.compressedLength();
        PackEntryHeader delta = pack.entryHeader(ObjectFormat.SHA1, entries, second);
        assertEquals(PackEntryHeader.OFS_DELTA, delta.typeCode());
        assertEquals(12, delta.baseOffset());
        byte[] out = new byte[34 + 7];   // longer than the result: a reused buffer
        PackCodec.Inflated resolved = pack.resolveDelta(ObjectFormat.SHA1, ObjectType.BLOB, BASE,
                entries.asSlice(second + delta.headerLength()), delta.size(), out, 34);
        assertEquals("hello world, this is the NEW text!", new String(out, 0, 34, StandardCharsets.UTF_8));
        byte[] result = Arrays.copyOf(out, 34);
        assertEquals(codec.hashObject(ObjectFormat.SHA1, ObjectType.BLOB, result, 0, 34), resolved.id());
        // told the wrong result size, it refuses rather than write a partial object
        assertEquals(Corruption.BAD_DELTA, assertThrows(CorruptObjectException.class, () -> pack.resolveDelta(
                ObjectFormat.SHA1, ObjectType.BLOB, BASE, entries.asSlice(second + delta.headerLength()),
                delta.size(), out, 33)).corruption());

        PackScanBatch batch = new PackScanBatch(ObjectFormat.SHA1, 8);
        assertEquals(4, pack.scan(ObjectFormat.SHA1, entries, 12, batch));
        assertEquals(12, batch.offset[0]);
        assertEquals(second, batch.offset[1]);
        assertEquals(34, batch.objectSize[1]);
        assertEquals(21 + 1, batch.headerLength[2]);
        assertEquals(inflated.id(), ObjectId.fromRaw(ObjectFormat.SHA1, batch.ids, 0));

        assertArrayEquals(result, pack.applyDelta(BASE, delta(BASE.length, 34, copy(0, 25),
                insert("NEW text!".getBytes(StandardCharsets.UTF_8)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecs")
    void deltaRules(ObjectCodec codec) {
        PackCodec pack = codec.pack();
        byte[][] bad = {
            delta(BASE.length + 1, 4, copy(0, 4)),                      // base size differs
            delta(BASE.length, 4, copy(BASE.length - 2, 4)),            // copy past the base
            delta(BASE.length, 4, copy(0, 5)),                          // copy past the result
            delta(BASE.length, 2, insert("abc".getBytes())),            // insert past the result
            delta(BASE.length, 5, new byte[] {5, 'a', 'b'}),            // insert past the delta
            delta(BASE.length, 1, new byte[] {0, 'x'}),                 // reserved instruction
            delta(BASE.length, 4, new byte[] {(byte) 0x91, 0}),         // copy arguments cut off
            delta(BASE.length, 10, copy(0, 4)),                         // result shorter than declared
            new byte[] {(byte) 0x80},                                   // sizes cut off
        };
        for (byte[] d : bad) {
            CorruptObjectException e = assertThrows(CorruptObjectException.class, () -> pack.applyDelta(BASE, d));
            assertEquals(Corruption.BAD_DELTA, e.corruption());
        }
        // a copy of 0x10000 bytes is written with size 0
        byte[] big = TestData.random(0x10000, 3);
        assertArrayEquals(big, assertDoesNotThrow(() -> pack.applyDelta(big, delta(0x10000, 0x10000, copy(0, 0)))));
    }

    private static <T> T assertDoesNotThrow(org.junit.jupiter.api.function.ThrowingSupplier<T> s) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(s);
    }

    /** What a scan of a (damaged) pack gave: entries read, and the corruption, if any, and where. */
    private record Verdict(int count, Corruption corruption, long failedAt, List<String> entries) {
    }

    private static Verdict scan(ObjectCodec codec, byte[] pack) {
        PackScanBatch batch = new PackScanBatch(ObjectFormat.SHA1, 8);
        MemorySegment entries = entries(pack);
        try {
            int n = codec.pack().scan(ObjectFormat.SHA1, entries, 12, batch);
            return new Verdict(n, null, -1, describe(batch, n));
        } catch (CorruptObjectException e) {
            return new Verdict(batch.count, e.corruption(), batch.offset[batch.count], describe(batch, batch.count));
        }
    }

    private static List<String> describe(PackScanBatch b, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = b.typeCode[i] <= 4 ? ObjectId.fromRaw(ObjectFormat.SHA1, b.ids, i * 20).name() : "-";
            out.add(b.offset[i] + " " + b.packedLength[i] + " " + b.headerLength[i] + " " + b.typeCode[i] + " "
                    + b.size[i] + " " + b.objectSize[i] + " " + b.baseOffset[i] + " " + b.crc32[i] + " " + id);
        }
        return out;
    }

    @Test
    void bothBackendsGiveTheSameVerdictOnDamagedPacks() {
        List<ObjectCodec> both = codecs();
        Random random = new Random(2026);
        byte[] pack = samplePack(false);
        for (int round = 0; round < 3000; round++) {
            byte[] damaged = pack.clone();
            int flips = 1 + random.nextInt(3);
            for (int f = 0; f < flips; f++) {
                damaged[12 + random.nextInt(damaged.length - 32)] ^= (byte) (1 << random.nextInt(8));
            }
            if (random.nextInt(10) == 0) {
                damaged = Arrays.copyOf(damaged, 33 + random.nextInt(damaged.length - 33));
            }
            Verdict a = scan(both.get(0), damaged);
            Verdict b = scan(both.get(1), damaged);
            int r = round;
            assertEquals(a, b, () -> "round " + r);
        }
    }

    @Test
    void bothBackendsAgreeOnLargeEntriesAndOnDamagedDeltas() throws Exception {
        List<ObjectCodec> both = codecs();
        byte[] pack = samplePack(true);
        assertEquals(scan(both.get(0), pack), scan(both.get(1), pack));
        assertEquals(5, scan(both.get(0), pack).count());
        byte[] cut = Arrays.copyOf(pack, pack.length - 5000);
        Verdict a = scan(both.get(0), cut);
        assertEquals(a, scan(both.get(1), cut));
        assertTrue(a.corruption() != null);

        Random random = new Random(7);
        byte[] good = delta(BASE.length, 40, copy(3, 20), insert(new byte[12]), copy(0, 8));
        for (int round = 0; round < 3000; round++) {
            byte[] d = good.clone();
            d[random.nextInt(d.length)] = (byte) random.nextInt();
            String x = outcome(both.get(0), d);
            assertEquals(x, outcome(both.get(1), d), "round " + round);
        }
    }

    private static String outcome(ObjectCodec codec, byte[] delta) {
        try {
            return Arrays.toString(codec.pack().applyDelta(BASE, delta));
        } catch (CorruptObjectException e) {
            return Objects.toString(e.corruption());
        }
    }
}
