package dev.panagit.diff;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * git's {@code --diff-algorithm=histogram} (xdiff's xhistogram.c): in each range, the longest
 * common run that contains the first side's least frequent records splits it; ranges whose records
 * are all too frequent (more than 64 occurrences) fall back to Myers. The hash table, its chain
 * order and the tie-breaking are xdiff's, so that equal candidates resolve as git resolves them.
 * Lines are 1-based as in xdiff; ranges wait on an explicit stack.
 */
final class HistogramDiff {
    private static final int MAX_CHAIN_LENGTH = 64;

    private HistogramDiff() {
    }

    /** An occurrence chain: all the first range's records of one class, {@code ptr} the first of them. */
    private static final class Record {
        int ptr;
        int cnt;
        Record next;
    }

    private static final class Index {
        Record[] records;
        Record[] lineMap;
        int[] nextPtrs;
        int tableBits;
        int ptrShift;
        long cnt;
        boolean hasCommon;
    }

    private static final class Region {
        int begin1;
        int end1;
        int begin2;
        int end2;
    }

    static void mark(DiffFile f1, DiffFile f2, MyersDiff.Options options) {
        Deque<int[]> ranges = new ArrayDeque<>();
        ranges.push(new int[] {1, f1.nrec, 1, f2.nrec});
        while (!ranges.isEmpty()) {
            int[] r = ranges.pop();
            int line1 = r[0];
            int count1 = r[1];
            int line2 = r[2];
            int count2 = r[3];
            if (count1 <= 0 && count2 <= 0) {
                continue;
            }
            if (count1 == 0) {
                for (int i = 0; i < count2; i++) {
                    f2.setChanged(line2 - 1 + i, true);
                }
                continue;
            }
            if (count2 == 0) {
                for (int i = 0; i < count1; i++) {
                    f1.setChanged(line1 - 1 + i, true);
                }
                continue;
            }
            Region lcs = new Region();
            int found = findLcs(f1, f2, lcs, line1, count1, line2, count2);
            if (found != 0) {
                // too frequent to index (git gives up on the diff there; Myers does the range instead)
                MyersDiff.fallBack(f1, line1 - 1, count1, f2, line2 - 1, count2, options);
            } else if (lcs.begin1 == 0 && lcs.begin2 == 0) {
                for (int i = 0; i < count1; i++) {
                    f1.setChanged(line1 - 1 + i, true);
                }
                for (int i = 0; i < count2; i++) {
                    f2.setChanged(line2 - 1 + i, true);
                }
            } else {
                ranges.push(new int[] {lcs.end1 + 1, line1 + count1 - 1 - lcs.end1, lcs.end2 + 1,
                    line2 + count2 - 1 - lcs.end2});
                ranges.push(new int[] {line1, lcs.begin1 - line1, line2, lcs.begin2 - line2});
            }
        }
    }

    private static int hashBits(int size) {
        int val = 1;
        int bits = 0;
        for (; Integer.compareUnsigned(val, size) < 0 && bits < 32; val <<= 1, bits++) {
            // as xdl_hashbits
        }
        return bits != 0 ? bits : 1;
    }

    /** XDL_HASHLONG of a record's class. */
    private static int tableHash(int cls, int bits) {
        long v = cls & 0xffffffffL;
        return (int) ((v + (v >>> bits)) & ((1L << bits) - 1));
    }

    /** find_lcs: 0 with the region set (begin1 0: none), 1 when records are too frequent, -1 on a too long chain. */
    private static int findLcs(DiffFile f1, DiffFile f2, Region lcs, int line1, int count1, int line2, int count2) {
        Index index = new Index();
        index.tableBits = hashBits(count1);
        index.records = new Record[1 << index.tableBits];
        index.lineMap = new Record[count1];
        index.nextPtrs = new int[count1];
        index.ptrShift = line1;
        if (!scanA(f1, index, line1, count1)) {
            return -1;
        }
        index.cnt = MAX_CHAIN_LENGTH + 1;
        for (int bPtr = line2; bPtr <= line2 + count2 - 1;) {
            bPtr = tryLcs(f1, f2, index, lcs, bPtr, line1, count1, line2, count2);
        }
        return index.hasCommon && MAX_CHAIN_LENGTH < index.cnt ? 1 : 0;
    }

    private static boolean scanA(DiffFile f1, Index index, int line1, int count1) {
        for (int ptr = line1 + count1 - 1; line1 <= ptr; ptr--) {
            int cls = f1.cls[ptr - 1];
            int bucket = tableHash(cls, index.tableBits);
            int chainLength = 0;
            Record rec = index.records[bucket];
            boolean placed = false;
            while (rec != null) {
                if (f1.cls[rec.ptr - 1] == cls) {
                    index.nextPtrs[ptr - index.ptrShift] = rec.ptr;
                    rec.ptr = ptr;
                    rec.cnt = rec.cnt == Integer.MAX_VALUE ? rec.cnt : rec.cnt + 1;
                    index.lineMap[ptr - index.ptrShift] = rec;
                    placed = true;
                    break;
                }
                rec = rec.next;
                chainLength++;
            }
            if (placed) {
                continue;
            }
            if (chainLength == MAX_CHAIN_LENGTH) {
                return false;
            }
            rec = new Record();
            rec.ptr = ptr;
            rec.cnt = 1;
            rec.next = index.records[bucket];
            index.records[bucket] = rec;
            index.lineMap[ptr - index.ptrShift] = rec;
        }
        return true;
    }

    private static int tryLcs(DiffFile f1, DiffFile f2, Index index, Region lcs, int bPtr, int line1, int count1,
            int line2, int count2) {
        int bNext = bPtr + 1;
        int bCls = f2.cls[bPtr - 1];
        int end1 = line1 + count1 - 1;
        int end2 = line2 + count2 - 1;
        for (Record rec = index.records[tableHash(bCls, index.tableBits)]; rec != null; rec = rec.next) {
            if (rec.cnt > index.cnt) {
                if (!index.hasCommon) {
                    index.hasCommon = f1.cls[rec.ptr - 1] == bCls;
                }
                continue;
            }
            int as = rec.ptr;
            if (f1.cls[as - 1] != bCls) {
                continue;
            }
            index.hasCommon = true;
            for (;;) {
                int np = index.nextPtrs[as - index.ptrShift];
                int bs = bPtr;
                int ae = as;
                int be = bs;
                long rc = rec.cnt;
                while (line1 < as && line2 < bs && f1.cls[as - 2] == f2.cls[bs - 2]) {
                    as--;
                    bs--;
                    if (1 < rc) {
                        rc = Math.min(rc, index.lineMap[as - index.ptrShift].cnt);
                    }
                }
                while (ae < end1 && be < end2 && f1.cls[ae] == f2.cls[be]) {
                    ae++;
                    be++;
                    if (1 < rc) {
                        rc = Math.min(rc, index.lineMap[ae - index.ptrShift].cnt);
                    }
                }
                if (bNext <= be) {
                    bNext = be + 1;
                }
                if (lcs.end1 - lcs.begin1 < ae - as || rc < index.cnt) {
                    lcs.begin1 = as;
                    lcs.begin2 = bs;
                    lcs.end1 = ae;
                    lcs.end2 = be;
                    index.cnt = rc;
                }
                if (np == 0) {
                    break;
                }
                boolean stop = false;
                while (np <= ae) {
                    np = index.nextPtrs[np - index.ptrShift];
                    if (np == 0) {
                        stop = true;
                        break;
                    }
                }
                if (stop) {
                    break;
                }
                as = np;
            }
        }
        return bNext;
    }
}
