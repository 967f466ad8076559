package dev.panagit.cli;

import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.repo.Repository;
import dev.panagit.storage.pack.IndexedPack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

final class IndexPackCommand implements Command {
    String output;

    int threads;

    boolean verify;

    String indexVersion;

    String objectFormat;

    boolean stat;

    String pack;

    @Override
    public String name() {
        return "index-pack";
    }

    @Override
    public String description() {
        return "Build the index (.idx) of a pack: every entry read, every delta resolved, every object hashed.";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Value outputOption = args.value("-o", "<index-file>", "write the index here (default: <pack>.idx)");
        Args.Value threadsOption = args.value("--threads", "<n>", "threads resolving deltas (default 0: one per core)");
        Args.Flag verifyOption = args.flag("--verify", "check that the existing index is exactly the one this pack gives");
        Args.Value indexVersionOption = args.value("--index-version", "<version>[,<offset>]", "pack index version to write: 1 or 2 (default 2); with version 2, offsets above <offset> go to the table of 64-bit offsets (default 2^31 - 1)");
        Args.Value objectFormatOption = args.value("--object-format", "<format>", "sha1 or sha256 (default: the repository's, else sha1)");
        Args.Flag statOption = args.flag("--stat", "print where the time went (reading entries, resolving deltas) on stderr");
        Args.Operands operands = args.operands("<pack>", 1, 1, "the pack file");
        args.parse();
        output = outputOption.get(output);
        threads = threadsOption.asInt(0);
        verify = verifyOption.on();
        indexVersion = indexVersionOption.get("2");
        objectFormat = objectFormatOption.get(objectFormat);
        stat = statOption.on();
        pack = operands.get(0, pack);
        Path packFile = io.resolve(pack);
        String name = packFile.getFileName().toString();
        if (output == null && !name.endsWith(".pack")) {
            throw new Fatal("packfile name '" + pack + "' does not end with '.pack'");
        }
        String[] versionParts = indexVersion.split(",", 2);
        int version;
        long largeAbove;
        try {
            version = Integer.parseInt(versionParts[0]);
            largeAbove = versionParts.length == 1 ? 0x7fffffffL : Long.decode(versionParts[1]);
        } catch (NumberFormatException e) {
            throw new Fatal("bad --index-version=" + indexVersion);
        }
        if (version != 1 && version != 2 || largeAbove < 0 || largeAbove > 0x7fffffffL) {
            throw new Fatal("bad pack.indexVersion=" + indexVersion);
        }
        Path indexFile = output != null ? io.resolve(output)
                : packFile.resolveSibling(name.substring(0, name.length() - ".pack".length()) + ".idx");
        Optional<Repository> repo = Repos.openIfAny(io);
        ObjectFormat format = PackTools.format(objectFormat, repo);
        if (!Files.isRegularFile(packFile)) {
            throw new Fatal("cannot open packfile '" + pack + "': No such file or directory");
        }
        if (verify) {
            verify(packFile, indexFile, PackTools.indexer(io, format, threads, repo).index(packFile));
            return 0;
        }
        IndexedPack indexed = PackTools.indexer(io, format, threads, repo).index(packFile);
        if (stat) {
            IndexedPack.Timing t = indexed.timing();
            io.err().printf(java.util.Locale.ROOT, "index-pack: %d objects; read %.3f s, resolved deltas %.3f s on %d "
                    + "threads (%s backend)%n", indexed.count(), t.scanNanos() / 1e9, t.resolveNanos() / 1e9,
                    t.threads(), io.backend().backendName());
        }
        long limit = largeAbove;
        write(indexFile, indexed.indexBytes(version, offset -> offset > limit));
        io.out().println(ObjectId.fromRaw(format, indexed.packChecksum(), 0).name());
        return 0;
    }

    /** Fails unless {@code indexFile} holds exactly the index of {@code indexed}, in its own version. */
    static void verify(Path packFile, Path indexFile, IndexedPack indexed) throws IOException {
        byte[] existing;
        try {
            existing = Files.readAllBytes(indexFile);
        } catch (NoSuchFileException e) {
            throw new Fatal("Cannot open existing pack idx file for '" + packFile + "'");
        }
        if (!indexed.matchesIndex(existing)) {
            throw new Fatal("index " + indexFile + " does not match its pack " + packFile
                    + " (objects, offsets, CRC-32s or checksums differ)");
        }
    }

    /** Writes a new file through a temporary one, renamed into place, read-only as git leaves it. */
    static void write(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "tmp_idx_", "");
        try {
            Files.write(tmp, content);
            dev.panagit.storage.pack.FileSync.force(tmp);   // durable before visible, as git's default core.fsync
            if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (java.nio.file.AccessDeniedException e) {
                Files.deleteIfExists(target);   // a read-only index from an earlier run
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
