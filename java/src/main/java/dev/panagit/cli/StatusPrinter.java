package dev.panagit.cli;

import dev.panagit.diff.Palette;
import dev.panagit.repo.Repository;
import dev.panagit.status.Status;
import dev.panagit.status.StatusEntry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Prints a {@link Status} in git's formats, byte for byte as {@code wt-status.c} does (git 2.39's wording). */
final class StatusPrinter {
    enum Format { LONG, SHORT, PORCELAIN, PORCELAIN_V2 }

    /** Width of git's change labels ("typechange:" and a space) and of its conflict labels ("deleted by them:" and a space). */
    private static final int LABEL_WIDTH = 12;
    private static final int CONFLICT_LABEL_WIDTH = 17;

    private final Repository repo;
    private final Status status;
    private final String prefix;
    private final boolean nul;
    private final boolean showBranch;
    private final boolean showUntracked;
    private final boolean showIgnored;
    private final boolean hints;
    private final Palette palette;
    private ByteArrayOutputStream out;

    StatusPrinter(Repository repo, Status status, String prefix, boolean nul, boolean showBranch, boolean showUntracked,
            boolean showIgnored, boolean hints, Palette palette) {
        this.palette = palette;
        this.repo = repo;
        this.status = status;
        this.prefix = prefix;
        this.nul = nul;
        this.showBranch = showBranch;
        this.showUntracked = showUntracked;
        this.showIgnored = showIgnored;
        this.hints = hints;
    }

    void print(Format format, ByteArrayOutputStream into) throws IOException {
        out = into;
        switch (format) {
            case LONG -> printLong();
            case SHORT -> printShort(prefix);
            case PORCELAIN -> printShortPlain();
            case PORCELAIN_V2 -> printV2();
        }
    }

