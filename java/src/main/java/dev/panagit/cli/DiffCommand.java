package dev.panagit.cli;

import dev.panagit.diff.DiffStat;
import dev.panagit.diff.MyersDiff;
import dev.panagit.diff.PatchWriter;
import dev.panagit.diff.PatchWriter.Change;
import dev.panagit.diff.PatchWriter.Side;
import dev.panagit.diff.Renames;
import dev.panagit.diff.Snapshots;
import dev.panagit.diff.UnifiedDiff;
import dev.panagit.index.DirCache;
import dev.panagit.repo.Refs;
import dev.panagit.repo.Repository;
import dev.panagit.repo.Revisions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

/**
 * {@code diff}: the index against the work tree, {@code --cached} the index against HEAD or a
 * commit, a commit against the work tree, two commits ({@code A B} or {@code A..B}), limited to
 * paths; and {@code --no-index <a> <b>} for two files. Output byte for byte as git's (headers,
 * abbreviated ids and modes, new, deleted and mode-changed files, binary files, hunks from the
 * same algorithm and heuristics), renames found as git finds them, {@code --stat} and the other
 * summaries. Not yet: copies, whitespace options, other algorithms.
 */
final class DiffCommand implements Command {
    @Override
    public String name() {
        return "diff";
    }

    @Override
    public String description() {
        return "Show changes between the work tree, the index and commits (or two files with --no-index).";
    }

    @Override
    public int run(Args args) throws Exception {
        Args.Flag noIndexOption = args.flag("--no-index", "compare two paths outside any repository");
        Args.Value unifiedOption = args.value("-U, --unified", "<n>", "lines of context (default 3)");
        Args.Flag noColorOption = args.flag("--no-color", "no colors (panagit writes none)");
        Args.Flag exitCodeOption = args.flag("--exit-code", "exit 1 when there are differences (implied by --no-index)");
        Args.Flag quietOption = args.flag("--quiet", "print nothing; exit 1 when there are differences");
        Args.Flag cachedOption = args.flag("--cached, --staged", "the index against HEAD (or a given commit)");
        Args.Flag nameOnlyOption = args.flag("--name-only", "only the names of changed files");
        Args.Flag nameStatusOption = args.flag("--name-status", "names and kinds of change (A, D, M, T)");
        Args.Flag numstatOption = args.flag("--numstat", "lines added and deleted per file, tab-separated");
        Args.Flag shortstatOption = args.flag("--shortstat", "only the summary line: files changed, insertions, deletions");
        Args.Flag statOption = args.flag("--stat", "a line per file with a +/- graph, then the summary");
        Args.Flag renamesOption = args.flag("-M, --find-renames", "detect renames (the default, as git's diff.renames)");
        Args.Flag noRenamesOption = args.flag("--no-renames", "show a moved file as a deletion and an addition");
        Args.Operands operands = args.operands("[<commit> [<commit>]] [--] [<path>...]", 0, -1, null);
        args.parse();
        noColorOption.on();
        int context = 3;
        if (unifiedOption.given()) {
            try {
                context = Integer.parseInt(unifiedOption.get("3"));
            } catch (NumberFormatException e) {
                throw new Args.UsageException(args, "-U requires a numeric value");
            }
        }
        if (!noIndexOption.on()) {
            summary = numstatOption.on() ? Summary.NUMSTAT : shortstatOption.on() ? Summary.SHORTSTAT
                    : statOption.on() ? Summary.STAT : Summary.NONE;
            renamesOption.on();
            detectRenames = !noRenamesOption.on();
            return inRepository(operands, context, cachedOption.on(), nameOnlyOption.on(), nameStatusOption.on(),
                    exitCodeOption.on() || quietOption.on(), quietOption.on());
        }
        if (operands.size() != 2) {
            throw new Args.UsageException(args, "--no-index compares exactly two paths");
        }
        Io io = Io.current();
        String nameA = operands.get(0, null);
        String nameB = operands.get(1, null);
        Path a = io.resolve(nameA);
        Path b = io.resolve(nameB);
        for (String[] p : new String[][] {{nameA, a.toString()}, {nameB, b.toString()}}) {
            Path file = Path.of(p[1]);
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                // git's words and exit code: 1, as for a difference (a script sees what it sees with git)
                io.err().println("error: Could not access '" + p[0] + "'");
                return 1;
            }
            if (Files.isDirectory(file)) {
                throw new Fatal("'" + p[0] + "': comparing directories is not built yet");
            }
        }
        byte[] left = PatchContents.fileContent(a);
        byte[] right = PatchContents.fileContent(b);
        Side before = new Side(mode(a), PatchContents.blobId(left));
        Side after = new Side(mode(b), PatchContents.blobId(right));
        if (before.equals(after)) {
            return 0;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PatchWriter(PatchContents.ofFiles(a, b), context).write(
                List.of(new Change(stripLeadingSlash(nameA), stripLeadingSlash(nameB), before, after)), out);
        PrintStream stdout = io.out();
        stdout.write(out.toByteArray());
        stdout.flush();
        return 1;
    }

