package dev.panagit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.backend.BackendChoice;
import dev.panagit.testing.GitCli;
import dev.panagit.testing.Panagit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * remote, fetch, push, clone and pull between local repositories, against git: the same steps
 * run by git in one set of repositories and by panagit in a twin set must print the same (stdout,
 * stderr, exit code) and leave the same refs, FETCH_HEAD, configuration and work trees; every
 * repository panagit wrote passes {@code git fsck --strict}, its packs pass {@code git
 * verify-pack}, and git fetches from and pushes to what panagit made.
 */
class RemotesTwinTest {
    @TempDir
    Path dir;

    private static final Map<String, String> ENV = GitCli.FIXED_IDENTITY;

    private static void sh(Path cwd, String script) {
        GitCli.shell(cwd, ENV, script);
    }

    /** Two twin worlds, "git" and "pg": an upstream repository, a bare one and a local clone-to-be, built by git. */
    private Map<String, Path> worlds() {
        Map<String, Path> worlds = new HashMap<>();
        for (String who : List.of("git", "pg")) {
            Path world = dir.resolve(who);
            sh(dir, "mkdir " + who + " && cd " + who + " && git init -q -b main upstream && cd upstream && "
                    + "echo a > a && git add a && git commit -qm a && git tag -a v1 -m v1 && git branch side && "
                    + "echo b > b && git add b && git commit -qm b && cd .. && git init -q --bare -b main bare.git && "
                    + "git init -q -b main local && cd local && echo l > l && git add l && git commit -qm l");
            worlds.put(who, world);
        }
        return worlds;
    }

    /** Runs a step in both worlds: "git ..." with git in both, otherwise git against panagit; compares. */
    private void step(BackendChoice backend, Map<String, Path> worlds, String where, String command) throws Exception {
        String[] args = command.split(" ");
        GitCli.Result theirs = GitCli.run(worlds.get("git").resolve(where), null, ENV, args);
        Panagit.Result ours = Panagit.run(backend, worlds.get("pg").resolve(where), null, ENV, args);
        assertEquals(theirs.text(), ours.text(), command + " (stdout)");
        assertEquals(theirs.stderr().replace("/git/", "/pg/"), ours.stderr(), command + " (stderr)");
        assertEquals(theirs.exitCode(), ours.exitCode(), command + " (exit code): " + ours.stderr());
    }

