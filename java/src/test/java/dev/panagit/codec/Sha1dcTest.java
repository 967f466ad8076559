package dev.panagit.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.panagit.lib.CollisionAttackException;
import dev.panagit.lib.ObjectCodec;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.PackCodec;
import dev.panagit.testing.GitCli;
import dev.panagit.testing.TestBackends;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SHA-1 collision detection, both backends: the published attacks are refused (the vectors of
 * {@code native/tests/data}, whose README names their sources), nothing else is, the digest is
 * plain SHA-1's, and the Java twin's conditions and differences are those of the native core.
 */
class Sha1dcTest {
    /** Test data shared with the C tests. */
    static final Path DATA = Path.of("..", "native", "tests", "data");

    @TempDir
    Path dir;

    static List<ObjectCodec> codecs() {
        return TestBackends.codecs().toList();
    }

    private static byte[] rawHash(ObjectCodec codec, byte[] data, boolean detect) {
        PackCodec.Checksum checksum = codec.pack().checksum(ObjectFormat.SHA1, detect);
        checksum.update(MemorySegment.ofArray(data));
        return checksum.finish();
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void publishedAttacksAreRefusedAndTheirPlainDigestsKnown(ObjectCodec codec) throws Exception {
        for (String[] vector : new String[][] {
            {"shattered-1-head.bin", "f92d74e3874587aaf443d1db961d4e26dde13e9c"},
            {"sha-mbles-1.bin", "8ac60ba76f1999a1ab70223f225aefdc78d4ddc0"}}) {
            byte[] data = Files.readAllBytes(DATA.resolve(vector[0]));
            assertThrows(CollisionAttackException.class, () -> rawHash(codec, data, true), vector[0]);
            assertThrows(CollisionAttackException.class, () -> codec.digest(ObjectFormat.SHA1, data, 0, data.length));
            assertEquals(vector[1], HexFormat.of().formatHex(rawHash(codec, data, false)));
            // One block short of the end: the second near-collision block is missing, nothing to refuse.
            assertEquals(hex(MessageDigest.getInstance("SHA-1").digest(java.util.Arrays.copyOf(data, data.length - 64))),
                    hex(codec.digest(ObjectFormat.SHA1, data, 0, data.length - 64)));
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void asABlobTheAttackIsNoCollisionAndItsIdIsGits(ObjectCodec codec) throws IOException {
        Path file = DATA.resolve("shattered-1-head.bin");
        byte[] data = Files.readAllBytes(file);
        String git = GitCli.run(dir, null, "hash-object", file.toAbsolutePath().toString()).text().strip();
        assertEquals("ef380704685cc8e54de9bc13556d1ff7026ec0cc", git);
        assertEquals(git, codec.hashObject(ObjectFormat.SHA1, ObjectType.BLOB, data, 0, data.length).name());
    }

    /** A million random inputs of random lengths: never refused, and plain SHA-1's digest. */
    @Test
    void noFalsePositiveOnAMillionRandomInputs() throws Exception {
        SplittableRandom random = new SplittableRandom(20261127);
        MessageDigest plain = MessageDigest.getInstance("SHA-1");
        Sha1dc detecting = new Sha1dc();
        byte[] data = new byte[700];
        for (int n = 0; n < 1_000_000; n++) {
            int len = random.nextInt(data.length);
            for (int i = 0; i < len; i += 8) {
                long bits = random.nextLong();
                for (int k = 0; k < 8 && i + k < len; k++) {
                    data[i + k] = (byte) (bits >>> (8 * k));
                }
            }
            plain.update(data, 0, len);
            detecting.update(data, 0, len);
            byte[] want = plain.digest();
            byte[] got = detecting.digest();
            if (!java.util.Arrays.equals(want, got)) {
                assertArrayEquals(want, got, "input " + n + " of " + len + " bytes");
            }
        }
    }

    /** The backends agree on random inputs, through every hashing call. */
    @Test
    void backendsAgree() {
        ObjectCodec nativeCodec = TestBackends.nativeBackend().codec();
        ObjectCodec javaCodec = TestBackends.java().codec();
        SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 20_000; n++) {
            byte[] data = new byte[random.nextInt(3000)];
            random.nextBytes(data);
            assertArrayEquals(javaCodec.digest(ObjectFormat.SHA1, data, 0, data.length),
                    nativeCodec.digest(ObjectFormat.SHA1, data, 0, data.length));
            assertEquals(javaCodec.hashObject(ObjectFormat.SHA1, ObjectType.BLOB, data, 0, data.length),
                    nativeCodec.hashObject(ObjectFormat.SHA1, ObjectType.BLOB, data, 0, data.length));
        }
    }

    /**
     * The Java twin's {@link Sha1dc#ubc} is the relation file the native core compiles: the same
     * vectors survive on random expanded messages, half of them built to meet every condition of one
     * vector (so that each relation decides sometimes).
     */
    @Test
    void conditionsAreTheNativeCoresRelations() throws IOException {
        List<int[]> relations = relations();
        assertEquals(156, relations.size());
        SplittableRandom random = new SplittableRandom(1);
        int[] w = new int[80];
        int survived = 0;
        for (int n = 0; n < 400_000; n++) {
            for (int t = 0; t < 80; t++) {
                w[t] = random.nextInt();
            }
            if ((n & 1) == 1) {
                int vector = random.nextInt(32);
                for (int pass = 0; pass < 4; pass++) {
                    for (int[] r : relations) {
                        if ((r[5] >>> vector & 1) != 0 && !holds(r, w)) {
                            if (random.nextBoolean()) {
                                w[r[0]] ^= 1 << r[1];
                            } else {
                                w[r[2]] ^= 1 << r[3];
                            }
                        }
                    }
                }
            }
            int want = -1;
            for (int[] r : relations) {
                if (!holds(r, w)) {
                    want &= ~r[5];
                }
            }
            int got = Sha1dc.ubc(w);
            if (want != got) {
                assertEquals(Integer.toHexString(want), Integer.toHexString(got), "expanded message " + n);
            }
            survived += got != 0 ? 1 : 0;
        }
        assertEquals(true, survived > 100_000, "the focused messages meet the conditions: " + survived);
    }

    private static boolean holds(int[] r, int[] w) {
        return ((w[r[0]] >>> r[1] ^ w[r[2]] >>> r[3]) & 1) == r[4];
    }

    /** native/src/sha1dc_ubc.def as {a, i, b, j, c, dv mask}. */
    private static List<int[]> relations() throws IOException {
        List<String> names = List.of("I_43_0", "I_44_0", "I_45_0", "I_46_0", "I_46_2", "I_47_0", "I_47_2", "I_48_0",
                "I_48_2", "I_49_0", "I_49_2", "I_50_0", "I_50_2", "I_51_0", "I_51_2", "I_52_0", "II_45_0", "II_46_0",
                "II_46_2", "II_47_0", "II_48_0", "II_49_0", "II_49_2", "II_50_0", "II_50_2", "II_51_0", "II_51_2",
                "II_52_0", "II_53_0", "II_54_0", "II_55_0", "II_56_0");
        Pattern line = Pattern.compile("PGIT_SHA1DC_UBC\\(\\s*(\\d+),\\s*(\\d+),\\s*(\\d+),\\s*(\\d+),\\s*([01]),(.*)\\)\\s*");
        Pattern vector = Pattern.compile("DV\\((\\w+)\\)");
        List<int[]> out = new ArrayList<>();
        for (String text : Files.readAllLines(Path.of("..", "native", "src", "sha1dc_ubc.def"))) {
            Matcher m = line.matcher(text);
            if (!m.matches()) {
                continue;
            }
            int mask = 0;
            for (Matcher v = vector.matcher(m.group(6)); v.find(); ) {
                int bit = names.indexOf(v.group(1));
                assertEquals(true, bit >= 0, v.group(1));
                mask |= 1 << bit;
            }
            out.add(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), mask});
        }
        return out;
    }

