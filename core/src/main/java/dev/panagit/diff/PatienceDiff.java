package dev.panagit.diff;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * git's {@code --diff-algorithm=patience} (xdiff's xpatience.c): records unique on both sides
 * of a range anchor it, in the longest increasing sequence of such anchors; the gaps between are
 * diffed the same way, and a range with no unique common record falls back to Myers. Ranges are
 * processed from an explicit stack, so no input deepens the thread's stack. Lines are 1-based as
 * in xdiff.
 */
final class PatienceDiff {
    private static final int NON_UNIQUE = Integer.MAX_VALUE;

    private PatienceDiff() {
    }

    /** One record of the first range, in first-range order, with where it is unique in the second. */
    private static final class Entry {
        final int line1;
        int line2;   // 0: not in range 2; NON_UNIQUE: more than once in either range
        Entry next;
        Entry previous;

        Entry(int line1) {
            this.line1 = line1;
        }
    }

    static void mark(DiffFile f1, DiffFile f2, MyersDiff.Options options) {
        Deque<int[]> ranges = new ArrayDeque<>();
        ranges.push(new int[] {1, f1.nrec, 1, f2.nrec});
        while (!ranges.isEmpty()) {
            int[] r = ranges.pop();
            diffRange(f1, f2, r[0], r[1], r[2], r[3], options, ranges);
        }
    }

    private static void diffRange(DiffFile f1, DiffFile f2, int line1, int count1, int line2, int count2,
            MyersDiff.Options options, Deque<int[]> ranges) {
        if (count1 == 0) {
            for (int i = 0; i < count2; i++) {
                f2.setChanged(line2 - 1 + i, true);
            }
            return;
        }
        if (count2 == 0) {
            for (int i = 0; i < count1; i++) {
                f1.setChanged(line1 - 1 + i, true);
            }
            return;
        }
        // fill_hashmap: the first range's classes in order, then where the second range has them
        Map<Integer, Entry> byClass = new HashMap<>(count1 * 2);
        Entry first = null;
        Entry last = null;
        int entries = 0;
        for (int line = line1; line < line1 + count1; line++) {
            int cls = f1.cls[line - 1];
            Entry e = byClass.get(cls);
            if (e != null) {
                e.line2 = NON_UNIQUE;
                continue;
            }
            e = new Entry(line);
            byClass.put(cls, e);
            if (first == null) {
                first = e;
            }
            if (last != null) {
                last.next = e;
                e.previous = last;
            }
            last = e;
            entries++;
        }
        boolean hasMatches = false;
        for (int line = line2; line < line2 + count2; line++) {
            Entry e = byClass.get(f2.cls[line - 1]);
            if (e == null) {
                continue;
            }
            hasMatches = true;
            e.line2 = e.line2 != 0 ? NON_UNIQUE : line;
        }
        if (!hasMatches) {
            for (int i = 0; i < count1; i++) {
                f1.setChanged(line1 - 1 + i, true);
            }
            for (int i = 0; i < count2; i++) {
                f2.setChanged(line2 - 1 + i, true);
            }
            return;
        }
        Entry anchors = longestCommonSequence(first, entries);
        if (anchors == null) {
            MyersDiff.fallBack(f1, line1 - 1, count1, f2, line2 - 1, count2, options);
            return;
        }
        walkCommonSequence(f1, f2, anchors, line1, count1, line2, count2, ranges);
    }

    /** find_longest_common_sequence: patience sorting over the unique pairs, in first-range order. */
    private static Entry longestCommonSequence(Entry first, int entries) {
        Entry[] sequence = new Entry[entries];
        int longest = 0;
        for (Entry entry = first; entry != null; entry = entry.next) {
            if (entry.line2 == 0 || entry.line2 == NON_UNIQUE) {
                continue;
            }
            int left = -1;
            int right = longest;
            while (left + 1 < right) {
                int middle = left + (right - left) / 2;
                if (sequence[middle].line2 > entry.line2) {
                    right = middle;
                } else {
                    left = middle;
                }
            }
            entry.previous = left < 0 ? null : sequence[left];
            int i = left + 1;
            sequence[i] = entry;
            if (i == longest) {
                longest++;
            }
        }
        if (longest == 0) {
            return null;
        }
        Entry entry = sequence[longest - 1];
        entry.next = null;
        while (entry.previous != null) {
            entry.previous.next = entry;
            entry = entry.previous;
        }
        return entry;
    }

    /** walk_common_sequence: grows each anchor over equal neighbours and queues the gaps. */
    private static void walkCommonSequence(DiffFile f1, DiffFile f2, Entry first, int line1, int count1, int line2,
            int count2, Deque<int[]> ranges) {
        int end1 = line1 + count1;
        int end2 = line2 + count2;
        for (;;) {
            int next1;
            int next2;
            if (first != null) {
                next1 = first.line1;
                next2 = first.line2;
                while (next1 > line1 && next2 > line2 && f1.cls[next1 - 2] == f2.cls[next2 - 2]) {
                    next1--;
                    next2--;
                }
            } else {
                next1 = end1;
                next2 = end2;
            }
            while (line1 < next1 && line2 < next2 && f1.cls[line1 - 1] == f2.cls[line2 - 1]) {
                line1++;
                line2++;
            }
            if (next1 > line1 || next2 > line2) {
                ranges.push(new int[] {line1, next1 - line1, line2, next2 - line2});
            }
            if (first == null) {
                return;
            }
            while (first.next != null && first.next.line1 == first.line1 + 1 && first.next.line2 == first.line2 + 1) {
                first = first.next;
            }
            line1 = first.line1 + 1;
            line2 = first.line2 + 1;
            first = first.next;
        }
    }
}
