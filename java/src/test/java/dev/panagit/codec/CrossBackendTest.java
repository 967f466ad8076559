package dev.panagit.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.Corruption;
import dev.panagit.lib.EncodedObject;
import dev.panagit.lib.ObjectCodec;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectType;
import dev.panagit.testing.TestBackends;
import dev.panagit.testing.TestData;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The two backends against each other: each reads what the other wrote, and both give the same
 * verdict (the same {@link Corruption}, or success) on the same hostile bytes, whole and streamed.
 */
class CrossBackendTest {
    private final ObjectCodec nativeCodec = TestBackends.nativeBackend().codec();
    private final ObjectCodec javaCodec = TestBackends.java().codec();

    @Test
    void eachReadsWhatTheOtherWrote() throws Exception {
        for (ObjectFormat format : ObjectFormat.values()) {
            for (int size : new int[] {0, 3, 4096, 100_000, (1 << 20) + 7}) {
                byte[] content = TestData.mixed(size, size * 7L);
                EncodedObject fromNative = nativeCodec.encode(format, ObjectType.BLOB, content, 0, size);
                EncodedObject fromJava = javaCodec.encode(format, ObjectType.BLOB, content, 0, size);
                assertEquals(fromNative.id(), fromJava.id());
                assertArrayEquals(content, javaCodec.decode(format, fromNative.compressed(), 0,
                        fromNative.compressed().length, fromNative.id()).content());
                assertArrayEquals(content, nativeCodec.decode(format, fromJava.compressed(), 0,
                        fromJava.compressed().length, fromJava.id()).content());
            }
        }
    }

    /** The verdict of one backend on some bytes: "ok" or the corruption, whole and streamed must agree. */
    private static String verdict(ObjectCodec codec, byte[] z) {
        String whole;
        try {
            codec.decode(ObjectFormat.SHA1, z, 0, z.length, null);
            whole = "ok";
        } catch (CorruptObjectException e) {
            whole = e.corruption().name();
        }
        String streamed;
        try {
            codec.decode(ObjectFormat.SHA1, new ByteArrayInputStream(z), OutputStream.nullOutputStream(), null);
            streamed = "ok";
        } catch (CorruptObjectException e) {
            streamed = e.corruption().name();
        } catch (IOException e) {
            streamed = "io:" + e.getMessage();
        }
        assertEquals(whole, streamed, codec.backendName() + ": whole and streamed decoding disagree");
        String mapped;
        try (Arena arena = Arena.ofConfined()) {
            // Off-heap, as a mapped file is: the native backend takes it whole (ISA-L, zlib deciding).
            MemorySegment input = arena.allocate(Math.max(1, z.length)).asSlice(0, z.length);
            MemorySegment.copy(z, 0, input, ValueLayout.JAVA_BYTE, 0, z.length);
            codec.decode(ObjectFormat.SHA1, input, OutputStream.nullOutputStream(), null);
            mapped = "ok";
        } catch (CorruptObjectException e) {
            mapped = e.corruption().name();
        } catch (IOException e) {
            mapped = "io:" + e.getMessage();
        }
        assertEquals(whole, mapped, codec.backendName() + ": whole and whole-input streamed decoding disagree");
        return whole;
    }

    private void expect(String expected, byte[] z, String what) {
        assertEquals(expected, verdict(nativeCodec, z), "native on " + what);
        assertEquals(expected, verdict(javaCodec, z), "java on " + what);
    }

    @Test
    void hostileHeadersAndSizes() {
        expect("ok", TestData.deflate("blob 5\0hello"), "a valid blob");
        expect("ok", TestData.deflate("tree 0\0"), "an empty tree");
        expect("SIZE_MISMATCH", TestData.deflate("blob 4\0hello"), "content longer than declared");
        expect("SIZE_MISMATCH", TestData.deflate("blob 6\0hello"), "content shorter than declared");
        expect("BAD_HEADER", TestData.deflate("blob 5hello"), "a header without NUL");
        expect("BAD_HEADER", TestData.deflate("blob5\0hello"), "a header without space");
        expect("BAD_HEADER", TestData.deflate("blobby 5\0hello"), "an unknown type");
        expect("BAD_HEADER", TestData.deflate("blob 05\0hello"), "a leading zero");
        expect("BAD_HEADER", TestData.deflate("blob \0"), "an empty size");
        expect("BAD_HEADER", TestData.deflate(""), "an empty stream");
        expect("SIZE_OVERFLOW", TestData.deflate("blob 99999999999999999999\0x"), "a size over 2^63");
        expect("SIZE_MISMATCH", TestData.deflate("blob 1000000000\0abc"), "a size no stream this short can hold");
    }

