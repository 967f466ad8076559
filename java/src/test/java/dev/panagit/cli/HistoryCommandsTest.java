package dev.panagit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.backend.BackendChoice;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.TreeEntry;
import dev.panagit.objects.Commit;
import dev.panagit.objects.PersonIdent;
import dev.panagit.objects.Trees;
import dev.panagit.repo.Repository;
import dev.panagit.testing.GitCli;
import dev.panagit.testing.Panagit;
import dev.panagit.testing.TestBackends;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The history commands' edges: hostile trees, refusals, locks, identities, the graph and the picture. */
class HistoryCommandsTest {
    @TempDir
    Path repo;

    private final BackendChoice backend = TestBackends.nativeBackend();

    private static Map<String, String> identity() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("GIT_AUTHOR_NAME", "T");
        env.put("GIT_AUTHOR_EMAIL", "t@example.com");
        env.put("GIT_COMMITTER_NAME", "T");
        env.put("GIT_COMMITTER_EMAIL", "t@example.com");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        return env;
    }

    private Panagit.Result panagit(String... args) {
        return Panagit.run(backend, repo, null, identity(), args);
    }

    private List<String> snapshot() throws IOException {
        try (Stream<Path> walk = Files.walk(repo)) {
            return walk.filter(p -> !p.startsWith(repo.resolve(".git/objects")))
                    .map(p -> repo.relativize(p) + (Files.isRegularFile(p) ? ":" + size(p) : ""))
                    .sorted().toList();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {".git", ".GIT", ".Git ", "..", ".", "git~1", "a\\b", ".git\u200c"})
    void hostileTreesAreRefusedAndNothingIsWritten(String name) throws Exception {
        assertEquals(0, panagit("init", "-q").exitCode());
        Files.writeString(repo.resolve("safe.txt"), "safe\n");
        panagit("add", "safe.txt");
        panagit("commit", "-m", "safe");
        Repository r = Repository.discover(repo, backend.codec());
        ObjectId blob = r.objects().insert(ObjectType.BLOB, "payload\n".getBytes(StandardCharsets.UTF_8));
        ObjectId inner = r.objects().insert(ObjectType.TREE, Trees.format(ObjectFormat.SHA1,
                List.of(new TreeEntry(Trees.MODE_FILE, "config", blob))));
        // The hostile name as a directory (holding "config") and as a file, beside a harmless file.
        ObjectId evilTree = r.objects().insert(ObjectType.TREE, Trees.format(ObjectFormat.SHA1, List.of(
                new TreeEntry(Trees.MODE_FILE, "aaa-harmless.txt", blob),
                new TreeEntry(Trees.MODE_TREE, name, inner))));
        PersonIdent who = new PersonIdent("T", "t@example.com", 1_700_000_000L, 0);
        ObjectId head = r.refs().resolve("HEAD").orElseThrow();
        ObjectId evil = r.objects().insert(ObjectType.COMMIT,
                Commit.create(evilTree, List.of(head), who, who, "evil\n").format());
        r.refs().update("refs/heads/evil", evil, null);

        List<String> before = snapshot();
        for (String[] command : new String[][] {{"checkout", "evil"}, {"read-tree", "evil"}, {"reset", "--hard", "evil"}}) {
            Panagit.Result result = panagit(command);
            assertEquals(128, result.exitCode(), String.join(" ", command) + ": " + result.stderr());
            assertTrue(result.stderr().contains("'" + name + "' in tree " + evilTree.name()), result.stderr());
            assertEquals(before, snapshot(), "nothing written by " + String.join(" ", command));
        }
    }

    @Test
    void checkoutRefusesToOverwriteLocalChanges() throws Exception {
        panagit("init", "-q");
        Files.writeString(repo.resolve("f.txt"), "one\n");
        panagit("add", ".");
        panagit("commit", "-m", "one");
        panagit("branch", "other");
        Files.writeString(repo.resolve("f.txt"), "two\n");
        panagit("add", ".");
        panagit("commit", "-m", "two");
        Files.writeString(repo.resolve("f.txt"), "local edit\n");
        Panagit.Result refused = panagit("checkout", "other");
        assertEquals(1, refused.exitCode());
        assertTrue(refused.stderr().contains("Your local changes to the following files would be overwritten by checkout:\n\tf.txt"),
                refused.stderr());
        assertEquals("local edit\n", Files.readString(repo.resolve("f.txt")));
        assertEquals("ref: refs/heads/master\n", Files.readString(repo.resolve(".git/HEAD")));

        // A change to a file both commits agree on travels with the checkout, as in git.
        Files.writeString(repo.resolve("f.txt"), "two\n");
        Files.writeString(repo.resolve("g.txt"), "untracked\n");
        assertEquals(0, panagit("checkout", "other").exitCode());
        assertEquals("one\n", Files.readString(repo.resolve("f.txt")));
        assertEquals("untracked\n", Files.readString(repo.resolve("g.txt")));
        assertEquals("?? g.txt\n", GitCli.ok(repo, "status", "--porcelain"));
    }

    @Test
    void aHeldLockIsAClearError() throws Exception {
        panagit("init", "-q");
        Files.writeString(repo.resolve("f.txt"), "x\n");
        panagit("add", ".");
        Files.writeString(repo.resolve(".git/refs/heads/master.lock"), "");
        Panagit.Result result = panagit("commit", "-m", "blocked");
        assertEquals(128, result.exitCode());
        assertTrue(result.stderr().startsWith("fatal: Unable to create '" + repo.resolve(".git/refs/heads/master.lock")
                + "': File exists."), result.stderr());
        assertTrue(Files.notExists(repo.resolve(".git/refs/heads/master")));
    }

    @Test
    void anEmptyIdentityIsRefusedAsGitDoes() throws Exception {
        panagit("init", "-q");
        Files.writeString(repo.resolve("f.txt"), "x\n");
        panagit("add", ".");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("GIT_") || k.equals("EMAIL"));
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        Panagit.Result result = Panagit.run(backend, repo, null, env, "commit", "-m", "who?");
        assertEquals(128, result.exitCode());
        assertTrue(result.stderr().contains("*** Please tell me who you are."), result.stderr());
        assertTrue(result.stderr().contains("empty ident name"), result.stderr());
        Files.writeString(repo.resolve(".git/config"), "[user]\n\tname = From Config\n\temail = cfg@example.com\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertEquals(0, Panagit.run(backend, repo, null, env, "commit", "-m", "now").exitCode());
        assertTrue(GitCli.ok(repo, "log", "-1", "--format=%an <%ae>").startsWith("From Config <cfg@example.com>"));
    }

    @Test
    void addHonoursGitignoreAndStagesRemovals() throws Exception {
        panagit("init", "-q");
        Files.writeString(repo.resolve(".gitignore"), "*.tmp\n!keep.tmp\n/top-only\nlogs/\n");
        Files.createDirectories(repo.resolve("sub/logs"));
        Files.writeString(repo.resolve("a.tmp"), "x");
        Files.writeString(repo.resolve("keep.tmp"), "x");
        Files.writeString(repo.resolve("top-only"), "x");
        Files.writeString(repo.resolve("sub/top-only"), "x");
        Files.writeString(repo.resolve("sub/logs/l.txt"), "x");
        Files.writeString(repo.resolve("sub/f.txt"), "x");
        assertEquals(0, panagit("add", ".").exitCode());
        assertEquals(".gitignore\nkeep.tmp\nsub/f.txt\nsub/top-only\n", panagit("ls-files").text());
        Panagit.Result named = panagit("add", "a.tmp");
        assertEquals(1, named.exitCode());
        assertTrue(named.stderr().startsWith("The following paths are ignored by one of your .gitignore files:\na.tmp"));
        Files.delete(repo.resolve("sub/f.txt"));
        assertEquals(0, panagit("add", "sub").exitCode());
        assertEquals(".gitignore\nkeep.tmp\nsub/top-only\n", panagit("ls-files").text());
        assertEquals(128, panagit("add", "nothing-here").exitCode());
        GitCli.ok(repo, "add", ".");
        assertEquals(GitCli.ok(repo, "ls-files", "-s"), panagit("ls-files", "-s").text(), "same as git add");
    }

    private void gitMergeHistory() {
        Map<String, String> env = identity();
        GitCli.run(repo, null, env, "init", "-q");
        GitCli.run(repo, null, env, "commit", "-q", "--allow-empty", "-m", "base");
        GitCli.run(repo, null, env, "checkout", "-q", "-b", "feature");
        GitCli.run(repo, null, env, "commit", "-q", "--allow-empty", "-m", "feature work");
        GitCli.run(repo, null, env, "checkout", "-q", "master");
        GitCli.run(repo, null, env, "commit", "-q", "--allow-empty", "-m", "master work");
        GitCli.run(repo, null, env, "merge", "-q", "--no-edit", "feature");
        GitCli.run(repo, null, env, "tag", "v1");
    }

    @Test
    void logGraphDrawsMergesAsGitDoes() {
        gitMergeHistory();
        String git = GitCli.ok(repo, "log", "--graph", "--oneline", "--decorate=short");
        String ours = panagit("log", "--graph", "--oneline", "--decorate=short").text();
        assertEquals(stripLines(git), stripLines(ours));
        String gitFull = GitCli.ok(repo, "log", "--graph", "--decorate=short");
        assertEquals(stripLines(gitFull), stripLines(panagit("log", "--graph", "--decorate=short").text()));
    }

    private static String stripLines(String s) {
        StringBuilder sb = new StringBuilder();
        s.lines().forEach(l -> sb.append(l.stripTrailing()).append('\n'));
        return sb.toString();
    }

    @Test
    void kDrawsEveryRefAndCommit() throws Exception {
        gitMergeHistory();
        Panagit.Result result = panagit("k", "--dot", "graph.dot", "--svg", "graph.svg");
        String dot = Files.readString(repo.resolve("graph.dot"));
        String merge = GitCli.ok(repo, "rev-parse", "HEAD").strip();
        for (String parent : GitCli.ok(repo, "rev-parse", "HEAD^1", "HEAD^2").split("\n")) {
            assertTrue(dot.contains("\"" + merge + "\" -> \"" + parent + "\""), dot);
        }
        assertTrue(dot.contains("\"refs/tags/v1\" -> \"" + merge + "\""), dot);
        assertTrue(dot.contains("\"HEAD\" -> \"refs/heads/master\""), dot);
        // Which outcome is right depends on this machine, not on what the command did.
        boolean dotInstalled = java.util.stream.Stream.of(System.getenv("PATH").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "dot")));
        if (dotInstalled) {
            assertEquals(0, result.exitCode(), result.stderr());
            assertTrue(Files.readString(repo.resolve("graph.svg")).contains("<svg"));
        } else {
            assertEquals(128, result.exitCode());
            assertTrue(result.stderr().contains("Graphviz's 'dot' is not installed"), result.stderr());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2", "3", "4"})
    void readsEveryIndexVersionGitWrites(String version) throws Exception {
        Map<String, String> env = identity();
        GitCli.run(repo, null, env, "init", "-q");
        Files.createDirectories(repo.resolve("deep/er/path"));
        for (String name : new String[] {"a.txt", "deep/b.txt", "deep/er/c.txt", "deep/er/path/d.txt", "deep/er/path/e.txt"}) {
            Files.writeString(repo.resolve(name), name + "\n");
        }
        GitCli.run(repo, null, env, "add", ".");
        GitCli.run(repo, null, env, "update-index", "--index-version", version);
        if (version.equals("3")) {
            Files.writeString(repo.resolve("later.txt"), "later\n");
            GitCli.run(repo, null, env, "add", "--intent-to-add", "later.txt");   // an extended-flags entry
        }
        assertEquals(Integer.parseInt(version), indexVersion());
        assertEquals(GitCli.ok(repo, "ls-files", "-s"), panagit("ls-files", "-s").text());
        assertEquals(GitCli.ok(repo, "write-tree"), panagit("write-tree").text());
        // panagit writes version 2 back (3 while an entry needs extended flags), and git reads it.
        Files.writeString(repo.resolve("new.txt"), "new\n");
        assertEquals(0, panagit("add", "new.txt").exitCode());
        assertEquals(version.equals("3") ? 3 : 2, indexVersion());
        assertTrue(GitCli.ok(repo, "ls-files").contains("new.txt"));
        assertEquals(GitCli.ok(repo, "ls-files", "-s"), panagit("ls-files", "-s").text());
        GitCli.ok(repo, "status", "--porcelain");
    }

    private int indexVersion() throws IOException {
        byte[] index = Files.readAllBytes(repo.resolve(".git/index"));
        return java.nio.ByteBuffer.wrap(index, 4, 4).getInt();
    }

    @Test
    void revisionSyntax() {
        gitMergeHistory();
        for (String rev : new String[] {"HEAD", "@", "HEAD^", "HEAD^2", "HEAD~2", "HEAD^2~1", "v1^{tree}", "master^0",
            "feature", "refs/heads/feature", "HEAD^{commit}"}) {
            assertEquals(GitCli.ok(repo, "rev-parse", rev), panagit("rev-parse", rev).text(), rev);
        }
        Panagit.Result bad = panagit("rev-parse", "HEAD~9");
        assertEquals(128, bad.exitCode());
        assertTrue(bad.stderr().contains("HEAD~9"), bad.stderr());
    }

    @Test
    void branchAndTagEdges() {
        gitMergeHistory();
        assertEquals("fatal: a branch named 'feature' already exists\n", panagit("branch", "feature").stderr());
        assertEquals(1, panagit("branch", "-d", "master").exitCode());
        assertEquals(0, panagit("branch", "-d", "feature").exitCode(), "merged into HEAD");
        assertEquals(0, panagit("branch", "old", "HEAD~2").exitCode());
        assertEquals(0, panagit("checkout", "old").exitCode());
        assertEquals(0, panagit("branch", "side").exitCode());
        panagit("checkout", "master");
        assertEquals("fatal: tag 'v1' already exists\n", panagit("tag", "v1").stderr());
        assertEquals(128, panagit("tag", "-a", "v9").exitCode(), "an annotated tag needs -m here");
        assertEquals(GitCli.ok(repo, "branch"), panagit("branch").text());
    }
}
