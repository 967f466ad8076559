package dev.panagit.diff;

import dev.panagit.diff.PatchWriter.Change;
import dev.panagit.diff.PatchWriter.Side;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * git's rename detection (diffcore-rename.c, as {@code diff}, {@code show} and {@code log -p} run
 * it by default): deleted files are sources, added files destinations; exact renames first (same
 * blob; an unused source and the same file name preferred), then files whose names appear once
 * among the sources and once among the destinations if at least 75 % similar, then the best
 * pairs of what is left at 50 % or more, similarity measured as git measures it
 * (diffcore-delta.c: 64-byte spans of the old file that reappear in the new one). A renamed pair
 * takes the destination's place; its source is no longer a deletion.
 */
public final class Renames {
    /** git's MAX_SCORE: similarity scores are fractions of this. */
    public static final int MAX_SCORE = 60000;
    /** git's default minimum similarity for a rename, 50 %. */
    public static final int DEFAULT_SCORE = 30000;
    private static final int CANDIDATES_PER_DST = 4;
    private static final int RENAME_LIMIT = 1000;     // diff.renameLimit's default

    private Renames() {
    }

    /** {@code changes} (in path order) with deletions and additions paired up where git pairs them. */
    public static List<Change> detect(List<Change> changes, PatchWriter.Contents contents) throws IOException {
        return detect(changes, contents, DEFAULT_SCORE);
    }