    private void write(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private void line(String s) {
        write(s + "\n");
    }

    // ---- long format ----

    private void printLong() throws IOException {
        if (status.branch() != null) {
            line("On branch " + status.branch().substring("refs/heads/".length()));
            if (!status.initial()) {
                printTracking();
            }
        } else if (status.detachedFrom() != null) {
            line(palette.paint(palette.noBranch(), status.detachedAt() ? "HEAD detached at " : "HEAD detached from ")
                    + status.detachedFrom());
        } else {
            line(palette.paint(palette.noBranch(), "Not currently on any branch."));
        }
        if (status.mergeInProgress()) {
            boolean conflicts = status.entries().stream().anyMatch(StatusEntry::conflicted);
            if (conflicts) {
                line("You have unmerged paths.");
                hint("  (fix conflicts and run \"git commit\")");
                hint("  (use \"git merge --abort\" to abort the merge)");
            } else {
                line("All conflicts fixed but you are still merging.");
                hint("  (use \"git commit\" to conclude merge)");
            }
            line("");
        }
        if (status.initial()) {
            line("");
            line("No commits yet");
            line("");
        }
        printStaged();
        printConflicts();
        printUnstaged();
        if (showUntracked) {
            printOthers(status.untracked(), "Untracked files", "add");
            if (showIgnored) {
                printOthers(status.ignored(), "Ignored files", "add -f");
            }
        } else if (status.committable()) {
            line("Untracked files not listed" + (hints ? " (use -u option to show untracked files)" : ""));
        }
        if (!status.committable()) {
            if (status.workTreeDirty()) {
                line(hints ? "no changes added to commit (use \"git add\" and/or \"git commit -a\")"
                        : "no changes added to commit");
            } else if (!status.untracked().isEmpty()) {
                line(hints ? "nothing added to commit but untracked files present (use \"git add\" to track)"
                        : "nothing added to commit but untracked files present");
            } else if (status.initial()) {
                line(hints ? "nothing to commit (create/copy files and use \"git add\" to track)" : "nothing to commit");
            } else if (!showUntracked) {
                line(hints ? "nothing to commit (use -u to show untracked files)" : "nothing to commit");
            } else {
                line("nothing to commit, working tree clean");
            }
        }
    }

    private void hint(String text) {
        if (hints) {
            line(text);
        }
    }

    /** git's format_tracking_info (2.39). */
    private void printTracking() {
        String upstream = status.upstream();
        if (upstream == null) {
            return;
        }
        int ahead = status.ahead();
        int behind = status.behind();
        if (status.upstreamGone()) {
            line("Your branch is based on '" + upstream + "', but the upstream is gone.");
            hint("  (use \"git branch --unset-upstream\" to fixup)");
        } else if (ahead == 0 && behind == 0) {
            line("Your branch is up to date with '" + upstream + "'.");
        } else if (behind == 0) {
            line("Your branch is ahead of '" + upstream + "' by " + ahead + " commit" + (ahead == 1 ? "" : "s") + ".");
            hint("  (use \"git push\" to publish your local commits)");
        } else if (ahead == 0) {
            line("Your branch is behind '" + upstream + "' by " + behind + " commit" + (behind == 1 ? "" : "s")
                    + ", and can be fast-forwarded.");
            hint("  (use \"git pull\" to update your local branch)");
        } else {
            line("Your branch and '" + upstream + "' have diverged,");
            line("and have " + ahead + " and " + behind + " different commit" + (ahead + behind == 1 ? "" : "s")
                    + " each, respectively.");
            hint("  (use \"git pull\" to merge the remote branch into yours)");
        }
        line("");
    }

    private void printStaged() {
        List<StatusEntry> staged = status.entries().stream().filter(e -> e.index() != 0 && !e.conflicted()).toList();
        if (staged.isEmpty()) {
            return;
        }
        line("Changes to be committed:");
        unstageHint();
        for (StatusEntry e : staged) {
            changeLine(e.index(), e.index() == 'R' ? e.renamedFrom() : null, e.path(), palette.updated());
        }
        line("");
    }

    /** How to unstage; git gives none while a merge is being concluded (its "whence" is not a plain commit). */
    private void unstageHint() {
        if (!status.mergeInProgress()) {
            hint(status.initial() ? "  (use \"git rm --cached <file>...\" to unstage)"
                    : "  (use \"git restore --staged <file>...\" to unstage)");
        }
    }

    private void printConflicts() {
        List<StatusEntry> conflicts = status.entries().stream().filter(StatusEntry::conflicted).toList();
        if (conflicts.isEmpty()) {
            return;
        }
        line("Unmerged paths:");
        if (hints) {
            unstageHint();
            boolean bothDeleted = conflicts.stream().anyMatch(e -> e.stageMask() == 1);
            boolean deleteModify = conflicts.stream().anyMatch(e -> e.stageMask() == 3 || e.stageMask() == 5);
            boolean notDeleted = conflicts.stream().anyMatch(e -> e.stageMask() != 1 && e.stageMask() != 3
                    && e.stageMask() != 5);
            if (!bothDeleted) {
                hint(deleteModify ? "  (use \"git add/rm <file>...\" as appropriate to mark resolution)"
                        : "  (use \"git add <file>...\" to mark resolution)");
            } else if (!deleteModify && !notDeleted) {
                hint("  (use \"git rm <file>...\" to mark resolution)");
            } else {
                hint("  (use \"git add/rm <file>...\" as appropriate to mark resolution)");
            }
        }
        for (StatusEntry e : conflicts) {
            String label = e.conflictLabel();
            line("\t" + palette.paint(palette.changed(),
                    label + " ".repeat(CONFLICT_LABEL_WIDTH - label.length()) + display(e.path(), prefix, false)));
        }
        line("");
    }

    private void printUnstaged() {
        List<StatusEntry> changed = status.entries().stream().filter(e -> e.worktree() != 0 && !e.conflicted()).toList();
        if (changed.isEmpty()) {
            return;
        }
        line("Changes not staged for commit:");
        boolean deleted = changed.stream().anyMatch(e -> e.worktree() == 'D');
        hint(deleted ? "  (use \"git add/rm <file>...\" to update what will be committed)"
                : "  (use \"git add <file>...\" to update what will be committed)");
        hint("  (use \"git restore <file>...\" to discard changes in working directory)");
        for (StatusEntry e : changed) {
            changeLine(e.worktree(), null, e.path(), palette.changed());
        }
        line("");
    }

    private void changeLine(char letter, String from, String path, String color) {
        String label = switch (letter) {
            case 'A' -> "new file:";
            case 'C' -> "copied:";
            case 'D' -> "deleted:";
            case 'M' -> "modified:";
            case 'R' -> "renamed:";
            case 'T' -> "typechange:";
            case 'U' -> "unmerged:";
            default -> "unknown:";
        };
        String padded = label + " ".repeat(LABEL_WIDTH - label.length());
        String shown = from != null ? display(from, prefix, false) + " -> " + display(path, prefix, false)
                : display(path, prefix, false);
        line("\t" + palette.paint(color, padded + shown));
    }

    private void printOthers(List<String> paths, String what, String how) {
        if (paths.isEmpty()) {
            return;
        }
        line(what + ":");
        hint("  (use \"git " + how + " <file>...\" to include in what will be committed)");
        for (String path : paths) {
            line("\t" + palette.paint(palette.untracked(), display(path, prefix, false)));
        }
        line("");
    }

    // ---- short format and porcelain v1 ----

    /** Porcelain v1: the short format with paths from the top and never a colour. */
    private void printShortPlain() throws IOException {
        new StatusPrinter(repo, status, "", nul, showBranch, showUntracked, showIgnored, hints, Palette.OFF)
                .print(Format.SHORT, out);
    }

    private void printShort(String pathPrefix) throws IOException {
        String eol = nul ? "\0" : "\n";
        if (showBranch) {
            write("## " + shortBranch() + eol);
        }
        for (StatusEntry e : status.entries()) {
            if (e.conflicted()) {
                write(palette.paint(palette.changed(), e.conflictCode()) + " " + shortPath(e.path(), pathPrefix) + eol);
                continue;
            }
            String code = (e.index() != 0 ? palette.paint(palette.updated(), String.valueOf(e.index())) : " ")
                    + (e.worktree() != 0 ? palette.paint(palette.changed(), String.valueOf(e.worktree())) : " ") + " ";
            if (nul) {
                write(code + e.path() + "\0" + (e.renamedFrom() != null ? e.renamedFrom() + "\0" : ""));
            } else if (e.renamedFrom() != null) {
                write(code + display(e.renamedFrom(), pathPrefix, true) + " -> " + display(e.path(), pathPrefix, true) + "\n");
            } else {
                write(code + display(e.path(), pathPrefix, true) + "\n");
            }
        }
        for (String path : status.untracked()) {
            write(palette.paint(palette.untracked(), "??") + " " + shortPath(path, pathPrefix) + eol);
        }
        for (String path : status.ignored()) {
            write(palette.paint(palette.untracked(), "!!") + " " + shortPath(path, pathPrefix) + eol);
        }
    }

    private String shortPath(String path, String pathPrefix) {
        return nul ? path : display(path, pathPrefix, true);
    }

    /** The {@code ## } line: branch, upstream and the counts (wt_shortstatus_print_tracking). */
    private String shortBranch() {
        StringBuilder sb = new StringBuilder();
        if (status.initial()) {
            sb.append("No commits yet on ");
        }
        if (status.branch() == null) {
            return sb.append(palette.paint(palette.noBranch(), "HEAD (no branch)")).toString();
        }
        sb.append(palette.paint(palette.updated(), status.branch().substring("refs/heads/".length())));
        if (status.upstream() == null || status.initial()) {
            return sb.toString();
        }
        sb.append("...").append(palette.paint(palette.changed(), status.upstream()));
        if (status.upstreamGone()) {
            return sb.append(" [gone]").toString();
        }
        int ahead = status.ahead();
        int behind = status.behind();
        if (ahead == 0 && behind == 0) {
            return sb.toString();
        }
        sb.append(" [");
        String aheadCount = palette.paint(palette.updated(), String.valueOf(ahead));
        String behindCount = palette.paint(palette.changed(), String.valueOf(behind));
        if (ahead == 0) {
            sb.append("behind ").append(behindCount);
        } else if (behind == 0) {
            sb.append("ahead ").append(aheadCount);
        } else {
            sb.append("ahead ").append(aheadCount).append(", behind ").append(behindCount);
        }
        return sb.append(']').toString();
    }

    // ---- porcelain v2 ----

    private void printV2() {
        String eol = nul ? "\0" : "\n";
        if (showBranch) {
            write("# branch.oid " + (status.initial() ? "(initial)" : status.head().name()) + eol);
            write("# branch.head " + (status.branch() == null ? "(detached)"
                    : status.branch().substring("refs/heads/".length())) + eol);
            if (status.upstream() != null) {
                write("# branch.upstream " + status.upstream() + eol);
                if (!status.upstreamGone() && !status.initial()) {
                    write("# branch.ab +" + status.ahead() + " -" + status.behind() + eol);
                }
            }
        }
        for (StatusEntry e : status.entries()) {
            if (e.conflicted()) {
                continue;
            }
            String key = "" + (e.index() != 0 ? e.index() : '.') + (e.worktree() != 0 ? e.worktree() : '.');
            String sub = submodule(e) ? "SC.." : "N...";
            String common = key + " " + sub + " " + mode(e.modeHead()) + " " + mode(e.modeIndex()) + " "
                    + mode(e.modeWorktree()) + " " + e.idHead().name() + " " + e.idIndex().name() + " ";
            if (e.renamedFrom() != null) {
                write("2 " + common + "R" + e.renameScore() + " " + v2Path(e.path()) + (nul ? "\0" : "\t")
                        + v2Path(e.renamedFrom()) + eol);
            } else {
                write("1 " + common + v2Path(e.path()) + eol);
            }
        }
        for (StatusEntry e : status.entries()) {
            if (!e.conflicted()) {
                continue;
            }
            String sub = (e.stageModes()[0] | e.stageModes()[1] | e.stageModes()[2]) == 0160000 ? "S..." : "N...";
            write("u " + e.conflictCode() + " " + sub + " " + mode(e.stageModes()[0]) + " " + mode(e.stageModes()[1])
                    + " " + mode(e.stageModes()[2]) + " " + mode(e.modeWorktree()) + " " + e.stageIds()[0].name() + " "
                    + e.stageIds()[1].name() + " " + e.stageIds()[2].name() + " " + v2Path(e.path()) + eol);
        }
        for (String path : status.untracked()) {
            write("? " + v2Path(path) + eol);
        }
        for (String path : status.ignored()) {
            write("! " + v2Path(path) + eol);
        }
    }

    /** Whether a changed entry is a submodule whose commit changed (git's "S" token with C). */
    private static boolean submodule(StatusEntry e) {
        return e.modeHead() == 0160000 || e.modeIndex() == 0160000 || e.modeWorktree() == 0160000;
    }

    private String v2Path(String path) {
        return nul ? path : display(path, prefix, false);
    }

    private static String mode(int mode) {
        return String.format("%06o", mode);
    }

    /**
     * A path as git's {@code quote_path} shows it: relative to {@code pathPrefix} (the current
     * directory), C-quoted when needed, and with {@code quoteSpaces} also when it holds a space.
     */
    static String display(String path, String pathPrefix, boolean quoteSpaces) {
        String relative = relative(path, pathPrefix);
        String quoted = Quoting.cStyle(relative);
        if (quoteSpaces && quoted.equals(relative) && relative.indexOf(' ') >= 0) {
            return "\"" + relative + "\"";
        }
        return quoted;
    }

    /** git's relative_path(): {@code path} seen from the directory {@code prefix} ("" or ending in '/'). */
    static String relative(String path, String prefix) {
        if (prefix.isEmpty()) {
            return path;
        }
        int common = 0;
        for (int i = 0; i < Math.min(path.length(), prefix.length()); i++) {
            if (path.charAt(i) != prefix.charAt(i)) {
                break;
            }
            if (prefix.charAt(i) == '/') {
                common = i + 1;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int i = common; i < prefix.length(); i++) {
            if (prefix.charAt(i) == '/') {
                sb.append("../");
            }
        }
        sb.append(path.substring(common));
        return sb.isEmpty() ? "./" : sb.toString();
    }
}
