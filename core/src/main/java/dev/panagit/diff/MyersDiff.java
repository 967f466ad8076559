package dev.panagit.diff;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

/**
 * git's default diff (xdiff's Myers with its heuristics), so that edits land where git puts them:
 * records classified across both sides, matching ends trimmed, records with no match discarded
 * before the Myers pass (and runs of very common records inside such runs), Myers' linear-space
 * divide and conquer with xdiff's cost limits and snake heuristics, then the change groups slid
 * as git slides them (merging, aligning with the other side, and the indent heuristic on by
 * default since git 2.14). Boxes are processed from an explicit stack, so no input deepens the
 * thread's stack. Time and memory are those of xdiff: linear memory, time bounded by its
 * heuristics on hostile input.
 */
public final class MyersDiff {
    private static final int MAX_EQLIMIT = 1024;
    private static final int SIMSCAN_WINDOW = 100;
    private static final int KPDIS_RUN = 4;
    private static final long MAX_COST_MIN = 256;
    private static final long HEUR_MIN_COST = 256;
    private static final long LINE_MAX = Long.MAX_VALUE;
    private static final long SNAKE_CNT = 20;
    private static final long K_HEUR = 4;

    private static final byte DISCARD = 0;
    private static final byte KEEP = 1;
    private static final byte INVESTIGATE = 2;

    /** git's {@code --diff-algorithm}: which lines are matched before the groups are slid. */
    public enum Algorithm {
        /** git's default: Myers' algorithm with its heuristics. */
        MYERS,
        /** {@code --minimal}: Myers without the heuristics that trade size for speed. */
        MINIMAL,
        /** {@code --patience}: anchored on lines unique to both sides. */
        PATIENCE,
        /** {@code --histogram}: patience extended to lines that are rare rather than unique. */
        HISTOGRAM
    }

    /** git's whitespace options: none, {@code --ignore-space-at-eol}, {@code -b}, {@code -w}. */
    public enum Whitespace {
        /** Whitespace counts. */
        NONE,
        /** {@code --ignore-space-at-eol}: changes at line ends do not count. */
        AT_EOL,
        /** {@code -b}: changes in the amount of whitespace do not count. */
        CHANGE,
        /** {@code -w}: whitespace does not count at all. */
        ALL
    }

    /** Options of the diff. */
    public record Options(Algorithm algorithm, Whitespace whitespace, boolean indentHeuristic) {
        /** git's defaults: Myers, not minimal, whitespace significant, indent heuristic on. */
        public static final Options GIT_DEFAULT = new Options(Algorithm.MYERS, Whitespace.NONE, true);

        /** Whether the algorithm is {@link Algorithm#MINIMAL}. */
        public boolean minimal() {
            return algorithm == Algorithm.MINIMAL;
        }

        /** These options with another algorithm. */
        public Options withAlgorithm(Algorithm a) {
            return new Options(a, whitespace, indentHeuristic);
        }

        /** These options with other whitespace rules. */
        public Options withWhitespace(Whitespace w) {
            return new Options(algorithm, w, indentHeuristic);
        }
    }

    /** A run of changes: {@code count1} records at {@code at1} became {@code count2} records at {@code at2}. */
    public record Edit(int at1, int at2, int count1, int count2) {
    }

    /** The two sides, prepared and marked: what the emitters read. */
    static final class Result {
        final DiffFile a;
        final DiffFile b;
        final List<Edit> edits;

        Result(DiffFile a, DiffFile b, List<Edit> edits) {
            this.a = a;
            this.b = b;
            this.edits = edits;
        }
    }

    private MyersDiff() {
    }

    /** The edits that turn {@code a} into {@code b}, line by line, as git finds them. */
    public static List<Edit> edits(byte[] a, byte[] b, Options options) {
        return diff(a, b, options).edits;
    }

    static Result diff(byte[] a, byte[] b, Options options) {
        DiffFile[] files = mark(a, b, options);
        DiffFile f1 = files[0];
        DiffFile f2 = files[1];
        compact(f1, f2, options.indentHeuristic());
        compact(f2, f1, options.indentHeuristic());
        return new Result(f1, f2, buildScript(f1, f2));
    }

    // ---- preparation (xprepare.c) ---------------------------------------------------------------

