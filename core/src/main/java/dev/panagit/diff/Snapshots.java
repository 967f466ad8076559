package dev.panagit.diff;

import dev.panagit.diff.PatchWriter.Change;
import dev.panagit.diff.PatchWriter.Side;
import dev.panagit.index.DirCache;
import dev.panagit.index.FileStat;
import dev.panagit.index.IndexEntry;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.objects.Trees;
import dev.panagit.repo.Repository;
import dev.panagit.repo.TreeWalk;
import dev.panagit.worktree.WorkTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The three places a file's state lives (a tree, the index, the work tree) as path-to-side maps,
 * and the changes between two of them, in git's order (by path bytes, which is also git's tree
 * order for full paths).
 */
public final class Snapshots {
    private Snapshots() {
    }

    /** Every file of a tree-ish (commits and tags peeled), modes as git reads them; null: no tree. */
    public static Map<String, Side> ofTree(Repository repo, ObjectId treeish) throws IOException {
        Map<String, Side> files = new TreeMap<>(Snapshots::byBytes);
        if (treeish == null) {
            return files;
        }
        TreeWalk.walk(repo, treeish, (tree, prefix, entry) -> {
            if (entry.type() == ObjectType.TREE) {
                return true;
            }
            files.put(prefix + entry.name(), new Side(entry.mode(), entry.id()));
            return false;
        });
        return files;
    }

    /** The index's merged entries (conflicted paths are reported apart, as git does). */
    public static Map<String, Side> ofIndex(DirCache index) {
        Map<String, Side> files = new TreeMap<>(Snapshots::byBytes);
        for (IndexEntry entry : index.entries()) {
            if (entry.stage() == 0 && !entry.intentToAdd()) {
                files.put(entry.path(), new Side(entry.mode(), entry.id()));
            }
        }
        return files;
    }

    /** The paths the index tracks, intent-to-add ones included (git diffs them as new files). */
    public static List<String> tracked(DirCache index) {
        List<String> paths = new ArrayList<>();
        for (IndexEntry entry : index.entries()) {
            if (entry.stage() == 0) {
                paths.add(entry.path());
            }
        }
        return paths;
    }

    /**
     * The work tree's version of {@code paths}: a file whose stat data the index vouches for (not
     * racily) keeps the index's id unread, any other is hashed (not stored), and when its content
     * proves equal to the entry's the entry's stat data are refreshed in {@code index} (the caller
     * may then write it, as git's status and diff do); a missing file is absent, a submodule's
     * directory shows the commit checked out there.
     */
    public static Map<String, Side> ofWorkTree(Repository repo, DirCache index, Collection<String> paths)
            throws IOException {
        WorkTree workTree = new WorkTree(repo);
        Map<String, Side> files = new TreeMap<>(Snapshots::byBytes);
        for (String path : paths) {
            Path file = workTree.root().resolve(path);
            IndexEntry entry = index.get(path);
            boolean tracked = entry != null && entry.stage() == 0;
            if (tracked && entry.mode() == Trees.MODE_GITLINK) {
                if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    files.put(path, new Side(Trees.MODE_GITLINK, submoduleHead(repo, file).orElse(entry.id())));
                }
                continue;
            }
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            FileStat stat = FileStat.of(file);
            if (tracked && !entry.intentToAdd() && index.isStatClean(entry, stat)) {
                files.put(path, new Side(entry.mode(), entry.id()));
                continue;
            }
            ObjectId id = workTree.hashFile(file, stat, false);
            if (tracked && !entry.intentToAdd() && id.equals(entry.id()) && stat.mode() == entry.mode()) {
                index.refresh(entry, stat);
            }
            files.put(path, new Side(stat.mode(), id));
        }
        return files;
    }

    /** The commit a submodule's work tree has checked out, when it is a repository. */
    private static java.util.Optional<ObjectId> submoduleHead(Repository repo, Path dir) throws IOException {
        if (!Files.exists(dir.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
            return java.util.Optional.empty();
        }
        try (Repository sub = Repository.discover(dir, repo.objects().codec())) {
            return sub.refs().resolve(dev.panagit.repo.Refs.HEAD);
        } catch (dev.panagit.repo.NotARepositoryException e) {
            return java.util.Optional.empty();
        }
    }

    /** The paths whose sides differ between {@code before} and {@code after}, limited to {@code wanted}. */
    public static List<Change> changes(Map<String, Side> before, Map<String, Side> after, Predicate<String> wanted) {
        TreeSet<String> paths = new TreeSet<>(Snapshots::byBytes);
        paths.addAll(before.keySet());
        paths.addAll(after.keySet());
        List<Change> changes = new ArrayList<>();
        for (String path : paths) {
            if (!wanted.test(path)) {
                continue;
            }
            Side b = before.getOrDefault(path, Side.ABSENT);
            Side a = after.getOrDefault(path, Side.ABSENT);
            if (!Objects.equals(b, a)) {
                changes.add(new Change(path, b, a));
            }
        }
        return changes;
    }

    /** git's pathspec without magic: a path, or a directory and everything under it. */
    public static Predicate<String> pathspec(List<String> specs) {
        if (specs.isEmpty()) {
            return path -> true;
        }
        List<String> clean = specs.stream().map(s -> s.endsWith("/") ? s.substring(0, s.length() - 1) : s).toList();
        return path -> clean.stream().anyMatch(s -> s.isEmpty() || s.equals(".") || path.equals(s)
                || path.startsWith(s + "/"));
    }

    /** git's order of paths: by their UTF-8 bytes. */
    public static int compareBytes(String x, String y) {
        return byBytes(x, y);
    }

    static int byBytes(String x, String y) {
        return dev.panagit.lib.PathOrder.compare(x, y);
    }
}
