package dev.panagit.transport;

import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.TreeEntry;
import dev.panagit.objects.Commit;
import dev.panagit.objects.Tag;
import dev.panagit.repo.Repository;
import dev.panagit.storage.ObjectDatabase;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What one repository must send another: the objects reachable from the wanted tips that the
 * receiver lacks, found by walking from the tips down to what it already has (a commit or tree
 * it has is taken as complete, as git's transfer assumes of a connected repository). Tags,
 * commits, trees and blobs, in that order, each once.
 */
public final class ObjectEnumerator {
    /** What the receiver is known to have. */
    @FunctionalInterface
    public interface Has {
        /** Whether the receiver has {@code id}. */
        boolean has(ObjectId id) throws IOException;
    }

    private ObjectEnumerator() {
    }

    /** The objects {@code wants} need that the object database {@code to} lacks. */
    public static List<ObjectId> missing(Repository from, ObjectDatabase to, List<ObjectId> wants) throws IOException {
        return missing(from, to::has, wants);
    }

    /** The objects {@code wants} need that {@code to} does not have. */
    public static List<ObjectId> missing(Repository from, Has to, List<ObjectId> wants) throws IOException {
        Set<ObjectId> seen = new HashSet<>();
        List<ObjectId> tags = new ArrayList<>();
        List<ObjectId> commits = new ArrayList<>();
        List<ObjectId> trees = new ArrayList<>();
        List<ObjectId> blobs = new ArrayList<>();
        Deque<ObjectId> commitStack = new ArrayDeque<>();
        for (ObjectId want : wants) {
            ObjectId id = want;
            while (true) {
                ObjectType type = from.objects().readHeader(id).type();
                if (type != ObjectType.TAG) {
                    if (type == ObjectType.COMMIT) {
                        commitStack.push(id);
                    } else if (type == ObjectType.TREE) {
                        walkTree(from, to, id, seen, trees, blobs);
                    } else if (!to.has(id) && seen.add(id)) {
                        blobs.add(id);
                    }
                    break;
                }
                if (to.has(id) || !seen.add(id)) {
                    break;
                }
                tags.add(id);
                id = Tag.parse(from.format(), id, from.objects().open(id).bytes()).object();
            }
        }
        while (!commitStack.isEmpty()) {
            ObjectId id = commitStack.pop();
            if (seen.contains(id) || to.has(id)) {
                continue;
            }
            seen.add(id);
            commits.add(id);
            Commit commit = from.readCommit(id);
            walkTree(from, to, commit.tree(), seen, trees, blobs);
            for (ObjectId parent : commit.parents()) {
                commitStack.push(parent);
            }
        }
        List<ObjectId> all = new ArrayList<>(tags.size() + commits.size() + trees.size() + blobs.size());
        all.addAll(tags);
        all.addAll(commits);
        all.addAll(trees);
        all.addAll(blobs);
        return all;
    }

    private static void walkTree(Repository from, Has to, ObjectId root, Set<ObjectId> seen,
            List<ObjectId> trees, List<ObjectId> blobs) throws IOException {
        Deque<ObjectId> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            ObjectId tree = stack.pop();
            if (seen.contains(tree) || to.has(tree)) {
                continue;
            }
            seen.add(tree);
            trees.add(tree);
            for (TreeEntry entry : from.readTree(tree)) {
                if (entry.type() == ObjectType.TREE) {
                    stack.push(entry.id());
                } else if (entry.type() == ObjectType.BLOB && !seen.contains(entry.id()) && !to.has(entry.id())) {
                    seen.add(entry.id());
                    blobs.add(entry.id());
                }
            }
        }
    }
}
