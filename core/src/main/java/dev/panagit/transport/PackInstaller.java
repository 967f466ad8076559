package dev.panagit.transport;

import dev.panagit.lib.MissingObjectException;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.Progress;
import dev.panagit.objects.Commit;
import dev.panagit.objects.Tag;
import dev.panagit.repo.Repository;
import dev.panagit.storage.pack.FileSync;
import dev.panagit.storage.pack.IndexedPack;
import dev.panagit.storage.pack.PackIndexer;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.List;

/**
 * Receives objects into a repository as one pack: the objects are written to a temporary pack
 * in its pack directory, indexed (every entry read, every object hashed, as index-pack does),
 * checked (each commit, tree and tag parses and names only objects the receiver has once the
 * pack is in), and only then renamed into place, the pack before its index (readers look for
 * the index), so an interrupted transfer leaves nothing visible.
 */
public final class PackInstaller {
    private final Repository target;
    private final PackIndexer indexer;

    /**
     * Installs packs into {@code target}, indexed with its codec on {@code threads} threads (0: one
     * per processor) within its {@code core.deltaBaseCacheLimit}, reporting to {@code progress}.
     *
     * @param target the repository the packs go into
     * @param threads delta-resolving threads, 0 for one per processor
     * @param progress where indexing reports how far it is ({@link Progress#NONE} for nowhere)
     * @throws IOException when the target's config cannot be read
     */
    public PackInstaller(Repository target, int threads, Progress progress) throws IOException {
        this.target = target;
        this.indexer = new PackIndexer(target.objects().codec(), target.format(), PackIndexer.threadsFor(threads),
                target.deltaBaseCacheLimit(), progress);
    }

    /** Copies {@code ids} from {@code source} into the target; nothing when the list is empty. Returns the count. */
    public int copy(Repository source, List<ObjectId> ids) throws IOException {
        if (ids.isEmpty()) {
            return 0;
        }
        Path tmpPack = temporaryPack();
        try {
            PackOutput.write(source.objects(), target.format(), ids, tmpPack);
            int count = install(tmpPack);
            if (count != ids.size()) {
                throw new IOException("pack for " + target.gitDir() + " holds " + count + " objects, " + ids.size()
                        + " were sent");
            }
            return count;
        } finally {
            Files.deleteIfExists(tmpPack);
        }
    }

    /** A new temporary file in the target's pack directory, for a pack being written or received. */
    public Path temporaryPack() throws IOException {
        Path packDir = target.gitDir().resolve("objects").resolve("pack");
        Files.createDirectories(packDir);
        return Files.createTempFile(packDir, "tmp_pack_", "");
    }

    /**
     * Indexes a pack written to {@link #temporaryPack()}, renames it and its index into place,
     * then checks every object it brought (parses, names only objects the receiver has); the
     * temporary file is gone afterwards either way. Returns the number of objects.
     */
    public int install(Path tmpPack) throws IOException {
        Path packDir = tmpPack.getParent();
        Path tmpIndex = null;
        try {
            IndexedPack indexed = indexer.index(tmpPack);
            String name = "pack-" + HexFormat.of().formatHex(indexed.packChecksum());
            tmpIndex = Files.createTempFile(packDir, "tmp_idx_", "");
            Files.write(tmpIndex, indexed.indexBytes(2));
            FileSync.force(tmpPack);    // durable before visible, as git's default core.fsync
            FileSync.force(tmpIndex);
            move(tmpPack, packDir.resolve(name + ".pack"));
            move(tmpIndex, packDir.resolve(name + ".idx"));
            List<ObjectId> ids = new java.util.ArrayList<>(indexed.count());
            for (int i = 0; i < indexed.count(); i++) {
                ids.add(indexed.id(i));
            }
            checkParsable(ids);
            checkConnected(ids);
            return indexed.count();
        } finally {
            Files.deleteIfExists(tmpPack);
            if (tmpIndex != null) {
                Files.deleteIfExists(tmpIndex);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
        try {
            Files.setPosixFilePermissions(to, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
        } catch (UnsupportedOperationException e) {
            // no permissions to set on this file system
        }
    }

    /** Every commit, tag and tree sent parses as git's format (a corrupt one is refused before any ref moves). */
    private void checkParsable(List<ObjectId> ids) throws IOException {
        for (ObjectId id : ids) {
            ObjectType type = target.objects().readHeader(id).type();
            switch (type) {
                case COMMIT -> Commit.parse(target.format(), id, target.objects().open(id).bytes());
                case TAG -> Tag.parse(target.format(), id, target.objects().open(id).bytes());
                case TREE -> target.readTree(id);
                default -> {
                }
            }
        }
    }

    /** Everything the received commits, trees and tags name is in the target now (git's check_connected). */
    private void checkConnected(List<ObjectId> ids) throws IOException {
        for (ObjectId id : ids) {
            ObjectType type = target.objects().readHeader(id).type();
            switch (type) {
                case COMMIT -> {
                    Commit commit = target.readCommit(id);
                    need(commit.tree(), id);
                    for (ObjectId parent : commit.parents()) {
                        need(parent, id);
                    }
                }
                case TAG -> need(Tag.parse(target.format(), id, target.objects().open(id).bytes()).object(), id);
                case TREE -> {
                    for (dev.panagit.lib.TreeEntry entry : target.readTree(id)) {
                        if (entry.type() != ObjectType.COMMIT) {
                            need(entry.id(), id);
                        }
                    }
                }
                default -> {
                }
            }
        }
    }

    private void need(ObjectId id, ObjectId from) throws IOException {
        if (!target.objects().has(id)) {
            throw new MissingObjectException(id, "named by " + from.name() + ", after the transfer");
        }
    }
}
