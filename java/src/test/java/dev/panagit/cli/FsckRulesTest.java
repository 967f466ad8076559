package dev.panagit.cli;

import static dev.panagit.testing.Fixtures.git;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.backend.BackendChoice;
import dev.panagit.testing.GitCli;
import dev.panagit.testing.Panagit;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * git's fsck rules, message ids and severities: trees, commits and tags broken in every way git
 * names, checked by git and by panagit, plain, {@code --strict}, and with {@code fsck.<id>}
 * severities configured; the reports (sorted: the two walk objects in different orders) and the
 * exit codes must be the same.
 */
class FsckRulesTest {
    @TempDir
    Path dir;

    private static String write(Path root, String type, byte[] content) {
        GitCli.Result r = GitCli.run(root, content, "hash-object", "-t", type, "-w", "--literally", "--stdin");
        assertEquals(0, r.exitCode(), r.stderr());
        return r.text().strip();
    }

    private static byte[] tree(Object... modeNameId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < modeNameId.length; i += 3) {
            out.writeBytes((modeNameId[i] + " " + modeNameId[i + 1] + "\0").getBytes(StandardCharsets.UTF_8));
            out.writeBytes(HexFormat.of().parseHex((String) modeNameId[i + 2]));
        }
        return out.toByteArray();
    }

    private Path brokenRepository() {
        Path root = dir.resolve("repo");
        git(dir, "init", "-q", "-b", "master", root.toString());
        String blob = write(root, "blob", "hi\n".getBytes(StandardCharsets.UTF_8));
        String empty = GitCli.ok(root, "mktree").strip();
        String zero = "0".repeat(40);
        write(root, "tree", tree("0100644", "a", blob));
        write(root, "tree", tree("100644", "b", blob, "100644", "a", blob));
        write(root, "tree", tree("100644", "a", blob, "100644", "a", blob));
        write(root, "tree", tree("100644", "d", blob, "100644", "d.txt", blob, "40000", "d", empty));
        write(root, "tree", tree("100644", ".git", blob, "100644", "..", blob, "100644", "a/b", blob));
        write(root, "tree", tree("100644", ".", blob, "100644", ".GIT.", blob, "100664", "x", blob));
        write(root, "tree", tree("100644", "a", zero, "100664", "b", blob, "120000", "c", blob,
                "120000", ".gitignore", blob, "120000", ".gitmodules", blob, "120000", ".mailmap", blob));
        write(root, "tree", tree("100755", "m", blob, "104644", "n", blob));
        String t = empty;
        String ok = "author A <a@b> 1700000000 +0000\ncommitter A <a@b> 1700000000 +0000\n";
        String[] commits = {
            "tree " + t + "\nauthor A <a@b> 1700000000 +09x9\ncommitter A <a@b> 1700000000 +0000\n\nx\n",
            "tree " + t + "\nauthor A a@b> 1700000000 +0000\ncommitter A <a@b> 1700000000 +0000\n\nx\n",
            "tree " + t + "\nauthor <a@b> 1700000000 +0000\ncommitter A <a@b> 1700000000 +0000\n\nx\n",
            "tree " + t + "\nauthor A<a@b> 1700000000 +0000\ncommitter A <a@b> 1700000000 +0000\n\nx\n",
            "tree " + t + "\nauthor A <a@b>1700000000 +0000\ncommitter A <a@b> 1700000000 +0000\n\nx\n",
            "tree " + t + "\nauthor A <a<b> 1700000000 +0000\ncommitter A <a@b> 1700000000 +0000\n\nx\n",
            "tree " + t + "\nauthor A <a@b> 01700000000 +0000\ncommitter A <a@b> 1700000000 +0000\n\nx\n",
            "tree " + t + "\nauthor A <a@b> 99999999999999999999 +0000\ncommitter A <a@b> 1700000000 +0000\n\nx\n",
            "tree " + t + "\nauthor A <a@b> x +0000\ncommitter A <a@b> 1700000000 +0000\n\nx\n",
            "tree " + t + "\nauthor A <a@b> 1700000000 +0000\n" + ok + "\nx\n",
            "tree " + t + "\ncommitter A <a@b> 1700000000 +0000\n\nx\n",
            "tree " + t + "\nauthor A <a@b> 1700000000 +0000\n\nx\n",
            "tree zzz\n" + ok + "\nx\n",
            "parent " + t + "\n" + ok + "\nx\n",
            "tree " + t + "\nparent 123\n" + ok + "\nx\n",
            "tree " + t + "\n" + ok + "\nx\0y\n",
            "tree " + t + "\n" + ok.strip(),
            "tree " + t + "\nauth\0or A\n" + ok + "\n",
        };
        for (String c : commits) {
            write(root, "commit", c.getBytes(StandardCharsets.UTF_8));
        }
        String tagger = "tagger A <a@b> 1700000000 +0000\n";
        String[] tags = {
            "object " + t + "\ntype tree\ntag bad..name\n" + tagger + "\nm\n",
            "object " + t + "\ntype tree\ntag v1\n\nm\n",
            "object " + t + "\ntype trie\ntag v1\n" + tagger + "\nm\n",
            "object " + t + "\ntag v1\n\nm\n",
            "object " + t + "\ntype tree\n" + tagger + "\nm\n",
            "type tree\ntag v1\n\nm\n",
            "object " + t + "\ntype tree\ntag v1\ntagger A <a@b> 1700000000 +0000x\n\nm\n",
        };
        for (String tag : tags) {
            write(root, "tag", tag.getBytes(StandardCharsets.UTF_8));
        }
        return root;
    }

    /** stderr without git's tree-decoding asides and notices, sorted. */
    private static List<String> lines(String stderr) {
        return stderr.lines().filter(l -> !l.startsWith("notice:") && !l.equals("error: empty filename in tree entry")
                && !l.equals("error: too-short tree object")).sorted().toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void reportsAndExitCodesAreGits(BackendChoice backend) throws Exception {
        Path root = brokenRepository();
        String[][] configs = {{}, {"fsck.zeroPaddedFilemode", "ignore"}, {"fsck.badTimezone", "warn"},
            {"fsck.missingTaggerEntry", "error"}, {"fsck.hasDotgit", "error"}};
        for (String[] config : configs) {
            if (config.length > 0) {
                git(root, "config", config[0], config[1]);
            }
            for (String strict : new String[] {"--strict", "--no-dangling"}) {
                GitCli.Result theirs = GitCli.run(root, null, "fsck", strict, "--no-dangling");
                Panagit.Result ours = Panagit.run(backend, root, null, "fsck", strict, "--no-dangling");
                String what = String.join("=", config) + " " + strict;
                assertEquals(lines(theirs.stderr()), lines(ours.stderr()), what);
                assertEquals(theirs.exitCode(), ours.exitCode(), what);
            }
            if (config.length > 0) {
                git(root, "config", "--unset", config[0]);
            }
        }
        assertTrue(GitCli.run(root, null, "fsck", "--strict").stderr().contains("hasDotgit"), "the cases are seen");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void anUnknownSeverityIsRefusedInGitsWords(BackendChoice backend) throws Exception {
        Path root = brokenRepository();
        git(root, "config", "fsck.badTimezone", "loud");
        Panagit.Result ours = Panagit.run(backend, root, null, "fsck");
        assertEquals(128, ours.exitCode(), ours.stderr());
        assertEquals("fatal: Unknown fsck message type: 'loud'\n", ours.stderr());
        assertTrue(GitCli.run(root, null, "fsck").stderr().contains("Unknown fsck message type: 'loud'"));
    }
}
