package dev.panagit.repo;

import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.ObjectCodec;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.StoredObject;
import dev.panagit.lib.TreeEntry;
import dev.panagit.objects.Commit;
import dev.panagit.objects.Tag;
import dev.panagit.storage.ObjectDatabase;
import dev.panagit.storage.pack.DeltaBaseCache;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A git repository: its {@code .git} directory, object format and object database. Closing it
 * releases what the object database holds (pack mappings).
 */
public final class Repository implements AutoCloseable {
    private final Path gitDir;
    private final Path workTree;
    private final ObjectFormat format;
    private final ObjectDatabase objects;

    private Repository(Path gitDir, Path workTree, ObjectFormat format, ObjectCodec codec, long deltaBaseCacheLimit) {
        this.gitDir = gitDir;
        this.workTree = workTree;
        this.format = format;
        this.objects = new ObjectDatabase(gitDir.resolve("objects"), format, codec, deltaBaseCacheLimit);
    }

    /** What {@link #init} did. */
    public record InitResult(Repository repository, boolean reinitialized) {
    }

    /**
     * Creates a repository in {@code workTree}/.git that git accepts, or reports an existing one
     * (git's "Reinitialized"), without touching what is there.
     */
    public static InitResult init(Path workTree, ObjectFormat format, String initialBranch, ObjectCodec codec)
            throws IOException {
        return init(workTree, format, initialBranch, codec, false);
    }

    /** The same; with {@code bare}, the repository is {@code dir} itself and has no work tree (git init --bare). */
    public static InitResult init(Path location, ObjectFormat format, String initialBranch, ObjectCodec codec, boolean bare)
            throws IOException {
        Path root = location.toAbsolutePath().normalize();
        Path gitDir = bare ? root : root.resolve(".git");
        Path workTree = bare ? null : root;
        if (Files.isRegularFile(gitDir.resolve("HEAD"))) {
            Repository existing = open(gitDir, workTree, codec);
            if (existing.format != format) {
                throw new IOException("attempt to reinitialize repository " + gitDir + " with a different hash ("
                        + format.configName() + " instead of " + existing.format.configName() + ")");
            }
            return new InitResult(existing, true);
        }
        RefNames.checkBranchName(initialBranch);
        for (String dir : new String[] {"objects/info", "objects/pack", "refs/heads", "refs/tags", "info", "hooks"}) {
            Files.createDirectories(gitDir.resolve(dir));
        }
        StringBuilder config = new StringBuilder("[core]\n")
                .append("\trepositoryformatversion = ").append(format == ObjectFormat.SHA1 ? 0 : 1).append('\n')
                .append("\tfilemode = true\n")
                .append("\tbare = ").append(bare).append('\n');
        if (!bare) {
            config.append("\tlogallrefupdates = true\n");
        }
        if (format != ObjectFormat.SHA1) {
            config.append("[extensions]\n\tobjectformat = ").append(format.configName()).append('\n');
        }
        writeNew(gitDir.resolve("config"), config.toString());
        writeNew(gitDir.resolve("description"),
                "Unnamed repository; edit this file 'description' to name the repository.\n");
        writeNew(gitDir.resolve("info/exclude"), "# git ls-files --others --exclude-from=.git/info/exclude\n");
        // HEAD last: its presence is what makes the directory a repository.
        writeNew(gitDir.resolve("HEAD"), "ref: refs/heads/" + initialBranch + "\n");
        return new InitResult(new Repository(gitDir, workTree, format, codec, DeltaBaseCache.DEFAULT_LIMIT), false);
    }

    private static void writeNew(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".lock");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Finds the repository containing {@code start} (a work tree directory or below it). */
    public static Repository discover(Path start, ObjectCodec codec) throws IOException {
        Path dir = start.toAbsolutePath().normalize();
        for (Path p = dir; p != null; p = p.getParent()) {
            Path gitDir = p.resolve(".git");
            if (Files.isRegularFile(gitDir.resolve("HEAD")) && Files.isDirectory(gitDir.resolve("objects"))) {
                return open(gitDir, p, codec);
            }
        }
        throw new NotARepositoryException(dir);
    }

    /**
     * The repository at exactly {@code path} (a remote named by a path or file:// URL): a work
     * tree with {@code .git}, or a bare repository (no work tree: {@link #workTree()} is null).
     */
    public static Repository openAt(Path path, ObjectCodec codec) throws IOException {
        Path dir = path.toAbsolutePath().normalize();
        Path dotGit = dir.resolve(".git");
        if (Files.isRegularFile(dotGit.resolve("HEAD")) && Files.isDirectory(dotGit.resolve("objects"))) {
            return open(dotGit, dir, codec);
        }
        if (Files.isRegularFile(dir.resolve("HEAD")) && Files.isDirectory(dir.resolve("objects"))
                && Files.isDirectory(dir.resolve("refs"))) {
            return open(dir, null, codec);
        }
        throw new NotARepositoryException(dir);
    }

