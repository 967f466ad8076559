package dev.panagit.history;

import dev.panagit.lib.ObjectId;
import dev.panagit.objects.Commit;
import java.io.IOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * How many commits one tip has that another lacks, and the reverse ({@code rev-list --left-right
 * --count A...B}): both tips paint their ancestors, newest first, until every commit still queued
 * is reachable from both, so a walk ends near the fork point, not at the root.
 */
public final class AheadBehind {
    private static final int OURS = 1;
    private static final int THEIRS = 2;
    private static final int BOTH = OURS | THEIRS;

    private AheadBehind() {
    }

    /** The counts, {@code ahead} (in ours only) and {@code behind} (in theirs only). */
    public record Counts(int ahead, int behind) {
    }

    /** How many commits {@code ours} has that {@code theirs} lacks, and the other way round ({@code git rev-list --left-right --count}). */
    public static Counts count(CommitWalk walk, ObjectId ours, ObjectId theirs) throws IOException {
        Map<ObjectId, Integer> paint = new HashMap<>();
        record Queued(ObjectId id, long date) {
        }
        PriorityQueue<Queued> queue = new PriorityQueue<>(Comparator.comparingLong(Queued::date).reversed());
        int[] unfinished = {0};   // queued commits not yet painted by both sides
        paint.put(ours, OURS);
        paint.merge(theirs, THEIRS, (a, b) -> a | b);
        queue.add(new Queued(ours, date(walk, ours)));
        if (!theirs.equals(ours)) {
            queue.add(new Queued(theirs, date(walk, theirs)));
        }
        for (Queued q : queue) {
            if (paint.get(q.id()) != BOTH) {
                unfinished[0]++;
            }
        }
        Map<ObjectId, Integer> queuedFlags = new HashMap<>();
        for (Queued q : queue) {
            queuedFlags.put(q.id(), paint.get(q.id()));
        }
        while (!queue.isEmpty() && unfinished[0] > 0) {
            Queued next = queue.poll();
            Integer flagsWhenQueued = queuedFlags.remove(next.id());
            int flags = paint.get(next.id());
            if (flagsWhenQueued != null && flagsWhenQueued != BOTH) {
                unfinished[0]--;
            }
            for (ObjectId parent : walk.commit(next.id()).parents()) {
                int before = paint.getOrDefault(parent, 0);
                int after = before | flags;
                if (after == before) {
                    continue;
                }
                paint.put(parent, after);
                Integer queued = queuedFlags.get(parent);
                if (queued != null) {
                    // already waiting: it carries the new paint when it is taken
                    if (queued != BOTH && after == BOTH) {
                        unfinished[0]--;
                    }
                    queuedFlags.put(parent, after);
                    continue;
                }
                queue.add(new Queued(parent, date(walk, parent)));
                queuedFlags.put(parent, after);
                if (after != BOTH) {
                    unfinished[0]++;
                }
            }
        }
        int ahead = 0;
        int behind = 0;
        for (int flags : paint.values()) {
            if (flags == OURS) {
                ahead++;
            } else if (flags == THEIRS) {
                behind++;
            }
        }
        return new Counts(ahead, behind);
    }

    private static long date(CommitWalk walk, ObjectId id) throws IOException {
        Commit commit = walk.commit(id);
        return commit.committer().epochSeconds();
    }
}
