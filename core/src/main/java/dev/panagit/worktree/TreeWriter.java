package dev.panagit.worktree;

import dev.panagit.index.DirCache;
import dev.panagit.index.IndexEntry;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.TreeEntry;
import dev.panagit.objects.Trees;
import dev.panagit.repo.Repository;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the trees an index describes (git write-tree), refusing what git refuses: unmerged
 * entries, a missing object, and paths a tree must not hold ({@code ../x}, {@code .git/x},
 * {@code /abs}, {@code a//b}, an empty name, one name both a file and a directory). Trees are
 * written deepest first without recursion, so a deep path costs no stack.
 */
public final class TreeWriter {
    private TreeWriter() {
    }

    /** Writes every tree of {@code index}; returns the root tree's id. */
    public static ObjectId write(Repository repo, DirCache index) throws IOException {
        if (index.hasConflicts()) {
            throw new IOException("cannot write a tree from an index with unmerged entries");
        }
        Dir root = new Dir();
        for (IndexEntry entry : index.entries()) {
            if (entry.intentToAdd()) {
                continue;
            }
            String path = entry.path();
            String problem = PathSafety.pathProblem(path);
            if (problem != null) {
                throw new IOException("invalid path '" + path + "' in the index: " + problem);
            }
            if (TreeEntry.canonicalMode(entry.mode()) == Trees.MODE_TREE) {
                throw new IOException("invalid mode " + Integer.toOctalString(entry.mode()) + " for '" + path
                        + "' in the index");
            }
            if (entry.mode() != Trees.MODE_GITLINK && !repo.objects().has(entry.id())) {
                throw new IOException("invalid object " + Integer.toOctalString(entry.mode()) + " " + entry.id().name()
                        + " for '" + path + "'");
            }
            String[] parts = path.split("/");
            Dir dir = root;
            for (int i = 0; i < parts.length - 1; i++) {
                if (dir.files.containsKey(parts[i])) {
                    throw bothFileAndDirectory(String.join("/", java.util.Arrays.copyOf(parts, i + 1)), path);
                }
                dir = dir.dirs.computeIfAbsent(parts[i], k -> new Dir());
            }
            String name = parts[parts.length - 1];
            if (dir.dirs.containsKey(name)) {
                throw bothFileAndDirectory(path, path + "/...");
            }
            dir.files.put(name, entry);
        }
        // Deepest first: a directory's tree is written once all of its subdirectories' are.
        Deque<Dir> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Dir dir = stack.peek();
            if (dir.pending == null) {
                dir.pending = dir.dirs.values().iterator();
            }
            if (dir.pending.hasNext()) {
                stack.push(dir.pending.next());
                continue;
            }
            stack.pop();
            List<TreeEntry> entries = new ArrayList<>(dir.dirs.size() + dir.files.size());
            for (Map.Entry<String, Dir> sub : dir.dirs.entrySet()) {
                entries.add(new TreeEntry(Trees.MODE_TREE, sub.getKey(), sub.getValue().id));
            }
            for (Map.Entry<String, IndexEntry> file : dir.files.entrySet()) {
                int mode = TreeEntry.canonicalMode(file.getValue().mode());   // as git writes 100664: 100644
                entries.add(new TreeEntry(mode, file.getKey(), file.getValue().id()));
            }
            dir.id = repo.objects().insert(ObjectType.TREE, Trees.format(repo.format(), entries));
        }
        return root.id;
    }

    private static IOException bothFileAndDirectory(String file, String inside) {
        return new IOException("the index has both '" + file + "' and '" + inside + "'");
    }

    private static final class Dir {
        final Map<String, Dir> dirs = new TreeMap<>();
        final Map<String, IndexEntry> files = new TreeMap<>();
        Iterator<Dir> pending;
        ObjectId id;
    }
}