    /**
     * The same with {@code -M<n>}'s minimum score (of {@link #MAX_SCORE}); a unique basename match
     * needs half-way between it and a perfect score, as in git.
     */
    public static List<Change> detect(List<Change> changes, PatchWriter.Contents contents, int minimumScore)
            throws IOException {
        List<Integer> dsts = new ArrayList<>();
        List<Integer> srcs = new ArrayList<>();
        for (int i = 0; i < changes.size(); i++) {
            Change c = changes.get(i);
            if (!c.before().present() && c.after().present()) {
                dsts.add(i);
            } else if (c.before().present() && !c.after().present()) {
                srcs.add(i);
            }
        }
        if (dsts.isEmpty() || srcs.isEmpty()) {
            return changes;
        }
        int[] dstSource = new int[dsts.size()];   // index into srcs, or -1
        int[] dstScore = new int[dsts.size()];
        Arrays.fill(dstSource, -1);
        boolean[] srcUsed = new boolean[srcs.size()];
        Map<Integer, Blob> blobs = new HashMap<>();

        // Exact renames: same id (and for what is not a regular file, the same mode).
        for (int d = 0; d < dsts.size(); d++) {
            Change dst = changes.get(dsts.get(d));
            int best = -1;
            int bestScore = -1;
            for (int s = 0; s < srcs.size(); s++) {
                Change src = changes.get(srcs.get(s));
                if (!src.before().id().equals(dst.after().id())) {
                    continue;
                }
                if ((!regular(src.before()) || !regular(dst.after())) && src.before().mode() != dst.after().mode()) {
                    continue;
                }
                if (srcUsed[s]) {
                    continue;
                }
                int score = 1 + (basenameSame(src.oldPath(), dst.path()) ? 1 : 0);
                if (score > bestScore) {
                    best = s;
                    bestScore = score;
                    if (score == 2) {
                        break;
                    }
                }
            }
            if (best >= 0) {
                dstSource[d] = best;
                dstScore[d] = MAX_SCORE;
                srcUsed[best] = true;
            }
        }

        // Names that appear once among the sources left and once among the destinations left.
        int minBasenameScore = minimumScore + (int) (0.5 * (MAX_SCORE - minimumScore));
        Map<String, Integer> srcByName = uniqueNames(changes, srcs, srcUsed, true);
        Map<String, Integer> dstByName = uniqueNames(changes, dsts, dstMatched(dstSource), false);
        for (int s = 0; s < srcs.size(); s++) {
            if (srcUsed[s]) {
                continue;
            }
            String name = basename(changes.get(srcs.get(s)).oldPath());
            Integer si = srcByName.get(name);
            Integer di = dstByName.get(name);
            if (si == null || si != s || di == null || dstSource[di] >= 0) {
                continue;
            }
            int score = similarity(changes, srcs.get(s), dsts.get(di), minBasenameScore, contents, blobs);
            if (score >= minBasenameScore) {
                dstSource[di] = s;
                dstScore[di] = score;
                srcUsed[s] = true;
            }
        }

        // The rest: the best candidates of every destination, best first.
        int left = 0;
        int sources = 0;
        for (int d = 0; d < dsts.size(); d++) {
            left += dstSource[d] < 0 ? 1 : 0;
        }
        for (boolean used : srcUsed) {
            sources += used ? 0 : 1;
        }
        if (left > 0 && sources > 0 && (long) left * sources <= (long) RENAME_LIMIT * RENAME_LIMIT) {
            List<int[]> matrix = new ArrayList<>();   // {score, nameScore, dst, src}
            for (int d = 0; d < dsts.size(); d++) {
                if (dstSource[d] >= 0) {
                    continue;
                }
                int[][] best = new int[CANDIDATES_PER_DST][];
                for (int s = 0; s < srcs.size(); s++) {
                    if (srcUsed[s]) {
                        continue;
                    }
                    int score = similarity(changes, srcs.get(s), dsts.get(d), minimumScore, contents, blobs);
                    int nameScore = basenameSame(changes.get(srcs.get(s)).oldPath(), changes.get(dsts.get(d)).path())
                            ? 1 : 0;
                    int[] candidate = {score, nameScore, d, s};
                    int worst = 0;
                    for (int k = 1; k < CANDIDATES_PER_DST; k++) {
                        if (compare(best[k], best[worst]) > 0) {
                            worst = k;
                        }
                    }
                    if (compare(best[worst], candidate) > 0) {
                        best[worst] = candidate;
                    }
                }
                for (int[] candidate : best) {
                    matrix.add(candidate);
                }
            }
            matrix.sort(Renames::compare);   // stable, as git's STABLE_QSORT
            for (int[] m : matrix) {
                if (m == null || m[0] < minimumScore) {
                    break;
                }
                if (dstSource[m[2]] >= 0 || srcUsed[m[3]]) {
                    continue;
                }
                dstSource[m[2]] = m[3];
                dstScore[m[2]] = m[0];
                srcUsed[m[3]] = true;
            }
        }

        // The new list: renamed pairs in their destinations' places, their sources gone.
        boolean[] dropped = new boolean[changes.size()];
        Change[] replaced = new Change[changes.size()];
        for (int d = 0; d < dsts.size(); d++) {
            if (dstSource[d] < 0) {
                continue;
            }
            Change src = changes.get(srcs.get(dstSource[d]));
            Change dst = changes.get(dsts.get(d));
            dropped[srcs.get(dstSource[d])] = true;
            replaced[dsts.get(d)] = new Change(src.oldPath(), dst.path(), src.before(), dst.after(), dstScore[d]);
        }
        List<Change> result = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            if (!dropped[i]) {
                result.add(replaced[i] != null ? replaced[i] : changes.get(i));
            }
        }
        return result;
    }

    /** git's score_compare: unused slots last, then higher score, then the same file name first. */
    private static int compare(int[] a, int[] b) {
        if (a == null) {
            return b == null ? 0 : 1;
        }
        if (b == null) {
            return -1;
        }
        if (a[0] == b[0]) {
            return b[1] - a[1];
        }
        return Integer.compare(b[0], a[0]);
    }

    private static boolean[] dstMatched(int[] dstSource) {
        boolean[] matched = new boolean[dstSource.length];
        for (int d = 0; d < dstSource.length; d++) {
            matched[d] = dstSource[d] >= 0;
        }
        return matched;
    }

    /** File names that appear exactly once among the unmatched entries, to their index. */
    private static Map<String, Integer> uniqueNames(List<Change> changes, List<Integer> which, boolean[] matched,
            boolean old) {
        Map<String, Integer> seen = new HashMap<>();
        for (int k = 0; k < which.size(); k++) {
            if (matched[k]) {
                continue;
            }
            Change c = changes.get(which.get(k));
            String name = basename(old ? c.oldPath() : c.path());
            seen.put(name, seen.containsKey(name) ? -1 : k);
        }
        seen.values().removeIf(v -> v < 0);
        return seen;
    }

    private static String basename(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** git's basename_same: the two paths end with the same file name. */
    static boolean basenameSame(String src, String dst) {
        return basename(src).equals(basename(dst));
    }

    private static boolean regular(Side side) {
        return (side.mode() & 0170000) == 0100000;
    }

    /** A side's bytes and its span counts, computed once. */
    private record Blob(byte[] data, long[] spans) {
    }

    private static Blob blob(List<Change> changes, int index, PatchWriter.Contents contents, Map<Integer, Blob> blobs)
            throws IOException {
        Blob known = blobs.get(index);
        if (known == null) {
            Change c = changes.get(index);
            boolean after = !c.before().present();
            byte[] data = PatchWriter.load(c, after, contents);
            known = new Blob(data, SpanHash.of(data, !PatchWriter.binary(data)));
            blobs.put(index, known);
        }
        return known;
    }

    /** git's estimate_similarity: how much of the new file comes from the old one, out of MAX_SCORE. */
    private static int similarity(List<Change> changes, int src, int dst, int minimumScore,
            PatchWriter.Contents contents, Map<Integer, Blob> blobs) throws IOException {
        Side one = changes.get(src).before();
        Side two = changes.get(dst).after();
        if (!regular(one) || !regular(two)) {
            return 0;
        }
        Blob a = blob(changes, src, contents, blobs);
        Blob b = blob(changes, dst, contents, blobs);
        long maxSize = Math.max(a.data().length, b.data().length);
        long baseSize = Math.min(a.data().length, b.data().length);
        long deltaSize = maxSize - baseSize;
        if (maxSize * (MAX_SCORE - minimumScore) < deltaSize * MAX_SCORE) {
            return 0;
        }
        if (b.data().length == 0) {
            return 0;
        }
        long copied = SpanHash.copied(a.spans(), b.spans());
        return (int) (copied * MAX_SCORE / maxSize);
    }

    /** git's pprint_rename: {@code dir/{old => new}}, common prefix and suffix outside the braces. */
    public static String displayName(String a, String b, java.util.function.UnaryOperator<String> quote) {
        if (!quote.apply(a).equals(a) || !quote.apply(b).equals(b)) {
            return quote.apply(a) + " => " + quote.apply(b);
        }
        int lenA = a.length();
        int lenB = b.length();
        int pfx = 0;
        for (int i = 0; i < lenA && i < lenB && a.charAt(i) == b.charAt(i); i++) {
            if (a.charAt(i) == '/') {
                pfx = i + 1;
            }
        }
        int sfx = 0;
        int adjust = pfx > 0 ? 1 : 0;
        for (int i = lenA, j = lenB; pfx - adjust <= i && pfx - adjust <= j; i--, j--) {
            char ca = i < lenA ? a.charAt(i) : 0;
            char cb = j < lenB ? b.charAt(j) : 0;
            if (ca != cb) {
                break;
            }
            if (ca == '/') {
                sfx = lenA - i;
            }
        }
        int midA = Math.max(lenA - pfx - sfx, 0);
        int midB = Math.max(lenB - pfx - sfx, 0);
        StringBuilder sb = new StringBuilder();
        if (pfx + sfx > 0) {
            sb.append(a, 0, pfx).append('{');
        }
        sb.append(a, pfx, pfx + midA).append(" => ").append(b, pfx, pfx + midB);
        if (pfx + sfx > 0) {
            sb.append('}').append(a, lenA - sfx, lenA);
        }
        return sb.toString();
    }

    /** git's parse_rename_score: "50", "50%", "0.5" as a score of {@link #MAX_SCORE}. */
    public static int parseScore(String text) {
        long num = 0;
        long scale = 1;
        boolean dot = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (!dot && ch == '.') {
                scale = 1;
                dot = true;
            } else if (ch == '%') {
                scale = dot ? scale * 100 : 100;
                break;
            } else if (ch >= '0' && ch <= '9') {
                if (scale < 100000) {
                    scale *= 10;
                    num = num * 10 + (ch - '0');
                }
            } else {
                break;
            }
        }
        return (int) (num >= scale ? MAX_SCORE : MAX_SCORE * num / scale);
    }
}
