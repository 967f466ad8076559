package dev.panagit.diff;

import dev.panagit.diff.PatchWriter.Side;
import dev.panagit.lib.ObjectId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * git's dense combined diff of a merge ({@code diff --cc}, combine-diff.c): for each path that
 * differs from every parent, the result's lines marked with a column per parent ({@code +}: not
 * in that parent) and the lines the parents lost ({@code -}), lost lines of different parents
 * coalesced by their longest common sequence, hunks where the result simply took one side's
 * version dropped, and three lines of context.
 */
public final class CombinedDiff {
    /** A path of the merge: its side in the result and in each parent (with git's status letter). */
    public record Path(String path, Side result, Side[] parents, char[] status) {
    }

    private final PatchWriter.Contents contents;
    private final int context;
    private final MyersDiff.Options options;
    private final Palette palette;

    /** Combined diffs ({@code diff --cc}) of contents from {@code contents}, with {@code context} lines around changes. */
    public CombinedDiff(PatchWriter.Contents contents, int context, MyersDiff.Options options, Palette palette) {
        this.contents = contents;
        this.context = context;
        this.options = options;
        this.palette = palette;
    }

    /** Lines a parent lost before a result line; {@code parents} is a bit set. */
    private static final class Lost {
        final byte[] text;
        long parents;

        Lost(byte[] text, long parents) {
            this.text = text;
            this.parents = parents;
        }
    }

    /** A line of the result (and one past the end, where losses at the end hang). */
    private static final class Line {
        int start;
        int length;
        long flag;
        List<Lost> lost = new ArrayList<>();
        List<Lost> pending = new ArrayList<>();
        int[] parentLine;
    }

    /**
     * The paths of a merge that differ from every parent, in tree order (intersect_paths).
     *
     * @param perParent for each parent, its changes to the result (renames found when git finds them:
     *     a renamed file is compared with its source), in path order
     */
    public static List<Path> paths(List<List<PatchWriter.Change>> perParent) {
        int n = perParent.size();
        List<Path> out = new ArrayList<>();
        outer:
        for (PatchWriter.Change first : perParent.get(0)) {
            Side[] parents = new Side[n];
            char[] status = new char[n];
            for (int i = 0; i < n; i++) {
                PatchWriter.Change match = null;
                for (PatchWriter.Change c : perParent.get(i)) {
                    if (c.path().equals(first.path())) {
                        match = c;
                        break;
                    }
                }
                if (match == null) {
                    continue outer;
                }
                parents[i] = match.before();   // for a rename, the source's side
                status[i] = match.renamed() ? 'R' : !match.before().present() ? 'A' : !match.after().present() ? 'D'
                        : (match.before().mode() & 0170000) != (match.after().mode() & 0170000) ? 'T' : 'M';
            }
            out.add(new Path(first.path(), first.after(), parents, status));
        }
        return out;
    }

    /** Writes the combined diff of the paths. */
    public void write(List<Path> paths, ByteArrayOutputStream out) throws IOException {
        for (Path p : paths) {
            write(p, out);
        }
    }

