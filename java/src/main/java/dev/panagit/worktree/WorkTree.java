package dev.panagit.worktree;

import dev.panagit.index.FileStat;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.objects.Trees;
import dev.panagit.repo.Repository;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** Files of the work tree: hashing them as blobs, writing and removing them safely. */
public final class WorkTree {
    private static final long IN_MEMORY_LIMIT = 32L << 20;

    private final Repository repo;
    private final Path root;

    public WorkTree(Repository repo) {
        this.repo = repo;
        this.root = repo.workTree();
    }

    public Path root() {
        return root;
    }

    /** The file of a '/'-separated path; refuses paths that are unsafe or lead through a symlink. */
    public Path file(String path) throws IOException {
        String problem = PathSafety.pathProblem(path);
        if (problem != null) {
            throw new IOException("refusing path '" + path + "': " + problem);
        }
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root) || file.equals(root)) {
            throw new IOException("refusing path '" + path + "' outside the work tree");
        }
        for (Path dir = file.getParent(); dir != null && !dir.equals(root); dir = dir.getParent()) {
            if (Files.isSymbolicLink(dir)) {
                throw new IOException("refusing path '" + path + "': beyond a symbolic link (" + root.relativize(dir) + ")");
            }
        }
        return file;
    }

    /** The path of a file relative to the work tree, '/'-separated. */
    public String relative(Path file) {
        return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /** Stores a file's content (a symlink's target) as a blob, or only hashes it when {@code write} is false. */
    public ObjectId hashFile(Path file, FileStat stat, boolean write) throws IOException {
        if (stat.mode() == Trees.MODE_SYMLINK) {
            byte[] target = Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8);
            return write ? repo.objects().insert(ObjectType.BLOB, target)
                    : repo.objects().codec().hashObject(repo.format(), ObjectType.BLOB, target, 0, target.length);
        }
        long size = Files.size(file);
        if (size <= IN_MEMORY_LIMIT) {
            byte[] content = Files.readAllBytes(file);
            return write ? repo.objects().insert(ObjectType.BLOB, content)
                    : repo.objects().codec().hashObject(repo.format(), ObjectType.BLOB, content, 0, content.length);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return write ? repo.objects().insert(ObjectType.BLOB, size, in)
                    : repo.objects().codec().hashObject(repo.format(), ObjectType.BLOB, size, in);
        }
    }

    /** Writes a blob to {@code path} with the file mode, replacing what is there. */
    public void checkout(String path, int mode, ObjectId blob) throws IOException {
        Path file = file(path);
        Files.createDirectories(file.getParent());
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("cannot write '" + path + "': a directory is in the way");
        }
        Files.deleteIfExists(file);
        if (mode == Trees.MODE_SYMLINK) {
            String target = new String(repo.objects().open(blob).bytes(), StandardCharsets.UTF_8);
            Files.createSymbolicLink(file, Path.of(target));
            return;
        }
        if (mode == Trees.MODE_GITLINK) {
            Files.createDirectories(file);
            return;
        }
        try (var out = Files.newOutputStream(file)) {
            repo.objects().open(blob).copyTo(out);
        }
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (mode == Trees.MODE_EXECUTABLE) {
                perms.add(PosixFilePermission.OWNER_EXECUTE);
                perms.add(PosixFilePermission.GROUP_EXECUTE);
                perms.add(PosixFilePermission.OTHERS_EXECUTE);
            } else {
                perms.remove(PosixFilePermission.OWNER_EXECUTE);
                perms.remove(PosixFilePermission.GROUP_EXECUTE);
                perms.remove(PosixFilePermission.OTHERS_EXECUTE);
            }
            Files.setPosixFilePermissions(file, perms);
        }
    }

    /** Removes {@code path} and then any directories it leaves empty. */
    public void remove(String path) throws IOException {
        Path file = file(path);
        Files.deleteIfExists(file);
        for (Path dir = file.getParent(); dir != null && !dir.equals(root); dir = dir.getParent()) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    break;
                }
            } catch (java.nio.file.NoSuchFileException e) {
                continue;
            }
            Files.delete(dir);
        }
    }
}
