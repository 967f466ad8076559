package dev.panagit.cli;

import static dev.panagit.testing.PackBuilder.concat;
import static dev.panagit.testing.PackBuilder.copy;
import static dev.panagit.testing.PackBuilder.delta;
import static dev.panagit.testing.PackBuilder.header;
import static dev.panagit.testing.PackBuilder.insert;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.backend.BackendChoice;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.testing.Fixtures;
import dev.panagit.testing.GitCli;
import dev.panagit.testing.PackBuilder;
import dev.panagit.testing.Panagit;
import dev.panagit.testing.TestBackends;
import dev.panagit.testing.TestData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile packs and indexes: each is refused with {@code fatal:} naming the pack, the offset and,
 * where known, the object, exit 128, on both backends; no index is left behind; nothing crashes.
 */
class BadPacksTest {
    private static final byte[] BASE = "the base object of every delta in these packs\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    /** A named hostile pack, the offset its error must name (-1: none), and what the error says. */
    record Hostile(String name, byte[] pack, long offset, String says) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> hostilePacks() {
        List<Hostile> cases = new ArrayList<>();
        byte[] good = delta(BASE.length, 10, copy(0, 4), insert("abcdef".getBytes(StandardCharsets.UTF_8)));

        PackBuilder p = new PackBuilder(ObjectFormat.SHA1);
        long self = p.next();
        p.whole(3, BASE);
        long at = p.entry(concat(header(6, good.length), PackBuilder.ofs(0)), TestData.deflate(good, 6));
        cases.add(new Hostile("ofs-delta to itself", p.build(), at, "malformed pack entry"));

        p = new PackBuilder(ObjectFormat.SHA1);
        at = p.entry(concat(header(6, good.length), PackBuilder.ofs(5)), TestData.deflate(good, 6));
        cases.add(new Hostile("ofs-delta before the pack start", p.build(), at, "malformed pack entry"));

        p = new PackBuilder(ObjectFormat.SHA1);
        long base = p.whole(3, BASE);
        long mid = p.next();
        at = p.entry(concat(header(6, good.length), PackBuilder.ofs(mid - base - 3)), TestData.deflate(good, 6));
        cases.add(new Hostile("ofs-delta into the middle of an entry", p.build(), at, "is not the start of an entry"));

        p = new PackBuilder(ObjectFormat.SHA1);
        p.whole(3, BASE);
        at = p.refDelta(ObjectId.fromHex("1234567890123456789012345678901234567890"), good);
        cases.add(new Hostile("ref-delta whose base is missing", p.build(), at, "delta base is missing"));