    /** The differences derived from the vectors' definitions are the published ones. */
    @Test
    void differencesAreThePublishedOnes() throws IOException {
        int[] indexOf = {0, 27};   // I(43,0) and II(52,0) in the vectors' order
        int rows = 0;
        for (String line : Files.readAllLines(DATA.resolve("sha1dc-differences.txt"))) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] fields = line.trim().split(" +");
            int[] published = new int[80];
            for (int t = 0; t < 80; t++) {
                published[t] = Integer.parseUnsignedInt(fields[3 + t].substring(2), 16);
            }
            assertArrayEquals(published, Sha1dc.difference(indexOf[rows++]), line.substring(0, 7));
        }
        assertEquals(2, rows);
    }

    /** Every vector forced on random blocks: recompression alone finds nothing. */
    @Test
    void recompressionAloneFindsNothingInRandomBlocks() {
        SplittableRandom random = new SplittableRandom(3);
        int[] w = new int[80];
        for (int n = 0; n < 5_000; n++) {
            for (int t = 0; t < 16; t++) {
                w[t] = random.nextInt();
            }
            for (int t = 16; t < 80; t++) {
                w[t] = Integer.rotateLeft(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
            }
            int[] in = {random.nextInt(), random.nextInt(), random.nextInt(), random.nextInt(), random.nextInt()};
            int[] out = in.clone();
            Sha1dc.forward(out, w, 0, 80);
            for (int i = 0; i < 5; i++) {
                out[i] += in[i];
            }
            assertEquals(false, Sha1dc.recompress(in, out, w, -1));
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
