package dev.panagit.worktree;

import dev.panagit.index.DirCache;
import dev.panagit.index.FileStat;
import dev.panagit.index.IndexEntry;
import dev.panagit.lib.ObjectId;
import dev.panagit.repo.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Moves the index and work tree from one tree to another (git's two-way merge, as checkout
 * and reset --hard do). Every path of the target is checked first, and local changes that the
 * move would lose are refused before anything is written.
 */
public final class Checkout {
    private final Repository repo;
    private final WorkTree workTree;

    public Checkout(Repository repo) {
        this.repo = repo;
        this.workTree = new WorkTree(repo);
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
     * two trees agree on. With {@code force}, local changes are discarded (reset --hard).
     */
    public void run(ObjectId from, ObjectId to, DirCache index, boolean force) throws IOException {
        Map<String, TreeFlattener.FileEntry> target = TreeFlattener.flatten(repo, to);
        Map<String, TreeFlattener.FileEntry> current = from == null ? Map.of() : TreeFlattener.flatten(repo, from);

        TreeSet<String> changed = new TreeSet<>();
        for (String path : union(current, target)) {
            if (!Objects.equals(current.get(path), target.get(path))) {
                changed.add(path);
            }
        }
        if (force) {
            for (IndexEntry entry : index.entries()) {
                if (!target.containsKey(entry.path()) || !matchesIndex(entry, target.get(entry.path()))) {
                    changed.add(entry.path());
                }
            }
        } else {
            refuseLosses(changed, current, target, index);
        }

        for (String path : changed) {
            if (!target.containsKey(path)) {
                Path file = workTree.file(path);
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    workTree.remove(path);
                }
                index.remove(path);
            }
        }
        for (String path : changed) {
            TreeFlattener.FileEntry entry = target.get(path);
            if (entry == null) {
                continue;
            }
            workTree.checkout(path, entry.mode(), entry.id());
            FileStat stat = FileStat.of(workTree.file(path));
            index.remove(path);
            index.put(IndexEntry.withoutStat(entry.mode(), entry.id(), path).withStat(stat));
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
            throw new ConflictException("Your local changes to the following files would be overwritten by checkout:\n\t"
                    + String.join("\n\t", dirty) + "\nPlease commit your changes or stash them before you switch branches."
                    + "\nAborting");
        }
        if (!untracked.isEmpty()) {
            throw new ConflictException("The following untracked working tree files would be overwritten by checkout:\n\t"
                    + String.join("\n\t", untracked) + "\nPlease move or remove them before you switch branches.\nAborting");
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
