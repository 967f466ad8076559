package dev.panagit.reliability;

import static dev.panagit.testing.Fixtures.git;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import dev.panagit.codec.JavaObjectCodec;
import dev.panagit.index.DirCache;
import dev.panagit.fsck.FsckRules;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.TreeEntry;
import dev.panagit.objects.Commit;
import dev.panagit.objects.Tag;
import dev.panagit.repo.GitConfig;
import dev.panagit.repo.Repository;
import dev.panagit.testing.GitCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded mutation harness for the Java parsers of untrusted bytes (Jazzer does not run on JDK
 * 25): real files and objects made by git are mutated (bit flips, interesting bytes and integers,
 * insertions, deletions, duplications, truncation) and parsed again. Each parser must either
 * accept a mutant or refuse it with an {@link IOException} (its typed corruption exceptions are
 * ones); any other exception or error, or a parse that does not end, fails the test and prints
 * the mutant to reproduce it. Seeds are fixed, so a run is repeatable.
 */
class ParserMutationTest {
    /** -Dpanagit.mutation.scale=N multiplies the rounds (the long run in docs/reliability.md used 25). */
    private static final int SCALE = Integer.getInteger("panagit.mutation.scale", 1);
    private static final int IN_MEMORY_ROUNDS = 20_000 * SCALE;
    private static final int ON_DISK_ROUNDS = 2_000 * SCALE;
    private static final byte[] INTERESTING = {0, (byte) 0xff, 0x7f, (byte) 0x80, '\n', ' ', '0', '9', '/', '<', '>',
        '-', '+'};
    private static final int[] INTERESTING_INTS = {0, 1, -1, 0x7fffffff, 0x80000000, 0xffff, 0x10000, 12, 62, 64};

    @TempDir
    static Path dir;

    static Path repo;
    static byte[] tree;
    static byte[] commit;
    static byte[] tag;

    @BeforeAll
    static void seeds() throws Exception {
        repo = dir.resolve("repo");
        git(dir, "init", "-q", "-b", "master", repo.toString());
        git(repo, "config", "user.name", "Seed Person");
        git(repo, "config", "user.email", "seed@example.com");
        git(repo, "config", "core.bigFileThreshold", "512m");
        git(repo, "config", "branch.master.description", "a \"quoted\" value\\twith escapes");
        for (int i = 0; i < 5; i++) {
            Files.createDirectories(repo.resolve("dir" + i));
            Files.writeString(repo.resolve("dir" + i + "/file.txt"), "content " + i + "\n");
            Files.writeString(repo.resolve("top" + i + ".txt"), "top " + i + "\n");
            git(repo, "add", "-A");
            git(repo, "commit", "-q", "-m", "commit " + i);
            git(repo, "tag", "-a", "-m", "tag " + i, "v" + i);
            git(repo, "branch", "b" + i);
        }
        git(repo, "gc", "-q");   // a pack, its index, packed-refs
        tree = raw("tree", "HEAD^{tree}");
        commit = raw("commit", "HEAD");
        tag = raw("tag", "v4");
    }

    private static byte[] raw(String type, String rev) {
        return GitCli.run(repo, null, "cat-file", type, rev).stdout();
    }

    /** One to four mutations of {@code seed}. */
    static byte[] mutate(byte[] seed, Random random) {
        byte[] b = seed.clone();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            if (b.length == 0) {
                b = new byte[] {INTERESTING[random.nextInt(INTERESTING.length)]};
                continue;
            }
            int at = random.nextInt(b.length);
            switch (random.nextInt(7)) {
                case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
                case 1 -> b[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                case 2 -> {   // a big-endian interesting integer (counts, offsets, sizes)
                    int v = INTERESTING_INTS[random.nextInt(INTERESTING_INTS.length)];
                    for (int i = 0; i < 4 && at + i < b.length; i++) {
                        b[at + i] = (byte) (v >>> (24 - 8 * i));
                    }
                }
                case 3 -> {   // insert random bytes
                    byte[] extra = new byte[1 + random.nextInt(16)];
                    random.nextBytes(extra);
                    byte[] grown = new byte[b.length + extra.length];
                    System.arraycopy(b, 0, grown, 0, at);
                    System.arraycopy(extra, 0, grown, at, extra.length);
                    System.arraycopy(b, at, grown, at + extra.length, b.length - at);
                    b = grown;
                }
                case 4 -> {   // delete a range
                    int len = Math.min(b.length - at, 1 + random.nextInt(32));
                    byte[] shrunk = new byte[b.length - len];
                    System.arraycopy(b, 0, shrunk, 0, at);
                    System.arraycopy(b, at + len, shrunk, at, b.length - at - len);
                    b = shrunk;
                }
                case 5 -> {   // duplicate a range
                    int len = Math.min(b.length - at, 1 + random.nextInt(64));
                    byte[] grown = new byte[b.length + len];
                    System.arraycopy(b, 0, grown, 0, at + len);
                    System.arraycopy(b, at, grown, at + len, b.length - at);
                    b = grown;
                }
                default -> b = java.util.Arrays.copyOf(b, at);   // truncate
            }
        }
        return b;
    }

