package dev.panagit.worktree;

import dev.panagit.index.DirCache;
import dev.panagit.index.IndexEntry;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.TreeEntry;
import dev.panagit.objects.Trees;
import dev.panagit.repo.Repository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes the trees an index describes (git write-tree). */
public final class TreeWriter {
    private TreeWriter() {
    }

    public static ObjectId write(Repository repo, DirCache index) throws IOException {
        if (index.hasConflicts()) {
            throw new IOException("cannot write a tree from an index with unmerged entries");
        }
        Dir root = new Dir();
        for (IndexEntry entry : index.entries()) {
            if (entry.intentToAdd()) {
                continue;
            }
            String[] parts = entry.path().split("/");
            Dir dir = root;
            for (int i = 0; i < parts.length - 1; i++) {
                dir = dir.dirs.computeIfAbsent(parts[i], k -> new Dir());
            }
            dir.files.put(parts[parts.length - 1], entry);
        }
        return write(repo, root);
    }

    private static ObjectId write(Repository repo, Dir dir) throws IOException {
        List<TreeEntry> entries = new ArrayList<>();
        for (Map.Entry<String, Dir> sub : dir.dirs.entrySet()) {
            entries.add(new TreeEntry(Trees.MODE_TREE, sub.getKey(), write(repo, sub.getValue())));
        }
        for (Map.Entry<String, IndexEntry> file : dir.files.entrySet()) {
            entries.add(new TreeEntry(file.getValue().mode(), file.getKey(), file.getValue().id()));
        }
        return repo.objects().insert(ObjectType.TREE, Trees.format(repo.format(), entries));
    }

    private static final class Dir {
        final Map<String, Dir> dirs = new TreeMap<>();
        final Map<String, IndexEntry> files = new TreeMap<>();
    }
}
