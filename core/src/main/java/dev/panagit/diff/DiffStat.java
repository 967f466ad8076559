package dev.panagit.diff;

import dev.panagit.diff.PatchWriter.Change;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * git's {@code --stat} (diff.c's show_stats): a line per file with its name, its count of changed
 * lines and a graph of {@code +} and {@code -} scaled to the width (80 columns unless
 * {@code COLUMNS} says otherwise, names given at most 5/8 of it when space is short and cut from
 * the left with {@code ...}), binary files as {@code Bin <old> -> <new> bytes}, then the summary
 * line.
 */
public final class DiffStat {
    /** One file's line: its printable name, lines added and deleted (bytes for binary files). */
    record Entry(String name, long added, long deleted, boolean binary) {
    }

    private DiffStat() {
    }

    /** The stat of {@code changes} at {@code width} columns; empty when there are none. */
    public static String format(List<Change> changes, PatchWriter.Contents contents, int width) throws IOException {
        return format(changes, contents, width, MyersDiff.Options.GIT_DEFAULT);
    }

    /** The same, lines counted with the given algorithm and whitespace rules. */
    public static String format(List<Change> changes, PatchWriter.Contents contents, int width,
            MyersDiff.Options options) throws IOException {
        return format(changes, contents, width, options, Palette.OFF);
    }

    /** The same, the graph's bars (and a binary file's sizes) in colours. */
    public static String format(List<Change> changes, PatchWriter.Contents contents, int width,
            MyersDiff.Options options, Palette palette) throws IOException {
        List<Entry> entries = new ArrayList<>();
        for (Change change : changes) {
            String name = name(change, contents::quote);
            PatchWriter.LineCounts counts = PatchWriter.count(change, contents, options);
            if (counts == null) {
                long oldSize = change.before().present() ? PatchWriter.size(change, false, contents) : 0;
                long newSize = change.after().present() ? PatchWriter.size(change, true, contents) : 0;
                entries.add(new Entry(name, newSize, oldSize, true));
            } else {
                entries.add(new Entry(name, counts.added(), counts.deleted(), false));
            }
        }
        return format(entries, width, palette);
    }

    /** The name a stat line shows: the path, or for a rename git's {@code dir/{old => new}}. */
    public static String name(Change change, java.util.function.UnaryOperator<String> quote) {
        return change.renamed() ? Renames.displayName(change.oldPath(), change.path(), quote) : quote.apply(change.path());
    }

    static String format(List<Entry> files, int width, Palette palette) {
        if (files.isEmpty()) {
            return "";
        }
        long maxChange = 0;
        int maxLen = 0;
        int binWidth = 0;
        int numberWidth = 0;
        for (Entry file : files) {
            maxLen = Math.max(maxLen, file.name().length());
            if (file.binary()) {
                binWidth = Math.max(binWidth, 14 + decimalWidth(file.added()) + decimalWidth(file.deleted()));
                numberWidth = 3;
                continue;
            }
            maxChange = Math.max(maxChange, file.added() + file.deleted());
        }
        numberWidth = Math.max(decimalWidth(maxChange), numberWidth);
        if (width < 16 + 6 + numberWidth) {
            width = 16 + 6 + numberWidth;
        }
        long graphWidth = maxChange + 4 > binWidth ? maxChange : binWidth - 4;
        long nameWidth = maxLen;
        if (nameWidth + numberWidth + 6 + graphWidth > width) {
            if (graphWidth > width * 3 / 8 - numberWidth - 6) {
                graphWidth = width * 3 / 8 - numberWidth - 6;
                if (graphWidth < 6) {
                    graphWidth = 6;
                }
            }
            if (nameWidth > width - numberWidth - 6 - graphWidth) {
                nameWidth = width - numberWidth - 6 - graphWidth;
            } else {
                graphWidth = width - numberWidth - 6 - nameWidth;
            }
        }
        StringBuilder out = new StringBuilder();
        long adds = 0;
        long dels = 0;
        for (Entry file : files) {
            String name = file.name();
            String prefix = "";
            long len = nameWidth;
            if (nameWidth < name.length()) {
                prefix = "...";
                len = Math.max(len - 3, 0);
                name = name.substring((int) (name.length() - len));
                int slash = name.indexOf('/');
                if (slash >= 0) {
                    name = name.substring(slash);
                }
            }
            long padding = Math.max(len - name.length(), 0);
            out.append(' ').append(prefix).append(name).append(" ".repeat((int) padding)).append(" | ");
            if (file.binary()) {
                out.append(String.format("%" + numberWidth + "s", "Bin"));
                if (file.added() != 0 || file.deleted() != 0) {
                    out.append(' ').append(palette.paint(palette.old(), String.valueOf(file.deleted()))).append(" -> ")
                            .append(palette.paint(palette.added(), String.valueOf(file.added()))).append(" bytes");
                }
                out.append('\n');
                continue;
            }
            long add = file.added();
            long del = file.deleted();
            adds += add;
            dels += del;
            if (graphWidth <= maxChange) {
                long total = scale(add + del, graphWidth, maxChange);
                if (total < 2 && add > 0 && del > 0) {
                    total = 2;
                }
                if (add < del) {
                    add = scale(add, graphWidth, maxChange);
                    del = total - add;
                } else {
                    del = scale(del, graphWidth, maxChange);
                    add = total - del;
                }
            }
            out.append(String.format("%" + numberWidth + "d", file.added() + file.deleted()));
            if (file.added() + file.deleted() > 0) {
                out.append(' ');
            }
            if (add > 0) {
                out.append(palette.paint(palette.added(), "+".repeat((int) add)));
            }
            if (del > 0) {
                out.append(palette.paint(palette.old(), "-".repeat((int) del)));
            }
            out.append('\n');
        }
        out.append(summary(files.size(), adds, dels));
        return out.toString();
    }

    /** git's summary line: {@code  N files changed, X insertions(+), Y deletions(-)}. */
    public static String summary(long files, long insertions, long deletions) {
        StringBuilder sb = new StringBuilder(" ").append(files).append(files == 1 ? " file changed" : " files changed");
        if (insertions > 0 || deletions == 0) {
            sb.append(", ").append(insertions).append(insertions == 1 ? " insertion(+)" : " insertions(+)");
        }
        if (deletions > 0 || insertions == 0) {
            sb.append(", ").append(deletions).append(deletions == 1 ? " deletion(-)" : " deletions(-)");
        }
        return sb.append('\n').toString();
    }

    /** At least one column for any change: scaled as if one column shorter, plus one. */
    private static long scale(long it, long width, long maxChange) {
        return it == 0 ? 0 : 1 + it * (width - 1) / maxChange;
    }

    private static int decimalWidth(long n) {
        int width = 1;
        for (; n >= 10; n /= 10) {
            width++;
        }
        return width;
    }

    /** The stat width as git takes it into a pipe: {@code COLUMNS} when set, else 80. */
    public static int width(java.util.Map<String, String> env) {
        try {
            int columns = Integer.parseInt(env.getOrDefault("COLUMNS", ""));
            return columns > 0 ? columns : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
    }
}
