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
    public int run(Io io, Args args) throws Exception {
        Args.Flag noIndexOption = args.flag("--no-index", "compare two paths outside any repository");
        DiffOptions diffOptions = new DiffOptions(args);
        Args.Flag exitCodeOption = args.flag("--exit-code", "exit 1 when there are differences (implied by --no-index)");
        Args.Flag quietOption = args.flag("--quiet", "print nothing; exit 1 when there are differences");
        Args.Flag cachedOption = args.flag("--cached, --staged", "the index against HEAD (or a given commit)");
        Args.Operands operands = args.operands("[<commit> [<commit>]] [--] [<path>...]", 0, -1, null);
        args.parse();
        DiffOptions.Formats formats = diffOptions.formats(true);
        int context = diffOptions.context();
        MyersDiff.Options algorithm = diffOptions.algorithmOptions();
        if (!noIndexOption.on()) {
            return inRepository(io, operands, diffOptions, formats, context, algorithm, cachedOption.on(),
                    exitCodeOption.on() || quietOption.on(), quietOption.on());
        }
        if (operands.size() != 2) {
            throw new Args.UsageException(args, "--no-index compares exactly two paths");
        }
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
        // the two ids on two cores: for large files hashing is a fair share of the command
        java.util.concurrent.CompletableFuture<ObjectId> rightId = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> PatchContents.blobId(io, right));
        Side before = new Side(mode(a), PatchContents.blobId(io, left));
        Side after = new Side(mode(b), rightId.join());
        if (before.equals(after)) {
            return 0;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Change> changes = List.of(new Change(stripLeadingSlash(nameA), stripLeadingSlash(nameB), before, after));
        PatchWriter.Contents contents = PatchContents.ofFiles(left, right);
        DiffOptions.write(changes, formats, contents, context, algorithm, io.env(),
                diffOptions.palette(io, dev.panagit.repo.ConfigFiles.user(io.env()), "diff"), out);
        if (!quietOption.on()) {
            PrintStream stdout = io.out();
            stdout.write(out.toByteArray());
            stdout.flush();
        }
        return DiffOptions.showing(changes, contents, algorithm).isEmpty() ? 0 : 1;
    }

    /** git diff in a repository: index against work tree, a commit or the index, or two commits. */
    private int inRepository(Io io, Args.Operands operands, DiffOptions diffOptions, DiffOptions.Formats formats, int context,
            MyersDiff.Options algorithm, boolean cached, boolean exitCode, boolean quiet) throws Exception {
        Repository repo = Repos.open(io);
        List<String> all = operands.all();
        int split = operands.beforeDashDash();
        List<String> revs = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            String arg = all.get(i);
            boolean revision = split >= 0 ? i < split : paths.isEmpty() && isRevision(io, repo, arg);
            (revision ? revs : paths).add(arg);
        }
        if (split < 0) {
            for (String path : paths) {
                if (!Files.exists(io.resolve(path), LinkOption.NOFOLLOW_LINKS)) {
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
            String rel = root.relativize(io.resolve(p).toAbsolutePath().normalize()).toString();
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
            ObjectId base = revs.isEmpty() ? repo.refs().resolve(Refs.HEAD).orElse(null) : Repos.commit(io, repo, revs.get(0));
            before = Snapshots.ofTree(repo, base);
            after = Snapshots.ofIndex(index);
        } else if (revs.isEmpty()) {
            before = Snapshots.ofIndex(index);
            after = Snapshots.ofWorkTree(repo, index, Snapshots.tracked(index));
            workTreeAfter = true;
        } else if (revs.size() == 1) {
            before = Snapshots.ofTree(repo, Repos.commit(io, repo, revs.get(0)));
            after = Snapshots.ofWorkTree(repo, index, Snapshots.tracked(index));
            workTreeAfter = true;
        } else if (revs.size() == 2) {
            before = Snapshots.ofTree(repo, Repos.commit(io, repo, revs.get(0)));
            after = Snapshots.ofTree(repo, Repos.commit(io, repo, revs.get(1)));
        } else {
            throw new Fatal("diff takes at most two commits here (combined diffs of more are not built)");
        }
        if (workTreeAfter) {
            index.writeIfAble(repo.indexFile());   // as git's diff: stat data found current are kept
        }
        List<Change> changes = Snapshots.changes(before, after, Snapshots.pathspec(relative));
        PatchWriter.Contents contents = PatchContents.of(repo, workTreeAfter ? root : null);
        changes = DiffOptions.withRenames(changes,
                diffOptions.renames(repo.config().getBoolean("diff.renames", true)), diffOptions.renameScore(), contents);
        if (!quiet) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            DiffOptions.write(changes, formats, contents, context, algorithm, io.env(),
                    diffOptions.palette(io, dev.panagit.repo.ConfigFiles.effective(repo, io.env()), "diff"), text);
            PrintStream out = io.out();
            out.write(text.toByteArray());
            out.flush();
        }
        return exitCode && !DiffOptions.showing(changes, contents, algorithm).isEmpty() ? 1 : 0;
    }

    /** Whether {@code arg} names a revision, or a range {@code A..B} of two. */
    private static boolean isRevision(Io io, Repository repo, String arg) throws java.io.IOException {
        int dots = arg.indexOf("..");
        if (dots >= 0 && !Files.exists(io.resolve(arg), LinkOption.NOFOLLOW_LINKS)) {
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
}