    /** Whether this repository has no work tree. */
    public boolean isBare() {
        return workTree == null;
    }

    private static Repository open(Path gitDir, Path workTree, ObjectCodec codec) throws IOException {
        GitConfig config = GitConfig.read(gitDir.resolve("config"));
        ObjectFormat format = RepositoryFormat.check(config, gitDir.resolve("config"));
        long cacheLimit = config.get("core.deltabasecachelimit").map(GitConfig::parseSize)
                .orElse(DeltaBaseCache.DEFAULT_LIMIT);
        return new Repository(gitDir, workTree, format, codec, cacheLimit);
    }

    /** The {@code .git} directory (the repository itself when bare). */
    public Path gitDir() {
        return gitDir;
    }

    /** The work tree, or null for a bare repository. */
    public Path workTree() {
        return workTree;
    }

    /** The hash of this repository's ids ({@code extensions.objectFormat}). */
    public ObjectFormat format() {
        return format;
    }

    /** The objects: read, write, abbreviate. */
    public ObjectDatabase objects() {
        return objects;
    }

    @Override
    public void close() {
        objects.close();
    }

    /** The refs: branches, tags, HEAD, with their reflogs. */
    public Refs refs() {
        return new Refs(gitDir, format, new Reflogs(gitDir, format, isBare(), () -> {
            try {
                return config().get("core.logallrefupdates");
            } catch (IOException e) {
                return java.util.Optional.empty();
            }
        }));
    }

    /** The index file. */
    public Path indexFile() {
        return gitDir.resolve("index");
    }

    /**
     * How many bytes of resolved delta bases reading or indexing a pack may keep
     * ({@code core.deltaBaseCacheLimit}, git's default 96 MiB).
     *
     * @return the limit in bytes
     * @throws IOException when the config cannot be read or the value is not a size
     */
    public long deltaBaseCacheLimit() throws IOException {
        Optional<String> configured = config().get("core.deltabasecachelimit");
        return configured.isPresent() ? GitConfig.parseSize(configured.get())
                : dev.panagit.storage.pack.DeltaBaseCache.DEFAULT_LIMIT;
    }

    /** The repository's own config file ({@code .git/config}); empty when there is none. */
    public GitConfig config() throws IOException {
        return GitConfig.read(gitDir.resolve("config"));
    }

    /** Reads a commit; a tag is peeled to the commit it names. The object is read once. */
    public Commit readCommit(ObjectId id) throws IOException {
        StoredObject object = objects.open(id);
        if (object.type() == ObjectType.COMMIT) {
            return Commit.parse(format, id, object.bytes());
        }
        ObjectId commitId = peel(id, ObjectType.COMMIT);
        return Commit.parse(format, commitId, objects.open(commitId).bytes());
    }

    /**
     * The entries of a tree (a commit or tag is peeled to its tree), modes made canonical as git
     * reads them ({@link TreeEntry#canonicalMode}).
     */
    public List<TreeEntry> readTree(ObjectId id) throws IOException {
        ObjectId treeId = peel(id, ObjectType.TREE);
        StoredObject tree = objects.open(treeId);
        List<TreeEntry> entries;
        try {
            entries = TreeEntry.parse(format, tree.bytes());
        } catch (CorruptObjectException e) {
            throw e.withLocation(treeId, tree.file());
        }
        entries.replaceAll(TreeEntry::canonical);
        return entries;
    }

    /** Follows tags until an object that is not a tag ({@code <rev>^{}}). */
    public ObjectId peelTags(ObjectId id) throws IOException {
        ObjectId current = id;
        for (int depth = 0; objects.readHeader(current).type() == ObjectType.TAG; depth++) {
            if (depth == 32) {
                throw new IOException("tag chain from " + id + " is too long");
            }
            current = Tag.parse(format, current, objects.open(current).bytes()).object();
        }
        return current;
    }

    /**
     * Follows tags (and a commit to its tree) until an object of {@code type}; throws naming the
     * object when that is impossible.
     */
    public ObjectId peel(ObjectId id, ObjectType type) throws IOException {
        ObjectId current = id;
        for (int depth = 0; depth < 32; depth++) {
            ObjectType actual = objects.readHeader(current).type();
            if (actual == type) {
                return current;
            }
            if (actual == ObjectType.TAG) {
                current = Tag.parse(format, current, objects.open(current).bytes()).object();
            } else if (actual == ObjectType.COMMIT && type == ObjectType.TREE) {
                current = Commit.parse(format, current, objects.open(current).bytes()).tree();
            } else {
                throw new WrongObjectTypeException(id, actual, type);
            }
        }
        throw new IOException("tag chain from " + id + " is too long");
    }
}
