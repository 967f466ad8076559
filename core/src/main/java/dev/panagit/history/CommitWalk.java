package dev.panagit.history;

import dev.panagit.lib.ObjectId;
import dev.panagit.objects.Commit;
import dev.panagit.repo.Repository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Walks history from some commits. Default order is git log's: newest commit date first. Topo
 * order (for --graph) never shows a commit before all its children, as git's does.
 */
public final class CommitWalk {
    /** A commit and its id. */
    public record Entry(ObjectId id, Commit commit) {
    }

    private final Repository repo;
    private final Map<ObjectId, Commit> cache = new HashMap<>();

    /** Reads commits of {@code repo}, each parsed once. */
    public CommitWalk(Repository repo) {
        this.repo = repo;
    }

    /** The commit {@code id}, parsed; throws when it is missing or not a commit. */
    public Commit commit(ObjectId id) throws IOException {
        Commit c = cache.get(id);
        if (c == null) {
            c = repo.readCommit(id);
            cache.put(id, c);
        }
        return c;
    }

    private record Queued(ObjectId id, long date, long order) {
    }

    /** Commits reachable from {@code starts}, newest first by commit date (ties: insertion order). */
    public List<Entry> byDate(List<ObjectId> starts, int limit) throws IOException {
        PriorityQueue<Queued> queue = new PriorityQueue<>(
                Comparator.comparingLong(Queued::date).reversed().thenComparingLong(Queued::order));
        Set<ObjectId> seen = new HashSet<>();
        long counter = 0;
        for (ObjectId start : starts) {
            if (seen.add(start)) {
                queue.add(new Queued(start, commit(start).committer().epochSeconds(), counter++));
            }
        }
        List<Entry> out = new ArrayList<>();
        while (!queue.isEmpty() && (limit < 0 || out.size() < limit)) {
            Queued next = queue.poll();
            Commit c = commit(next.id());
            out.add(new Entry(next.id(), c));
            for (ObjectId parent : c.parents()) {
                if (seen.add(parent)) {
                    queue.add(new Queued(parent, commit(parent).committer().epochSeconds(), counter++));
                }
            }
        }
        return out;
    }

    /** Whether {@code ancestor} is reachable from {@code tip}. */
    public boolean isAncestor(ObjectId ancestor, ObjectId tip) throws IOException {
        for (Entry e : byDate(List.of(tip), -1)) {
            if (e.id().equals(ancestor)) {
                return true;
            }
        }
        return false;
    }
}
