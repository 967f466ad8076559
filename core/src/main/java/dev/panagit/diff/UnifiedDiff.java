package dev.panagit.diff;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The hunks of a unified diff exactly as git writes them (xdiff's {@code xdl_emit_diff}): hunks
 * joined when their contexts touch, {@code @@ -a,b +c,d @@} headers with git's rules for counts of
 * one and zero, the function context after {@code @@} (the nearest earlier line of the old side
 * that begins with a letter, {@code _} or {@code $}, at most 80 bytes, trailing space trimmed),
 * and {@code \ No newline at end of file} after a last line without one.
 */
public final class UnifiedDiff {
    private static final int FUNC_LINE_MAX = 80;

    private UnifiedDiff() {
    }

    /** The hunks turning {@code a} into {@code b} with {@code context} lines around changes; empty if equal. */
    public static byte[] hunks(byte[] a, byte[] b, int context, MyersDiff.Options options) {
        return hunks(a, b, context, options, Palette.OFF);
    }

    /** The same, in colours. */
    public static byte[] hunks(byte[] a, byte[] b, int context, MyersDiff.Options options, Palette palette) {
        int keep = context == 0 ? withoutCommonTail(a, b) : 0;
        MyersDiff.Result result = keep == 0 ? MyersDiff.diff(a, b, options)
                : MyersDiff.diff(java.util.Arrays.copyOf(a, a.length - keep), java.util.Arrays.copyOf(b, b.length - keep),
                        options);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        emit(result, context, 0, out, palette);
        return out.toByteArray();
    }

    /**
     * git's trim_common_tail, done before a diff without context: how many bytes of equal tail to
     * leave out (whole 1 KiB blocks, given back up to the first newline). It changes what the
     * diff sees after the last change, and so where git's heuristics put ambiguous hunks.
     */
    static int withoutCommonTail(byte[] a, byte[] b) {
        final int blk = 1024;
        int trimmed = 0;
        int smaller = Math.min(a.length, b.length);
        while (blk + trimmed <= smaller && java.util.Arrays.equals(a, a.length - trimmed - blk, a.length - trimmed,
                b, b.length - trimmed - blk, b.length - trimmed)) {
            trimmed += blk;
        }
        int recovered = 0;
        int ap = a.length - trimmed;
        while (recovered < trimmed) {
            if (a[ap + recovered++] == '\n') {
                break;
            }
        }
        return trimmed - recovered;
    }

    static void emit(MyersDiff.Result r, int context, int interHunkContext, ByteArrayOutputStream out, Palette palette) {
        List<MyersDiff.Edit> edits = r.edits;
        DiffFile f1 = r.a;
        DiffFile f2 = r.b;
        long maxCommon = 2L * context + interHunkContext;
        int funcLinePrev = -1;
        byte[] funcLine = new byte[0];
        int first = 0;
        while (first < edits.size()) {
            // xdl_get_hunk: the last edit close enough to join this hunk.
            int last = first;
            for (int i = first + 1; i < edits.size(); i++) {
                MyersDiff.Edit prev = edits.get(i - 1);
                long distance = edits.get(i).at1() - (long) (prev.at1() + prev.count1());
                if (distance > maxCommon) {
                    break;
                }
                last = i;
            }
            MyersDiff.Edit xch = edits.get(first);
            MyersDiff.Edit xche = edits.get(last);
            int s1 = Math.max(xch.at1() - context, 0);
            int s2 = Math.max(xch.at2() - context, 0);
            long lctx = context;
            lctx = Math.min(lctx, f1.nrec - (xche.at1() + xche.count1()));
            lctx = Math.min(lctx, f2.nrec - (xche.at2() + xche.count2()));
            int e1 = (int) (xche.at1() + xche.count1() + lctx);
            int e2 = (int) (xche.at2() + xche.count2() + lctx);

            byte[] found = funcLine(f1, s1 - 1, funcLinePrev);
            if (found != null) {
                funcLine = found;
            }
            funcLinePrev = s1 - 1;
            header(out, s1 + 1, e1 - s1, s2 + 1, e2 - s2, funcLine, palette);

            int p2 = s2;
            for (; p2 < xch.at2(); p2++) {
                record(out, f2, p2, ' ', palette);
            }
            int q1 = xch.at1();
            int q2 = xch.at2();
            for (int i = first;; i++) {
                MyersDiff.Edit e = edits.get(i);
                for (; q1 < e.at1() && q2 < e.at2(); q1++, q2++) {
                    record(out, f2, q2, ' ', palette);
                }
                for (q1 = e.at1(); q1 < e.at1() + e.count1(); q1++) {
                    record(out, f1, q1, '-', palette);
                }
                for (q2 = e.at2(); q2 < e.at2() + e.count2(); q2++) {
                    record(out, f2, q2, '+', palette);
                }
                if (i == last) {
                    break;
                }
                q1 = e.at1() + e.count1();
                q2 = e.at2() + e.count2();
            }
            for (p2 = xche.at2() + xche.count2(); p2 < e2; p2++) {
                record(out, f2, p2, ' ', palette);
            }
            first = last + 1;
        }
    }

    /**
     * get_func_line from {@code start} back to {@code limit} (exclusive) on the old side: the
     * first line that begins with a letter, '_' or '$', trimmed; null when there is none (the
     * previous hunk's function line is then kept, as xdiff keeps its buffer).
     */
    private static byte[] funcLine(DiffFile f1, int start, int limit) {
        for (int l = start; l != limit && l >= 0 && l < f1.nrec; l--) {
            int from = f1.recordStart(l);
            int len = f1.recordLength(l);
            if (len > 0) {
                byte c = f1.data[from];
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$') {
                    len = Math.min(len, FUNC_LINE_MAX);
                    while (len > 0 && isSpace(f1.data[from + len - 1])) {
                        len--;
                    }
                    byte[] line = new byte[len];
                    System.arraycopy(f1.data, from, line, 0, len);
                    return line;
                }
            }
        }
        return null;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    private static void header(ByteArrayOutputStream out, int s1, int c1, int s2, int c2, byte[] func, Palette palette) {
        StringBuilder sb = new StringBuilder("@@ -");
        sb.append(c1 != 0 ? s1 : s1 - 1);
        if (c1 != 1) {
            sb.append(',').append(c1);
        }
        sb.append(" +").append(c2 != 0 ? s2 : s2 - 1);
        if (c2 != 1) {
            sb.append(',').append(c2);
        }
        sb.append(" @@");
        out.writeBytes((palette.frag() + sb + palette.reset()).getBytes(StandardCharsets.US_ASCII));
        if (func.length > 0) {
            // git's sane_truncate_line: the header ends where its text stops being valid UTF-8
            // (a character cut by the 80-byte limit, or bytes of another encoding)
            out.writeBytes((palette.context() + " " + palette.reset() + palette.func()).getBytes(StandardCharsets.US_ASCII));
            out.write(func, 0, validUtf8Prefix(func));
            out.writeBytes(palette.reset().getBytes(StandardCharsets.US_ASCII));
        }
        out.write('\n');
    }

    /** The length of the longest prefix that git's utf8_width reads as characters (pick_one_utf8_char's rules). */
    static int validUtf8Prefix(byte[] s) {
        int i = 0;
        while (i < s.length) {
            int c = s[i] & 0xff;
            int left = s.length - i;
            int n;
            if (c < 0x80) {
                n = 1;
            } else if ((c & 0xe0) == 0xc0) {
                n = left >= 2 && cont(s[i + 1]) && (c & 0xfe) != 0xc0 ? 2 : 0;
            } else if ((c & 0xf0) == 0xe0) {
                n = left >= 3 && cont(s[i + 1]) && cont(s[i + 2])
                        && !(c == 0xe0 && (s[i + 1] & 0xe0) == 0x80)
                        && !(c == 0xed && (s[i + 1] & 0xe0) == 0xa0)
                        && !(c == 0xef && (s[i + 1] & 0xff) == 0xbf && (s[i + 2] & 0xfe) == 0xbe) ? 3 : 0;
            } else if ((c & 0xf8) == 0xf0) {
                n = left >= 4 && cont(s[i + 1]) && cont(s[i + 2]) && cont(s[i + 3])
                        && !(c == 0xf0 && (s[i + 1] & 0xf0) == 0x80)
                        && !(c == 0xf4 && (s[i + 1] & 0xff) > 0x8f) && c <= 0xf4 ? 4 : 0;
            } else {
                n = 0;
            }
            if (n == 0) {
                return i;
            }
            i += n;
        }
        return i;
    }

    private static boolean cont(byte b) {
        return (b & 0xc0) == 0x80;
    }

    /**
     * One line of a hunk as git's emit_line writes it: in colour, a removed line whole in the old
     * colour, a context line's text then a reset, an added line's sign alone then its text with
     * whitespace errors (trailing blanks, a space before a tab in the indent) highlighted as
     * git's ws_check_emit does with the default core.whitespace.
     */
    private static void record(ByteArrayOutputStream out, DiffFile f, int i, char prefix, Palette palette) {
        int from = f.recordStart(i);
        int len = f.recordLength(i);
        boolean newline = len > 0 && f.data[from + len - 1] == '\n';
        int text = newline ? len - 1 : len;
        if (!palette.on()) {
            out.write(prefix);
            out.write(f.data, from, len);
        } else if (prefix == '+') {
            ascii(out, palette.added() + "+" + palette.reset());
            whitespaceChecked(out, f.data, from, text, palette);
            if (newline) {
                out.write('\n');
            }
        } else {
            boolean cr = text > 0 && f.data[from + text - 1] == '\r';
            ascii(out, prefix == '-' ? palette.old() + "-" : " " + palette.context());
            out.write(f.data, from, cr ? text - 1 : text);
            ascii(out, palette.reset());
            if (cr) {
                out.write('\r');
            }
            if (newline) {
                out.write('\n');
            }
        }
        if (!newline) {
            ascii(out, "\n" + palette.context() + "\\ No newline at end of file" + palette.reset() + "\n");
        }
    }

    /** ws_check_emit with git's default rule (blank-at-eol, space-before-tab). */
    private static void whitespaceChecked(ByteArrayOutputStream out, byte[] data, int from, int len, Palette palette) {
        int trailing = len;
        while (trailing > 0 && isSpace(data[from + trailing - 1])) {
            trailing--;
        }
        int written = 0;
        for (int i = 0; i < trailing; i++) {
            byte c = data[from + i];
            if (c == ' ') {
                continue;
            }
            if (c != '\t') {
                break;
            }
            if (written < i) {   // spaces before this tab
                ascii(out, palette.whitespace());
                out.write(data, from + written, i - written);
                ascii(out, palette.reset());
                out.write(data, from + i, 1);
            } else {
                out.write(data, from + written, i - written + 1);
            }
            written = i + 1;
        }
        if (trailing - written > 0) {
            ascii(out, palette.added());
            out.write(data, from + written, trailing - written);
            ascii(out, palette.reset());
        }
        if (trailing != len) {
            ascii(out, palette.whitespace());
            out.write(data, from + trailing, len - trailing);
            ascii(out, palette.reset());
        }
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }
}