    private static final int PARALLEL_SPLIT = 1 << 20;
    private static final int HASH_SEED = 0x9e3779b9;
    private static final int HASH_PRIME = 0x01000193;

    /** A side split into records in one pass: {@code start} (count + 1 offsets) and each record's hash. */
    private record Records(int[] start, int[] hash, int count) {
    }

    /**
     * Splits at newlines and hashes each record in the same pass over the bytes (reading a large
     * file once, not once to count, once to split and once to hash).
     */
    private static Records splitRecords(byte[] data) {
        int capacity = Math.max(16, data.length / 24);
        int[] start = new int[capacity + 1];
        int[] hash = new int[capacity];
        int n = 0;
        int h = HASH_SEED;
        int lineStart = 0;
        for (int i = 0; i < data.length; i++) {
            byte c = data[i];
            h = (h ^ c) * HASH_PRIME;
            if (c == '\n') {
                if (n == hash.length) {
                    hash = Arrays.copyOf(hash, n * 2);
                    start = Arrays.copyOf(start, n * 2 + 1);
                }
                start[n] = lineStart;
                hash[n++] = finish(h);
                lineStart = i + 1;
                h = HASH_SEED;
            }
        }
        if (lineStart < data.length) {
            if (n == hash.length) {
                hash = Arrays.copyOf(hash, n + 1);
                start = Arrays.copyOf(start, n + 2);
            }
            start[n] = lineStart;
            hash[n++] = finish(h);
        }
        start[n] = data.length;
        return new Records(start, hash, n);
    }

    private static int finish(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        return h ^ (h >>> 13);
    }

