package dev.panagit.worktree;

import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.repo.Repository;
import dev.panagit.repo.TreeWalk;
import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A tree's files by path, refused before anything is written when a work tree could not hold
 * them: an unsafe name (git's verify_path), or one path that is both a file and a directory
 * (a symlink {@code evil} beside a directory {@code evil/}), or a name given twice.
 */
public final class TreeFlattener {
    /** A file in a flattened tree; the mode is canonical (git's canon_mode). */
    public record FileEntry(int mode, ObjectId id) {
    }

    private TreeFlattener() {
    }

    /** Every file (not tree) under {@code treeish}, by '/'-separated path, in git's order. */
    public static Map<String, FileEntry> flatten(Repository repo, ObjectId treeish) throws IOException {
        Map<String, FileEntry> files = new LinkedHashMap<>();
        Set<String> directories = new HashSet<>();
        TreeWalk.walk(repo, treeish, (tree, prefix, entry) -> {
            String problem = PathSafety.entryProblem(entry.name());
            if (problem != null) {
                throw new UnsafePathException(tree, entry.name(), problem);
            }
            String path = prefix + entry.name();
            if (files.containsKey(path) || directories.contains(path)) {
                throw new UnsafePathException(tree, entry.name(), "the tree holds this name twice (duplicateEntries)");
            }
            if (entry.type() == ObjectType.TREE) {
                directories.add(path);
                return true;
            }
            files.put(path, new FileEntry(entry.mode(), entry.id()));
            return false;
        });
        return files;
    }
}
