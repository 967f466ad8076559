package dev.panagit.worktree;

import dev.panagit.index.DirCache;
import dev.panagit.index.FileStat;
import dev.panagit.index.IndexEntry;
import dev.panagit.lib.MissingObjectException;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.objects.Trees;
import dev.panagit.repo.Repository;
import dev.panagit.repo.WrongObjectTypeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Moves the index and work tree from one tree to another (git's two-way merge, as checkout
 * and reset --hard do). Every path of the target is checked first, and local changes that the
 * move would lose are refused before anything is written; new content is written aside first.
 */
public final class Checkout {
    /** What the move is, for git's refusals: "overwritten by checkout ... before you switch branches" or by merge. */
    public enum Purpose {
        /** A checkout or branch switch. */
        CHECKOUT("checkout", "switch branches"),
        /** A merge. */
        MERGE("merge", "merge");

        final String name;
        final String before;

        Purpose(String name, String before) {
            this.name = name;
            this.before = before;
        }
    }

    private final Repository repo;
    private final WorkTree workTree;
    private final Purpose purpose;

    /** Checkouts of {@code repo} for switching branches. */
    public Checkout(Repository repo) {
        this(repo, Purpose.CHECKOUT);
    }

    /** Checkouts of {@code repo} for {@code purpose}, which the refusals name. */
    public Checkout(Repository repo, Purpose purpose) {
        this.repo = repo;
        this.workTree = new WorkTree(repo);
        this.purpose = purpose;
    }

    /** Local changes the move would overwrite. */
    public static final class ConflictException extends IOException {
        private static final long serialVersionUID = 1L;

        ConflictException(String message) {
            super(message);
        }
    }

    /**
     * Moves from {@code from} (null: no tree) to {@code to}, keeping local changes to paths the
     * two trees agree on. With {@code force}, local changes are discarded (reset --hard). The
     * caller holds the index lock from before it read {@code index} until it writes it.
     *
     * <p>All or nothing: the whole change is planned and checked first (every path safe, no
     * path both a file and a directory, every object present and a blob, nothing untracked in
     * the way), then every new file is written aside and only then moved into place, so a
     * refused or failed checkout leaves the work tree and the index as they were.
     */
    public void run(ObjectId from, ObjectId to, DirCache index, boolean force) throws IOException {
        Map<String, TreeFlattener.FileEntry> target = TreeFlattener.flatten(repo, to);
        Map<String, TreeFlattener.FileEntry> current = from == null ? Map.of() : TreeFlattener.flatten(repo, from);
        run(current, target, index, force);
    }

    /**
     * The same between two sets of files (a merge's result is no tree yet): {@code current} is
     * what the index and work tree are taken to hold (HEAD's files), {@code target} what they get.
     */
    public void run(Map<String, TreeFlattener.FileEntry> current, Map<String, TreeFlattener.FileEntry> target,
            DirCache index, boolean force) throws IOException {

        TreeSet<String> changed = new TreeSet<>();
        for (String path : union(current, target)) {
            if (!Objects.equals(current.get(path), target.get(path))) {
                changed.add(path);
            }
        }
        if (force) {
            // Everything that is not as the target has it: index entries, and files changed on disk.
            for (IndexEntry entry : index.entries()) {
                if (!target.containsKey(entry.path()) || !matchesIndex(entry, target.get(entry.path()))) {
                    changed.add(entry.path());
                }
            }
            for (Map.Entry<String, TreeFlattener.FileEntry> file : target.entrySet()) {
                IndexEntry staged = index.get(file.getKey());
                if (staged == null || !matchesIndex(staged, file.getValue())) {
                    changed.add(file.getKey());
                } else if (!changed.contains(file.getKey()) && file.getValue().mode() != Trees.MODE_GITLINK) {
                    Path onDisk = workTree.root().resolve(file.getKey());
                    if (!Files.exists(onDisk, LinkOption.NOFOLLOW_LINKS)
                            || Files.isDirectory(onDisk, LinkOption.NOFOLLOW_LINKS) || modified(onDisk, staged)) {
                        changed.add(file.getKey());
                    }
                }
            }
        } else {
            refuseLosses(changed, current, target, index);
        }
        apply(changed, target, index, force);
    }

