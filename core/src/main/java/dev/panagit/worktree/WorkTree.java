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
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;

/** Files of the work tree: hashing them as blobs, writing and removing them safely. */
public final class WorkTree {
    private static final long IN_MEMORY_LIMIT = 32L << 20;

    private final Repository repo;
    private final Path root;
    private long stagedFiles;

    /** The work tree of {@code repo}. */
    public WorkTree(Repository repo) {
        this.repo = repo;
        this.root = repo.workTree();
    }

    /** The work tree's top directory. */
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

    /** Linux's and macOS's limits on a whole path and on one name, in bytes (0: unknown here). */
    private static final int PATH_MAX = System.getProperty("os.name").startsWith("Mac") ? 1024
            : System.getProperty("os.name").startsWith("Linux") ? 4096 : 0;
    private static final int NAME_MAX = PATH_MAX == 0 ? 0 : 255;

    /**
     * Why the file system would refuse to create {@code path} for its length ("File name too
     * long", as the system says it), or null; asked before a checkout writes anything.
     */
    public String lengthProblem(String path) {
        if (PATH_MAX == 0) {
            return null;
        }
        if (root.resolve(path).toString().getBytes(StandardCharsets.UTF_8).length >= PATH_MAX) {
            return "File name too long";
        }
        for (int start = 0, end; start < path.length(); start = end + 1) {
            end = path.indexOf('/', start);
            end = end < 0 ? path.length() : end;
            if (path.substring(start, end).getBytes(StandardCharsets.UTF_8).length > NAME_MAX) {
                return "File name too long";
            }
        }
        return null;
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
            byte[] content = FileBytes.read(file);
            return write ? repo.objects().insert(ObjectType.BLOB, content)
                    : repo.objects().codec().hashObject(repo.format(), ObjectType.BLOB, content, 0, content.length);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return write ? repo.objects().insert(ObjectType.BLOB, size, in)
                    : repo.objects().codec().hashObject(repo.format(), ObjectType.BLOB, size, in);
        }
    }

    /**
     * A file's new content, written aside before anything in the work tree changes: a temporary
     * file with the right permissions, or a symlink's target, or nothing (a submodule's directory).
     */
    public record Staged(int mode, Path content, String linkTarget) {
    }

    /**
     * Writes a blob's content for {@code mode} into a new file of {@code staging} (same file
     * system as the work tree, so that {@link #install} is a rename). Reading the blob is where a
     * damaged object shows itself; nothing in the work tree has been touched when it does.
     */
    public Staged stage(Path staging, int mode, ObjectId blob) throws IOException {
        if (mode == Trees.MODE_GITLINK) {
            return new Staged(mode, null, null);
        }
        if (mode == Trees.MODE_SYMLINK) {
            return new Staged(mode, null, new String(repo.objects().open(blob).bytes(), StandardCharsets.UTF_8));
        }
        // Created as git creates files (0666 less the umask), then given execute bits as git does.
        Path file = staging.resolve("blob-" + ++stagedFiles);
        try (var out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            repo.objects().open(blob).copyTo(out);
        }
        if (mode == Trees.MODE_EXECUTABLE && Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            for (PosixFilePermission read : List.of(PosixFilePermission.OWNER_READ, PosixFilePermission.GROUP_READ,
                    PosixFilePermission.OTHERS_READ)) {
                if (perms.contains(read)) {
                    perms.add(PosixFilePermission.values()[read.ordinal() + 2]);   // the matching EXECUTE
                }
            }
            Files.setPosixFilePermissions(file, perms);
        }
        return new Staged(mode, file, null);
    }

    /** Puts staged content at {@code path}, replacing a file or symlink there (never following it). */
    public void install(String path, Staged staged) throws IOException {
        Path file = file(path);
        Files.createDirectories(file.getParent());
        if (staged.mode() == Trees.MODE_GITLINK) {
            if (!Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(file);
                Files.createDirectory(file);
            }
            return;
        }
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("cannot write '" + path + "': a directory is in the way");
        }
        if (staged.linkTarget() != null) {
            Files.deleteIfExists(file);
            Files.createSymbolicLink(file, Path.of(staged.linkTarget()));
            return;
        }
        try {
            Files.move(staged.content(), file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staged.content(), file, StandardCopyOption.REPLACE_EXISTING);
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