    /** git diff in a repository: index against work tree, a commit or the index, or two commits. */
    private int inRepository(Args.Operands operands, int context, boolean cached, boolean nameOnly,
            boolean nameStatus, boolean exitCode, boolean quiet) throws Exception {
        Repository repo = Repos.open();
        List<String> all = operands.all();
        int split = operands.beforeDashDash();
        List<String> revs = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            String arg = all.get(i);
            boolean revision = split >= 0 ? i < split : paths.isEmpty() && isRevision(repo, arg);
            (revision ? revs : paths).add(arg);
        }
        if (split < 0) {
            for (String path : paths) {
                if (!Files.exists(Io.current().resolve(path), LinkOption.NOFOLLOW_LINKS)) {
                    throw new Fatal("ambiguous argument '" + path + "': unknown revision or path not in the working tree.\n"
                            + "Use '--' to separate paths from revisions, like this:\n"
                            + "'git <command> [<revision>...] -- [<file>...]'");
                }
            }
        }
        if (revs.size() == 1 && revs.get(0).contains("..")) {
            String range = revs.remove(0);
            int dots = range.indexOf("..");
            revs.add(range.substring(0, dots).isEmpty() ? "HEAD" : range.substring(0, dots));
            revs.add(range.substring(dots + 2).isEmpty() ? "HEAD" : range.substring(dots + 2));
        }
        List<String> relative = new ArrayList<>();
        Path root = repo.workTree();
        for (String p : paths) {
            String rel = root.relativize(Io.current().resolve(p).toAbsolutePath().normalize()).toString();
            relative.add(rel.replace('\\', '/'));
        }
        DirCache index = Repos.index(repo);
        Map<String, Side> before;
        Map<String, Side> after;
        boolean workTreeAfter = false;
        if (cached) {
            if (revs.size() > 1) {
                throw new Fatal("--cached takes at most one commit");
            }
            ObjectId base = revs.isEmpty() ? repo.refs().resolve(Refs.HEAD).orElse(null) : Repos.commit(repo, revs.get(0));
            before = Snapshots.ofTree(repo, base);
            after = Snapshots.ofIndex(index);
        } else if (revs.isEmpty()) {
            before = Snapshots.ofIndex(index);
            after = Snapshots.ofWorkTree(repo, index, Snapshots.tracked(index));
            workTreeAfter = true;
        } else if (revs.size() == 1) {
            before = Snapshots.ofTree(repo, Repos.commit(repo, revs.get(0)));
            after = Snapshots.ofWorkTree(repo, index, Snapshots.tracked(index));
            workTreeAfter = true;
        } else if (revs.size() == 2) {
            before = Snapshots.ofTree(repo, Repos.commit(repo, revs.get(0)));
            after = Snapshots.ofTree(repo, Repos.commit(repo, revs.get(1)));
        } else {
            throw new Fatal("diff takes at most two commits here (combined diffs of more are not built)");
        }
        if (workTreeAfter) {
            index.writeIfAble(repo.indexFile());   // as git's diff: stat data found current are kept
        }
        List<Change> changes = Snapshots.changes(before, after, Snapshots.pathspec(relative));
        if (detectRenames) {
            changes = Renames.detect(changes, PatchContents.of(repo, workTreeAfter ? root : null));
        }
        PrintStream out = Io.current().out();
        if (!quiet) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            if (summary != Summary.NONE) {
                summarize(changes, PatchContents.of(repo, workTreeAfter ? root : null), text);
            } else if (nameOnly || nameStatus) {
                for (Change c : changes) {
                    if (c.renamed()) {
                        line(text, nameStatus ? String.format("R%03d\t%s\t%s", c.similarity(),
                                Quoting.cStyle(c.oldPath()), Quoting.cStyle(c.path())) : Quoting.cStyle(c.path()));
                        continue;
                    }
                    String status = !c.before().present() ? "A" : !c.after().present() ? "D"
                            : (c.before().mode() & 0170000) != (c.after().mode() & 0170000) ? "T" : "M";
                    line(text, (nameStatus ? status + "\t" : "") + Quoting.cStyle(c.path()));
                }
            } else {
                new PatchWriter(PatchContents.of(repo, workTreeAfter ? root : null), context).write(changes, text);
            }
            out.write(text.toByteArray());
            out.flush();
        }
        return exitCode && !changes.isEmpty() ? 1 : 0;
    }

    private enum Summary { NONE, NUMSTAT, SHORTSTAT, STAT }

    private Summary summary = Summary.NONE;
    private boolean detectRenames = true;

    /** --numstat lines or the --shortstat line, counted from the same edits the patch shows. */
    private void summarize(List<Change> changes, PatchWriter.Contents contents, ByteArrayOutputStream text)
            throws java.io.IOException {
        if (summary == Summary.STAT) {
            text.writeBytes(DiffStat.format(changes, contents, DiffStat.width(Io.current().env()))
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        long files = 0;
        long insertions = 0;
        long deletions = 0;
        for (Change c : changes) {
            PatchWriter.LineCounts counts = PatchWriter.count(c, contents);
            files++;
            if (counts == null) {
                if (summary == Summary.NUMSTAT) {
                    line(text, "-\t-\t" + DiffStat.name(c, Quoting::cStyle));
                }
                continue;
            }
            insertions += counts.added();
            deletions += counts.deleted();
            if (summary == Summary.NUMSTAT) {
                line(text, counts.added() + "\t" + counts.deleted() + "\t" + DiffStat.name(c, Quoting::cStyle));
            }
        }
        if (summary == Summary.SHORTSTAT && files > 0) {
            text.writeBytes(DiffStat.summary(files, insertions, deletions).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Whether {@code arg} names a revision, or a range {@code A..B} of two. */
    private static boolean isRevision(Repository repo, String arg) throws java.io.IOException {
        int dots = arg.indexOf("..");
        if (dots >= 0 && !Files.exists(Io.current().resolve(arg), LinkOption.NOFOLLOW_LINKS)) {
            String left = arg.substring(0, dots);
            String right = arg.substring(dots + 2);
            return (left.isEmpty() || Revisions.resolve(repo, left, true).isPresent())
                    && (right.isEmpty() || Revisions.resolve(repo, right, true).isPresent());
        }
        return Revisions.resolve(repo, arg, true).isPresent();
    }

    private static String stripLeadingSlash(String name) {
        int i = 0;
        while (i < name.length() && name.charAt(i) == '/') {
            i++;
        }
        return name.substring(i);
    }

    private static int mode(Path file) throws java.io.IOException {
        if (Files.isSymbolicLink(file)) {
            return 0120000;
        }
        boolean executable = Files.getFileStore(file).supportsFileAttributeView("posix")
                && Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE);
        return executable ? 0100755 : 0100644;
    }

    private static void line(ByteArrayOutputStream out, String text) {
        out.writeBytes((text + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
