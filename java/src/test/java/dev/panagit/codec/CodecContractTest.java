package dev.panagit.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.Corruption;
import dev.panagit.lib.EncodedObject;
import dev.panagit.lib.ObjectCodec;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectHeader;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.RawObject;
import dev.panagit.testing.TestBackends;
import dev.panagit.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;
import java.util.zip.Inflater;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The one contract both backends meet: known answers, round trips, streaming, and zlib's own view. */
class CodecContractTest {
    static Stream<ObjectCodec> codecs() {
        return TestBackends.codecs();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void fips180Vectors(ObjectCodec codec) {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        byte[] twoBlocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes(StandardCharsets.US_ASCII);
        byte[] million = "a".repeat(1_000_000).getBytes(StandardCharsets.US_ASCII);
        assertEquals("da39a3ee5e6b4b0d3255bfef95601890afd80709", hex(codec.digest(ObjectFormat.SHA1, new byte[0], 0, 0)));
        assertEquals("a9993e364706816aba3e25717850c26c9cd0d89d", hex(codec.digest(ObjectFormat.SHA1, abc, 0, 3)));
        assertEquals("84983e441c3bd26ebaae4aa1f95129e5e54670f1",
                hex(codec.digest(ObjectFormat.SHA1, twoBlocks, 0, twoBlocks.length)));
        assertEquals("34aa973cd4c4daa4f61eeb2bdbad27316534016f",
                hex(codec.digest(ObjectFormat.SHA1, million, 0, million.length)));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                hex(codec.digest(ObjectFormat.SHA256, new byte[0], 0, 0)));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                hex(codec.digest(ObjectFormat.SHA256, abc, 0, 3)));
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                hex(codec.digest(ObjectFormat.SHA256, twoBlocks, 0, twoBlocks.length)));
        assertEquals("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
                hex(codec.digest(ObjectFormat.SHA256, million, 0, million.length)));
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void gitKnownIds(ObjectCodec codec) {
        byte[] hello = "hello\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391",
                codec.hashObject(ObjectFormat.SHA1, ObjectType.BLOB, new byte[0], 0, 0).name());
        assertEquals("4b825dc642cb6eb9a060e54bf8d69288fbee4904",
                codec.hashObject(ObjectFormat.SHA1, ObjectType.TREE, new byte[0], 0, 0).name());
        assertEquals("ce013625030ba8dba906f756967f9e9ca394464a",
                codec.encode(ObjectFormat.SHA1, ObjectType.BLOB, hello, 0, 6).id().name());
        assertEquals("473a0f4c3be8a93681a267e3b1e9a7dcda1185436fe141f7749120a303721813",
                codec.hashObject(ObjectFormat.SHA256, ObjectType.BLOB, new byte[0], 0, 0).name());
        assertEquals("6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321",
                codec.encode(ObjectFormat.SHA256, ObjectType.TREE, new byte[0], 0, 0).id().name());
        assertEquals("2cf8d83d9ee29543b34a87727421fdecb7e3f3a183d337639025de576db9ebb4",
                codec.hashObject(ObjectFormat.SHA256, ObjectType.BLOB, hello, 0, 6).name());
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void roundTripsAtManySizes(ObjectCodec codec) throws Exception {
        int[] sizes = {0, 1, 55, 56, 64, 200, 1000, 8192, 65537, (1 << 20) - 1, (1 << 20) + 1, 3 << 20};
        for (ObjectFormat format : ObjectFormat.values()) {
            for (int size : sizes) {
                byte[] content = TestData.mixed(size, size);
                EncodedObject encoded = codec.encode(format, ObjectType.BLOB, content, 0, size);
                assertEquals(codec.hashObject(format, ObjectType.BLOB, content, 0, size), encoded.id());
                ObjectHeader header = codec.peekHeader(encoded.compressed(), 0, encoded.compressed().length);
                assertEquals(new ObjectHeader(ObjectType.BLOB, size), header);
                RawObject decoded = codec.decode(format, encoded.compressed(), 0, encoded.compressed().length,
                        encoded.id());
                assertArrayEquals(content, decoded.content(), "size " + size);
                assertArrayEquals(withHeader("blob", content), inflate(encoded.compressed()), "zlib reads it");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void batchHashingMatchesOneByOne(ObjectCodec codec) {
        int[] lengths = {0, 6, 300, 70_000, 400_000, 1, 5};
        int total = java.util.Arrays.stream(lengths).sum();
        byte[] all = TestData.mixed(total, 17);
        assertBatchMatchesOneByOne(codec, all, lengths);
        assertEquals(0, codec.hashObjects(ObjectFormat.SHA1, ObjectType.BLOB, new byte[0], new int[0]).length);
    }

    /** Many small objects: what the native core hashes sixteen (or three) at a time, ids as one by one. */
    @ParameterizedTest
    @MethodSource("codecs")
    void batchesOfManySmallObjectsMatchOneByOne(ObjectCodec codec) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(23);
        int[] lengths = new int[101];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = i == 50 ? 5_000 : random.nextInt(1000);   /* one too long for a lane, mid-batch */
        }
        assertBatchMatchesOneByOne(codec, TestData.mixed(java.util.Arrays.stream(lengths).sum(), 29), lengths);
    }

    /** Every object's id from one hashObjects call equals its id hashed alone, in both formats. */
    private static void assertBatchMatchesOneByOne(ObjectCodec codec, byte[] all, int[] lengths) {
        for (ObjectFormat format : ObjectFormat.values()) {
            ObjectId[] ids = codec.hashObjects(format, ObjectType.BLOB, all, lengths);
            int offset = 0;
            for (int i = 0; i < lengths.length; i++) {
                assertEquals(codec.hashObject(format, ObjectType.BLOB, all, offset, lengths[i]), ids[i], "object " + i);
                offset += lengths[i];
            }
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void offsetsAreHonoured(ObjectCodec codec) throws Exception {
        byte[] buffer = TestData.text(1000, 3);
        EncodedObject part = codec.encode(ObjectFormat.SHA1, ObjectType.BLOB, buffer, 100, 300);
        byte[] expected = java.util.Arrays.copyOfRange(buffer, 100, 400);
        assertEquals(codec.hashObject(ObjectFormat.SHA1, ObjectType.BLOB, expected, 0, 300), part.id());
        byte[] padded = new byte[part.compressed().length + 10];
        System.arraycopy(part.compressed(), 0, padded, 7, part.compressed().length);
        assertArrayEquals(expected,
                codec.decode(ObjectFormat.SHA1, padded, 7, part.compressed().length, part.id()).content());
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void streamingMatchesWholeBuffers(ObjectCodec codec) throws Exception {
        for (int size : new int[] {0, 7, 300_000, (2 << 20) + 5}) {
            byte[] content = TestData.mixed(size, size + 1);
            ObjectId whole = codec.hashObject(ObjectFormat.SHA256, ObjectType.BLOB, content, 0, size);
            assertEquals(whole, codec.hashObject(ObjectFormat.SHA256, ObjectType.BLOB, size,
                    new ByteArrayInputStream(content)));
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            assertEquals(whole, codec.encode(ObjectFormat.SHA256, ObjectType.BLOB, size,
                    new ByteArrayInputStream(content), compressed));
            byte[] z = compressed.toByteArray();
            assertArrayEquals(content, codec.decode(ObjectFormat.SHA256, z, 0, z.length, whole).content());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(new ObjectHeader(ObjectType.BLOB, size),
                    codec.decode(ObjectFormat.SHA256, new ByteArrayInputStream(z), out, whole));
            assertArrayEquals(content, out.toByteArray());
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void streamingRefusesAWrongLength(ObjectCodec codec) {
        byte[] content = TestData.text(100, 1);
        assertThrows(IOException.class, () -> codec.encode(ObjectFormat.SHA1, ObjectType.BLOB, 101,
                new ByteArrayInputStream(content), OutputStreamSink.INSTANCE));
        assertThrows(IOException.class, () -> codec.encode(ObjectFormat.SHA1, ObjectType.BLOB, 99,
                new ByteArrayInputStream(content), OutputStreamSink.INSTANCE));
        assertThrows(IOException.class, () -> codec.hashObject(ObjectFormat.SHA1, ObjectType.BLOB, 99,
                new ByteArrayInputStream(content)));
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void wrongExpectedIdIsReported(ObjectCodec codec) {
        byte[] content = TestData.text(500, 9);
        EncodedObject encoded = codec.encode(ObjectFormat.SHA1, ObjectType.BLOB, content, 0, content.length);
        ObjectId other = codec.hashObject(ObjectFormat.SHA1, ObjectType.BLOB, content, 0, 499);
        CorruptObjectException e = assertThrows(CorruptObjectException.class, () -> codec.decode(ObjectFormat.SHA1,
                encoded.compressed(), 0, encoded.compressed().length, other));
        assertEquals(Corruption.ID_MISMATCH, e.corruption());
        assertThrows(CorruptObjectException.class, () -> codec.decode(ObjectFormat.SHA1,
                new ByteArrayInputStream(encoded.compressed()), OutputStreamSink.INSTANCE, other));
    }

    static byte[] withHeader(String type, byte[] content) {
        byte[] header = (type + " " + content.length + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[header.length + content.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(content, 0, all, header.length, content.length);
        return all;
    }

    static byte[] inflate(byte[] z) throws Exception {
        Inflater inflater = new Inflater();
        inflater.setInput(z);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        while (!inflater.finished()) {
            int n = inflater.inflate(buf);
            if (n == 0 && inflater.needsInput()) {
                throw new AssertionError("truncated");
            }
            out.write(buf, 0, n);
        }
        inflater.end();
        return out.toByteArray();
    }

    /** Discards everything written. */
    static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
