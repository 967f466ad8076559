package dev.panagit.diff;

/**
 * One side of a diff as git's xdiff sees it: the bytes split into records (lines, each with its
 * newline if it has one), each record's class (equal records, equal classes), and the per-record
 * {@code changed} marks the algorithm fills in ({@code changed[-1]} and {@code changed[n]} exist
 * and stay false, as in xdiff, so that group scans need no bounds checks).
 */
final class DiffFile {
    final byte[] data;
    /** Record i is data[start[i] .. start[i + 1]). */
    final int[] start;
    final int nrec;
    /** Class of each record: equal content, equal class. */
    final int[] cls;
    /** Changed marks, offset by one: changed(i) is marks[i + 1]. */
    private final boolean[] marks;

    /** The records the Myers pass works on (the rest are decided already) and how many. */
    int[] refIndex;
    int nreff;
    int dstart;
    int dend;

    DiffFile(byte[] data, int[] start, int nrec, int[] cls) {
        this.data = data;
        this.start = start;
        this.nrec = nrec;
        this.cls = cls;
        this.marks = new boolean[nrec + 2];
    }

    boolean changed(int i) {
        return marks[i + 1];
    }

    void setChanged(int i, boolean value) {
        marks[i + 1] = value;
    }

    int recordStart(int i) {
        return start[i];
    }

    int recordLength(int i) {
        return start[i + 1] - start[i];
    }

    /** The class of the i-th record the Myers pass works on. */
    int refClass(int i) {
        return cls[refIndex[i]];
    }

    /** Whether the last record lacks a newline ("\ No newline at end of file"). */
    boolean endsWithoutNewline() {
        return nrec > 0 && data[start[nrec] - 1] != '\n';
    }
}