    @Test
    void hostileStreams() {
        byte[] valid = TestData.deflate("blob 11\0hello world");
        for (int cut = 0; cut < valid.length; cut++) {
            expect("TRUNCATED", Arrays.copyOf(valid, cut), "a stream cut at " + cut);
        }
        expect("BAD_ZLIB", "this is not zlib".getBytes(StandardCharsets.US_ASCII), "not zlib");
        byte[] badChecksum = valid.clone();
        badChecksum[badChecksum.length - 1] ^= 0x55;
        expect("BAD_ZLIB", badChecksum, "a bad adler-32");
        byte[] trailing = Arrays.copyOf(valid, valid.length + 3);
        expect("TRAILING_GARBAGE", trailing, "bytes after the stream");
    }

    @Test
    void decompressionBombStopsAtTheDeclaredSize() {
        byte[] header = "blob 10\0".getBytes(StandardCharsets.US_ASCII);
        byte[] raw = new byte[header.length + (64 << 20)];
        System.arraycopy(header, 0, raw, 0, header.length);
        byte[] bomb = TestData.deflate(raw, 9);
        expect("SIZE_MISMATCH", bomb, "64 MiB of zeros behind a 10-byte header");
        byte[] honest = "blob 67108864\0".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(honest, 0, raw, 0, honest.length);
        expect("SIZE_MISMATCH", TestData.deflate(raw, 9), "a header over the zeros that is 6 bytes off");
    }

    @Test
    void randomDamageGetsTheSameVerdict() {
        Random random = new Random(20261126);
        for (int round = 0; round < 1000; round++) {
            byte[] content = TestData.mixed(random.nextInt(3000), round);
            byte[] z = nativeCodec.encode(ObjectFormat.SHA1, ObjectType.BLOB, content, 0, content.length)
                    .compressed();
            byte[] damaged = z.clone();
            switch (round % 3) {
                case 0 -> damaged[random.nextInt(damaged.length)] ^= (byte) (1 + random.nextInt(255));
                case 1 -> damaged = Arrays.copyOf(damaged, random.nextInt(damaged.length));
                default -> {
                    for (int i = 0; i < 4; i++) {
                        damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
                    }
                }
            }
            assertEquals(verdict(javaCodec, damaged), verdict(nativeCodec, damaged), "round " + round);
        }
    }

    /**
     * The same over objects past the native backend's one-call limit (1 MiB), so that its sliced
     * decoder, its streaming decoder and the whole-input decoder are the ones judged; damage lands
     * in the header, the middle and the checksum.
     */
    @Test
    void randomDamageToLargeObjectsGetsTheSameVerdict() {
        Random random = new Random(20261127);
        for (int round = 0; round < 48; round++) {
            byte[] content = TestData.mixed((1 << 20) + random.nextInt(2 << 20), round);
            byte[] z = javaCodec.encode(ObjectFormat.SHA1, ObjectType.BLOB, content, 0, content.length).compressed();
            byte[] damaged = z.clone();
            int where = switch (round % 4) {
                case 0 -> random.nextInt(Math.min(16, damaged.length));
                case 1 -> damaged.length / 2 + random.nextInt(damaged.length / 4);
                case 2 -> damaged.length - 1 - random.nextInt(4);
                default -> -1;
            };
            if (where >= 0) {
                damaged[where] ^= (byte) (1 + random.nextInt(255));
            } else {
                damaged = Arrays.copyOf(damaged, damaged.length / 2 + random.nextInt(damaged.length / 2));
            }
            assertEquals(verdict(javaCodec, damaged), verdict(nativeCodec, damaged), "round " + round);
        }
    }

    @Test
    void streamedOutputIsTheContent() throws Exception {
        byte[] content = TestData.text(700_000, 5);
        byte[] z = javaCodec.encode(ObjectFormat.SHA1, ObjectType.COMMIT, content, 0, content.length).compressed();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(ObjectType.COMMIT,
                nativeCodec.decode(ObjectFormat.SHA1, new ByteArrayInputStream(z), out, null).type());
        assertArrayEquals(content, out.toByteArray());
    }
}
