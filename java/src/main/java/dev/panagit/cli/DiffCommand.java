package dev.panagit.cli;

import dev.panagit.diff.MyersDiff;
import dev.panagit.diff.UnifiedDiff;
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
 * {@code diff --no-index <a> <b>}: two files compared as git compares them, output byte for byte
 * as git's (headers, abbreviated blob ids and modes, mode changes, binary files, hunks from the
 * same algorithm and heuristics), exit code 1 when they differ. Diffs of the index, the work tree
 * and commits build on the same engine (issue 12).
 */
final class DiffCommand implements Command {
    /** git's buffer_is_binary: a NUL in the first 8000 bytes. */
    private static final int FIRST_FEW_BYTES = 8000;

    @Override
    public String name() {
        return "diff";
    }

    @Override
    public String description() {
        return "Show changes between two files (--no-index), as git diff --no-index does.";
    }

    @Override
    public int run(Args args) throws Exception {
        Args.Flag noIndexOption = args.flag("--no-index", "compare two paths outside any repository");
        Args.Value unifiedOption = args.value("-U, --unified", "<n>", "lines of context (default 3)");
        Args.Flag noColorOption = args.flag("--no-color", "no colors (panagit writes none)");
        Args.Flag exitCodeOption = args.flag("--exit-code", "exit 1 when there are differences (implied by --no-index)");
        Args.Operands operands = args.operands("<path> <path>", 2, 2, null);
        args.parse();
        noColorOption.on();
        exitCodeOption.on();
        if (!noIndexOption.on()) {
            throw new Fatal("only 'diff --no-index <path> <path>' is built so far; diffs of the index, the work tree "
                    + "and commits come next");
        }
        int context = 3;
        if (unifiedOption.given()) {
            try {
                context = Integer.parseInt(unifiedOption.get("3"));
            } catch (NumberFormatException e) {
                throw new Args.UsageException(args, "-U requires a numeric value");
            }
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
        byte[] left = content(a);
        byte[] right = content(b);
        int modeA = mode(a);
        int modeB = mode(b);
        if (modeA == modeB && java.util.Arrays.equals(left, right)) {
            return 0;
        }
        String pathA = "a/" + stripLeadingSlash(nameA);
        String pathB = "b/" + stripLeadingSlash(nameB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        line(out, "diff --git " + Quoting.cStyle(pathA) + " " + Quoting.cStyle(pathB));
        if (modeA != modeB) {
            line(out, "old mode " + Integer.toOctalString(modeA));
            line(out, "new mode " + Integer.toOctalString(modeB));
        }
        if (!java.util.Arrays.equals(left, right)) {
            String ids = abbrev(left) + ".." + abbrev(right);
            line(out, "index " + ids + (modeA == modeB ? " " + Integer.toOctalString(modeA) : ""));
            if (binary(left) || binary(right)) {
                line(out, "Binary files " + Quoting.cStyle(pathA) + " and " + Quoting.cStyle(pathB) + " differ");
            } else {
                line(out, "--- " + Quoting.cStyle(pathA));
                line(out, "+++ " + Quoting.cStyle(pathB));
                out.writeBytes(UnifiedDiff.hunks(left, right, context, MyersDiff.Options.GIT_DEFAULT));
            }
        }
        PrintStream stdout = io.out();
        stdout.write(out.toByteArray());
        stdout.flush();
        return 1;
    }

    private static String stripLeadingSlash(String name) {
        int i = 0;
        while (i < name.length() && name.charAt(i) == '/') {
            i++;
        }
        return name.substring(i);
    }

    private static byte[] content(Path file) throws java.io.IOException {
        return Files.isSymbolicLink(file) ? Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8)
                : Files.readAllBytes(file);
    }

    private static int mode(Path file) throws java.io.IOException {
        if (Files.isSymbolicLink(file)) {
            return 0120000;
        }
        boolean executable = Files.getFileStore(file).supportsFileAttributeView("posix")
                && Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE);
        return executable ? 0100755 : 0100644;
    }

    private static boolean binary(byte[] content) {
        for (int i = 0, n = Math.min(content.length, FIRST_FEW_BYTES); i < n; i++) {
            if (content[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** The blob id, abbreviated to seven digits as git does outside a repository. */
    private static String abbrev(byte[] content) {
        ObjectId id = Io.current().backend().codec().hashObject(ObjectFormat.SHA1, ObjectType.BLOB, content, 0,
                content.length);
        return id.name().substring(0, 7);
    }

    private static void line(ByteArrayOutputStream out, String text) {
        out.writeBytes((text + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