    private void write(Path p, ByteArrayOutputStream out) throws IOException {
        int n = p.parents().length;
        boolean deleted = !p.result().present();
        byte[] result = deleted ? new byte[0] : load(p.path(), p.result(), true);
        boolean modeDiffers = false;
        for (Side parent : p.parents()) {
            modeDiffers |= parent.mode() != p.result().mode();
        }
        boolean binary = PatchWriter.binary(result);
        byte[][] parentContent = new byte[n][];
        for (int i = 0; i < n; i++) {
            parentContent[i] = p.parents()[i].present() ? load(p.path(), p.parents()[i], false) : new byte[0];
            binary |= PatchWriter.binary(parentContent[i]);
        }
        if (binary) {
            header(p, modeDiffers, false, out);
            line(out, "Binary files differ");
            return;
        }
        int cnt = 0;
        for (byte b : result) {
            if (b == '\n') {
                cnt++;
            }
        }
        if (result.length > 0 && result[result.length - 1] != '\n') {
            cnt++;
        }
        Line[] lines = new Line[cnt + 2];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = new Line();
            lines[i].parentLine = new int[n];
        }
        for (int i = 0, lno = 0, start = 0; i < result.length; i++) {
            if (result[i] == '\n') {
                lines[lno].start = start;
                lines[lno].length = i - start;
                lno++;
                start = i + 1;
            } else if (i == result.length - 1) {
                lines[lno].start = start;
                lines[lno].length = i + 1 - start;
            }
        }
        for (int i = 0; i < n; i++) {
            int same = -1;
            for (int j = 0; j < i; j++) {
                if (java.util.Objects.equals(p.parents()[i].id(), p.parents()[j].id())) {
                    same = j;
                    break;
                }
            }
            if (same >= 0) {
                reuse(lines, cnt, i, same);
            } else {
                compare(parentContent[i], result, lines, cnt, i);   // a deleted result is empty: all lost
            }
        }
        boolean showHunks = makeHunks(lines, cnt, n);
        if (showHunks || modeDiffers) {
            header(p, modeDiffers, true, out);
            dump(lines, result, cnt, n, out);
        }
    }

    private byte[] load(String path, Side side, boolean after) throws IOException {
        if ((side.mode() & 0170000) == 0160000) {
            return ("Subproject commit " + side.id().name() + "\n").getBytes(StandardCharsets.US_ASCII);
        }
        return contents.load(path, side, after);
    }

    /** combine_diff: one parent against the result, with no context, as xdiff reports its hunks. */
    private void compare(byte[] parent, byte[] result, Line[] lines, int cnt, int n) {
        long mask = 1L << n;
        int keep = UnifiedDiff.withoutCommonTail(parent, result);
        byte[] a = keep == 0 ? parent : java.util.Arrays.copyOf(parent, parent.length - keep);
        byte[] b = keep == 0 ? result : java.util.Arrays.copyOf(result, result.length - keep);
        MyersDiff.Result diff = MyersDiff.diff(a, b, options);
        for (MyersDiff.Edit e : diff.edits) {
            int nb = e.count2() != 0 ? e.at2() + 1 : e.at2();
            Line bucket = e.count2() == 0 ? lines[nb] : lines[nb - 1];
            for (int k = 0; k < e.count1(); k++) {
                int r = e.at1() + k;
                int from = diff.a.recordStart(r);
                int len = diff.a.recordLength(r);
                if (len > 0 && a[from + len - 1] == '\n') {
                    len--;
                }
                bucket.pending.add(new Lost(java.util.Arrays.copyOfRange(a, from, from + len), mask));
            }
            for (int k = 0; k < e.count2(); k++) {
                lines[nb - 1 + k].flag |= mask;
            }
        }
        int parentLine = 1;
        int lno;
        for (lno = 0; lno <= cnt; lno++) {
            Line l = lines[lno];
            l.parentLine[n] = parentLine;
            if (!l.pending.isEmpty()) {
                l.lost = coalesce(l.lost, l.pending, n);
                l.pending = new ArrayList<>();
            }
            for (Lost lost : l.lost) {
                if ((lost.parents & mask) != 0) {
                    parentLine++;
                }
            }
            if (lno < cnt && (l.flag & mask) == 0) {
                parentLine++;
            }
        }
        lines[lno].parentLine[n] = parentLine;
    }

    /** coalesce_lines: merges a parent's lost lines into those of earlier parents along their LCS. */
    private List<Lost> coalesce(List<Lost> base, List<Lost> added, int parent) {
        if (added.isEmpty()) {
            return base;
        }
        if (base.isEmpty()) {
            return added;
        }
        int nb = base.size();
        int na = added.size();
        int[][] lcs = new int[nb + 1][na + 1];
        byte[][] dir = new byte[nb + 1][na + 1];   // 0 match, 1 base, 2 new
        for (int i = 0; i <= nb; i++) {
            dir[i][0] = 1;
        }
        for (int j = 1; j <= na; j++) {
            dir[0][j] = 2;
        }
        for (int i = 1; i <= nb; i++) {
            for (int j = 1; j <= na; j++) {
                if (sameLine(base.get(i - 1).text, added.get(j - 1).text)) {
                    lcs[i][j] = lcs[i - 1][j - 1] + 1;
                    dir[i][j] = 0;
                } else if (lcs[i][j - 1] >= lcs[i - 1][j]) {
                    lcs[i][j] = lcs[i][j - 1];
                    dir[i][j] = 2;
                } else {
                    lcs[i][j] = lcs[i - 1][j];
                    dir[i][j] = 1;
                }
            }
        }
        List<Lost> merged = new ArrayList<>(base);
        int i = nb;
        int j = na;
        while (i != 0 || j != 0) {
            if (dir[i][j] == 0) {
                base.get(i - 1).parents |= 1L << parent;
                i--;
                j--;
            } else if (dir[i][j] == 2) {
                merged.add(i, added.get(j - 1));   // after base line i (before what follows it)
                j--;
            } else {
                i--;
            }
        }
        return merged;
    }

    /** match_string_spaces: equal lines, under the whitespace options. */
    private boolean sameLine(byte[] x, byte[] y) {
        MyersDiff.Whitespace ws = options.whitespace();
        int len1 = x.length;
        int len2 = y.length;
        if (ws != MyersDiff.Whitespace.NONE) {
            while (len1 > 0 && isSpace(x[len1 - 1])) {
                len1--;
            }
            while (len2 > 0 && isSpace(y[len2 - 1])) {
                len2--;
            }
        }
        if (ws != MyersDiff.Whitespace.ALL && ws != MyersDiff.Whitespace.CHANGE) {
            return java.util.Arrays.equals(x, 0, len1, y, 0, len2);
        }
        while (len1 > 0 && len2 > 0) {
            len1--;
            len2--;
            if (isSpace(x[len1]) || isSpace(y[len2])) {
                if (ws == MyersDiff.Whitespace.CHANGE && (!isSpace(x[len1]) || !isSpace(y[len2]))) {
                    return false;
                }
                while (len1 > 0 && isSpace(x[len1])) {
                    len1--;
                }
                while (len2 > 0 && isSpace(y[len2])) {
                    len2--;
                }
            }
            if (x[len1] != y[len2]) {
                return false;
            }
        }
        if (ws == MyersDiff.Whitespace.ALL) {
            while (len1 > 0 && isSpace(x[len1 - 1])) {
                len1--;
            }
            while (len2 > 0 && isSpace(y[len2 - 1])) {
                len2--;
            }
        }
        return len1 == 0 && len2 == 0;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
    }

    /** reuse_combine_diff: parent i has parent j's blob, so it has j's marks. */
    private static void reuse(Line[] lines, int cnt, int i, int j) {
        long imask = 1L << i;
        long jmask = 1L << j;
        for (int lno = 0; lno <= cnt; lno++) {
            Line l = lines[lno];
            l.parentLine[i] = l.parentLine[j];
            for (Lost lost : l.lost) {
                if ((lost.parents & jmask) != 0) {
                    lost.parents |= imask;
                }
            }
            if ((l.flag & jmask) != 0) {
                l.flag |= imask;
            }
        }
        lines[cnt + 1].parentLine[i] = lines[cnt + 1].parentLine[j];
    }

    private static boolean interesting(Line l, long allMask) {
        return (l.flag & allMask) != 0 || !l.lost.isEmpty();
    }

    private static int adjustHunkTail(Line[] lines, long allMask, int hunkBegin, int i) {
        if (hunkBegin + 1 <= i && (lines[i - 1].flag & allMask) == 0) {
            i--;
        }
        return i;
    }

    private static int findNext(Line[] lines, long mark, int i, int cnt, boolean lookForUninteresting) {
        while (i <= cnt) {
            if (lookForUninteresting ? (lines[i].flag & mark) == 0 : (lines[i].flag & mark) != 0) {
                return i;
            }
            i++;
        }
        return i;
    }

    private boolean giveContext(Line[] lines, int cnt, int n) {
        long allMask = (1L << n) - 1;
        long mark = 1L << n;
        long noPreDelete = 2L << n;
        int i = findNext(lines, mark, 0, cnt, false);
        if (cnt < i) {
            return false;
        }
        while (i <= cnt) {
            int j = context < i ? i - context : 0;
            while (j < i) {
                if ((lines[j].flag & mark) == 0) {
                    lines[j].flag |= noPreDelete;
                }
                lines[j++].flag |= mark;
            }
            boolean again = true;
            while (again) {
                again = false;
                j = findNext(lines, mark, i, cnt, true);
                if (cnt < j) {
                    return true;   // the rest are all interesting
                }
                int k = findNext(lines, mark, j, cnt, false);
                j = adjustHunkTail(lines, allMask, i, j);
                if (k < j + context) {
                    while (j < k) {
                        lines[j++].flag |= mark;
                    }
                    i = k;
                    again = true;
                    continue;
                }
                i = k;
                k = j + context < cnt + 1 ? j + context : cnt + 1;
                while (j < k) {
                    lines[j++].flag |= mark;
                }
            }
        }
        return true;
    }

    /** make_hunks, dense: marks interesting lines, drops hunks where the result took one version, adds context. */
    private boolean makeHunks(Line[] lines, int cnt, int n) {
        long allMask = (1L << n) - 1;
        long mark = 1L << n;
        for (int i = 0; i <= cnt; i++) {
            if (interesting(lines[i], allMask)) {
                lines[i].flag |= mark;
            } else {
                lines[i].flag &= ~mark;
            }
        }
        int i = 0;
        while (i <= cnt) {
            while (i <= cnt && (lines[i].flag & mark) == 0) {
                i++;
            }
            if (cnt < i) {
                break;
            }
            int hunkBegin = i;
            int j;
            for (j = i + 1; j <= cnt; j++) {
                if ((lines[j].flag & mark) == 0) {
                    int la = adjustHunkTail(lines, allMask, hunkBegin, j);
                    la = la + context < cnt + 1 ? la + context : cnt + 1;
                    boolean contin = false;
                    while (la != 0 && j <= --la) {
                        if ((lines[la].flag & mark) != 0) {
                            contin = true;
                            break;
                        }
                    }
                    if (!contin) {
                        break;
                    }
                    j = la;
                }
            }
            int hunkEnd = j;
            long sameDiff = 0;
            boolean hasInteresting = false;
            for (j = i; j < hunkEnd && !hasInteresting; j++) {
                long thisDiff = lines[j].flag & allMask;
                if (thisDiff != 0) {
                    if (sameDiff == 0) {
                        sameDiff = thisDiff;
                    } else if (sameDiff != thisDiff) {
                        hasInteresting = true;
                        break;
                    }
                }
                for (Lost lost : lines[j].lost) {
                    if (hasInteresting) {
                        break;
                    }
                    thisDiff = lost.parents;
                    if (sameDiff == 0) {
                        sameDiff = thisDiff;
                    } else if (sameDiff != thisDiff) {
                        hasInteresting = true;
                    }
                }
            }
            if (!hasInteresting && sameDiff != allMask) {
                for (j = hunkBegin; j < hunkEnd; j++) {
                    lines[j].flag &= ~mark;
                }
            }
            i = hunkEnd;
        }
        return giveContext(lines, cnt, n);
    }

    private static boolean hunkCommentLine(byte[] result, Line l) {
        if (l.length == 0 && l.start >= result.length) {
            return false;
        }
        int c = l.start < result.length ? result[l.start] & 0xff : 0;
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    }

    /** dump_sline: the hunks, {@code @@@ -a,b -c,d +e,f @@@} with a column per parent. */
    private void dump(Line[] lines, byte[] result, int cnt, int n, ByteArrayOutputStream out) {
        long mark = 1L << n;
        long noPreDelete = 2L << n;
        int lno = 0;
        while (true) {
            Line comment = null;
            int nullContext = 0;
            while (lno <= cnt && (lines[lno].flag & mark) == 0) {
                if (lno < cnt && hunkCommentLine(result, lines[lno])) {
                    comment = lines[lno];
                }
                lno++;
            }
            if (cnt < lno) {
                break;
            }
            int hunkEnd;
            for (hunkEnd = lno + 1; hunkEnd <= cnt; hunkEnd++) {
                if ((lines[hunkEnd].flag & mark) == 0) {
                    break;
                }
            }
            long rlines = hunkEnd - lno;   // unsigned in git: -U0 on an empty result prints 2^64-1, as git does
            if (cnt < hunkEnd) {
                rlines--;
            }
            if (context == 0) {
                for (int j = lno; j < hunkEnd; j++) {
                    if ((lines[j].flag & (mark - 1)) == 0) {
                        nullContext++;
                    }
                }
                rlines -= nullContext;
            }
            StringBuilder head = new StringBuilder(palette.frag()).append("@".repeat(n + 1));
            for (int i = 0; i < n; i++) {
                int l0 = lines[lno].parentLine[i];
                int l1 = lines[hunkEnd].parentLine[i];
                head.append(" -").append(l0).append(',').append(Long.toUnsignedString((long) l1 - l0 - nullContext));
            }
            head.append(" +").append(lno + 1).append(',').append(Long.toUnsignedString(rlines)).append(' ').append("@".repeat(n + 1));
            out.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
            if (comment != null) {
                int commentEnd = 0;
                for (int i = 0; i < 40 && comment.start + i < result.length; i++) {
                    int ch = result[comment.start + i] & 0xff;
                    if (ch == 0 || ch == '\n') {
                        break;
                    }
                    if (!isSpace((byte) ch)) {
                        commentEnd = i;
                    }
                }
                if (commentEnd != 0) {
                    ascii(out, palette.reset() + palette.context() + " " + palette.reset() + palette.func());
                }
                out.write(result, comment.start, commentEnd);
            }
            ascii(out, palette.reset() + "\n");
            while (lno < hunkEnd) {
                Line l = lines[lno++];
                if ((l.flag & noPreDelete) == 0) {
                    for (Lost lost : l.lost) {
                        ascii(out, palette.old());
                        for (int j = 0; j < n; j++) {
                            out.write((lost.parents & (1L << j)) != 0 ? '-' : ' ');
                        }
                        lineToEol(out, lost.text, 0, lost.text.length);
                    }
                }
                if (cnt < lno) {
                    break;
                }
                if ((l.flag & (mark - 1)) == 0 && context == 0) {
                    continue;
                }
                ascii(out, (l.flag & (mark - 1)) == 0 ? palette.context() : palette.added());
                long pMask = 1;
                for (int j = 0; j < n; j++) {
                    out.write((pMask & l.flag) != 0 ? '+' : ' ');
                    pMask <<= 1;
                }
                lineToEol(out, result, l.start, l.length);
            }
        }
    }

    /** show_line_to_eol: the text, the reset before any CR, then the newline. */
    private void lineToEol(ByteArrayOutputStream out, byte[] text, int from, int len) {
        boolean cr = len > 0 && text[from + len - 1] == '\r';
        out.write(text, from, cr ? len - 1 : len);
        ascii(out, palette.reset() + (cr ? "\r" : "") + "\n");
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    /** show_combined_header. */
    private void header(Path p, boolean modeDiffers, boolean fileHeader, ByteArrayOutputStream out) throws IOException {
        meta(out, "diff --cc " + contents.quote(p.path()));
        ObjectId any = p.result().id();
        for (Side parent : p.parents()) {
            any = any != null ? any : parent.id();
        }
        // an absent side is the null id, abbreviated as git abbreviates it (its auto length)
        ObjectId zero = ObjectId.zeroId(any.format());
        StringBuilder index = new StringBuilder("index ");
        for (int i = 0; i < p.parents().length; i++) {
            ObjectId id = p.parents()[i].id();
            index.append(i > 0 ? "," : "").append(contents.abbreviate(id != null ? id : zero));
        }
        index.append("..").append(contents.abbreviate(p.result().id() != null ? p.result().id() : zero));
        meta(out, index.toString());
        boolean deleted = !p.result().present();
        boolean added = false;
        if (modeDiffers) {
            added = !deleted;
            for (int i = 0; added && i < p.parents().length; i++) {
                if (p.status()[i] != 'A') {
                    added = false;
                }
            }
            if (added) {
                meta(out, String.format("new file mode %06o", p.result().mode()));
            } else {
                StringBuilder sb = new StringBuilder(deleted ? "deleted file mode " : "mode ");
                for (int i = 0; i < p.parents().length; i++) {
                    sb.append(i > 0 ? "," : "").append(String.format("%06o", p.parents()[i].mode()));
                }
                if (!deleted) {
                    sb.append(String.format("..%06o", p.result().mode()));
                }
                meta(out, sb.toString());
            }
        }
        if (!fileHeader) {
            return;
        }
        meta(out, "--- " + (added ? "/dev/null" : contents.quote("a/" + p.path())));
        meta(out, "+++ " + (deleted ? "/dev/null" : contents.quote("b/" + p.path())));
    }

    private void meta(ByteArrayOutputStream out, String text) {
        line(out, palette.paint(palette.meta(), text));
    }

    private static void line(ByteArrayOutputStream out, String text) {
        out.writeBytes((text + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
