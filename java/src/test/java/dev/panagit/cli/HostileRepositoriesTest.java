package dev.panagit.cli;

import static dev.panagit.testing.Fixtures.git;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.backend.BackendChoice;
import dev.panagit.testing.GitCli;
import dev.panagit.testing.Panagit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Repositories damaged or made hostile on purpose (issue 14): each gets a clean {@code fatal:}
 * in git's words (exit 128, no exception name, no hang), or, where git reads it, the same output
 * as git. Both backends.
 */
class HostileRepositoriesTest {
    @TempDir
    Path dir;

    private Path repo() {
        Path root = dir.resolve("repo");
        git(dir, "init", "-q", "-b", "master", root.toString());
        GitCli.Result r = GitCli.run(root, null, Map.of("GIT_AUTHOR_NAME", "a", "GIT_AUTHOR_EMAIL", "a@b",
                "GIT_COMMITTER_NAME", "a", "GIT_COMMITTER_EMAIL", "a@b"), "commit", "-q", "--allow-empty", "-m", "one");
        assertEquals(0, r.exitCode(), r.stderr());
        return root;
    }

    private static void assertFatal(Panagit.Result r, String expected) {
        assertEquals(128, r.exitCode(), r.stderr());
        assertEquals("fatal: " + expected + "\n", r.stderr());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void aLooseObjectThatIsADeviceOrAFifoIsNamedNotRead(BackendChoice backend) throws Exception {
        Path root = repo();
        String blob = GitCli.ok(root, "hash-object", "-w", "--stdin").strip();
        Path file = root.resolve(".git/objects/" + blob.substring(0, 2) + "/" + blob.substring(2));
        Files.delete(file);
        Files.createSymbolicLink(file, Path.of("/dev/zero"));
        String expected = "corrupt object " + blob + " (" + file + "): object file is not a regular file";
        assertFatal(Panagit.run(backend, root, null, "cat-file", "-p", blob), expected);
        assertFatal(Panagit.run(backend, root, null, "cat-file", "-t", blob), expected);   // named, not "not found"
        assertFatal(Panagit.run(backend, root, null, "explain", blob), expected);
        Files.delete(file);
        assertEquals(0, new ProcessBuilder("mkfifo", file.toString()).start().waitFor());
        assertFatal(Panagit.run(backend, root, null, "cat-file", "-p", blob), expected);   // no hang
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void repositoryFormatsAndExtensionsAreCheckedAsGitDoes(BackendChoice backend) throws Exception {
        Path root = repo();
        Path config = root.resolve(".git/config");
        byte[] pristine = Files.readAllBytes(config);
        String[][] cases = {
            {"core.repositoryformatversion", "1", "extensions.frobnicate", "true"},
            {"core.repositoryformatversion", "0", "extensions.objectformat", "sha1"},
            {"core.repositoryformatversion", "2", null, null},
        };
        for (String[] c : cases) {
            Files.write(config, pristine);
            git(root, "config", c[0], c[1]);
            if (c[2] != null) {
                git(root, "config", c[2], c[3]);
            }
            GitCli.Result theirs = GitCli.run(root, null, "log", "--oneline");
            assertEquals(128, theirs.exitCode(), Arrays.toString(c));
            Panagit.Result ours = Panagit.run(backend, root, null, "log", "--oneline");
            assertEquals(128, ours.exitCode(), Arrays.toString(c));
            assertEquals(theirs.stderr(), ours.stderr(), Arrays.toString(c));
        }
        Files.write(config, pristine);
        git(root, "config", "core.repositoryformatversion", "0");
        git(root, "config", "extensions.preciousObjects", "true");   // allowed in version 0
        assertEquals(0, Panagit.run(backend, root, null, "log", "--oneline").exitCode());

        Files.write(config, pristine);
        git(root, "config", "core.repositoryformatversion", "abc");
        assertFatal(Panagit.run(backend, root, null, "log"), "bad numeric config value 'abc' for "
                + "'core.repositoryformatversion' in file " + config + ": invalid unit");

        Files.write(config, pristine);
        Files.write(config, ("[core]\n\tbinary = \u00ff\u00fe\n").getBytes(StandardCharsets.ISO_8859_1),
                java.nio.file.StandardOpenOption.APPEND);
        assertEquals(0, Panagit.run(backend, root, null, "log", "--oneline").exitCode(), "bytes that are not UTF-8");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void anIndexWhoseEntryCountCannotFitIsCorruptNotAnException(BackendChoice backend) throws Exception {
        Path root = repo();
        Files.writeString(root.resolve("a"), "a\n");
        git(root, "add", "a");
        Path index = root.resolve(".git/index");
        byte[] bytes = Files.readAllBytes(index);
        for (int count : new int[] {0x7fffffff, -1, 2}) {
            byte[] damaged = bytes.clone();
            damaged[8] = (byte) (count >>> 24);
            damaged[9] = (byte) (count >>> 16);
            damaged[10] = (byte) (count >>> 8);
            damaged[11] = (byte) count;
            byte[] body = Arrays.copyOf(damaged, damaged.length - 20);
            System.arraycopy(MessageDigest.getInstance("SHA-1").digest(body), 0, damaged, damaged.length - 20, 20);
            Files.write(index, damaged);
            Panagit.Result r = Panagit.run(backend, root, null, "ls-files");
            assertEquals(128, r.exitCode(), r.stderr());
            assertTrue(r.stderr().startsWith("fatal: index file corrupt: " + index + ": "), r.stderr());
            assertFalse(r.stderr().contains("Exception"), r.stderr());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void namesGitRefuses(BackendChoice backend) throws Exception {
        Path root = repo();
        assertFatal(Panagit.run(backend, root, null, "branch", "HEAD"), "'HEAD' is not a valid branch name");
        assertFalse(Files.exists(root.resolve(".git/refs/heads/HEAD")));
        assertFatal(Panagit.run(backend, root, null, "-C", "no/such/dir", "version"),
                "cannot change to 'no/such/dir': No such file or directory");
    }

    /** Dates git can only show as the epoch, and zones it shows as written: as git shows them. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void extremeDatesAndZonesAreShownAsGitShowsThem(BackendChoice backend) throws Exception {
        Path root = repo();
        String tree = GitCli.ok(root, "mktree").strip();
        String[] idents = {"9223372036854775807 -9999", "1700000000 -9999", "1700000000 +9999", "-5 +0100",
            "99999999999999999999999 +0000", "253402300799 +0000", "67767976233316800 +0000", "0 +0000"};
        for (String when : idents) {
            byte[] commit = ("tree " + tree + "\nauthor A <a@b> " + when + "\ncommitter C <c@d> " + when + "\n\nx\n")
                    .getBytes(StandardCharsets.UTF_8);
            String id = GitCli.run(root, commit, "hash-object", "-t", "commit", "-w", "--stdin", "--literally")
                    .text().strip();
            git(root, "update-ref", "refs/heads/master", id);
            Panagit.Result ours = Panagit.run(backend, root, null, "log", "-1");
            assertEquals(0, ours.exitCode(), when + ": " + ours.stderr());
            assertEquals(GitCli.ok(root, "log", "-1"), ours.text(), when);
        }
    }
}
