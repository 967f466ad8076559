package dev.panagit.cli;

import dev.panagit.diff.PatchWriter;
import dev.panagit.diff.PatchWriter.Side;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.repo.Repository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where diff, show and log find what a patch shows: blobs, work tree files, and git's abbreviations. */
final class PatchContents {
    private PatchContents() {
    }

    /**
     * Blobs of {@code repo}; when {@code workTree} is not null, the new side of each path is its
     * file there (the work tree is what is being compared).
     */
    static PatchWriter.Contents of(Repository repo, Path workTree) {
        return new PatchWriter.Contents() {
            @Override
            public byte[] load(String path, Side side, boolean after) throws IOException {
                return after && workTree != null ? fileContent(workTree.resolve(path))
                        : repo.objects().open(side.id()).bytes();
            }

            @Override
            public String abbreviate(ObjectId id) throws IOException {
                return Repos.abbrev(repo, id);
            }

            @Override
            public String quote(String path) {
                return Quoting.cStyle(path);
            }
        };
    }

    /**
     * Two files outside any repository (--no-index), already read: ids abbreviated to seven
     * digits, as git does there.
     */
    static PatchWriter.Contents ofFiles(byte[] oldContent, byte[] newContent) {
        return new PatchWriter.Contents() {
            @Override
            public byte[] load(String path, Side side, boolean after) {
                return after ? newContent : oldContent;
            }

            @Override
            public String abbreviate(ObjectId id) {
                return id.name().substring(0, 7);
            }

            @Override
            public String quote(String path) {
                return Quoting.cStyle(path);
            }
        };
    }

    /** A file's bytes, or a symlink's target as git stores it. */
    static byte[] fileContent(Path file) throws IOException {
        return Files.isSymbolicLink(file) ? Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8)
                : dev.panagit.worktree.FileBytes.read(file);
    }

    /** The blob id of bytes, as git computes it for a file outside the object database. */
    static ObjectId blobId(Io io, byte[] content) {
        return io.backend().codec().hashObject(ObjectFormat.SHA1, ObjectType.BLOB, content, 0, content.length);
    }
}
