package dev.panagit.cli;

import static dev.panagit.testing.Fixtures.git;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.backend.BackendChoice;
import dev.panagit.testing.GitCli;
import dev.panagit.testing.Panagit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code diff}, {@code show}, {@code log -p} and {@code log --pretty/--format/--date} against git on one repository holding every kind of change
 * (modified with several hunks and function context, added, deleted, empty, binary, mode and
 * kind changes, symlinks, missing final newlines, quoted names, nested paths), staged, unstaged
 * and committed, and renames): stdout, stderr and exit code must be git's.
 */
class DiffShowTwinTest {
    @TempDir
    Path dir;

    private static final Map<String, String> ENV = Map.of("GIT_AUTHOR_NAME", "Ada", "GIT_AUTHOR_EMAIL", "ada@example.com",
            "GIT_COMMITTER_NAME", "Cy", "GIT_COMMITTER_EMAIL", "cy@example.com", "GIT_AUTHOR_DATE",
            "1700000000 +0100", "GIT_COMMITTER_DATE", "1700000100 +0100");

    private static String code(String variant) {
        StringBuilder sb = new StringBuilder();
        for (int f = 0; f < 6; f++) {
            sb.append("static int function").append(f).append("(int x)\n{\n");
            for (int l = 0; l < 8; l++) {
                String body = "\tx = x * " + (f + l) + ";";
                if (variant.equals("v2") && (f == 1 && l == 3 || f == 4 && l == 6)) {
                    body = "\tx = x + " + (f * l) + "; /* changed */";
                }
                if (variant.equals("v3") && f == 5 && l == 7) {
                    body = "\tx = -x;";
                }
                sb.append(body).append('\n');
            }
            sb.append("\treturn x;\n}\n\n");
        }
        return sb.toString();
    }

    private void commit(Path root, String message) {
        GitCli.Result r = GitCli.run(root, null, ENV, "add", "-A");
        assertEquals(0, r.exitCode(), r.stderr());
        r = GitCli.run(root, null, ENV, "commit", "-q", "-m", message);
        assertEquals(0, r.exitCode(), r.stderr());
    }

