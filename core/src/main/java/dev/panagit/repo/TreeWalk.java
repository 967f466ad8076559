package dev.panagit.repo;

import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.TreeEntry;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * A depth-first walk over a tree and its subtrees in git's order (a tree's entries before the
 * next entry of its parent, as {@code ls-tree -r} lists them). The walk keeps its own stack, so
 * a tree nested as deep as an attacker likes costs heap, not the thread's stack.
 */
public final class TreeWalk {
    /** What the walk calls for every entry. */
    @FunctionalInterface
    public interface Visitor {
        /**
         * Sees one entry; {@code tree} is the tree that holds it and {@code prefix} its path
         * (empty, or ending with '/'). Returns whether to walk into it (only asked of trees).
         */
        boolean visit(ObjectId tree, String prefix, TreeEntry entry) throws IOException;
    }

    private record Frame(ObjectId tree, String prefix, List<TreeEntry> entries, int[] next) {
    }

    private TreeWalk() {
    }

    /** Walks {@code treeish} (a commit or tag is peeled to its tree). */
    public static void walk(Repository repo, ObjectId treeish, Visitor visitor) throws IOException {
        ObjectId root = repo.peel(treeish, ObjectType.TREE);
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(root, "", repo.readTree(root), new int[1]));
        while (!stack.isEmpty()) {
            Frame frame = stack.peek();
            if (frame.next[0] == frame.entries.size()) {
                stack.pop();
                continue;
            }
            TreeEntry entry = frame.entries.get(frame.next[0]++);
            boolean descend = visitor.visit(frame.tree, frame.prefix, entry);
            if (descend && entry.type() == ObjectType.TREE) {
                stack.push(new Frame(entry.id(), frame.prefix + entry.name() + "/", repo.readTree(entry.id()),
                        new int[1]));
            }
        }
    }
}
