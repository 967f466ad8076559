package dev.panagit.cli;

import dev.panagit.diff.DiffStat;
import dev.panagit.diff.MyersDiff;
import dev.panagit.diff.Palette;
import dev.panagit.repo.GitConfig;
import dev.panagit.diff.PatchWriter;
import dev.panagit.diff.PatchWriter.Change;
import dev.panagit.diff.Renames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The diff options diff, show and log share (git's diff_opt_parse): what to print (patch, stat,
 * numstat, shortstat, names), context, renames, whitespace rules and the algorithm; and the one
 * place that prints a list of changes in those formats, in git's order.
 */
final class DiffOptions {
    private final Args.Flag patch;
    private final Args.Flag noPatch;
    private final Args.Value unified;
    private final Args.Flag stat;
    private final Args.Flag numstat;
    private final Args.Flag shortstat;
    private final Args.Flag nameOnly;
    private final Args.Flag nameStatus;
    private final Args.Value findRenames;
    private final Args.Flag noRenames;
    private final Args.Flag ignoreAllSpace;
    private final Args.Flag ignoreSpaceChange;
    private final Args.Flag ignoreSpaceAtEol;
    private final Args.Value algorithm;
    private final Args.Flag minimal;
    private final Args.Flag patience;
    private final Args.Flag histogram;
    private final Args.Flag noIndentHeuristic;
    private final Args.Flag indentHeuristic;
    private final Args.Flag noColor;
    private final Args.Value color;

    /** Declares the options on {@code args} (before it is parsed). */
    DiffOptions(Args args) {
        patch = args.flag("-p, -u, --patch", "the patch (the default for diff and show)");
        noPatch = args.flag("-s, --no-patch", "no diff output");
        unified = args.value("-U, --unified", "<n>", "lines of context (default 3; implies --patch)");
        stat = args.flag("--stat", "a line per file with a +/- graph, then the summary");
        numstat = args.flag("--numstat", "lines added and deleted per file, tab-separated");
        shortstat = args.flag("--shortstat", "only the summary line: files changed, insertions, deletions");
        nameOnly = args.flag("--name-only", "only the names of changed files");
        nameStatus = args.flag("--name-status", "names and kinds of change (A, D, M, T, R<score>)");
        findRenames = args.optionalValue("-M, --find-renames", "<n>", "",
                "detect renames (the default, as git's diff.renames), at least <n> similar (default 50%)");
        noRenames = args.flag("--no-renames", "show a moved file as a deletion and an addition");
        ignoreAllSpace = args.flag("-w, --ignore-all-space", "ignore whitespace when comparing lines");
        ignoreSpaceChange = args.flag("-b, --ignore-space-change", "ignore changes in the amount of whitespace");
        ignoreSpaceAtEol = args.flag("--ignore-space-at-eol", "ignore whitespace at the ends of lines");
        algorithm = args.value("--diff-algorithm", "<algorithm>", "myers (default), minimal, patience or histogram");
        minimal = args.flag("--minimal", "spend extra time to make the smallest diff");
        patience = args.flag("--patience", "the patience algorithm");
        histogram = args.flag("--histogram", "the histogram algorithm");
        indentHeuristic = args.flag("--indent-heuristic", "slide hunks to readable places (the default)");
        noIndentHeuristic = args.flag("--no-indent-heuristic", "do not apply the indent heuristic");
        noColor = args.flag("--no-color", "no colours");
        color = args.optionalValue("--color", "always|never|auto", "always",
                "colours (default: color.diff, else color.ui, else auto: only on a terminal or into the pager)");
    }

    /** The formats asked for (after parsing). */
    record Formats(boolean patch, boolean stat, boolean numstat, boolean shortstat, boolean nameOnly,
            boolean nameStatus) {
        boolean any() {
            return patch || stat || numstat || shortstat || nameOnly || nameStatus;
        }
    }

