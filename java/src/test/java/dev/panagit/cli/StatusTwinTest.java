package dev.panagit.cli;

import static dev.panagit.testing.Fixtures.git;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.backend.BackendChoice;
import dev.panagit.index.DirCache;
import dev.panagit.index.IndexEntry;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.testing.GitCli;
import dev.panagit.testing.Panagit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code status} in every format against git's: untracked and ignored files under nested
 * .gitignore files, info/exclude and core.excludesFile; staged, unstaged and both; deletions,
 * renames, mode, symlink and type changes, intent-to-add; conflicts of every kind and a merge in
 * progress; upstreams ahead, behind, diverged and gone; detached HEADs; racy timestamps; and the
 * index refresh status writes back. stdout and exit code must be git's, on both backends.
 */
class StatusTwinTest {
    @TempDir
    Path dir;

    private static final List<String[]> FORMATS = List.of(new String[] {"status"}, new String[] {"status", "-s"},
            new String[] {"status", "-sb"}, new String[] {"status", "--porcelain"},
            new String[] {"status", "--porcelain=v2", "--branch"}, new String[] {"status", "-z"},
            new String[] {"status", "--porcelain=v2", "-z"});

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>(Map.of("GIT_AUTHOR_NAME", "Ada", "GIT_AUTHOR_EMAIL", "ada@example.com",
                "GIT_COMMITTER_NAME", "Cy", "GIT_COMMITTER_EMAIL", "cy@example.com", "GIT_AUTHOR_DATE",
                "1700000000 +0100", "GIT_COMMITTER_DATE", "1700000100 +0100"));
        env.put("HOME", dir.resolve("home").toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("home/.config").toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", dir.resolve("home/.gitconfig").toString());
        return env;
    }

    private void sameAsGit(BackendChoice backend, Path cwd, List<String[]> commands) {
        for (String[] command : commands) {
            GitCli.Result theirs = GitCli.run(cwd, null, env(), command);
            Panagit.Result ours = Panagit.run(backend, cwd, null, env(), command);
            String what = String.join(" ", command) + " in " + dir.relativize(cwd);
            assertEquals(theirs.text(), ours.text(), what);
            assertEquals(theirs.exitCode(), ours.exitCode(), what + ": " + ours.stderr());
        }
    }

    private void run(Path root, String... args) {
        GitCli.Result r = GitCli.run(root, null, env(), args);
        assertEquals(0, r.exitCode(), String.join(" ", args) + ": " + r.stderr());
    }