    @FunctionalInterface
    interface Parser {
        void parse(byte[] input) throws Exception;
    }

    /** Runs {@code rounds} mutants of {@code seed} through {@code parser}; IOExceptions are verdicts. */
    private static void fuzz(String name, byte[] seed, int rounds, long randomSeed, Parser parser) {
        assertTimeoutPreemptively(Duration.ofMinutes(2L * SCALE), () -> {
            parser.parse(seed);   // the seed itself parses
            Random random = new Random(randomSeed);
            for (int round = 0; round < rounds; round++) {
                byte[] mutant = mutate(seed, random);
                try {
                    parser.parse(mutant);
                } catch (IOException refusedCleanly) {
                    // a verdict: the parser named the problem
                } catch (Throwable t) {
                    fail(name + " round " + round + ": " + t + "\nmutant (base64): "
                            + Base64.getEncoder().encodeToString(mutant), t);
                }
            }
        }, name + " did not finish");
    }

    private static final FsckRules RULES = FsckRules.of(ObjectFormat.SHA1, true, GitConfig.empty());

    @Test
    void objectParsers() {
        fuzz("tree", tree, IN_MEMORY_ROUNDS, 1, b -> {
            TreeEntry.parse(ObjectFormat.SHA1, b);
            FsckRules.unparsable(ObjectFormat.SHA1, ObjectType.TREE, b);
            RULES.check(ObjectType.TREE, b, b.length);
        });
        ObjectId id = ObjectId.fromHex(ObjectFormat.SHA1, "0123456789012345678901234567890123456789");
        fuzz("commit", commit, IN_MEMORY_ROUNDS, 2, b -> {
            FsckRules.unparsable(ObjectFormat.SHA1, ObjectType.COMMIT, b);
            RULES.check(ObjectType.COMMIT, b, b.length);
            Commit parsed = Commit.parse(ObjectFormat.SHA1, id, b);
            parsed.author().logDate();
            parsed.committer().logDate();
        });
        fuzz("tag", tag, IN_MEMORY_ROUNDS, 3, b -> {
            FsckRules.unparsable(ObjectFormat.SHA1, ObjectType.TAG, b);
            RULES.check(ObjectType.TAG, b, b.length);
            Tag.parse(ObjectFormat.SHA1, id, b);
        });
    }

    @Test
    void indexFiles() throws IOException {
        Path file = dir.resolve("index");
        byte[] seed = Files.readAllBytes(repo.resolve(".git/index"));
        fuzz("index", seed, ON_DISK_ROUNDS, 4, b -> {
            Files.write(file, b);
            DirCache.read(file, ObjectFormat.SHA1).entries();
        });
    }

    @Test
    void configFiles() throws IOException {
        Path file = dir.resolve("config");
        byte[] seed = Files.readAllBytes(repo.resolve(".git/config"));
        fuzz("config", seed, ON_DISK_ROUNDS, 5, b -> {
            Files.write(file, b);
            GitConfig config = GitConfig.read(file);
            config.get("core.bigfilethreshold");
            config.get("branch.master.description");
        });
    }

    /** packed-refs and pack indexes, read through a repository as every command reads them. */
    @Test
    void packedRefsAndPackIndexes() throws IOException {
        Path copy = dir.resolve("copy");
        git(dir, "clone", "-q", "--no-checkout", repo.toString(), copy.toString());
        git(copy, "pack-refs", "--all");
        Path packedRefs = copy.resolve(".git/packed-refs");
        byte[] refsSeed = Files.readAllBytes(packedRefs);
        List<String> ids = List.of(GitCli.ok(repo, "rev-list", "--objects", "--all").split("\n")).stream()
                .map(line -> line.substring(0, 40)).toList();
        fuzz("packed-refs", refsSeed, ON_DISK_ROUNDS, 6, b -> {
            Files.write(packedRefs, b);
            try (Repository r = Repository.discover(copy, new JavaObjectCodec(1))) {
                r.refs().all();
                r.refs().resolve("refs/heads/master");
            }
        });
        Files.write(packedRefs, refsSeed);
        Path idx;
        try (var files = Files.list(copy.resolve(".git/objects/pack"))) {
            idx = files.filter(p -> p.toString().endsWith(".idx")).findFirst().orElseThrow();
        }
        byte[] idxSeed = Files.readAllBytes(idx);
        fuzz("pack index", idxSeed, ON_DISK_ROUNDS / 2, 7, b -> {
            Files.write(idx, b);
            try (Repository r = Repository.discover(copy, new JavaObjectCodec(1))) {
                for (int i = 0; i < ids.size(); i += 7) {
                    ObjectId want = ObjectId.fromHex(ObjectFormat.SHA1, ids.get(i));
                    if (r.objects().has(want)) {
                        r.objects().open(want).bytes();
                    }
                }
            }
        });
    }
}
