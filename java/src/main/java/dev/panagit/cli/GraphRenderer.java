package dev.panagit.cli;

import dev.panagit.lib.ObjectId;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws the ASCII history graph of {@code log --graph} the way git's graph.c does for the
 * common shapes: a lane per line of history, {@code |\} where a merge opens lanes and
 * {@code |/} where two lanes meet again. Lines are padded as git pads them (trailing spaces).
 */
final class GraphRenderer {
    private final List<ObjectId> lanes = new ArrayList<>();

    /**
     * The graph lines for the next commit (in topological order): the commit's own line prefix
     * first, then any lines to print after its text.
     */
    public record Rows(String commitPrefix, List<String> after, String continuation) {
    }

    /** The prefix of the blank line between two commits' texts: the lanes as they are now. */
    public String separator() {
        return "| ".repeat(lanes.size());
    }

    /** The rows for the next commit in the order shown, given its parents; the lanes move on. */
    public Rows next(ObjectId id, List<ObjectId> parents) {
        int index = lanes.indexOf(id);
        if (index < 0) {
            lanes.add(id);
            index = lanes.size() - 1;
        }
        int widthAfter = 2 * (lanes.size() + Math.max(0, parents.size() - 1));
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < lanes.size(); i++) {
            line.append(i == index ? '*' : '|').append(' ');
        }
        String commitPrefix = pad(line.toString(), widthAfter);

        List<String> after = new ArrayList<>();
        if (parents.size() > 1) {
            StringBuilder open = new StringBuilder();
            for (int i = 0; i < lanes.size(); i++) {
                if (i == index) {
                    open.append('|');
                    open.append("\\".repeat(parents.size() - 1)).append(' ');
                } else {
                    open.append(i > index ? "\\ " : "| ");
                }
            }
            after.add(pad(open.toString(), widthAfter));
        }
        boolean root = parents.isEmpty();
        if (root) {
            lanes.remove(index);
        } else {
            lanes.set(index, parents.get(0));
            for (int k = 1; k < parents.size(); k++) {
                if (!lanes.contains(parents.get(k))) {
                    lanes.add(index + k, parents.get(k));
                }
            }
        }
        collapse(after);
        // The commit's later text lines: the lanes as they now run, padded to the commit row's width;
        // a root commit leaves a gap where its lane was.
        StringBuilder continuation = new StringBuilder();
        for (int i = 0; i < lanes.size() + (root ? 1 : 0); i++) {
            continuation.append(root && i == index ? "  " : "| ");
        }
        return new Rows(commitPrefix, after, pad(continuation.toString(), commitPrefix.length()));
    }

    /** Two lanes waiting for the same commit meet: draw "|/" and drop the later one. */
    private void collapse(List<String> after) {
        for (int i = 0; i < lanes.size(); i++) {
            int dup = lanes.subList(i + 1, lanes.size()).indexOf(lanes.get(i));
            if (dup < 0) {
                continue;
            }
            int removed = i + 1 + dup;
            int width = 2 * lanes.size();
            StringBuilder line = new StringBuilder();
            for (int k = 0; k < lanes.size(); k++) {
                if (k < removed) {
                    line.append(k == removed - 1 ? "|/" : "| ");
                } else if (k > removed) {
                    line.append(" /");
                }
            }
            lanes.remove(removed);
            after.add(pad(line.toString(), width));
            i--;
        }
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