    /** What to print; {@code patchByDefault} for diff and show, not for log. */
    /** The colours to print with: --color/--no-color, else the configuration's {@code color.<kind>} or color.ui. */
    Palette palette(Io io, GitConfig config, String kind) {
        return Colors.palette(io, noColor.on() ? "never" : color.given() ? color.get("always") : null, config, kind);
    }

    Formats formats(boolean patchByDefault) {
        if (noPatch.on()) {
            return new Formats(false, false, false, false, false, false);
        }
        boolean summaries = stat.on() || numstat.on() || shortstat.on() || nameOnly.on() || nameStatus.on();
        boolean wantPatch = patch.on() || unified.given() || patchByDefault && !summaries;
        return new Formats(wantPatch, stat.on(), numstat.on(), shortstat.on(), nameOnly.on() && !nameStatus.on(),
                nameStatus.on());
    }

    int context() {
        return unified.asInt(3);
    }

    boolean renames(boolean configured) {
        if (noRenames.on()) {
            return false;
        }
        return findRenames.given() || configured;
    }

    /** -M<n>'s minimum similarity, git's 50 % when none is given. */
    int renameScore() {
        String threshold = findRenames.get("");
        return threshold.isEmpty() ? Renames.DEFAULT_SCORE : Renames.parseScore(threshold);
    }

    /** The diff algorithm and whitespace rules asked for. */
    MyersDiff.Options algorithmOptions() {
        MyersDiff.Algorithm chosen = MyersDiff.Algorithm.MYERS;
        if (algorithm.given()) {
            chosen = switch (algorithm.get("myers").toLowerCase(java.util.Locale.ROOT)) {
                case "myers", "default" -> MyersDiff.Algorithm.MYERS;
                case "minimal" -> MyersDiff.Algorithm.MINIMAL;
                case "patience" -> MyersDiff.Algorithm.PATIENCE;
                case "histogram" -> MyersDiff.Algorithm.HISTOGRAM;
                default -> throw new Fatal("option diff-algorithm accepts \"myers\", \"minimal\", \"patience\" and \"histogram\"");
            };
        }
        if (minimal.on()) {
            chosen = MyersDiff.Algorithm.MINIMAL;
        }
        if (patience.on()) {
            chosen = MyersDiff.Algorithm.PATIENCE;
        }
        if (histogram.on()) {
            chosen = MyersDiff.Algorithm.HISTOGRAM;
        }
        MyersDiff.Whitespace whitespace = ignoreAllSpace.on() ? MyersDiff.Whitespace.ALL
                : ignoreSpaceChange.on() ? MyersDiff.Whitespace.CHANGE
                : ignoreSpaceAtEol.on() ? MyersDiff.Whitespace.AT_EOL : MyersDiff.Whitespace.NONE;
        indentHeuristic.on();
        return new MyersDiff.Options(chosen, whitespace, !noIndentHeuristic.on());
    }

    /** Renames found among {@code changes} when asked (git's default), else the changes as they are. */
    static List<Change> withRenames(List<Change> changes, boolean renames, PatchWriter.Contents contents)
            throws IOException {
        return withRenames(changes, renames, Renames.DEFAULT_SCORE, contents);
    }

    static List<Change> withRenames(List<Change> changes, boolean renames, int score, PatchWriter.Contents contents)
            throws IOException {
        return renames ? Renames.detect(changes, contents, score) : changes;
    }

    /** The changes that show with these whitespace rules (all of them unless whitespace is ignored). */
    static List<Change> showing(List<Change> changes, PatchWriter.Contents contents, MyersDiff.Options options)
            throws IOException {
        if (options.whitespace() == MyersDiff.Whitespace.NONE) {
            return changes;
        }
        List<Change> shown = new ArrayList<>();
        for (Change c : changes) {
            if (PatchWriter.shows(c, contents, options)) {
                shown.add(c);
            }
        }
        return shown;
    }