    private Path scenario() throws Exception {
        Path root = dir.resolve("repo");
        git(dir, "init", "-q", "-b", "main", root.toString());
        Files.createDirectories(root.resolve("src"));
        Files.createDirectories(root.resolve("dir/deep"));
        Files.writeString(root.resolve("src/a.c"), code("v1"));
        Files.writeString(root.resolve("b.txt"), "alpha\nbeta\ngamma\n");
        Files.write(root.resolve("bin.dat"), new byte[] {1, 2, 0, 3, 4});
        Files.writeString(root.resolve("exec.sh"), "#!/bin/sh\necho hi\n");
        Files.writeString(root.resolve("empty"), "");
        Files.writeString(root.resolve("noeol"), "last line without newline");
        Files.writeString(root.resolve("sp ace.txt"), "space\n");
        Files.writeString(root.resolve("tab\tname"), "tab\n");
        Files.writeString(root.resolve("dir/deep/x.txt"), "deep\n");
        Files.createSymbolicLink(root.resolve("link"), Path.of("b.txt"));
        commit(root, "first\n\nwith a body line\n\tand a tab");

        Files.writeString(root.resolve("src/a.c"), code("v2"));
        Files.delete(root.resolve("b.txt"));
        Files.writeString(root.resolve("new.txt"), "1\n2\n3\n4\n5\n6\n7\n8\n9\n");
        Files.setPosixFilePermissions(root.resolve("exec.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.write(root.resolve("bin.dat"), new byte[] {1, 2, 0, 3, 5});
        Files.writeString(root.resolve("empty2"), "");
        Files.writeString(root.resolve("noeol"), "last line without newline\n");
        Files.delete(root.resolve("link"));
        Files.createSymbolicLink(root.resolve("link"), Path.of("noeol"));
        Files.delete(root.resolve("dir/deep/x.txt"));
        Files.createSymbolicLink(root.resolve("dir/deep/x.txt"), Path.of("../../noeol"));
        Files.writeString(root.resolve("h\u00e9llo.txt"), "unicode name\n");
        Path longName = root.resolve("a/very/long/directory/name/that/goes/on/and/on/for/a/while/long-file-name.txt");
        Files.createDirectories(longName.getParent());
        Files.writeString(longName, "line\n".repeat(150));
        commit(root, "second");

        // A clean merge: shows with no diff.
        GitCli.run(root, null, ENV, "checkout", "-q", "-b", "side", "HEAD~1");
        Files.writeString(root.resolve("side.txt"), "side\n");
        commit(root, "side");
        GitCli.run(root, null, ENV, "checkout", "-q", "main");
        GitCli.Result merge = GitCli.run(root, null, ENV, "merge", "-q", "--no-edit", "side");
        assertEquals(0, merge.exitCode(), merge.stderr());

        // Work in progress: staged and unstaged.
        Files.writeString(root.resolve("src/a.c"), code("v3"));
        Files.writeString(root.resolve("noeol"), "staged change\n");
        GitCli.run(root, null, ENV, "add", "noeol");
        Files.delete(root.resolve("new.txt"));
        Files.setPosixFilePermissions(root.resolve("exec.sh"), PosixFilePermissions.fromString("rw-r--r--"));
        return root;
    }

    /**
     * Renames as git finds them: exact (in place and into another folder), edited, shrunk, a small
     * file with a line added, several candidates for one name, beside plain deletions and additions.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void renamesAreFoundAsGitFindsThem(BackendChoice backend) throws Exception {
        Path root = dir.resolve("renames");
        git(dir, "init", "-q", "-b", "main", root.toString());
        Files.createDirectories(root.resolve("src/old"));
        Files.createDirectories(root.resolve("lib"));
        for (int i = 1; i <= 6; i++) {
            StringBuilder text = new StringBuilder();
            for (int l = 1; l <= i * 30; l++) {
                text.append("file").append(i).append(" line ").append(l).append('\n');
            }
            Files.writeString(root.resolve("src/old/f" + i + ".txt"), text.toString());
        }
        Files.writeString(root.resolve("same.txt"), "same\n");
        Files.writeString(root.resolve("lib/tiny"), "tiny\n");
        Files.writeString(root.resolve("lib/a.txt"), code("v1"));
        Files.writeString(root.resolve("lib/b.txt"), code("v1") + "extra\n");
        commit(root, "before");
        Files.createDirectories(root.resolve("src/new"));
        Files.move(root.resolve("src/old/f1.txt"), root.resolve("src/new/f1.txt"));
        String f2 = Files.readString(root.resolve("src/old/f2.txt")).replace("line 7\n", "line seven\n");
        Files.delete(root.resolve("src/old/f2.txt"));
        Files.writeString(root.resolve("src/old/g2.txt"), f2);
        String f3 = Files.readString(root.resolve("src/old/f3.txt"));
        Files.delete(root.resolve("src/old/f3.txt"));
        Files.writeString(root.resolve("moved3.txt"), f3.substring(f3.length() / 3));
        Files.move(root.resolve("same.txt"), root.resolve("same-renamed.txt"));
        Files.delete(root.resolve("src/old/f4.txt"));
        Files.writeString(root.resolve("brand-new.txt"), "other\n".repeat(50));
        Files.delete(root.resolve("lib/tiny"));
        Files.writeString(root.resolve("lib/tiny2"), "tiny\nmore\n");
        Files.move(root.resolve("lib/a.txt"), root.resolve("lib/c.txt"));
        Files.move(root.resolve("lib/b.txt"), root.resolve("d.txt"));
        commit(root, "after");
        Files.move(root.resolve("src/old/f5.txt"), root.resolve("f5-unstaged.txt"));
        GitCli.run(root, null, ENV, "add", "-N", "f5-unstaged.txt");
        for (String[] command : new String[][] {{"show"}, {"show", "--stat"}, {"diff", "HEAD~1", "HEAD", "--name-status"},
            {"diff", "HEAD~1", "HEAD", "--numstat"}, {"diff", "HEAD~1", "HEAD", "--stat"}, {"diff", "--no-renames",
                "--name-status", "HEAD~1", "HEAD"}, {"log", "-p"}, {"diff", "HEAD~1"},
            {"diff", "-M90%", "--name-status", "HEAD~1", "HEAD"}, {"diff", "-M20", "--stat", "HEAD~1", "HEAD"},
            {"show", "--find-renames=0.3", "--name-status"}}) {
            GitCli.Result theirs = GitCli.run(root, null, ENV, command);
            Panagit.Result ours = Panagit.run(backend, root, null, ENV, command);
            String what = String.join(" ", command);
            assertEquals(theirs.text(), ours.text(), what);
            assertEquals(theirs.exitCode(), ours.exitCode(), what);
        }
        assertTrue(GitCli.ok(root, "show").contains("similarity index"), "the scenario has renames");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void diffAndShowAreGits(BackendChoice backend) throws Exception {
        Path root = scenario();
        String[][] commands = {
            {"diff"}, {"diff", "--cached"}, {"diff", "HEAD"}, {"diff", "HEAD~1"}, {"diff", "HEAD~2", "HEAD~1"},
            {"diff", "HEAD~2..HEAD~1"}, {"diff", "HEAD~2", "HEAD~1", "--", "src", "dir"}, {"diff", "--", "src/a.c"},
            {"diff", "--name-only", "HEAD~2", "HEAD~1"}, {"diff", "--name-status", "HEAD~2", "HEAD~1"},
            {"diff", "--numstat", "HEAD~2", "HEAD~1"}, {"diff", "--shortstat", "HEAD~2", "HEAD~1"},
            {"diff", "--shortstat"}, {"diff", "-U1", "HEAD~2", "HEAD~1"}, {"diff", "--unified=0", "HEAD~2", "HEAD~1"},
            {"diff", "--exit-code"}, {"diff", "--quiet", "HEAD~2", "HEAD~1"}, {"diff", "--exit-code", "HEAD", "HEAD"},
            {"show"}, {"show", "HEAD~1"}, {"show", "HEAD~2"}, {"show", "HEAD~1:src/a.c"}, {"show", "HEAD^{tree}"},
            {"show", "HEAD~1", "HEAD~2"}, {"show", "-U1", "HEAD~1"},
            {"log", "-p"}, {"log", "--oneline", "-p"}, {"log", "-U0", "-2", "HEAD~1"},
            {"diff", "--stat", "HEAD~2", "HEAD~1"}, {"diff", "--stat"}, {"show", "--stat", "HEAD~1"}, {"log", "--stat"},
            {"log", "--pretty=oneline"}, {"log", "--pretty=short"}, {"log", "--pretty=full"}, {"log", "--pretty=fuller"},
            {"log", "--pretty=raw"}, {"log", "--format=%h%d|%s|%an|%ae|%ad|%cd|%T|%t|%P|%p|%D|%b|%%"},
            {"log", "--pretty=format:%H %s"}, {"log", "--date=iso"}, {"log", "--date=iso-strict", "--format=%ad %cd"},
            {"log", "--date=rfc"}, {"log", "--date=short", "--pretty=fuller"}, {"log", "--date=unix", "--format=%at %ct"},
            {"log", "--date=raw", "--format=%ad"}, {"log", "--date=relative", "--format=%ar %cr"},
            {"log", "--format=%B%n--"},
        };
        Map<String, String> env = new HashMap<>(ENV);
        for (String[] command : commands) {
            GitCli.Result theirs = GitCli.run(root, null, env, command);
            Panagit.Result ours = Panagit.run(backend, root, null, env, command);
            String what = String.join(" ", command);
            assertEquals(theirs.text(), ours.text(), what);
            assertEquals(theirs.stderr(), ours.stderr(), what);
            assertEquals(theirs.exitCode(), ours.exitCode(), what);
        }
        env.put("COLUMNS", "60");   // a narrower stat: names cut with "...", graphs scaled
        for (String[] command : new String[][] {{"diff", "--stat", "HEAD~2", "HEAD~1"}, {"log", "--stat", "-2"}}) {
            GitCli.Result theirs = GitCli.run(root, null, env, command);
            Panagit.Result ours = Panagit.run(backend, root, null, env, command);
            assertEquals(theirs.text(), ours.text(), "COLUMNS=60 " + String.join(" ", command));
        }
        assertTrue(GitCli.ok(root, "diff", "HEAD~2", "HEAD~1").contains("new mode 100755"), "the scenario has its cases");
    }
}
