package dev.panagit.transport;

import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.TreeEntry;
import dev.panagit.objects.Commit;
import dev.panagit.objects.Tag;
import dev.panagit.repo.Repository;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a remote that advertised {@code tips} is known to have, as far as this repository can
 * tell: every commit reachable from the tips it also has, and every tree and blob of the edge
 * commits (those of them that are parents of commits being sent), so that a pack carries no
 * object the remote already holds under an unchanged directory (git's edge marking).
 */
final class RemoteReach implements ObjectEnumerator.Has {
    private final Set<ObjectId> known = new HashSet<>();

    private RemoteReach() {
    }

    static RemoteReach of(Repository local, Collection<ObjectId> tips, List<ObjectId> wants) throws IOException {
        RemoteReach reach = new RemoteReach();
        Deque<ObjectId> commits = new ArrayDeque<>();
        for (ObjectId tip : tips) {
            ObjectId id = tip;
            while (local.objects().has(id) && reach.known.add(id)) {
                ObjectType type = local.objects().readHeader(id).type();
                if (type == ObjectType.TAG) {
                    id = Tag.parse(local.format(), id, local.objects().open(id).bytes()).object();
                    continue;
                }
                if (type == ObjectType.COMMIT) {
                    reach.known.remove(id);   // walked below
                    commits.push(id);
                }
                break;
            }
        }
        while (!commits.isEmpty()) {
            ObjectId id = commits.pop();
            if (reach.known.add(id)) {
                for (ObjectId parent : local.readCommit(id).parents()) {
                    if (local.objects().has(parent)) {
                        commits.push(parent);
                    }
                }
            }
        }
        // the edges: parents, known to the remote, of the commits that will be sent
        Set<ObjectId> seen = new HashSet<>();
        Deque<ObjectId> sending = new ArrayDeque<>();
        for (ObjectId want : wants) {
            if (local.objects().readHeader(want).type() == ObjectType.COMMIT) {
                sending.push(want);
            }
        }
        while (!sending.isEmpty()) {
            ObjectId id = sending.pop();
            if (reach.known.contains(id) || !seen.add(id)) {
                continue;
            }
            for (ObjectId parent : local.readCommit(id).parents()) {
                if (reach.known.contains(parent)) {
                    reach.addTree(local, local.readCommit(parent).tree());
                } else {
                    sending.push(parent);
                }
            }
        }
        return reach;
    }

    private void addTree(Repository local, ObjectId root) throws IOException {
        Deque<ObjectId> trees = new ArrayDeque<>();
        trees.push(root);
        while (!trees.isEmpty()) {
            ObjectId tree = trees.pop();
            if (!known.add(tree)) {
                continue;
            }
            for (TreeEntry entry : local.readTree(tree)) {
                if (entry.type() == ObjectType.TREE) {
                    trees.push(entry.id());
                } else if (entry.type() == ObjectType.BLOB) {
                    known.add(entry.id());
                }
            }
        }
    }

    @Override
    public boolean has(ObjectId id) {
        return known.contains(id);
    }
}
