package dev.panagit.storage;

import static dev.panagit.testing.Fixtures.git;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.backend.BackendChoice;
import dev.panagit.lib.AmbiguousObjectException;
import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.MissingObjectException;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.repo.Repository;
import dev.panagit.testing.Fixtures;
import dev.panagit.testing.GitCli;
import dev.panagit.testing.Panagit;
import dev.panagit.testing.TestBackends;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One object database over packs, loose objects and alternates. */
class ObjectDatabaseTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void manyObjectsInsertedAtOnceAreWhatGitReadsAndExistingOnesAreNotRewritten(BackendChoice backend)
            throws Exception {
        java.util.Random random = new java.util.Random(11);
        List<byte[]> contents = new java.util.ArrayList<>();
        for (int i = 0; i < 1500; i++) {   // many small ones (several per batch call), sizes 0-700
            byte[] content = new byte[random.nextInt(701)];
            random.nextBytes(content);
            contents.add(content);
        }
        byte[] large = new byte[(9 << 20) + 3];   // over the batch bound: hashed on its own
        random.nextBytes(large);
        contents.add(700, large);
        contents.add(contents.get(3).clone());    // the same content twice
        Path root = dir.resolve("many");
        List<ObjectId> ids;
        try (Repository repo = Repository.init(root, dev.panagit.lib.ObjectFormat.SHA1, "main", backend.codec())
                .repository()) {
            ObjectId before = repo.objects().insert(ObjectType.BLOB, contents.get(5));
            Path stored = repo.objects().loose().pathOf(before);
            java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.fromMillis(1_000_000_000_000L);
            Files.setLastModifiedTime(stored, old);

            ids = repo.objects().insertAll(ObjectType.BLOB, contents);

            assertEquals(contents.size(), ids.size());
            assertEquals(before, ids.get(5));
            assertEquals(old, Files.getLastModifiedTime(stored), "an object already stored is not written again");
            assertEquals(ids.get(3), ids.get(ids.size() - 1));
            for (int i = 0; i < contents.size(); i++) {
                assertEquals(repo.objects().loose().insert(ObjectType.BLOB, contents.get(i)), ids.get(i), "object " + i);
            }
            for (int i : new int[] {0, 1, 699, 700, 701, contents.size() - 2}) {
                assertArrayEquals(contents.get(i), repo.objects().open(ids.get(i)).bytes(), "object " + i);
            }
        }
        // git as referee: its ids for the same contents, each a blob of the right size in this
        // repository, and every stored object hashing to its id (fsck).
        Path files = Files.createDirectories(dir.resolve("contents"));
        StringBuilder paths = new StringBuilder();
        StringBuilder ours = new StringBuilder();
        StringBuilder sizes = new StringBuilder();
        for (int i = 0; i < contents.size(); i++) {
            Path file = files.resolve(Integer.toString(i));
            Files.write(file, contents.get(i));
            paths.append(file).append('\n');
            sizes.append("blob ").append(contents.get(i).length).append('\n');
        }
        String gitIds = GitCli.run(root, paths.toString().getBytes(StandardCharsets.UTF_8), Map.of(),
                "hash-object", "--stdin-paths").text();
        ids.forEach(id -> ours.append(id.name()).append('\n'));
        assertEquals(gitIds, ours.toString(), "insertAll's ids are git's");
        GitCli.Result check = GitCli.run(root, gitIds.getBytes(StandardCharsets.UTF_8), Map.of(),
                "cat-file", "--batch-check=%(objecttype) %(objectsize)");
        assertEquals(sizes.toString(), check.text());
        assertEquals(0, GitCli.run(root, null, Map.of(), "fsck", "--strict").exitCode());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void packsThatAppearWhileRunningAreFound(BackendChoice backend) throws Exception {
        Path root = Fixtures.history(dir.resolve("r"), "sha1", 10);
        git(root, "gc", "-q");
        try (Repository repo = Repository.discover(root, backend.codec())) {
            ObjectId head = repo.refs().resolve("HEAD").orElseThrow();
            assertEquals(ObjectType.COMMIT, repo.objects().readHeader(head).type());   // packs are open now
            // another process writes an object and packs it (as a concurrent gc or fetch would)
            GitCli.Result written = GitCli.run(root, "appeared later\n".getBytes(StandardCharsets.UTF_8), Map.of(),
                    "hash-object", "-w", "--stdin");
            ObjectId later = ObjectId.fromHex(written.text().strip());
            GitCli.Result packed = GitCli.run(root, (later.name() + "\n").getBytes(StandardCharsets.UTF_8), Map.of(),
                    "pack-objects", "-q", ".git/objects/pack/pack");
            assertEquals(0, packed.exitCode(), packed.stderr());
            git(root, "prune-packed");
            assertTrue(Files.notExists(root.resolve(".git/objects/" + later.name().substring(0, 2))), "packed");
            assertEquals("appeared later\n", new String(repo.objects().open(later).bytes(), StandardCharsets.UTF_8));
            assertInstanceOf(ObjectDatabase.Location.Packed.class, repo.objects().locate(later));
            assertThrows(MissingObjectException.class,
                    () -> repo.objects().open(ObjectId.fromHex("0123456789012345678901234567890123456789")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void alternatesLendTheirObjects(BackendChoice backend) throws Exception {
        Path lender = Fixtures.history(dir.resolve("lender"), "sha1", 10);
        git(lender, "gc", "-q");
        Path borrower = dir.resolve("borrower");
        git(dir, "clone", "-q", "--shared", lender.toString(), borrower.toString());
        assertTrue(Files.readString(borrower.resolve(".git/objects/info/alternates")).contains("lender"));
        assertEquals(0, PackedCount.of(borrower), "the borrower holds no objects of its own");
        Panagit.Result log = Panagit.run(backend, borrower, null, "log", "--oneline", "--decorate=short");
        assertEquals(GitCli.ok(borrower, "log", "--oneline", "--decorate=short"), log.text());
        Panagit.Result all = Panagit.run(backend, borrower, null, "cat-file", "--batch-all-objects", "--batch-check");
        assertEquals(GitCli.ok(borrower, "cat-file", "--batch-all-objects", "--batch-check"), all.text());
        Panagit.Result count = Panagit.run(backend, borrower, null, "count-objects", "-v");
        assertEquals(GitCli.ok(borrower, "count-objects", "-v"), count.text());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void abbreviationsAreUniqueAcrossLooseAndPacked(BackendChoice backend) throws Exception {
        Path root = Fixtures.history(dir.resolve("a"), "sha1", 10);
        git(root, "gc", "-q");
        try (Repository repo = Repository.discover(root, backend.codec())) {
            ObjectId packed = repo.refs().resolve("HEAD").orElseThrow();
            // a loose blob sharing the packed commit's first 4 hex digits, found by trying
            ObjectId twin = null;
            for (int i = 0; twin == null; i++) {
                byte[] content = ("twin " + i).getBytes(StandardCharsets.UTF_8);
                ObjectId id = backend.codec().hashObject(repo.format(), ObjectType.BLOB, content, 0, content.length);
                if (id.name().startsWith(packed.name().substring(0, 4))) {
                    twin = repo.objects().insert(ObjectType.BLOB, content);
                }
            }
            String prefix = packed.name().substring(0, 4);
            AmbiguousObjectException e = assertThrows(AmbiguousObjectException.class,
                    () -> repo.objects().resolveAbbreviation(prefix));
            assertEquals(2, e.candidates().size());
            assertTrue(e.candidates().contains(packed) && e.candidates().contains(twin));
            int common = 0;
            while (packed.name().charAt(common) == twin.name().charAt(common)) {
                common++;
            }
            String abbrev = repo.objects().abbreviate(packed);
            assertEquals(Math.max(7, common + 1), abbrev.length(), abbrev);
            assertEquals(GitCli.ok(root, "rev-parse", "--short", packed.name()).strip(), abbrev);
            assertFalse(repo.objects().findByPrefix(abbrev).contains(twin));
        }
    }

    /**
     * What {@link Pack} says of every entry (length in the pack, delta depth and base, object
     * count) is what {@code git verify-pack -v} says, for offset deltas and for deltas naming their
     * base by id.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void packsDescribeTheirEntriesAsGitVerifyPackDoes(BackendChoice backend) throws Exception {
        Path root = Fixtures.history(dir.resolve("p"), "sha1", 12);
        for (String deltaBaseOffset : List.of("true", "false")) {
            git(root, "-c", "repack.useDeltaBaseOffset=" + deltaBaseOffset, "repack", "-q", "-a", "-d", "-f");
            Path index = Files.list(root.resolve(".git/objects/pack"))
                    .filter(p -> p.toString().endsWith(".idx")).findFirst().orElseThrow();
            int deltas = 0;
            try (Repository repo = Repository.discover(root, backend.codec())) {
                List<Pack> packs = repo.objects().packs();
                assertEquals(1, packs.size());
                Pack pack = packs.get(0);
                assertEquals(index, pack.indexPath());
                assertEquals(Files.size(pack.packPath()), pack.size());
                int listed = 0;
                for (String line : GitCli.ok(root, "verify-pack", "-v", index.toString()).split("\n")) {
                    String[] f = line.trim().split("\s+");
                    if (f.length < 5 || f[0].length() != 40) {
                        continue;   // the histogram and summary lines
                    }
                    listed++;
                    ObjectId id = ObjectId.fromHex(f[0]);
                    var location = assertInstanceOf(ObjectDatabase.Location.Packed.class, repo.objects().locate(id));
                    long offset = Long.parseLong(f[4]);
                    assertEquals(offset, location.offset(), f[0]);
                    PackEntry entry = pack.entry(offset);
                    assertEquals(id, entry.id());
                    assertEquals(Long.parseLong(f[3]), entry.length(), "size in pack of " + f[0]);
                    assertEquals(Long.parseLong(f[2]), entry.header().size(), "entry size of " + f[0]);
                    List<PackEntry> chain = pack.deltaChain(offset);
                    assertEquals(entry, chain.get(0));
                    if (f.length == 7) {
                        deltas++;
                        assertEquals(Integer.parseInt(f[5]), chain.size() - 1, "depth of " + f[0]);
                        assertEquals(ObjectId.fromHex(f[6]), entry.base().orElseThrow(), "base of " + f[0]);
                        assertEquals(Boolean.parseBoolean(deltaBaseOffset) ? 6 : 7, entry.header().typeCode());
                        assertEquals(entry.deltaBase(), chain.get(1).id());
                    } else {
                        assertEquals(f[1], entry.header().objectType().gitName());
                        assertEquals(1, chain.size());
                        assertTrue(entry.base().isEmpty());
                    }
                }
                assertEquals(listed, pack.objectCount());
                assertEquals(2, pack.indexVersion());
                assertEquals(2, pack.version());
                assertTrue(deltas > 10, "the history makes delta chains: " + deltas);
                long start = repo.objects().packs().get(0).entry(12).offset();
                assertEquals(12, start, "the first entry follows the 12-byte pack header");
                var notAnEntry = assertThrows(dev.panagit.lib.CorruptPackException.class, () -> pack.entry(13));
                assertTrue(notAnEntry.getMessage().contains("offset 13"), notAnEntry.getMessage());
            }
        }
    }

    /** Objects a repository holds itself (loose and packed), per git. */
    private static final class PackedCount {
        static long of(Path root) {
            long n = 0;
            for (String line : GitCli.ok(root, "count-objects", "-v").split("\n")) {
                if (line.startsWith("count: ") || line.startsWith("in-pack: ")) {
                    n += Long.parseLong(line.substring(line.indexOf(' ') + 1));
                }
            }
            return n;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void aLargePackedBlobStreamsAndIsChecked(BackendChoice backend) throws Exception {
        Path root = dir.resolve("large");
        git(dir, "init", "-q", root.toString());
        byte[] big = dev.panagit.testing.TestData.text((40 << 20) + 17, 11);
        Files.write(root.resolve("big.txt"), big);
        git(root, "add", "big.txt");
        GitCli.Result commit = GitCli.run(root, null, Map.of("GIT_AUTHOR_NAME", "a", "GIT_AUTHOR_EMAIL", "a@b",
                "GIT_COMMITTER_NAME", "a", "GIT_COMMITTER_EMAIL", "a@b"), "commit", "-q", "-m", "big");
        assertEquals(0, commit.exitCode(), commit.stderr());
        git(root, "gc", "-q");
        try (Repository repo = Repository.discover(root, backend.codec())) {
            ObjectId id = ObjectId.fromHex(GitCli.ok(root, "rev-parse", "HEAD:big.txt").strip());
            var stored = repo.objects().open(id);
            assertTrue(stored.isLarge(), "over the in-memory limit: streamed");
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(big.length);
            stored.copyTo(out);
            assertArrayEquals(big, out.toByteArray());
        }
    }

    /**
     * A large loose object is read from a mapping of its file (the native backend takes it whole,
     * through its fastest inflater); damage anywhere gets the same verdict from both backends.
     */
    @Test
    void aLargeLooseBlobStreamsFromItsMappingAndBothBackendsNameTheSameDamage() throws Exception {
        Path root = dir.resolve("large-loose");
        git(dir, "init", "-q", root.toString());
        byte[] big = dev.panagit.testing.TestData.mixed((40 << 20) + 5, 3);
        Files.write(root.resolve("big.bin"), big);
        ObjectId id = ObjectId.fromHex(GitCli.ok(root, "hash-object", "-w", "big.bin").strip());
        Path file = root.resolve(".git/objects/" + id.name().substring(0, 2) + "/" + id.name().substring(2));
        byte[] pristine = Files.readAllBytes(file);

        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 6; round++) {
            byte[] bytes = pristine.clone();
            switch (round) {
                case 0 -> { }
                case 1 -> bytes = java.util.Arrays.copyOf(bytes, bytes.length - 3);   // the checksum cut
                case 2 -> bytes = java.util.Arrays.copyOf(bytes, bytes.length / 2);
                case 3 -> bytes[bytes.length - 2] ^= 0x10;                                // the checksum
                default -> bytes[2 + random.nextInt(bytes.length - 6)] ^= (byte) (1 << random.nextInt(8));
            }
            file.toFile().setWritable(true);
            Files.write(file, bytes);
            List<String> verdicts = new java.util.ArrayList<>();
            for (BackendChoice backend : TestBackends.all()) {
                try (Repository repo = Repository.discover(root, backend.codec())) {
                    var stored = repo.objects().open(id);
                    assertTrue(stored.isLarge(), "over the in-memory limit: streamed");
                    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(big.length);
                    stored.copyTo(out);
                    assertArrayEquals(big, out.toByteArray(), backend.backendName());
                    verdicts.add("ok");
                } catch (CorruptObjectException e) {
                    verdicts.add(e.corruption().name());
                }
            }
            assertEquals(1, verdicts.stream().distinct().count(), "round " + round + ": " + verdicts);
            assertEquals(round == 0, verdicts.get(0).equals("ok"), "round " + round + ": " + verdicts);
        }
    }
}
