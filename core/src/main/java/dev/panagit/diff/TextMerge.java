package dev.panagit.diff;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * git's three-way merge of a file's lines (xdiff's xmerge.c, at the level git's merges use,
 * "zealous"): the changes each side made to the base are taken where only one side changed,
 * taken once where both made the same change, and otherwise shown as a conflict between
 * {@code <<<<<<< ours}, {@code =======} and {@code >>>>>>> theirs} markers (with the base between
 * {@code |||||||} for diff3 and zdiff3). Conflicts are refined to the lines that really differ
 * and joined when fewer than four lines separate them, as git does; line endings of the
 * markers follow the files' (CRLF when they use it).
 */
public final class TextMerge {
    /** merge.conflictStyle. */
    public enum Style {
        /** Ours and theirs between the markers. */
        MERGE,
        /** Ours, the base, and theirs. */
        DIFF3,
        /** diff3 with the lines common to both sides moved out of the conflict. */
        ZDIFF3
    }

    /** The merged content and how many conflicts it holds (0: a clean merge). */
    public record Result(byte[] content, int conflicts) {
    }

    /** Conflict marker labels: ours, theirs, and the base (shown by diff3 and zdiff3). */
    public record Labels(String ours, String theirs, String base) {
    }

    /** git's conflict marker length ({@code <<<<<<<}). */
    public static final int DEFAULT_MARKER_SIZE = 7;

    private TextMerge() {
    }

    /** One region of the result (xdmerge_t): mode 0 conflict, 1 ours, 2 theirs, 3 both, 4 identical. */
    private static final class Region {
        int mode;
        int i0;
        int chg0;
        int i1;
        int chg1;
        int i2;
        int chg2;

        Region(int mode, int i0, int chg0, int i1, int chg1, int i2, int chg2) {
            this.mode = mode;
            this.i0 = i0;
            this.chg0 = chg0;
            this.i1 = i1;
            this.chg1 = chg1;
            this.i2 = i2;
            this.chg2 = chg2;
        }
    }