    /**
     * {@code checkout [<rev>] -- <paths>}: exactly these files written (over whatever is there, as
     * git does) and staged as given; every other file and index entry left as it is.
     */
    public void restore(Map<String, TreeFlattener.FileEntry> files, DirCache index) throws IOException {
        apply(new TreeSet<>(files.keySet()), files, index, true);
    }

    /** Writes and removes the {@code changed} paths to make them as {@code target} has them, all or nothing. */
    private void apply(TreeSet<String> changed, Map<String, TreeFlattener.FileEntry> target, DirCache index,
            boolean force) throws IOException {
        List<String> writes = new ArrayList<>();
        TreeSet<String> removals = new TreeSet<>();
        for (String path : changed) {
            if (target.containsKey(path)) {
                writes.add(path);
            } else {
                Path file = workTree.file(path);
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    removals.add(path);
                }
            }
        }
        checkObjects(writes, target);
        List<String> obstacles = checkObstacles(writes, removals, force);

        sweepStaging();
        Path staging = Files.createTempDirectory(repo.gitDir(), STAGING_PREFIX);
        try {
            Map<String, WorkTree.Staged> staged = new HashMap<>();
            for (String path : writes) {
                TreeFlattener.FileEntry entry = target.get(path);
                staged.put(path, workTree.stage(staging, entry.mode(), entry.id()));
            }
            // Nothing has changed so far. Now: removals (deepest first), then the new files.
            for (String path : removals.descendingSet()) {
                workTree.remove(path);
            }
            for (String path : obstacles) {
                workTree.remove(path);
            }
            for (String path : changed) {
                if (!target.containsKey(path)) {
                    index.remove(path);
                }
            }
            for (String path : writes) {
                TreeFlattener.FileEntry entry = target.get(path);
                workTree.install(path, staged.get(path));
                FileStat stat = FileStat.of(workTree.file(path));
                index.remove(path);
                index.put(IndexEntry.withoutStat(entry.mode(), entry.id(), path).withStat(stat));
            }
        } finally {
            deleteTree(staging);
        }
    }

    /** Every blob the move writes is there and is a blob (a submodule's commit lives elsewhere). */
    private void checkObjects(List<String> writes, Map<String, TreeFlattener.FileEntry> target) throws IOException {
        for (String path : writes) {
            TreeFlattener.FileEntry entry = target.get(path);
            if (entry.mode() == Trees.MODE_GITLINK) {
                continue;
            }
            ObjectType type;
            try {
                type = repo.objects().readHeader(entry.id()).type();
            } catch (MissingObjectException e) {
                throw new IOException("unable to read sha1 file of " + path + " (" + entry.id().name() + ")", e);
            }
            if (type != ObjectType.BLOB) {
                throw new WrongObjectTypeException(entry.id(), type, ObjectType.BLOB, path);
            }
        }
    }

    /**
     * What stands where a new file goes: a file or symlink in place of a directory it needs (one
     * the move removes is fine; an untracked one is refused, or with {@code force} returned to be
     * removed), or a directory in place of the file that would lose files the move does not remove.
     */
    private List<String> checkObstacles(List<String> writes, TreeSet<String> removals, boolean force)
            throws IOException {
        TreeSet<String> obstacles = new TreeSet<>();
        List<String> untracked = new ArrayList<>();
        List<String> directories = new ArrayList<>();
        for (String path : writes) {
            String tooLong = workTree.lengthProblem(path);
            if (tooLong != null) {
                throw new IOException("cannot create '" + path + "': " + tooLong);
            }
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                String parent = path.substring(0, slash);
                Path dir = workTree.root().resolve(parent);
                if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                    break;
                }
                if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || removals.contains(parent)
                        || obstacles.contains(parent)) {
                    continue;
                }
                if (force) {
                    obstacles.add(parent);
                } else if (!untracked.contains(parent)) {
                    untracked.add(parent);
                }
            }
            Path file = workTree.root().resolve(path);
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS) && keepsFiles(file, removals)) {
                directories.add(path);
            }
        }
        if (!directories.isEmpty()) {
            throw new ConflictException("Updating the following directories would lose untracked files in them:\n\t"
                    + String.join("\n\t", directories) + "\n\nAborting");
        }
        if (!untracked.isEmpty()) {
            throw new ConflictException("The following untracked working tree files would be overwritten by "
                    + purpose.name + ":\n\t" + String.join("\n\t", untracked) + "\nPlease move or remove them before you "
                    + purpose.before + ".\nAborting");
        }
        return new ArrayList<>(obstacles);
    }

    /** Whether a directory holds anything (a file, a link, a directory with files) not among {@code removals}. */
    private boolean keepsFiles(Path dir, TreeSet<String> removals) throws IOException {
        try (var walk = Files.walk(dir)) {
            return walk.anyMatch(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                    && !removals.contains(workTree.relative(p)));
        }
    }

    private static final String STAGING_PREFIX = "checkout-";

    /**
     * Removes what a checkout killed mid-way left under {@code .git}: callers hold the index lock,
     * so no other checkout can be using a staging folder now.
     */
    private void sweepStaging() throws IOException {
        try (var left = Files.newDirectoryStream(repo.gitDir(), STAGING_PREFIX + "*")) {
            for (Path dir : left) {
                if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    deleteTree(dir);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static boolean matchesIndex(IndexEntry entry, TreeFlattener.FileEntry file) {
        return file != null && entry.stage() == 0 && entry.mode() == file.mode() && entry.id().equals(file.id());
    }

    private void refuseLosses(TreeSet<String> changed, Map<String, TreeFlattener.FileEntry> current,
            Map<String, TreeFlattener.FileEntry> target, DirCache index) throws IOException {
        List<String> dirty = new ArrayList<>();
        List<String> untracked = new ArrayList<>();
        for (String path : changed) {
            IndexEntry staged = index.get(path);
            TreeFlattener.FileEntry before = current.get(path);
            Path file = workTree.root().resolve(path);
            boolean onDisk = Files.exists(file, LinkOption.NOFOLLOW_LINKS);
            if (staged == null) {
                if (before != null) {
                    continue;   // staged removal of a path the move changes: git refuses only if it would lose content
                }
                if (onDisk && !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)
                        && !sameContent(file, target.get(path))) {
                    untracked.add(path);
                }
                continue;
            }
            if (!matchesIndex(staged, before) || (onDisk && modified(file, staged))) {
                dirty.add(path);
            }
        }
        if (!dirty.isEmpty()) {
            throw new ConflictException("Your local changes to the following files would be overwritten by "
                    + purpose.name + ":\n\t" + String.join("\n\t", dirty) + "\nPlease commit your changes or stash them before you "
                    + purpose.before + ".\nAborting");
        }
        if (!untracked.isEmpty()) {
            throw new ConflictException("The following untracked working tree files would be overwritten by "
                    + purpose.name + ":\n\t" + String.join("\n\t", untracked) + "\nPlease move or remove them before you "
                    + purpose.before + ".\nAborting");
        }
    }

    private boolean sameContent(Path file, TreeFlattener.FileEntry entry) throws IOException {
        if (entry == null) {
            return false;
        }
        FileStat stat = FileStat.of(file);
        return stat.mode() == entry.mode() && workTree.hashFile(file, stat, false).equals(entry.id());
    }

    /** Whether the file differs from what the index holds for it. */
    public boolean modified(Path file, IndexEntry staged) throws IOException {
        FileStat stat = FileStat.of(file);
        if (staged.statMatches(stat)) {
            return false;
        }
        return stat.mode() != staged.mode() || !workTree.hashFile(file, stat, false).equals(staged.id());
    }

    private static TreeSet<String> union(Map<String, ?> a, Map<String, ?> b) {
        TreeSet<String> all = new TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }
}