    /**
     * Writes {@code changes} in the asked formats, in git's order: names or name-status, then
     * numstat, stat, shortstat, then (after a blank line when something came before) the patch.
     */
    static void write(List<Change> changes, Formats formats, PatchWriter.Contents contents, int context,
            MyersDiff.Options options, java.util.Map<String, String> env, ByteArrayOutputStream out)
            throws IOException {
        write(changes, formats, contents, context, options, env, Palette.OFF, out);
    }

    /** The same, in colours. */
    static void write(List<Change> changes, Formats formats, PatchWriter.Contents contents, int context,
            MyersDiff.Options options, java.util.Map<String, String> env, Palette palette, ByteArrayOutputStream out)
            throws IOException {
        if (formats.nameOnly() || formats.nameStatus()) {
            for (Change c : changes) {
                if (formats.nameStatus()) {
                    line(out, c.renamed() ? String.format("R%03d\t%s\t%s", c.similarity(), contents.quote(c.oldPath()),
                            contents.quote(c.path())) : status(c) + "\t" + contents.quote(c.path()));
                } else {
                    line(out, contents.quote(c.path()));
                }
            }
        }
        List<Change> shown = showing(changes, contents, options);
        boolean separator = false;
        if (formats.numstat()) {
            for (Change c : shown) {
                PatchWriter.LineCounts counts = PatchWriter.count(c, contents, options);
                String name = DiffStat.name(c, contents::quote);
                line(out, counts == null ? "-\t-\t" + name : counts.added() + "\t" + counts.deleted() + "\t" + name);
            }
            separator = !shown.isEmpty();
        }
        if (formats.stat()) {
            String text = DiffStat.format(shown, contents, DiffStat.width(env), options, palette);
            out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            separator |= !text.isEmpty();
        } else if (formats.shortstat()) {
            long files = 0;
            long insertions = 0;
            long deletions = 0;
            for (Change c : shown) {
                PatchWriter.LineCounts counts = PatchWriter.count(c, contents, options);
                files++;
                if (counts != null) {
                    insertions += counts.added();
                    deletions += counts.deleted();
                }
            }
            if (files > 0) {
                out.writeBytes(DiffStat.summary(files, insertions, deletions).getBytes(StandardCharsets.UTF_8));
                separator = true;
            }
        }
        if (formats.patch()) {
            if (separator && !shown.isEmpty()) {
                line(out, "");
            }
            new PatchWriter(contents, context, options, palette).write(changes, out);
        }
    }

    /** git's --summary lines: created, deleted, mode-changed and renamed files. */
    static String summary(List<Change> changes) {
        StringBuilder sb = new StringBuilder();
        for (Change c : changes) {
            if (c.renamed()) {
                sb.append(" rename ").append(Renames.displayName(c.oldPath(), c.path(), Quoting::cStyle))
                        .append(" (").append(c.similarity()).append("%)\n");
            } else if (!c.before().present()) {
                sb.append(" create mode ").append(Integer.toOctalString(c.after().mode())).append(' ')
                        .append(Quoting.cStyle(c.path())).append('\n');
            } else if (!c.after().present()) {
                sb.append(" delete mode ").append(Integer.toOctalString(c.before().mode())).append(' ')
                        .append(Quoting.cStyle(c.path())).append('\n');
            } else if (c.before().mode() != c.after().mode()) {
                sb.append(" mode change ").append(Integer.toOctalString(c.before().mode())).append(" => ")
                        .append(Integer.toOctalString(c.after().mode())).append(' ').append(Quoting.cStyle(c.path()))
                        .append('\n');
            }
        }
        return sb.toString();
    }

    /** git's one-letter kind of change for --name-status. */
    static String status(Change c) {
        if (c.renamed()) {
            return "R";
        }
        return !c.before().present() ? "A" : !c.after().present() ? "D"
                : (c.before().mode() & 0170000) != (c.after().mode() & 0170000) ? "T" : "M";
    }

    private static void line(ByteArrayOutputStream out, String text) {
        out.writeBytes((text + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