    /**
     * xdl_do_diff: classifies both sides' records and marks the changed ones with the chosen
     * algorithm (no sliding yet). Myers trims the common ends and discards unmatched records
     * first; patience and histogram look at whole files, as in xdiff.
     */
    static DiffFile[] mark(byte[] a, byte[] b, Options options) {
        Records ra;
        Records rb;
        if (a.length + b.length > PARALLEL_SPLIT) {
            // large inputs: the second side is split and hashed on the other core meanwhile
            java.util.concurrent.CompletableFuture<Records> second =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> splitRecords(b));
            ra = splitRecords(a);
            rb = second.join();
        } else {
            ra = splitRecords(a);
            rb = splitRecords(b);
        }
        Classifier classes = new Classifier(ra.count() + rb.count() + 2, options.whitespace());
        DiffFile f1 = new DiffFile(a, ra.start(), ra.count(), classes.classify(0, a, ra));
        DiffFile f2 = new DiffFile(b, rb.start(), rb.count(), classes.classify(1, b, rb));
        switch (options.algorithm()) {
            case PATIENCE -> PatienceDiff.mark(f1, f2, options);
            case HISTOGRAM -> HistogramDiff.mark(f1, f2, options);
            default -> {
                trimEnds(f1, f2);
                decide(classes, f1, 1, f1.dstart);
                decide(classes, f2, 0, f1.dstart);
                compare(f1, f2, options.minimal());
            }
        }
        return new DiffFile[] {f1, f2};
    }

    /**
     * xdl_fall_back_diff: marks {@code count1} records of f1 from {@code line1} against
     * {@code count2} of f2 from {@code line2} (0-based) with Myers, as a separate diff of those
     * bytes (new classes, trimming, discarding), keeping minimal and whitespace options.
     */
    static void fallBack(DiffFile f1, int line1, int count1, DiffFile f2, int line2, int count2, Options options) {
        byte[] sub1 = Arrays.copyOfRange(f1.data, f1.recordStart(line1), f1.recordStart(line1 + count1));
        byte[] sub2 = Arrays.copyOfRange(f2.data, f2.recordStart(line2), f2.recordStart(line2 + count2));
        DiffFile[] marked = mark(sub1, sub2, options.withAlgorithm(options.minimal() ? Algorithm.MINIMAL : Algorithm.MYERS));
        for (int i = 0; i < count1; i++) {
            f1.setChanged(line1 + i, marked[0].changed(i));
        }
        for (int i = 0; i < count2; i++) {
            f2.setChanged(line2 + i, marked[1].changed(i));
        }
    }

    /**
     * Equal records get equal classes (xdiff's classifier): an open-addressing table of class
     * numbers over the records' bytes, no object per line, and per class how often it occurs on
     * each side.
     */
    private static final class Classifier {
        /** Open addressing: (record hash << 32) | (class + 1), 0 empty; the hash is compared without leaving the table. */
        private final long[] table;
        private final int mask;
        private int count;
        /** Per class, where its first record is: (length << 32) | offset, in {@code repData[c]}. */
        private long[] rep = new long[64];
        private byte[][] repData = new byte[64][];
        /** How often each class occurs on each side (grown as classes appear; missing means none). */
        private final int[][] occurrences = {new int[64], new int[64]};

        int occurrences(int side, int c) {
            int[] seen = occurrences[side];
            return c < seen.length ? seen[c] : 0;
        }

        private final Whitespace whitespace;
        private byte[] scratch = new byte[256];

        Classifier(int records, Whitespace whitespace) {
            int capacity = Integer.highestOneBit(Math.max(16, records * 2 - 1)) << 1;
            table = new long[capacity];
            mask = capacity - 1;
            this.whitespace = whitespace;
        }

        int[] classify(int side, byte[] data, Records records) {
            int n = records.count();
            int[] start = records.start();
            int[] hash = records.hash();
            int[] cls = new int[n];
            int[] seen = occurrences[side];
            for (int i = 0; i < n; i++) {
                int c = whitespace == Whitespace.NONE ? classOf(hash[i], data, start[i], start[i + 1])
                        : classOfCanonical(data, start[i], start[i + 1]);
                if (c >= seen.length) {
                    seen = occurrences[side] = Arrays.copyOf(seen, Math.max(c + 1, seen.length * 2));
                }
                seen[c]++;
                cls[i] = c;
            }
            return cls;
        }

        /** Records that differ only in ignored whitespace compare equal: their canonical forms are classified. */
        private int classOfCanonical(byte[] data, int from, int to) {
            int length = canonical(data, from, to);
            byte[] canonical = Arrays.copyOf(scratch, length);
            int h = HASH_SEED;
            for (byte c : canonical) {
                h = (h ^ c) * HASH_PRIME;
            }
            return classOf(finish(h), canonical, 0, length);
        }

        private int classOf(int h, byte[] data, int from, int to) {
            int length = to - from;
            long tag = (long) h << 32;
            for (int slot = h & mask;; slot = (slot + 1) & mask) {
                long entry = table[slot];
                if (entry == 0) {
                    int c = newClass(data, from, length);
                    table[slot] = tag | (c + 1);
                    return c;
                }
                if ((entry & 0xffffffff00000000L) == tag) {
                    int c = (int) entry - 1;
                    long r = rep[c];
                    int offset = (int) r;
                    if ((int) (r >>> 32) == length && Arrays.equals(repData[c], offset, offset + length, data, from, to)) {
                        return c;
                    }
                }
            }
        }

        private static boolean isSpace(byte c) {
            return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0b || c == '\f';
        }

        /**
         * xdiff's whitespace rules as a canonical form in {@code scratch}: -w drops every space,
         * -b drops trailing space and turns each inner run into one space, --ignore-space-at-eol
         * drops trailing space (the newline counts as space, so a missing final newline is no change).
         */
        private int canonical(byte[] data, int from, int to) {
            if (scratch.length < to - from) {
                scratch = new byte[Math.max(to - from, scratch.length * 2)];
            }
            int end = to;
            if (whitespace != Whitespace.ALL) {
                while (end > from && isSpace(data[end - 1])) {
                    end--;
                }
            }
            int n = 0;
            for (int i = from; i < end; i++) {
                byte c = data[i];
                if (!isSpace(c)) {
                    scratch[n++] = c;
                } else if (whitespace == Whitespace.CHANGE) {
                    while (i + 1 < end && isSpace(data[i + 1])) {
                        i++;
                    }
                    scratch[n++] = ' ';
                } else if (whitespace == Whitespace.AT_EOL) {
                    scratch[n++] = c;
                }
            }
            return n;
        }

        private int newClass(byte[] data, int from, int length) {
            if (count == rep.length) {
                int size = count * 2;
                rep = Arrays.copyOf(rep, size);
                repData = Arrays.copyOf(repData, size);
            }
            rep[count] = ((long) length << 32) | (from & 0xffffffffL);
            repData[count] = data;
            return count++;
        }
    }

    private static void trimEnds(DiffFile f1, DiffFile f2) {
        int lim = Math.min(f1.nrec, f2.nrec);
        int i = 0;
        while (i < lim && f1.cls[i] == f2.cls[i]) {
            i++;
        }
        f1.dstart = f2.dstart = i;
        lim -= i;
        int j = 0;
        while (j < lim && f1.cls[f1.nrec - 1 - j] == f2.cls[f2.nrec - 1 - j]) {
            j++;
        }
        f1.dend = f1.nrec - j - 1;
        f2.dend = f2.nrec - j - 1;
    }

    static long bogosqrt(long n) {
        long i = 1;
        for (; n > 0; n >>>= 2) {
            i <<= 1;
        }
        return i;
    }

    /** Marks f's records with no match on the other side changed, and lists the rest for Myers. */
    private static void decide(Classifier classes, DiffFile f, int otherSide, int off) {
        int len = f.dend - off + 1;
        len = Math.max(len, 0);
        byte[] action = new byte[len];
        // git 2.39's rule, whatever minimal says (later gits keep every record when minimal)
        long mlim = Math.min(bogosqrt(f.nrec), MAX_EQLIMIT);
        for (int i = 0; i < len; i++) {
            int nm = classes.occurrences(otherSide, f.cls[i + off]);
            action[i] = nm == 0 ? DISCARD : nm < mlim ? KEEP : INVESTIGATE;
        }
        f.refIndex = new int[len];
        f.nreff = 0;
        for (int i = 0; i < len; i++) {
            byte act = action[i];
            if (act == INVESTIGATE) {
                act = cleanMatch(action, i, len) ? DISCARD : KEEP;
            }
            if (act == KEEP) {
                f.refIndex[f.nreff++] = i + off;
            } else {
                f.setChanged(i + off, true);
            }
        }
    }

    /** xdl_clean_mmatch: a much-repeated record inside a run of unmatched ones is discarded too. */
    private static boolean cleanMatch(byte[] action, int i, int len) {
        int s = 0;
        int e = len - 1;
        if (i - s > SIMSCAN_WINDOW) {
            s = i - SIMSCAN_WINDOW;
        }
        if (e - i > SIMSCAN_WINDOW) {
            e = i + SIMSCAN_WINDOW;
        }
        long rdis0 = 0;
        long rpdis0 = 1;
        for (int r = 1; i - r >= s; r++) {
            if (action[i - r] == DISCARD) {
                rdis0++;
            } else if (action[i - r] == INVESTIGATE) {
                rpdis0++;
            } else {
                break;
            }
        }
        if (rdis0 == 0) {
            return false;
        }
        long rdis1 = 0;
        long rpdis1 = 1;
        for (int r = 1; i + r <= e; r++) {
            if (action[i + r] == DISCARD) {
                rdis1++;
            } else if (action[i + r] == INVESTIGATE) {
                rpdis1++;
            } else {
                break;
            }
        }
        if (rdis1 == 0) {
            return false;
        }
        rdis1 += rdis0;
        rpdis1 += rpdis0;
        return rpdis1 * KPDIS_RUN < rpdis1 + rdis1;
    }

    // ---- Myers (xdiffi.c: xdl_split, xdl_recs_cmp) -------------------------------------------------

    private static final class Env {
        long mxcost;
        long snakeCnt = SNAKE_CNT;
        long heurMin = HEUR_MIN_COST;
    }

    /** Where a box splits, and whether each half must be diffed minimally. */
    private static final class Split {
        long i1;
        long i2;
        boolean minLo;
        boolean minHi;
    }

    private static void compare(DiffFile f1, DiffFile f2, boolean minimal) {
        int ndiags = f1.nreff + f2.nreff + 3;
        long[] kvdf = new long[ndiags + 1];
        long[] kvdb = new long[ndiags + 1];
        int base = f2.nreff + 1;   // diagonal d lives at index d + base
        Env env = new Env();
        env.mxcost = Math.max(bogosqrt(ndiags), MAX_COST_MIN);
        Deque<long[]> boxes = new ArrayDeque<>();
        boxes.push(new long[] {0, f1.nreff, 0, f2.nreff, minimal ? 1 : 0});
        Split spl = new Split();
        while (!boxes.isEmpty()) {
            long[] box = boxes.pop();
            long off1 = box[0];
            long lim1 = box[1];
            long off2 = box[2];
            long lim2 = box[3];
            boolean needMin = box[4] != 0;
            while (off1 < lim1 && off2 < lim2 && f1.refClass((int) off1) == f2.refClass((int) off2)) {
                off1++;
                off2++;
            }
            while (off1 < lim1 && off2 < lim2 && f1.refClass((int) lim1 - 1) == f2.refClass((int) lim2 - 1)) {
                lim1--;
                lim2--;
            }
            if (off1 == lim1) {
                for (; off2 < lim2; off2++) {
                    f2.setChanged(f2.refIndex[(int) off2], true);
                }
            } else if (off2 == lim2) {
                for (; off1 < lim1; off1++) {
                    f1.setChanged(f1.refIndex[(int) off1], true);
                }
            } else {
                split(f1, off1, lim1, f2, off2, lim2, kvdf, kvdb, base, needMin, spl, env);
                // The halves are independent (each only marks records), so their order does not matter.
                boxes.push(new long[] {spl.i1, lim1, spl.i2, lim2, spl.minHi ? 1 : 0});
                boxes.push(new long[] {off1, spl.i1, off2, spl.i2, spl.minLo ? 1 : 0});
            }
        }
    }

    private static void split(DiffFile f1, long off1, long lim1, DiffFile f2, long off2, long lim2, long[] kvdf,
            long[] kvdb, int base, boolean needMin, Split spl, Env env) {
        long dmin = off1 - lim2;
        long dmax = lim1 - off2;
        long fmid = off1 - off2;
        long bmid = lim1 - lim2;
        boolean odd = ((fmid - bmid) & 1) != 0;
        long fmin = fmid;
        long fmax = fmid;
        long bmin = bmid;
        long bmax = bmid;
        kvdf[(int) (fmid + base)] = off1;
        kvdb[(int) (bmid + base)] = lim1;
        for (long ec = 1;; ec++) {
            boolean gotSnake = false;
            if (fmin > dmin) {
                kvdf[(int) (--fmin - 1 + base)] = -1;
            } else {
                ++fmin;
            }
            if (fmax < dmax) {
                kvdf[(int) (++fmax + 1 + base)] = -1;
            } else {
                --fmax;
            }
            for (long d = fmax; d >= fmin; d -= 2) {
                long i1 = kvdf[(int) (d - 1 + base)] >= kvdf[(int) (d + 1 + base)] ? kvdf[(int) (d - 1 + base)] + 1
                        : kvdf[(int) (d + 1 + base)];
                long prev1 = i1;
                long i2 = i1 - d;
                for (; i1 < lim1 && i2 < lim2 && f1.refClass((int) i1) == f2.refClass((int) i2); i1++, i2++) {
                    // follow the snake
                }
                if (i1 - prev1 > env.snakeCnt) {
                    gotSnake = true;
                }
                kvdf[(int) (d + base)] = i1;
                if (odd && bmin <= d && d <= bmax && kvdb[(int) (d + base)] <= i1) {
                    spl.i1 = i1;
                    spl.i2 = i2;
                    spl.minLo = spl.minHi = true;
                    return;
                }
            }
            if (bmin > dmin) {
                kvdb[(int) (--bmin - 1 + base)] = LINE_MAX;
            } else {
                ++bmin;
            }
            if (bmax < dmax) {
                kvdb[(int) (++bmax + 1 + base)] = LINE_MAX;
            } else {
                --bmax;
            }
            for (long d = bmax; d >= bmin; d -= 2) {
                long i1 = kvdb[(int) (d - 1 + base)] < kvdb[(int) (d + 1 + base)] ? kvdb[(int) (d - 1 + base)]
                        : kvdb[(int) (d + 1 + base)] - 1;
                long prev1 = i1;
                long i2 = i1 - d;
                for (; i1 > off1 && i2 > off2 && f1.refClass((int) i1 - 1) == f2.refClass((int) i2 - 1); i1--, i2--) {
                    // follow the snake backwards
                }
                if (prev1 - i1 > env.snakeCnt) {
                    gotSnake = true;
                }
                kvdb[(int) (d + base)] = i1;
                if (!odd && fmin <= d && d <= fmax && i1 <= kvdf[(int) (d + base)]) {
                    spl.i1 = i1;
                    spl.i2 = i2;
                    spl.minLo = spl.minHi = true;
                    return;
                }
            }
            if (needMin) {
                continue;
            }
            if (gotSnake && ec > env.heurMin) {
                long best = 0;
                for (long d = fmax; d >= fmin; d -= 2) {
                    long dd = d > fmid ? d - fmid : fmid - d;
                    long i1 = kvdf[(int) (d + base)];
                    long i2 = i1 - d;
                    long v = (i1 - off1) + (i2 - off2) - dd;
                    if (v > K_HEUR * ec && v > best && off1 + env.snakeCnt <= i1 && i1 < lim1
                            && off2 + env.snakeCnt <= i2 && i2 < lim2) {
                        for (long k = 1; f1.refClass((int) (i1 - k)) == f2.refClass((int) (i2 - k)); k++) {
                            if (k == env.snakeCnt) {
                                best = v;
                                spl.i1 = i1;
                                spl.i2 = i2;
                                break;
                            }
                        }
                    }
                }
                if (best > 0) {
                    spl.minLo = true;
                    spl.minHi = false;
                    return;
                }
                best = 0;
                for (long d = bmax; d >= bmin; d -= 2) {
                    long dd = d > bmid ? d - bmid : bmid - d;
                    long i1 = kvdb[(int) (d + base)];
                    long i2 = i1 - d;
                    long v = (lim1 - i1) + (lim2 - i2) - dd;
                    if (v > K_HEUR * ec && v > best && off1 < i1 && i1 <= lim1 - env.snakeCnt
                            && off2 < i2 && i2 <= lim2 - env.snakeCnt) {
                        for (long k = 0; f1.refClass((int) (i1 + k)) == f2.refClass((int) (i2 + k)); k++) {
                            if (k == env.snakeCnt - 1) {
                                best = v;
                                spl.i1 = i1;
                                spl.i2 = i2;
                                break;
                            }
                        }
                    }
                }
                if (best > 0) {
                    spl.minLo = false;
                    spl.minHi = true;
                    return;
                }
            }
            if (ec >= env.mxcost) {
                long fbest = -1;
                long fbest1 = -1;
                for (long d = fmax; d >= fmin; d -= 2) {
                    long i1 = Math.min(kvdf[(int) (d + base)], lim1);
                    long i2 = i1 - d;
                    if (lim2 < i2) {
                        i1 = lim2 + d;
                        i2 = lim2;
                    }
                    if (fbest < i1 + i2) {
                        fbest = i1 + i2;
                        fbest1 = i1;
                    }
                }
                long bbest = LINE_MAX;
                long bbest1 = LINE_MAX;
                for (long d = bmax; d >= bmin; d -= 2) {
                    long i1 = Math.max(off1, kvdb[(int) (d + base)]);
                    long i2 = i1 - d;
                    if (i2 < off2) {
                        i1 = off2 + d;
                        i2 = off2;
                    }
                    if (i1 + i2 < bbest) {
                        bbest = i1 + i2;
                        bbest1 = i1;
                    }
                }
                if ((lim1 + lim2) - bbest < fbest - (off1 + off2)) {
                    spl.i1 = fbest1;
                    spl.i2 = fbest - fbest1;
                    spl.minLo = true;
                    spl.minHi = false;
                } else {
                    spl.i1 = bbest1;
                    spl.i2 = bbest - bbest1;
                    spl.minLo = false;
                    spl.minHi = true;
                }
                return;
            }
        }
    }

    // ---- sliding change groups (xdl_change_compact) -----------------------------------------------

    private static final int MAX_INDENT = 200;
    private static final int MAX_BLANKS = 20;
    private static final int START_OF_FILE_PENALTY = 1;
    private static final int END_OF_FILE_PENALTY = 21;
    private static final int TOTAL_BLANK_WEIGHT = -30;
    private static final int POST_BLANK_WEIGHT = 6;
    private static final int RELATIVE_INDENT_PENALTY = -4;
    private static final int RELATIVE_INDENT_WITH_BLANK_PENALTY = 10;
    private static final int RELATIVE_OUTDENT_PENALTY = 24;
    private static final int RELATIVE_OUTDENT_WITH_BLANK_PENALTY = 17;
    private static final int RELATIVE_DEDENT_PENALTY = 23;
    private static final int RELATIVE_DEDENT_WITH_BLANK_PENALTY = 17;
    private static final int INDENT_WEIGHT = 60;
    private static final int INDENT_HEURISTIC_MAX_SLIDING = 100;

    /** A group of changed records: [start, end); empty groups sit between unchanged records. */
    private static final class Group {
        int start;
        int end;

        void init(DiffFile f) {
            start = end = 0;
            while (f.changed(end)) {
                end++;
            }
        }

        boolean next(DiffFile f) {
            if (end == f.nrec) {
                return false;
            }
            start = end + 1;
            for (end = start; f.changed(end); end++) {
                // extend
            }
            return true;
        }

        boolean previous(DiffFile f) {
            if (start == 0) {
                return false;
            }
            end = start - 1;
            for (start = end; f.changed(start - 1); start--) {
                // extend
            }
            return true;
        }

        boolean slideDown(DiffFile f) {
            if (end < f.nrec && f.cls[start] == f.cls[end]) {
                f.setChanged(start++, false);
                f.setChanged(end++, true);
                while (f.changed(end)) {
                    end++;
                }
                return true;
            }
            return false;
        }

        boolean slideUp(DiffFile f) {
            if (start > 0 && f.cls[start - 1] == f.cls[end - 1]) {
                f.setChanged(--start, true);
                f.setChanged(--end, false);
                while (f.changed(start - 1)) {
                    start--;
                }
                return true;
            }
            return false;
        }
    }

    private static void compact(DiffFile f, DiffFile fo, boolean indentHeuristic) {
        Group g = new Group();
        Group go = new Group();
        g.init(f);
        go.init(fo);
        while (true) {
            if (g.end != g.start) {
                int groupsize;
                int earliestEnd;
                int endMatchingOther;
                do {
                    groupsize = g.end - g.start;
                    endMatchingOther = -1;
                    while (g.slideUp(f)) {
                        sync(go.previous(fo), "sliding up");
                    }
                    earliestEnd = g.end;
                    if (go.end > go.start) {
                        endMatchingOther = g.end;
                    }
                    while (g.slideDown(f)) {
                        sync(go.next(fo), "sliding down");
                        if (go.end > go.start) {
                            endMatchingOther = g.end;
                        }
                    }
                } while (groupsize != g.end - g.start);

                if (g.end == earliestEnd) {
                    // no shifting was possible
                } else if (endMatchingOther != -1) {
                    while (go.end == go.start) {
                        sync(g.slideUp(f), "match disappeared");
                        sync(go.previous(fo), "sliding to match");
                    }
                } else if (indentHeuristic) {
                    int shift = earliestEnd;
                    if (g.end - groupsize - 1 > shift) {
                        shift = g.end - groupsize - 1;
                    }
                    if (g.end - INDENT_HEURISTIC_MAX_SLIDING > shift) {
                        shift = g.end - INDENT_HEURISTIC_MAX_SLIDING;
                    }
                    int bestShift = -1;
                    int bestIndent = 0;
                    int bestPenalty = 0;
                    for (; shift <= g.end; shift++) {
                        int[] score = {0, 0};   // effective indent, penalty
                        scoreSplit(f, shift, score);
                        scoreSplit(f, shift - groupsize, score);
                        if (bestShift == -1 || compareScores(score[0], score[1], bestIndent, bestPenalty) <= 0) {
                            bestIndent = score[0];
                            bestPenalty = score[1];
                            bestShift = shift;
                        }
                    }
                    while (g.end > bestShift) {
                        sync(g.slideUp(f), "best shift unreached");
                        sync(go.previous(fo), "sliding to blank line");
                    }
                }
            }
            if (!g.next(f)) {
                break;
            }
            sync(go.next(fo), "moving to next group");
        }
        sync(!go.next(fo), "at end of file");
    }

    private static void sync(boolean ok, String where) {
        if (!ok) {
            throw new IllegalStateException("diff group sync broken " + where);
        }
    }

    private static int compareScores(int indent1, int penalty1, int indent2, int penalty2) {
        int cmpIndents = Integer.compare(indent1, indent2);
        return INDENT_WEIGHT * Integer.signum(cmpIndents) + (penalty1 - penalty2);
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    private static int indent(DiffFile f, int record) {
        int ret = 0;
        for (int i = f.recordStart(record), end = i + f.recordLength(record); i < end; i++) {
            byte c = f.data[i];
            if (!isSpace(c)) {
                return ret;
            } else if (c == ' ') {
                ret += 1;
            } else if (c == '\t') {
                ret += 8 - ret % 8;
            }
            if (ret >= MAX_INDENT) {
                return MAX_INDENT;
            }
        }
        return -1;
    }

    /** measure_split + score_add_split: adds the split above record {@code split} to {@code score}. */
    private static void scoreSplit(DiffFile f, int split, int[] score) {
        boolean endOfFile;
        int lineIndent;
        if (split >= f.nrec) {
            endOfFile = true;
            lineIndent = -1;
        } else {
            endOfFile = false;
            lineIndent = indent(f, split);
        }
        int preBlank = 0;
        int preIndent = -1;
        for (int i = split - 1; i >= 0; i--) {
            preIndent = indent(f, i);
            if (preIndent != -1) {
                break;
            }
            preBlank += 1;
            if (preBlank == MAX_BLANKS) {
                preIndent = 0;
                break;
            }
        }
        int postBlank = 0;
        int postIndent = -1;
        for (int i = split + 1; i < f.nrec; i++) {
            postIndent = indent(f, i);
            if (postIndent != -1) {
                break;
            }
            postBlank += 1;
            if (postBlank == MAX_BLANKS) {
                postIndent = 0;
                break;
            }
        }
        if (preIndent == -1 && preBlank == 0) {
            score[1] += START_OF_FILE_PENALTY;
        }
        if (endOfFile) {
            score[1] += END_OF_FILE_PENALTY;
        }
        int postBlanks = lineIndent == -1 ? 1 + postBlank : 0;
        int totalBlank = preBlank + postBlanks;
        score[1] += TOTAL_BLANK_WEIGHT * totalBlank;
        score[1] += POST_BLANK_WEIGHT * postBlanks;
        int ind = lineIndent != -1 ? lineIndent : postIndent;
        boolean anyBlanks = totalBlank != 0;
        score[0] += ind;
        if (ind == -1 || preIndent == -1) {
            return;
        }
        if (ind > preIndent) {
            score[1] += anyBlanks ? RELATIVE_INDENT_WITH_BLANK_PENALTY : RELATIVE_INDENT_PENALTY;
        } else if (ind < preIndent) {
            if (postIndent != -1 && postIndent > ind) {
                score[1] += anyBlanks ? RELATIVE_OUTDENT_WITH_BLANK_PENALTY : RELATIVE_OUTDENT_PENALTY;
            } else {
                score[1] += anyBlanks ? RELATIVE_DEDENT_WITH_BLANK_PENALTY : RELATIVE_DEDENT_PENALTY;
            }
        }
    }

    // ---- the edit script (xdl_build_script) -------------------------------------------------------

    private static List<Edit> buildScript(DiffFile f1, DiffFile f2) {
        List<Edit> reversed = new ArrayList<>();
        for (int i1 = f1.nrec, i2 = f2.nrec; i1 >= 0 || i2 >= 0; i1--, i2--) {
            if (changedAt(f1, i1 - 1) || changedAt(f2, i2 - 1)) {
                int l1 = i1;
                while (changedAt(f1, i1 - 1)) {
                    i1--;
                }
                int l2 = i2;
                while (changedAt(f2, i2 - 1)) {
                    i2--;
                }
                reversed.add(new Edit(i1, i2, l1 - i1, l2 - i2));
            }
        }
        List<Edit> edits = new ArrayList<>(reversed.size());
        for (int i = reversed.size() - 1; i >= 0; i--) {
            edits.add(reversed.get(i));
        }
        return edits;
    }

    private static boolean changedAt(DiffFile f, int i) {
        return i >= -1 && i <= f.nrec && f.changed(i);
    }
}