    private static void write(Path root, String path, String content) throws Exception {
        Files.createDirectories(root.resolve(path).getParent());
        Files.writeString(root.resolve(path), content);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void untrackedAndIgnoredFilesAreListedAsGitListsThem(BackendChoice backend) throws Exception {
        Path root = dir.resolve("repo");
        git(dir, "init", "-q", "-b", "main", root.toString());
        write(root, "tracked/a", "a\n");
        write(root, "tracked/deep/b", "b\n");
        run(root, "add", ".");
        run(root, "commit", "-q", "-m", "first");
        write(root, ".gitignore", "*.o\nignd/\n# a comment\n!keep.o\n/rooted\nbuild/**/gen\n");
        write(root, "tracked/.gitignore", "*.tmp\n!important.tmp\n");
        write(root, ".git/info/exclude", "*.excluded\n");
        write(dir.resolve("home"), ".config/git/ignore", "*.global\n");
        for (String path : List.of("onlyign/a.o", "onlyign/b.o", "mixed/a.o", "mixed/c", "ignd/sub/f", "ignd/g",
                "tracked/new", "tracked/x.o", "tracked/deep/y.o", "tracked/scratch.tmp", "tracked/important.tmp",
                "top.o", "keep.o", "topnew", "d/e/x.o", "d/f", "d/g/h/y.o", "ig2/z.o", "rooted", "sub/rooted",
                "build/x/gen", "build/x/kept", "x.excluded", "y.global", "sp ace/file", "tab\tname")) {
            write(root, path, path + "\n");
        }
        Files.createDirectories(root.resolve("empty/inner"));
        Files.createDirectories(root.resolve("emptyign.o"));
        Files.createDirectories(root.resolve("nested"));
        git(root.resolve("nested"), "init", "-q");
        write(root, "nested/f", "f\n");

        List<String[]> commands = new java.util.ArrayList<>(FORMATS);
        for (String untracked : List.of("-uno", "-unormal", "-uall")) {
            for (String ignored : List.of("--ignored", "--ignored=matching", "--ignored=no")) {
                commands.add(new String[] {"status", "--porcelain", untracked, ignored});
            }
        }
        commands.add(new String[] {"status", "--ignored"});
        commands.add(new String[] {"status", "-uno"});
        commands.add(new String[] {"status", "--", "d"});
        commands.add(new String[] {"status", "-s", "--", "d/f", "tracked"});
        commands.add(new String[] {"status", "-s", "--ignored", "--", "d/e"});
        sameAsGit(backend, root, commands);
        sameAsGit(backend, root.resolve("tracked/deep"), FORMATS);
        String porcelain = GitCli.ok(root, "status", "--porcelain", "--ignored");
        assertTrue(porcelain.contains("!! d/e/\n") && porcelain.contains("?? nested/\n")
                && porcelain.contains("?? tracked/important.tmp\n"), "the scenario covers what it claims:\n" + porcelain);
    }

    /** Staged, unstaged and both, of every kind; returns the repository. */
    private Path changes() throws Exception {
        Path root = dir.resolve("changes");
        git(dir, "init", "-q", "-b", "main", root.toString());
        StringBuilder big = new StringBuilder();
        for (int i = 1; i <= 60; i++) {
            big.append("line ").append(i).append('\n');
        }
        write(root, "big", big.toString());
        write(root, "a", "a\n");
        write(root, "b", "b\n");
        write(root, "sp ace", "space\n");
        write(root, "dir/d", "d\n");
        write(root, "exe", "e\n");
        write(root, "exe2", "e2\n");
        write(root, "dir/gone", "gone\n");
        write(root, "quoted\u00e9", "q\n");
        Files.createSymbolicLink(root.resolve("link"), Path.of("a"));
        run(root, "add", ".");
        run(root, "commit", "-q", "-m", "one");
        write(root, "big2", big + "line 61\n");
        Files.delete(root.resolve("big"));
        run(root, "add", "-A", "big", "big2");
        write(root, "a", "aa\n");
        run(root, "add", "a");
        write(root, "a", "aaa\n");
        Files.delete(root.resolve("b"));
        Files.setPosixFilePermissions(root.resolve("exe"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.delete(root.resolve("link"));
        Files.createSymbolicLink(root.resolve("link"), Path.of("b"));
        write(root, "new", "new\n");
        run(root, "add", "new");
        write(root, "ita", "ita\n");
        run(root, "add", "-N", "ita");
        Files.delete(root.resolve("dir/d"));
        Files.createDirectories(root.resolve("dir/d"));
        write(root, "sp ace", "changed\n");
        run(root, "rm", "-q", "--cached", "dir/gone");
        write(root, "quoted\u00e9", "changed\n");
        Files.delete(root.resolve("exe2"));
        Files.createSymbolicLink(root.resolve("exe2"), Path.of("exe"));
        return root;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void changesOfEveryKindAreReportedAsGitReportsThem(BackendChoice backend) throws Exception {
        Path root = changes();
        List<String[]> commands = new java.util.ArrayList<>(FORMATS);
        commands.add(new String[] {"status", "--no-renames", "-s"});
        commands.add(new String[] {"status", "-uno"});
        sameAsGit(backend, root, commands);
        sameAsGit(backend, root.resolve("dir"), FORMATS);
        String shortStatus = GitCli.ok(root, "status", "-s");
        assertTrue(shortStatus.contains("R  big -> big2") && shortStatus.contains(" T exe2")
                && shortStatus.contains(" M link")
                && shortStatus.contains("MM a") && shortStatus.contains(" A ita"), shortStatus);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void cleanAndInitialRepositoriesSayWhatGitSays(BackendChoice backend) throws Exception {
        Path root = dir.resolve("fresh");
        git(dir, "init", "-q", "-b", "trunk", root.toString());
        sameAsGit(backend, root, FORMATS);
        write(root, "f", "f\n");
        sameAsGit(backend, root, FORMATS);
        run(root, "add", "f");
        sameAsGit(backend, root, FORMATS);
        run(root, "commit", "-q", "-m", "f");
        sameAsGit(backend, root, FORMATS);
        sameAsGit(backend, root, List.<String[]>of(new String[] {"status", "-uno"}));
        run(root, "config", "advice.statusHints", "false");
        write(root, "f", "g\n");
        sameAsGit(backend, root, FORMATS);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void upstreamsAndDetachedHeadsAreDescribedAsGitDescribesThem(BackendChoice backend) throws Exception {
        Path root = dir.resolve("upstream");
        git(dir, "init", "-q", "-b", "main", root.toString());
        write(root, "f", "1\n");
        run(root, "add", "f");
        run(root, "commit", "-q", "-m", "1");
        run(root, "branch", "up");
        run(root, "config", "branch.main.remote", ".");
        run(root, "config", "branch.main.merge", "refs/heads/up");
        sameAsGit(backend, root, FORMATS);                       // up to date
        run(root, "commit", "-q", "--allow-empty", "-m", "2");
        sameAsGit(backend, root, FORMATS);                       // ahead 1
        run(root, "commit", "-q", "--allow-empty", "-m", "3");
        run(root, "checkout", "-q", "up");
        run(root, "commit", "-q", "--allow-empty", "-m", "u");
        run(root, "checkout", "-q", "main");
        sameAsGit(backend, root, FORMATS);                       // diverged 2 and 1
        run(root, "config", "remote.origin.fetch", "+refs/heads/*:refs/remotes/origin/*");
        run(root, "config", "branch.up.remote", "origin");
        run(root, "config", "branch.up.merge", "refs/heads/main");
        run(root, "checkout", "-q", "up");
        sameAsGit(backend, root, FORMATS);                       // gone: no refs/remotes/origin/main
        run(root, "update-ref", "refs/remotes/origin/main", "main");
        sameAsGit(backend, root, FORMATS);                       // behind 2 (the remote-tracking ref)
        run(root, "tag", "v1", "main~1");
        run(root, "checkout", "-q", "v1");
        sameAsGit(backend, root, FORMATS);                       // detached at v1
        run(root, "commit", "-q", "--allow-empty", "-m", "on top");
        sameAsGit(backend, root, FORMATS);                       // detached from v1
        run(root, "checkout", "-q", "origin/main");
        sameAsGit(backend, root, FORMATS);                       // detached at origin/main
        run(root, "checkout", "-q", "HEAD~1");
        sameAsGit(backend, root, FORMATS);                       // detached at an id
        assertTrue(GitCli.ok(root, "status").startsWith("HEAD detached at "), "the reflog names the checkout");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void conflictsOfEveryKindAndAMergeInProgressAreShownAsGitShowsThem(BackendChoice backend) throws Exception {
        Path root = dir.resolve("conflicts");
        git(dir, "init", "-q", "-b", "main", root.toString());
        for (String f : List.of("both", "delours", "deltheirs", "bothdel")) {
            write(root, f, f + "\n");
        }
        run(root, "add", ".");
        run(root, "commit", "-q", "-m", "base");
        run(root, "checkout", "-q", "-b", "theirs");
        write(root, "both", "theirs\n");
        write(root, "delours", "changed by them\n");
        Files.delete(root.resolve("deltheirs"));
        Files.move(root.resolve("bothdel"), root.resolve("bothdel-theirs"));
        write(root, "added", "theirs\n");
        write(root, "clean-theirs", "clean\n");
        run(root, "add", "-A");
        run(root, "commit", "-q", "-m", "theirs");
        run(root, "checkout", "-q", "main");
        write(root, "both", "ours\n");
        Files.delete(root.resolve("delours"));
        write(root, "deltheirs", "changed by us\n");
        Files.move(root.resolve("bothdel"), root.resolve("bothdel-ours"));
        write(root, "added", "ours\n");
        run(root, "add", "-A");
        run(root, "commit", "-q", "-m", "ours");
        GitCli.Result merge = GitCli.run(root, null, env(), "merge", "theirs");
        assertNotEquals(0, merge.exitCode(), "the merge conflicts");
        sameAsGit(backend, root, FORMATS);
        run(root, "add", "both", "added");
        sameAsGit(backend, root, FORMATS);
        run(root, "rm", "-q", "delours", "deltheirs", "bothdel");
        run(root, "add", "-A");
        sameAsGit(backend, root, FORMATS);                       // all conflicts fixed but still merging
        assertTrue(GitCli.ok(root, "status").contains("All conflicts fixed but you are still merging."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void aRacilyCleanEntryIsCheckedByContentAndARefreshIsWrittenBack(BackendChoice backend) throws Exception {
        Path root = dir.resolve("racy");
        git(dir, "init", "-q", "-b", "main", root.toString());
        write(root, "f", "bbb\n");
        write(root, "g", "ggg\n");
        run(root, "add", ".");
        run(root, "commit", "-q", "-m", "1");
        // An index whose entry for f has f's current stat data but the id of other content of the
        // same size: what "echo aaa > f; git add f; echo bbb > f" within one timestamp tick leaves.
        Path indexFile = root.resolve(".git/index");
        DirCache index = DirCache.read(indexFile, ObjectFormat.SHA1);
        IndexEntry f = index.get("f");
        String aaa = GitCli.ok(root, "hash-object", "-w", root.resolve("g").toString()).strip();
        ObjectId staged = ObjectId.fromHex(aaa);
        index.put(new IndexEntry(f.ctimeSeconds(), f.ctimeNanos(), f.mtimeSeconds(), f.mtimeNanos(), f.dev(), f.ino(),
                f.mode(), f.uid(), f.gid(), f.size(), staged, 0, false, false, false, "f"));
        index.write(indexFile);
        byte[] indexBytes = Files.readAllBytes(indexFile);
        FileTime entryTime = FileTime.from(java.time.Instant.ofEpochSecond(f.mtimeSeconds(), f.mtimeNanos()));

        // Racy: the index is no younger than the entry. git looks at the content and sees the change.
        for (String[] command : FORMATS) {
            Files.write(indexFile, indexBytes);
            Files.setLastModifiedTime(indexFile, entryTime);
            GitCli.Result theirs = GitCli.run(root, null, env(), command);
            Files.write(indexFile, indexBytes);
            Files.setLastModifiedTime(indexFile, entryTime);
            Panagit.Result ours = Panagit.run(backend, root, null, env(), command);
            assertEquals(theirs.text(), ours.text(), String.join(" ", command) + " (racy)");
        }
        Files.write(indexFile, indexBytes);
        Files.setLastModifiedTime(indexFile, entryTime);
        assertEquals("MM f\n", Panagit.run(backend, root, null, env(), "status", "--porcelain").text(),
                "racy f is compared by content: staged and modified");
        assertEquals("MM f\n", GitCli.ok(root, "status", "--porcelain"), "the smudged entry stays modified for git");

        // Not racy: the index is younger, so git and panagit trust the stat data (only the staged change shows).
        Files.write(indexFile, indexBytes);
        Files.setLastModifiedTime(indexFile, FileTime.from(entryTime.toInstant().plusSeconds(10)));
        assertEquals("M  f\n", Panagit.run(backend, root, null, env(), "status", "--porcelain").text(),
                "stat data vouch for f when the index is younger");
        Files.write(indexFile, indexBytes);
        Files.setLastModifiedTime(indexFile, FileTime.from(entryTime.toInstant().plusSeconds(10)));
        assertEquals("M  f\n", GitCli.ok(root, "status", "--porcelain"));

        // A touched file whose content is unchanged: status refreshes its stat data and writes the index.
        run(root, "reset", "-q", "--hard");
        Files.setLastModifiedTime(root.resolve("g"), FileTime.from(java.time.Instant.now().plusSeconds(5)));
        assertNotEquals("", GitCli.ok(root, "diff-files"), "before the refresh git's plumbing sees g's new stat data");
        Path lock = root.resolve(".git/index.lock");
        Files.createFile(lock);
        byte[] before = Files.readAllBytes(indexFile);
        assertEquals("", Panagit.run(backend, root, null, env(), "status", "--porcelain").text());
        assertArrayEquals(before, Files.readAllBytes(indexFile), "a held lock: the index is left alone");
        assertTrue(Files.exists(lock), "someone else's lock is not removed");
        Files.delete(lock);
        assertEquals("", Panagit.run(backend, root, null, env(), "status", "--porcelain").text());
        assertEquals("", GitCli.ok(root, "diff-files"), "the refreshed stat data were written");
        assertEquals("", GitCli.ok(root, "fsck", "--strict", "--no-dangling"));
    }
}
