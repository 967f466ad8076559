package dev.panagit.history;

import dev.panagit.lib.ObjectId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The best common ancestors of commits, as git's commit-reach.c finds them: both sides paint
 * their ancestors newest first; a commit painted by both is a candidate and its ancestors are
 * stale; candidates reachable from other candidates are dropped. Criss-cross histories have
 * several; they come newest first, as {@code git merge-base --all} prints them.
 */
public final class MergeBases {
    private static final int ONE = 1;
    private static final int TWO = 2;
    private static final int STALE = 4;
    private static final int RESULT = 8;

    private final CommitWalk walk;

    /** Merge bases over the commits {@code walk} reads. */
    public MergeBases(CommitWalk walk) {
        this.walk = walk;
    }

    /** The merge bases of {@code one} and all of {@code others} (git's get_merge_bases_many). */
    public List<ObjectId> of(ObjectId one, List<ObjectId> others) throws IOException {
        for (ObjectId other : others) {
            if (other.equals(one)) {
                return List.of(one);
            }
        }
        List<ObjectId> candidates = paint(one, others);
        if (candidates.size() > 1) {
            candidates = removeRedundant(candidates);
        }
        candidates.sort(byDateNewestFirst());
        return candidates;
    }

    /** Whether {@code ancestor} is reachable from {@code tip} (itself included). */
    public boolean isAncestor(ObjectId ancestor, ObjectId tip) throws IOException {
        if (ancestor.equals(tip)) {
            return true;
        }
        return of(ancestor, List.of(tip)).contains(ancestor);
    }

    private Comparator<ObjectId> byDateNewestFirst() {
        return Comparator.comparingLong((ObjectId id) -> {
            try {
                return walk.commit(id).committer().epochSeconds();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).reversed();
    }

    /** paint_down_to_common: the commits both sides reach first (not yet cleaned of redundant ones). */
    private List<ObjectId> paint(ObjectId one, List<ObjectId> twos) throws IOException {
        Map<ObjectId, Integer> flags = new HashMap<>();
        record Queued(ObjectId id, long date, long order) {
        }
        PriorityQueue<Queued> queue = new PriorityQueue<>(
                Comparator.comparingLong(Queued::date).reversed().thenComparingLong(Queued::order));
        long[] counter = {0};
        Map<ObjectId, Integer> queued = new HashMap<>();   // how many queue entries each commit has
        int[] live = {0};                                   // queue entries whose commit is not stale
        java.util.function.Consumer<ObjectId> push = id -> {
            try {
                queue.add(new Queued(id, walk.commit(id).committer().epochSeconds(), counter[0]++));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            queued.merge(id, 1, Integer::sum);
            if ((flags.get(id) & STALE) == 0) {
                live[0]++;
            }
        };
        flags.put(one, ONE);
        for (ObjectId two : twos) {
            flags.merge(two, TWO, (a, b) -> a | b);
        }
        push.accept(one);
        for (ObjectId two : twos) {
            push.accept(two);
        }
        List<ObjectId> found = new ArrayList<>();
        while (live[0] > 0) {
            Queued next = queue.poll();
            queued.merge(next.id(), -1, Integer::sum);
            int f = flags.get(next.id());
            if ((f & STALE) == 0) {
                live[0]--;
            }
            int painted = f & (ONE | TWO | STALE);
            if (painted == (ONE | TWO)) {
                if ((f & RESULT) == 0) {
                    flags.put(next.id(), f | RESULT);
                    found.add(next.id());
                }
                painted |= STALE;   // the parents of a common commit are no better
            }
            for (ObjectId parent : walk.commit(next.id()).parents()) {
                int before = flags.getOrDefault(parent, 0);
                if ((before & painted) == painted) {
                    continue;
                }
                flags.put(parent, before | painted);
                if ((before & STALE) == 0 && (painted & STALE) != 0) {
                    live[0] -= queued.getOrDefault(parent, 0);   // its waiting entries turned stale
                }
                push.accept(parent);
            }
        }
        List<ObjectId> result = new ArrayList<>();
        for (ObjectId id : found) {
            if ((flags.get(id) & STALE) == 0) {
                result.add(id);
            }
        }
        return result;
    }

    /** remove_redundant: drops every candidate that is an ancestor of another. */
    private List<ObjectId> removeRedundant(List<ObjectId> candidates) throws IOException {
        List<ObjectId> kept = new ArrayList<>();
        for (ObjectId candidate : candidates) {
            boolean redundant = false;
            for (ObjectId other : candidates) {
                if (!other.equals(candidate) && reaches(other, candidate)) {
                    redundant = true;
                    break;
                }
            }
            if (!redundant) {
                kept.add(candidate);
            }
        }
        return kept;
    }

    /** Whether {@code ancestor} is reachable from {@code tip}, walking no older than it. */
    private boolean reaches(ObjectId tip, ObjectId ancestor) throws IOException {
        long floor = walk.commit(ancestor).committer().epochSeconds();
        java.util.ArrayDeque<ObjectId> stack = new java.util.ArrayDeque<>(List.of(tip));
        java.util.Set<ObjectId> seen = new java.util.HashSet<>();
        while (!stack.isEmpty()) {
            ObjectId id = stack.pop();
            if (id.equals(ancestor)) {
                return true;
            }
            if (!seen.add(id)) {
                continue;
            }
            for (ObjectId parent : walk.commit(id).parents()) {
                if (walk.commit(parent).committer().epochSeconds() >= floor || parent.equals(ancestor)) {
                    stack.push(parent);
                }
            }
        }
        return false;
    }
}