        p = new PackBuilder(ObjectFormat.SHA1);
        // two ref-deltas naming each other's (unknowable) ids: a loop that resolves nothing
        at = p.refDelta(ObjectId.fromHex("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), good);
        p.refDelta(ObjectId.fromHex("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"), good);
        cases.add(new Hostile("ref-deltas in a loop", p.build(), at, "delta base is missing"));

        p = new PackBuilder(ObjectFormat.SHA1);
        byte[] huge = new byte[10];
        java.util.Arrays.fill(huge, (byte) 0xff);
        huge[0] = (byte) 0xb0;
        huge[9] = 0x08;   // 2^63
        at = p.entry(huge, TestData.deflate(BASE, 6));
        cases.add(new Hostile("declared size 2^63", p.build(), at, "declared size is too large"));

        p = new PackBuilder(ObjectFormat.SHA1);
        at = p.entry(header(3, BASE.length + 1), TestData.deflate(BASE, 6));
        cases.add(new Hostile("inflates to less than declared", p.build(), at, "content size differs"));

        p = new PackBuilder(ObjectFormat.SHA1);
        at = p.entry(header(3, BASE.length - 1), TestData.deflate(BASE, 6));
        cases.add(new Hostile("inflates to more than declared", p.build(), at, "content size differs"));

        p = new PackBuilder(ObjectFormat.SHA1);
        p.whole(3, BASE);
        at = p.ofsDelta(12, delta(BASE.length, 60, copy(40, 20), insert(new byte[40])));
        cases.add(new Hostile("delta copying outside its base", p.build(), at, "malformed delta"));

        p = new PackBuilder(ObjectFormat.SHA1);
        p.whole(3, BASE);
        p.whole(3, BASE);
        cases.add(new Hostile("wrong trailing checksum", p.build(2, false), -1, "checksum mismatch"));

        p = new PackBuilder(ObjectFormat.SHA1);
        p.whole(3, BASE);
        byte[] truncated = p.build();
        truncated = java.util.Arrays.copyOf(truncated, truncated.length - 25);
        cases.add(new Hostile("truncated", truncated, -1, "corrupt pack"));

        p = new PackBuilder(ObjectFormat.SHA1);
        p.whole(3, BASE);
        p.entry(new byte[0], new byte[] {1, 2, 3});
        cases.add(new Hostile("junk after the last entry", p.build(1, true), -1, "junk after its 1 objects"));

        p = new PackBuilder(ObjectFormat.SHA1);
        p.whole(3, BASE);
        cases.add(new Hostile("more entries declared than the pack holds", p.build(2, true), -1,
                "the 2 objects its header declares"));

        p = new PackBuilder(ObjectFormat.SHA1);
        p.whole(3, BASE);
        cases.add(new Hostile("an absurd entry count", p.build(0xfffffff0L, true), -1, "objects in"));

        List<Arguments> args = new ArrayList<>();
        for (Hostile h : cases) {
            for (BackendChoice backend : TestBackends.all()) {
                args.add(Arguments.of(h, backend));
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("hostilePacks")
    void indexPackRefusesHostilePacks(Hostile hostile, BackendChoice backend) throws IOException {
        Path pack = dir.resolve("hostile.pack");
        Files.write(pack, hostile.pack());
        Panagit.Result r = Panagit.run(backend, dir, null, "index-pack", pack.toString());
        assertEquals(128, r.exitCode(), r.stderr());
        assertTrue(r.stderr().startsWith("fatal: corrupt pack " + pack), r.stderr());
        assertTrue(r.stderr().contains(hostile.says()), r.stderr());
        if (hostile.offset() >= 0) {
            assertTrue(r.stderr().contains(" at offset " + hostile.offset()), r.stderr());
        }
        assertEquals(1, r.stderr().lines().count(), "one line, no stack trace: " + r.stderr());
        assertFalse(Files.exists(dir.resolve("hostile.idx")), "no index is written for a bad pack");
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(pack), left.toList(), "no temporary file is left");
        }
        // git refuses it too
        assertTrue(GitCli.run(dir, null, "index-pack", "-o", dir.resolve("git.idx").toString(), pack.toString())
                .exitCode() != 0);
    }

    /** A repository whose objects are in one pack made by git, to be damaged. */
    private Path packed() throws IOException {
        Path root = Fixtures.history(dir.resolve("repo"), "sha1", 20);
        Fixtures.git(root, "gc", "-q");
        return root;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void readingAFlippedByteNamesPackOffsetAndObject(BackendChoice backend) throws IOException {
        Path root = packed();
        Path pack = PackedRepositoriesTest.packs(root).get(0);
        String blob = GitCli.ok(root, "rev-parse", "HEAD:data/noise.bin").strip();
        String[] listing = GitCli.ok(root, "verify-pack", "-v", pack.toString()).lines()
                .filter(l -> l.startsWith(blob)).findFirst().orElseThrow().split(" +");
        long offset = Long.parseLong(listing[4]);
        boolean delta = listing.length > 5;
        pack.toFile().setWritable(true);
        byte[] bytes = Files.readAllBytes(pack);
        bytes[(int) offset + (delta ? 30 : 12)] ^= (byte) 0x55;   // inside its zlib stream
        Files.write(pack, bytes);

        Panagit.Result r = Panagit.run(backend, root, null, "cat-file", "-p", blob);
        assertEquals(128, r.exitCode());
        assertTrue(r.stderr().startsWith("fatal: corrupt pack " + pack + " at offset " + offset + " (object " + blob
                + "): "), r.stderr());
        assertEquals(1, r.stderr().lines().count(), r.stderr());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void indexOffsetsPastThePackAndBadFanOutAreRefused(BackendChoice backend) throws IOException {
        Path root = packed();
        Path pack = PackedRepositoriesTest.packs(root).get(0);
        Path idx = Path.of(pack.toString().replace(".pack", ".idx"));
        byte[] original = Files.readAllBytes(idx);
        idx.toFile().setWritable(true);
        String head = GitCli.ok(root, "rev-parse", "HEAD").strip();

        // every 31-bit offset points past the pack
        int count = java.nio.ByteBuffer.wrap(original, 8 + 255 * 4, 4).getInt();
        byte[] damaged = original.clone();
        int offsets = 8 + 1024 + count * (20 + 4);
        for (int i = 0; i < count; i++) {
            java.nio.ByteBuffer.wrap(damaged, offsets + 4 * i, 4).putInt(0x7ffffff0);
        }
        Files.write(idx, damaged);
        Panagit.Result r = Panagit.run(backend, root, null, "cat-file", "-t", head);
        assertEquals(128, r.exitCode());
        assertTrue(r.stderr().startsWith("fatal: corrupt pack index " + idx), r.stderr());
        assertTrue(r.stderr().contains("records offset " + 0x7ffffff0 + ", outside"), r.stderr());
        assertTrue(r.stderr().contains("(object " + head + ")"), r.stderr());

        // a fan-out table that goes down
        damaged = original.clone();
        java.nio.ByteBuffer.wrap(damaged, 8 + 4 * 100, 4).putInt(count + 5);
        Files.write(idx, damaged);
        r = Panagit.run(backend, root, null, "log");
        assertEquals(128, r.exitCode());
        assertEquals("fatal: corrupt pack index " + idx + ": malformed pack index (fan-out table is not monotonic "
                + "at entry 101)\n", r.stderr());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void aDeltaChainThatLoopsIsRefused(BackendChoice backend) throws IOException {
        Path root = packed();
        // two REF_DELTAs, each naming the other as its base, with an index that says where they are
        ObjectId a = ObjectId.fromHex("a000000000000000000000000000000000000000");
        ObjectId b = ObjectId.fromHex("b000000000000000000000000000000000000000");
        byte[] d = delta(4, 4, copy(0, 4));
        PackBuilder p = new PackBuilder(ObjectFormat.SHA1);
        long atA = p.refDelta(b, d);
        long atB = p.refDelta(a, d);
        byte[] pack = p.build();
        Path packDir = root.resolve(".git/objects/pack");
        Files.write(packDir.resolve("pack-loop.pack"), pack);
        Files.write(packDir.resolve("pack-loop.idx"),
                PackBuilder.index(ObjectFormat.SHA1, pack, new ObjectId[] {a, b}, new long[] {atA, atB}));

        Panagit.Result r = Panagit.run(backend, root, null, "cat-file", "-p", a.name());
        assertEquals(128, r.exitCode());
        assertTrue(r.stderr().startsWith("fatal: corrupt pack " + packDir.resolve("pack-loop.pack") + " at offset "
                + atA + " (object " + a.name() + "): delta chain loops"), r.stderr());
    }
}
