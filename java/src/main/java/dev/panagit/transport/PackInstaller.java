package dev.panagit.transport;

import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.objects.Commit;
import dev.panagit.objects.Tag;
import dev.panagit.repo.Repository;
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

    public PackInstaller(Repository target, PackIndexer indexer) {
        this.target = target;
        this.indexer = indexer;
    }

    /** Copies {@code ids} from {@code source} into the target; nothing when the list is empty. Returns the count. */
    public int copy(Repository source, List<ObjectId> ids) throws IOException {
        if (ids.isEmpty()) {
            return 0;
        }
        Path packDir = target.gitDir().resolve("objects").resolve("pack");
        Files.createDirectories(packDir);
        Path tmpPack = Files.createTempFile(packDir, "tmp_pack_", "");
        Path tmpIndex = null;
        try {
            byte[] checksum = PackOutput.write(source.objects(), target.format(), ids, tmpPack);
            IndexedPack indexed = indexer.index(tmpPack);
            if (indexed.count() != ids.size()) {
                throw new IOException("pack for " + target.gitDir() + " holds " + indexed.count() + " objects, "
                        + ids.size() + " were sent");
            }
            String name = "pack-" + HexFormat.of().formatHex(checksum);
            tmpIndex = Files.createTempFile(packDir, "tmp_idx_", "");
            Files.write(tmpIndex, indexed.indexBytes(2));
            checkParsable(source, ids);
            move(tmpPack, packDir.resolve(name + ".pack"));
            move(tmpIndex, packDir.resolve(name + ".idx"));
            checkConnected(ids);
            return ids.size();
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
    private void checkParsable(Repository source, List<ObjectId> ids) throws IOException {
        for (ObjectId id : ids) {
            ObjectType type = source.objects().readHeader(id).type();
            switch (type) {
                case COMMIT -> Commit.parse(target.format(), id, source.objects().open(id).bytes());
                case TAG -> Tag.parse(target.format(), id, source.objects().open(id).bytes());
                case TREE -> source.readTree(id);
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
            throw new IOException("missing object " + id.name() + " (named by " + from.name() + ") after the transfer");
        }
    }
}