    private static String state(Path world) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (var dirs = Files.list(world)) {
            for (Path repo : dirs.sorted().toList()) {
                sb.append("## ").append(repo.getFileName()).append('\n');
                sb.append(GitCli.run(repo, null, ENV, "for-each-ref", "--format=%(refname) %(objectname) %(symref)").text());
                sb.append(GitCli.run(repo, null, ENV, "config", "--list", "--local").text()
                        .replace(world.toString(), "WORLD"));
                Path fetchHead = repo.resolve(".git/FETCH_HEAD");
                if (Files.exists(fetchHead)) {
                    sb.append(Files.readString(fetchHead));
                }
                if (Files.exists(repo.resolve(".git"))) {
                    sb.append(GitCli.run(repo, null, ENV, "status", "--porcelain").text());
                }
                GitCli.Result fsck = GitCli.run(repo, null, ENV, "fsck", "--strict", "--no-dangling");
                sb.append("fsck ").append(fsck.exitCode()).append(fsck.stderr()).append(fsck.text());
            }
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void remotesFetchPushCloneAndPullAsGit(BackendChoice backend) throws Exception {
        Map<String, Path> w = worlds();
        step(backend, w, "local", "remote add origin ../upstream");
        step(backend, w, "local", "remote add origin ../upstream");
        step(backend, w, "local", "remote add mirror ../bare.git");
        step(backend, w, "local", "remote -v");
        step(backend, w, "local", "fetch");
        step(backend, w, "local", "fetch origin side:refs/heads/copy");
        step(backend, w, "local", "fetch nowhere");
        for (Path world : w.values()) {
            sh(world.resolve("upstream"), "git reset -q --hard HEAD~1 && echo c > c && git add c && git commit -qm c"
                    + " && git tag t2 && git checkout -q side && echo s > s && git add s && git commit -qm s && git checkout -q main");
        }
        step(backend, w, "local", "fetch");   // a forced update, a fast-forward, a followed tag
        for (Path world : w.values()) {
            sh(world.resolve("local"), "git config remote.origin.fetch 'refs/heads/*:refs/remotes/origin/*'");
        }
        step(backend, w, "local", "fetch");   // without '+': the moved branch is rejected
        step(backend, w, "local", "push mirror main");
        step(backend, w, "local", "push mirror main:side v1");
        step(backend, w, "local", "push mirror nosuch");
        step(backend, w, "local", "push");
        step(backend, w, "local", "push -u mirror main");
        step(backend, w, "local", "push mirror :side");
        step(backend, w, "local", "push origin main");   // the upstream has main checked out: refused
        step(backend, w, "local", "push mirror :nosuch main");   // a deletion of nothing: nothing pushed
        step(backend, w, "local", "push mirror main:zz main:aa");   // new refs: in the order asked
        step(backend, w, "local", "push mirror :zz main:ab :aa");   // the remote's refs by name first, then new ones
        step(backend, w, "local", "push mirror :main");   // the bare repository's HEAD branch: refused
        step(backend, w, "local", "push -u mirror HEAD:refs/heads/head-copy");
        step(backend, w, "local", "remote rename mirror backup");
        step(backend, w, "local", "remote remove origin");
        step(backend, w, "local", "remote");
        step(backend, w, ".", "clone upstream cloned");
        step(backend, w, ".", "clone --bare upstream copy.git");
        step(backend, w, ".", "clone upstream cloned");
        for (Path world : w.values()) {
            sh(world.resolve("upstream"), "echo d > d && git add d && git commit -qm d");
        }
        step(backend, w, "cloned", "pull");   // a fast-forward
        for (Path world : w.values()) {
            sh(world.resolve("upstream"), "echo e > e && git add e && git commit -qm e");
            sh(world.resolve("cloned"), "echo f > f && git add f && git commit -qm f");
        }
        step(backend, w, "cloned", "pull");   // divergent, no choice made: refused
        step(backend, w, "cloned", "branch --unset-upstream");
        step(backend, w, "cloned", "branch --set-upstream-to=nosuch");
        step(backend, w, "cloned", "branch -u origin/main");
        step(backend, w, "cloned", "status -sb");
        assertEquals(state(w.get("git")), state(w.get("pg")).replace("/pg/", "/git/"), "the repositories afterwards");
        step(backend, w, "cloned", "pull --no-rebase");
        // the merge's message names the upstream's path, which differs between the worlds: its tree and parents do not
        assertEquals(GitCli.ok(w.get("git").resolve("cloned"), "log", "-1", "--format=%T %P %s"),
                GitCli.ok(w.get("pg").resolve("cloned"), "log", "-1", "--format=%T %P %s").replace("/pg/", "/git/"));

        // git reads what panagit wrote: its packs verify, and git fetches and pushes with it
        Path pg = w.get("pg");
        try (var packs = Files.newDirectoryStream(pg.resolve("cloned/.git/objects/pack"), "*.pack")) {
            for (Path pack : packs) {
                assertEquals(0, GitCli.run(pg, null, ENV, "verify-pack", pack.toString()).exitCode(), pack.toString());
            }
        }
        sh(pg, "git clone -q copy.git gitclone && cd gitclone && echo g > g && git add g && git commit -qm g"
                + " && git push -q origin main && git fetch -q ../cloned && git fsck --strict --no-dangling");
        assertTrue(GitCli.ok(pg.resolve("copy.git"), "log", "--oneline", "-1").contains(" g"));
    }

    /** A remote whose objects are damaged: the fetch fails in git's words, and nothing moves or stays behind. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void aFailedTransferLeavesNoRefAndNoPack(BackendChoice backend) throws Exception {
        sh(dir, "git init -q -b main upstream && cd upstream && echo a > a && git add a && git commit -qm a"
                + " && echo lost > lost && git add lost && git commit -qm b && git init -q -b main ../local"
                + " && cd ../local && git remote add origin ../upstream");
        String blob = GitCli.ok(dir.resolve("upstream"), "rev-parse", "HEAD:lost").strip();
        Path loose = dir.resolve("upstream/.git/objects").resolve(blob.substring(0, 2)).resolve(blob.substring(2));
        Files.setPosixFilePermissions(loose, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        Files.write(loose, "not zlib at all".getBytes());
        Panagit.Result fetch = Panagit.run(backend, dir.resolve("local"), null, ENV, "fetch");
        assertEquals(128, fetch.exitCode(), fetch.stderr());
        assertTrue(fetch.stderr().startsWith("fatal: ") && fetch.stderr().contains(blob), fetch.stderr());
        assertEquals("", GitCli.ok(dir.resolve("local"), "for-each-ref"), "no ref moved");
        try (var left = Files.list(dir.resolve("local/.git/objects/pack"))) {
            assertEquals(List.of(), left.toList(), "no pack, index or temporary file left");
        }
        Files.delete(loose);   // now missing altogether
        Panagit.Result again = Panagit.run(backend, dir.resolve("local"), null, ENV, "fetch");
        assertEquals(128, again.exitCode(), again.stderr());
        assertTrue(again.stderr().contains(blob), again.stderr());
        assertEquals("", GitCli.ok(dir.resolve("local"), "for-each-ref"), "no ref moved");
    }

    /**
     * git's upload-pack as the other side, over pipes in protocol v2 (an ext:: URL runs it as ssh
     * would): the fetches print what git's print and leave the same refs; the packs it sends
     * (with deltas) are indexed and checked like any other.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void fetchingFromGitsUploadPackOverPipes(BackendChoice backend) throws Exception {
        sh(dir, "git init -q -b main remote && cd remote && for i in 1 2 3 4; do seq 1 $((i*300)) > f$i;"
                + " git add .; git commit -qm c$i; done && git tag -a v1 -m v1 HEAD~1 && git tag light HEAD~2 && git gc -q"
                + " && cd .. && for who in git pg; do git init -q -b main $who && git -C $who remote add origin"
                + " 'ext::git %s ../remote' && git -C $who config protocol.ext.allow always; done");
        for (int round = 0; round < 2; round++) {
            GitCli.Result theirs = GitCli.run(dir.resolve("git"), null, ENV, "fetch");
            Panagit.Result ours = Panagit.run(backend, dir.resolve("pg"), null, ENV, "fetch");
            // git's own ext:: helper says "Bad command" when the connection closes: its noise, not the fetch's
            assertEquals(theirs.stderr().replaceAll("Bad command\\n?$", ""), ours.stderr(), "fetch round " + round);
            assertEquals(theirs.exitCode(), ours.exitCode(), ours.stderr());
            assertEquals(GitCli.ok(dir.resolve("git"), "for-each-ref"), GitCli.ok(dir.resolve("pg"), "for-each-ref"));
            assertEquals(Files.readString(dir.resolve("git/.git/FETCH_HEAD")), Files.readString(dir.resolve("pg/.git/FETCH_HEAD")));
            assertEquals(0, GitCli.run(dir.resolve("pg"), null, ENV, "fsck", "--strict").exitCode());
            sh(dir.resolve("remote"), "echo more >> f1 && git commit -qam more");
        }
        // and a clone over the same pipe: the same refs, configuration and work tree as git's
        GitCli.Result theirs = GitCli.run(dir, null, ENV, "-c", "protocol.ext.allow=always", "clone", "ext::git %s remote", "gitclone");
        Panagit.Result ours = Panagit.run(backend, dir, null, ENV, "clone", "ext::git %s remote", "pgclone");
        assertEquals(theirs.stderr().replace("gitclone", "X"), ours.stderr().replace("pgclone", "X"));
        assertEquals(theirs.exitCode(), ours.exitCode(), ours.stderr());
        for (String[] command : new String[][] {{"for-each-ref", "--format=%(refname) %(objectname) %(symref)"},
            {"config", "--list", "--local"}, {"status", "--porcelain"}, {"ls-files", "-s"}}) {
            assertEquals(GitCli.ok(dir.resolve("gitclone"), command), GitCli.ok(dir.resolve("pgclone"), command));
        }
        assertEquals("", GitCli.ok(dir.resolve("pgclone"), "fsck", "--strict"));
        String counts = GitCli.ok(dir.resolve("pg"), "count-objects", "-v");
        assertTrue(counts.contains("count: 0\n") && !counts.contains("packs: 0\n"), "everything came as packs: " + counts);
    }

    /**
     * git's receive-pack as the other side, over pipes (an ext:: URL, as ssh would carry it): the
     * same pushes by git and by panagit print the same (receive-pack's own refusals included)
     * and leave the same refs on both sides; the receiving repositories pass fsck.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void pushingToGitsReceivePackOverPipes(BackendChoice backend) throws Exception {
        sh(dir, "git init -q -b main seed && cd seed && for i in 1 2 3; do seq 1 $((i*100)) > f$i; mkdir -p d$i;"
                + " echo $i > d$i/x; git add .; git commit -qm c$i; done && git tag -a v0 -m v0 HEAD~2 && cd .. &&"
                + " for who in git pg; do git clone -q --bare seed bare-$who && git clone -q seed work-$who &&"
                + " git clone -q bare-$who local-$who && cd local-$who && git config protocol.ext.allow always &&"
                + " git remote set-url origin \"ext::git %s ../bare-$who\" &&"
                + " git remote add nonbare \"ext::git %s ../work-$who\" && echo more >> f1 && git commit -qam more &&"
                + " git checkout -qb topic && echo t > t && git add t && git commit -qm t && git checkout -q main &&"
                + " cd ..; done");
        String[][] steps = {
            {"push"}, {"push", "origin", "topic"}, {"push", "origin", "topic"}, {"push", "origin", "v0"},
            {"push", "-u", "origin", "HEAD:refs/heads/copy"}, {"push", "origin", ":nothing", "topic"},
            {"push", "origin", ":topic", "main"}, {"push", "origin", ":main"}, {"push", "nonbare", "main"},
            {"push", "origin", "main~1:copy"}, {"push", "-f", "origin", "main~1:refs/heads/copy"},
        };
        for (String[] step : steps) {
            GitCli.Result theirs = GitCli.run(dir.resolve("local-git"), null, ENV, step);
            Panagit.Result ours = Panagit.run(backend, dir.resolve("local-pg"), null, ENV, step);
            String name = String.join(" ", step);
            // git's own ext:: helper says "Bad command" when the connection closes: its noise, not the push's
            assertEquals(theirs.stderr().replaceAll("Bad command\\n?", "").replace("-git", "-X"),
                    ours.stderr().replace("-pg", "-X"), name);
            assertEquals(theirs.text(), ours.text(), name);
            assertEquals(theirs.exitCode(), ours.exitCode(), name + ": " + ours.stderr());
            for (String where : List.of("local", "bare", "work")) {
                assertEquals(GitCli.ok(dir.resolve(where + "-git"), "for-each-ref"),
                        GitCli.ok(dir.resolve(where + "-pg"), "for-each-ref"), name + " in " + where);
            }
            assertEquals(GitCli.ok(dir.resolve("local-git"), "config", "--get-regexp", "^branch"),
                    GitCli.ok(dir.resolve("local-pg"), "config", "--get-regexp", "^branch"), name);
            assertEquals("", GitCli.ok(dir.resolve("bare-pg"), "fsck", "--strict", "--no-dangling"), name);
        }
        assertTrue(GitCli.ok(dir.resolve("bare-pg"), "count-objects", "-v").contains("in-pack: "));
    }
}