    /**
     * Merges {@code ours} and {@code theirs}, both changed from {@code base}.
     *
     * @param options the diff's algorithm and whitespace rules (git's merges use histogram without
     *     the indent heuristic)
     */
    public static Result merge(byte[] base, byte[] ours, byte[] theirs, Labels labels, Style style,
            MyersDiff.Options options, int markerSize) {
        MyersDiff.Result d1 = MyersDiff.diff(base, ours, options);
        MyersDiff.Result d2 = MyersDiff.diff(base, theirs, options);
        if (d1.edits.isEmpty()) {
            return new Result(theirs.clone(), 0);
        }
        if (d2.edits.isEmpty()) {
            return new Result(ours.clone(), 0);
        }
        List<Region> changes = regions(d1, d2, style == Style.MERGE, options);
        if (style == Style.ZDIFF3) {
            refineZdiff3(d1.b, d2.b, changes, options);
        } else if (style == Style.MERGE) {
            changes = refine(d1.b, d2.b, changes, options);
            simplify(changes);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int conflicts = fill(d1, d2, changes, labels, style, markerSize > 0 ? markerSize : DEFAULT_MARKER_SIZE, out);
        return new Result(out.toByteArray(), conflicts);
    }

    /** xdl_do_merge's walk over the two change scripts. */
    private static List<Region> regions(MyersDiff.Result d1, MyersDiff.Result d2, boolean zealous,
            MyersDiff.Options options) {
        List<Region> changes = new ArrayList<>();
        List<MyersDiff.Edit> s1 = d1.edits;
        List<MyersDiff.Edit> s2 = d2.edits;
        int a = 0;
        int b = 0;
        while (a < s1.size() && b < s2.size()) {
            MyersDiff.Edit x1 = s1.get(a);
            MyersDiff.Edit x2 = s2.get(b);
            if (x1.at1() + x1.count1() < x2.at1()) {
                append(changes, 1, x1.at1(), x1.count1(), x1.at2(), x1.count2(), x2.at2() - x2.at1() + x1.at1(), x1.count1());
                a++;
                continue;
            }
            if (x2.at1() + x2.count1() < x1.at1()) {
                append(changes, 2, x2.at1(), x2.count1(), x1.at2() - x1.at1() + x2.at1(), x2.count1(), x2.at2(), x2.count2());
                b++;
                continue;
            }
            if (x1.at1() != x2.at1() || x1.count1() != x2.count1() || x1.count2() != x2.count2()
                    || !sameLines(d1.b, x1.at2(), d2.b, x2.at2(), x1.count2(), options)) {
                int off = x1.at1() - x2.at1();
                int ffo = off + x1.count1() - x2.count1();
                int i0 = x1.at1();
                int i1 = x1.at2();
                int i2 = x2.at2();
                if (off > 0) {
                    i0 -= off;
                    i1 -= off;
                } else {
                    i2 += off;
                }
                int chg0 = x1.at1() + x1.count1() - i0;
                int chg1 = x1.at2() + x1.count2() - i1;
                int chg2 = x2.at2() + x2.count2() - i2;
                if (ffo < 0) {
                    chg0 -= ffo;
                    chg1 -= ffo;
                } else {
                    chg2 += ffo;
                }
                append(changes, 0, i0, chg0, i1, chg1, i2, chg2);
            }
            int end1 = x1.at1() + x1.count1();
            int end2 = x2.at1() + x2.count1();
            if (end1 >= end2) {
                b++;
            }
            if (end2 >= end1) {
                a++;
            }
        }
        for (; a < s1.size(); a++) {
            MyersDiff.Edit x1 = s1.get(a);
            append(changes, 1, x1.at1(), x1.count1(), x1.at2(), x1.count2(),
                    x1.at1() + d2.b.nrec - d2.a.nrec, x1.count1());
        }
        for (; b < s2.size(); b++) {
            MyersDiff.Edit x2 = s2.get(b);
            append(changes, 2, x2.at1(), x2.count1(), x2.at1() + d1.b.nrec - d1.a.nrec, x2.count1(), x2.at2(),
                    x2.count2());
        }
        return changes;
    }

    /** xdl_append_merge: a change that touches the previous region is folded into it (a conflict if modes differ). */
    private static void append(List<Region> changes, int mode, int i0, int chg0, int i1, int chg1, int i2, int chg2) {
        Region m = changes.isEmpty() ? null : changes.get(changes.size() - 1);
        if (m != null && (i1 <= m.i1 + m.chg1 || i2 <= m.i2 + m.chg2)) {
            if (mode != m.mode) {
                m.mode = 0;
            }
            m.chg0 = i0 + chg0 - m.i0;
            m.chg1 = i1 + chg1 - m.i1;
            m.chg2 = i2 + chg2 - m.i2;
        } else {
            changes.add(new Region(mode, i0, chg0, i1, chg1, i2, chg2));
        }
    }

    private static boolean sameLines(DiffFile f1, int i1, DiffFile f2, int i2, int count, MyersDiff.Options options) {
        for (int k = 0; k < count; k++) {
            if (!sameRecord(f1, i1 + k, f2, i2 + k, options)) {
                return false;
            }
        }
        return true;
    }

    /** xdl_recmatch: equal records (whitespace rules aside, which merges do not use). */
    private static boolean sameRecord(DiffFile f1, int r1, DiffFile f2, int r2, MyersDiff.Options options) {
        return java.util.Arrays.equals(f1.data, f1.recordStart(r1), f1.recordStart(r1) + f1.recordLength(r1),
                f2.data, f2.recordStart(r2), f2.recordStart(r2) + f2.recordLength(r2));
    }

    /** xdl_refine_zdiff3_conflicts: common lines at either end of a conflict's two sides leave it. */
    private static void refineZdiff3(DiffFile ours, DiffFile theirs, List<Region> changes, MyersDiff.Options options) {
        for (Region m : changes) {
            if (m.mode != 0) {
                continue;
            }
            while (m.chg1 > 0 && m.chg2 > 0 && sameRecord(ours, m.i1, theirs, m.i2, options)) {
                m.chg1--;
                m.chg2--;
                m.i1++;
                m.i2++;
            }
            while (m.chg1 > 0 && m.chg2 > 0
                    && sameRecord(ours, m.i1 + m.chg1 - 1, theirs, m.i2 + m.chg2 - 1, options)) {
                m.chg1--;
                m.chg2--;
            }
        }
    }

    /** xdl_refine_conflicts: a conflict is narrowed to the hunks of a diff between its two sides. */
    private static List<Region> refine(DiffFile ours, DiffFile theirs, List<Region> changes, MyersDiff.Options options) {
        List<Region> out = new ArrayList<>();
        for (Region m : changes) {
            if (m.mode != 0 || m.chg1 == 0 || m.chg2 == 0) {
                out.add(m);
                continue;
            }
            byte[] t1 = java.util.Arrays.copyOfRange(ours.data, ours.recordStart(m.i1), ours.recordStart(m.i1 + m.chg1));
            byte[] t2 = java.util.Arrays.copyOfRange(theirs.data, theirs.recordStart(m.i2),
                    theirs.recordStart(m.i2 + m.chg2));
            List<MyersDiff.Edit> script = MyersDiff.diff(t1, t2, options).edits;
            if (script.isEmpty()) {
                m.mode = 4;   // the same change on both sides after all
                out.add(m);
                continue;
            }
            int i1 = m.i1;
            int i2 = m.i2;
            for (MyersDiff.Edit e : script) {
                out.add(new Region(0, m.i0, m.chg0, e.at1() + i1, e.count1(), e.at2() + i2, e.count2()));
            }
        }
        return out;
    }

    /** xdl_simplify_non_conflicts: conflicts fewer than four lines apart become one. */
    private static void simplify(List<Region> changes) {
        for (int k = 0; k + 1 < changes.size();) {
            Region m = changes.get(k);
            Region next = changes.get(k + 1);
            int begin = m.i1 + m.chg1;
            int end = next.i1;
            if (m.mode != 0 || next.mode != 0 || end - begin > 3) {
                k++;
            } else {
                m.chg1 = next.i1 + next.chg1 - m.i1;
                m.chg2 = next.i2 + next.chg2 - m.i2;
                changes.remove(k + 1);
            }
        }
    }

    /** xdl_fill_merge_buffer: the result, with conflict hunks; returns the number of conflicts. */
    private static int fill(MyersDiff.Result d1, MyersDiff.Result d2, List<Region> changes, Labels labels, Style style,
            int markerSize, ByteArrayOutputStream out) {
        DiffFile ours = d1.b;
        DiffFile theirs = d2.b;
        DiffFile base = d1.a;
        int conflicts = 0;
        int i = 0;
        for (Region m : changes) {
            if (m.mode == 0) {
                conflicts++;
                boolean cr = crNeeded(d1, d2, m);
                copy(ours, i, m.i1 - i, false, false, out);
                marker(out, '<', markerSize, labels.ours(), cr);
                copy(ours, m.i1, m.chg1, cr, true, out);
                if (style != Style.MERGE) {
                    marker(out, '|', markerSize, labels.base(), cr);
                    copy(base, m.i0, m.chg0, cr, true, out);
                }
                marker(out, '=', markerSize, null, cr);
                copy(theirs, m.i2, m.chg2, cr, true, out);
                marker(out, '>', markerSize, labels.theirs(), cr);
            } else if ((m.mode & 3) != 0) {
                copy(ours, i, m.i1 - i, false, false, out);
                if ((m.mode & 1) != 0) {
                    copy(ours, m.i1, m.chg1, crNeeded(d1, d2, m), (m.mode & 2) != 0, out);
                }
                if ((m.mode & 2) != 0) {
                    copy(theirs, m.i2, m.chg2, false, false, out);
                }
            } else {
                continue;
            }
            i = m.i1 + m.chg1;
        }
        copy(ours, i, ours.nrec - i, false, false, out);
        return conflicts;
    }

    private static void marker(ByteArrayOutputStream out, char c, int size, String label, boolean cr) {
        out.writeBytes(String.valueOf(c).repeat(size).getBytes(StandardCharsets.US_ASCII));
        if (label != null) {
            out.write(' ');
            out.writeBytes(label.getBytes(StandardCharsets.UTF_8));
        }
        if (cr) {
            out.write('\r');
        }
        out.write('\n');
    }

    /** xdl_recs_copy: {@code count} records; with {@code addNewline}, a final one that lacks it gets it. */
    private static void copy(DiffFile f, int from, int count, boolean cr, boolean addNewline, ByteArrayOutputStream out) {
        if (count < 1) {
            return;
        }
        int start = f.recordStart(from);
        int end = f.recordStart(from + count);
        out.write(f.data, start, end - start);
        if (addNewline && (end == start || f.data[end - 1] != '\n')) {
            if (cr) {
                out.write('\r');
            }
            out.write('\n');
        }
    }

    /** is_cr_needed: the markers end in CRLF when the lines around them do. */
    private static boolean crNeeded(MyersDiff.Result d1, MyersDiff.Result d2, Region m) {
        int needs = eolCrlf(d1.b, m.i1 > 0 ? m.i1 - 1 : 0);
        if (needs != 0) {
            needs = eolCrlf(d2.b, m.i2 > 0 ? m.i2 - 1 : 0);
        }
        if (needs != 0) {
            needs = eolCrlf(d1.a, 0);
        }
        return needs > 0;
    }

    /** is_eol_crlf: 1 CRLF, 0 LF, -1 undecided. */
    private static int eolCrlf(DiffFile f, int i) {
        if (i < f.nrec - 1) {
            int size = f.recordLength(i);
            return size > 1 && f.data[f.recordStart(i) + size - 2] == '\r' ? 1 : 0;
        }
        if (f.nrec == 0) {
            return -1;
        }
        int size = f.recordLength(i);
        int at = f.recordStart(i);
        if (size > 0 && f.data[at + size - 1] == '\n') {
            return size > 1 && f.data[at + size - 2] == '\r' ? 1 : 0;
        }
        if (i == 0) {
            return -1;
        }
        int prev = f.recordLength(i - 1);
        return prev > 1 && f.data[f.recordStart(i - 1) + prev - 2] == '\r' ? 1 : 0;
    }
}
