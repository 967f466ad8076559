package dev.panagit.worktree;

import dev.panagit.lib.ObjectId;
import dev.panagit.lib.TreeEntry;
import dev.panagit.objects.Trees;
import dev.panagit.repo.Repository;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A tree's files by path, every entry name checked before anything is written. */
public final class TreeFlattener {
    /** A file in a flattened tree. */
    public record FileEntry(int mode, ObjectId id) {
    }

    private TreeFlattener() {
    }

    /** Every file (not tree) under {@code treeish}, by '/'-separated path, in git's order. */
    public static Map<String, FileEntry> flatten(Repository repo, ObjectId treeish) throws IOException {
        Map<String, FileEntry> files = new LinkedHashMap<>();
        walk(repo, repo.peel(treeish, dev.panagit.lib.ObjectType.TREE), "", files, 0);
        return files;
    }

    private static void walk(Repository repo, ObjectId tree, String prefix, Map<String, FileEntry> files, int depth)
            throws IOException {
        if (depth > 4096) {
            throw new IOException("tree " + tree + " nests too deep");
        }
        for (TreeEntry entry : repo.readTree(tree)) {
            String problem = PathSafety.entryProblem(entry.name());
            if (problem != null) {
                throw new UnsafePathException(tree, entry.name(), problem);
            }
            String path = prefix + entry.name();
            if (entry.mode() == Trees.MODE_TREE) {
                walk(repo, entry.id(), path + "/", files, depth + 1);
            } else {
                files.put(path, new FileEntry(entry.mode(), entry.id()));
            }
        }
    }
}
