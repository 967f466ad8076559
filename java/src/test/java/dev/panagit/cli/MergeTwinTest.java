package dev.panagit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.backend.BackendChoice;
import dev.panagit.testing.GitCli;
import dev.panagit.testing.Panagit;
import dev.panagit.testing.TestBackends;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * merge-base, merge and the commit that concludes a merge, against git: each scenario is built
 * twice by git, then one copy runs git's commands and the other panagit's; stdout, stderr, exit
 * codes, the index (every stage), the work tree files, MERGE_MSG and the resulting commit ids
 * (dates fixed) must be the same. Scenarios: fast-forward, clean three-way merges, conflicts in
 * every conflict style, modify/delete both ways, add/add, binary files, modes, CRLF files,
 * criss-cross histories (a virtual merge base), refusals (staged changes, local changes,
 * untracked files in the way, --ff-only), --no-commit, --no-ff, --abort, and concluding with
 * commit.
 */
class MergeTwinTest {
    @TempDir
    Path dir;

    private static final Map<String, String> ENV = GitCli.FIXED_IDENTITY;

    private static final String BASE = "seq 1 10 > f; echo x > g; git add .; git commit -qm base; git checkout -qb side;"
            + " sed -i 's/^3$/three/' f; echo new > n; git add .; git commit -qm side; git checkout -q main";
    private static final String CONFLICT = BASE + "; sed -i 's/^3$/drei/' f; git commit -qam main";
    private static final String CRISS_CROSS = "seq 1 20 > f; git add f; git commit -qm base; git checkout -qb b1;"
            + " sed -i 's/^2$/two/' f; git commit -qam b1; git checkout -q main; sed -i 's/^18$/eighteen/' f;"
            + " git commit -qam m1; git checkout -q -b x main; git merge -q b1 -m x1; git checkout -q b1;"
            + " git merge -q main -m y1; git checkout -q x; sed -i 's/^10$/ten/' f; git commit -qam x2;"
            + " git checkout -q b1; sed -i 's/^5$/five/' f; git commit -qam y2; git checkout -q x";

    private static final String RENAMED = "seq 1 30 > a.txt; seq 100 130 > keep.txt; git add .; git commit -qm base;"
            + " git checkout -qb side; git mv a.txt b.txt; sed -i 's/^25$/twentyfive/' b.txt; git commit -qam ren;"
            + " git checkout -q main";

    /** The base's file x becomes a directory x/ on branch side; main checked out. */
    private static final String FILE_TO_DIRECTORY = "seq 1 10 > x; echo b > base; git add .; git commit -qm base;"
            + " git checkout -qb side; git rm -q x; mkdir x; echo y > x/y; git add .; git commit -qm dir; git checkout -q main";

    /** Branch side renames b to c, main renames a to c. */
    private static final String TWO_TO_ONE = "seq 1 30 > a; seq 101 130 > b; git add .; git commit -qm base;"
            + " git checkout -qb side; git mv b c; git commit -qm rb; git checkout -q main; git mv a c; git commit -qm ra";

    /** main renames d/ to e/ (and a/b/ to x/b/); side adds d/c, d/sub/e, a/b/c/new and a/b/new2. */
    private static final String DIRECTORY_RENAMED = "mkdir -p d a/b/c; seq 1 30 > d/a; seq 41 70 > d/b;"
            + " seq 1 30 > a/b/c/f; seq 31 60 > a/b/c/g; seq 61 90 > a/b/h; echo z > top; git add .; git commit -qm base;"
            + " git checkout -qb side; echo new > d/c; mkdir -p d/sub; echo deep > d/sub/e; echo n > a/b/c/new;"
            + " echo m > a/b/new2; git add .; git commit -qm add; git checkout -q main; git mv d e; mkdir x; git mv a/b x/b;"
            + " git commit -qm ren";

    /**
     * main and side share three merge bases, x1, x2 and x3, and x2 and x3 changed the same line
     * of d differently: the virtual base holds a conflict of its own.
     */
    private static final String THREE_BASES = "seq 1 20 > d; echo a > a; echo b > b; echo c > c; git add .;"
            + " git commit -qm base; git checkout -qb x1; echo a1 > a; git commit -qam x1; git checkout -q main;"
            + " git checkout -qb x2; echo b2 > b; sed -i 's/^10$/ten-x2/' d; git commit -qam x2; git checkout -q main;"
            + " git checkout -qb x3; echo c3 > c; sed -i 's/^10$/ten-x3/' d; git commit -qam x3; git checkout -q main;"
            + " git merge -q --no-ff x1 -m m1; git merge -q --no-ff -X ours x2 -m m2; git merge -q --no-ff -X ours x3 -m m3;"
            + " git checkout -qb side x3; git merge -q --no-ff -X ours x2 -m s1; git merge -q --no-ff x1 -m s2;"
            + " sed -i 's/^2$/two/' d; git commit -qam s3; git checkout -q main; sed -i 's/^19$/nineteen/' d;"
            + " git commit -qam m4";

    /** Branches b1-b3 add a file each; c1 and c2 change line 2 of f differently, c3 line 19; main moved on. */
    private static final String OCTOPUS = "seq 1 20 > f; echo a > a; git add .; git commit -qm base; git branch old;"
            + " for b in b1 b2 b3; do git checkout -qb $b main; echo $b > $b; git add $b; git commit -qm $b; done;"
            + " git checkout -qb c1 main; sed -i 's/^2$/two/' f; git commit -qam c1; git checkout -qb c2 main;"
            + " sed -i 's/^2$/TWO/' f; git commit -qam c2; git checkout -qb c3 main; sed -i 's/^19$/nineteen/' f;"
            + " git commit -qam c3; git checkout -q main; echo m > m; git add m; git commit -qm m; git tag t1 b2";

    static Stream<Arguments> scenarios() {
        List<Arguments> all = new ArrayList<>();
        Object[][] cases = {
            {"fast-forward", BASE, "merge side"},
            {"clean three-way", BASE + "; sed -i 's/^8$/eight/' f; git commit -qam main", "merge side"},
            {"content conflict, then commit", CONFLICT, "merge side|add f|commit --no-edit|log --format=%B -1"},
            {"diff3", CONFLICT + "; git config merge.conflictStyle diff3", "merge side"},
            {"zdiff3", CONFLICT + "; git config merge.conflictStyle zdiff3", "merge side"},
            {"conflicts joined and split", BASE + "; sed -i 's/^3$/drei/;s/^5$/funf/;s/^9$/neun/' f; git commit -qam m;"
                + " git checkout -q side; sed -i 's/^5$/five/;s/^9$/nine/' f; git commit -qam s2; git checkout -q main",
                "merge side"},
            {"modify/delete", BASE + "; git rm -q f; git commit -qm del", "merge side"},
            {"delete/modify", BASE + "; git checkout -q side; git rm -q g; sed -i 's/^1$/one/' f; git commit -qm del;"
                + " git checkout -q main; echo y > g; git commit -qam g", "merge side"},
            {"add/add", BASE + "; echo other > n; git add n; git commit -qm addadd", "merge side"},
            {"binary", "printf 'a\\0b' > bin; git add .; git commit -qm b; git checkout -qb s; printf 'a\\0c' > bin;"
                + " git commit -qam s; git checkout -q main; printf 'a\\0d' > bin; git commit -qam m", "merge s"},
            {"modes", BASE + "; git checkout -q side; chmod +x g; git commit -qam ex; git checkout -q main; chmod +x f;"
                + " sed -i 's/x/y/' g; git commit -qam m", "merge side"},
            {"crlf", "printf 'a\\r\\nb\\r\\nc\\r\\n' > c; git add .; git commit -qm b; git checkout -qb s;"
                + " printf 'a\\r\\nS\\r\\nc\\r\\n' > c; git commit -qam s; git checkout -q main;"
                + " printf 'a\\r\\nM\\r\\nc\\r\\n' > c; git commit -qam m", "merge s"},
            {"criss-cross", CRISS_CROSS, "merge-base --all x b1|merge b1|log --format=%s -1"},
            {"merge-base", BASE, "merge-base main side|merge-base --is-ancestor main side|merge-base --is-ancestor side main"},
            {"staged changes refused", BASE + "; sed -i 's/^8$/eight/' f; git commit -qam m; echo s > g; git add g", "merge side"},
            {"local changes refused", BASE + "; sed -i 's/^8$/eight/' f; git commit -qam m; sed -i 's/^3$/x/' f", "merge side"},
            {"untracked in the way", BASE + "; sed -i 's/^8$/eight/' f; git commit -qam m; echo u > n", "merge side"},
            {"ff-only refused", BASE + "; sed -i 's/^8$/eight/' f; git commit -qam m", "merge --ff-only side"},
            {"no-commit, then commit", BASE + "; sed -i 's/^8$/eight/' f; git commit -qam m",
                "merge --no-commit side|commit --no-edit|log --format=%s%n%P -1"},
            {"no-ff into a branch", BASE + "; git checkout -q -b dev", "merge --no-ff side|log --format=%s -1"},
            {"abort", CONFLICT, "merge side|merge --abort|status --porcelain"},
            {"already up to date", BASE, "merge side~1"},
            {"commit refused while conflicted", CONFLICT, "merge side|commit -m x"},
            {"renamed there, changed here", RENAMED + "; sed -i 's/^3$/three/' a.txt; git commit -qam mod", "merge side"},
            {"renamed there, conflicting here", RENAMED + "; sed -i 's/^25$/XXV/' a.txt; git commit -qam c", "merge side"},
            {"renamed, diff3 labels", RENAMED + "; sed -i 's/^25$/XXV/' a.txt; git commit -qam c;"
                + " git config merge.conflictStyle diff3", "merge side"},
            {"renamed here, changed there", RENAMED + "; git mv keep.txt kept.txt; git commit -qm ourren;"
                + " git checkout -q side; sed -i 's/^101$/x/' keep.txt; git commit -qam m; git checkout -q main", "merge side"},
            {"renamed alike on both sides", RENAMED + "; git mv a.txt b.txt; git commit -qm same", "merge side"},
            {"squash, fast-forward, then commit", BASE + "; git checkout -q side; echo m > m; git add m; git commit -qm s2;"
                + " git checkout -q main", "merge --squash side|commit --no-edit|log --format=%B -1"},
            {"squash of a true merge", BASE + "; sed -i 's/^8$/eight/' f; git commit -qam m", "merge --squash side"},
            {"squash with a conflict", CONFLICT, "merge --squash side"},
            {"rename/delete", "seq 1 30 > a; git add .; git commit -qm base; git checkout -qb side; git rm -q a;"
                + " git commit -qm del; git checkout -q main; git mv a b; git commit -qm ren; sed -i 's/^5$/five/' b;"
                + " git commit -qam mod", "merge side|status --porcelain"},
            {"delete/rename", "seq 1 30 > a; git add .; git commit -qm base; git checkout -qb side; git rm -q a;"
                + " git commit -qm del; git checkout -q main; git mv a b; git commit -qm ren; git checkout -q side",
                "merge main|merge --abort"},
            {"rename/rename apart", "seq 1 30 > a.txt; seq 50 80 > z.txt; git add .; git commit -qm base;"
                + " git checkout -qb side; git mv a.txt b.txt; sed -i 's/^25$/twentyfive/' b.txt; sed -i 's/^60$/sixty/' z.txt;"
                + " git commit -qam ren; git checkout -q main; git mv a.txt c.txt; sed -i 's/^3$/three/;s/^25$/XXV/' c.txt;"
                + " sed -i 's/^60$/LX/' z.txt; git commit -qam other", "merge side|status --porcelain"},
            {"rename/add", "seq 1 30 > a; git add .; git commit -qm base; git checkout -qb side; seq 100 110 > b; git add b;"
                + " git commit -qm add; git checkout -q main; git mv a b; git commit -qm ren", "merge side|status --porcelain"},
            {"add/rename", "seq 1 30 > a; git add .; git commit -qm base; git checkout -qb side; seq 100 110 > b; git add b;"
                + " git commit -qm add; git checkout -q main; git mv a b; git commit -qm ren; git checkout -q side",
                "merge main|status --porcelain"},
            {"distinct types: file here, symlink there", "seq 1 30 > a; git add .; git commit -qm base; git checkout -qb side;"
                + " rm a; ln -s target a; git add a; git commit -qm link; git checkout -q main; sed -i 's/^3$/x/' a;"
                + " git commit -qam mod", "merge side|status --porcelain"},
            {"distinct types: symlink here, both added, name taken", "echo b > base; git add .; git commit -qm base;"
                + " git checkout -qb side/x; echo file > l; git add l; git commit -qm file; git checkout -q main; ln -s t1 l;"
                + " echo q > 'l~side_x'; git add .; git commit -qm link", "merge side/x|status --porcelain"},
            {"base's file modified here, a directory there", FILE_TO_DIRECTORY + "; sed -i 's/^3$/t/' x; git commit -qam m",
                "merge side|status --porcelain"},
            {"directory here, base's file modified there", FILE_TO_DIRECTORY + "; sed -i 's/^3$/t/' x; git commit -qam m;"
                + " git checkout -q side", "merge main|status --porcelain"},
            {"base's file unchanged here, a directory there", FILE_TO_DIRECTORY + "; echo c > base; git commit -qam m",
                "merge side|status --porcelain"},
            {"a file here where the base's directory was left alone there", "mkdir x; seq 1 10 > x/y; echo b > base;"
                + " git add .; git commit -qm base; git checkout -qb side; echo c > base; git commit -qam m; git checkout -q main;"
                + " git rm -qr x; echo f > x; git add x; git commit -qm file", "merge side|status --porcelain"},
            {"rename/rename onto one name", TWO_TO_ONE, "merge side|status --porcelain"},
            {"rename/rename onto one name, nested conflicts", TWO_TO_ONE + "; git checkout -q side; sed -i 's/^5$/five/' a;"
                + " git commit -qam m; git checkout -q main; sed -i 's/^5$/FIVE/' c; git commit -qam m2",
                "merge side|status --porcelain"},
            {"rename/add, both changed, diff3", "seq 1 30 > a; git add .; git commit -qm base; git checkout -qb side;"
                + " seq 100 110 > b; sed -i 's/^5$/five/' a; git add .; git commit -qm add; git checkout -q main; git mv a b;"
                + " sed -i 's/^5$/V/' b; git commit -qam ren; git config merge.conflictStyle diff3",
                "merge side|status --porcelain"},
            {"directory renamed here, files added to it there", DIRECTORY_RENAMED, "merge side|status --porcelain"},
            {"files added here, directory renamed there", DIRECTORY_RENAMED + "; git checkout -q side",
                "merge main|status --porcelain"},
            {"directory renames applied (merge.directoryRenames=true)", DIRECTORY_RENAMED
                + "; git config merge.directoryRenames true", "merge side|status --porcelain"},
            {"directory renames off", DIRECTORY_RENAMED + "; git config merge.directoryRenames false",
                "merge side|status --porcelain"},
            {"a subdirectory moved to the top", "mkdir -p sub; seq 1 30 > sub/a; seq 41 70 > sub/b; git add .;"
                + " git commit -qm base; git checkout -qb side; echo new > sub/c; git add .; git commit -qm add;"
                + " git checkout -q main; git mv sub/a a; git mv sub/b b; git commit -qm ren", "merge side|status --porcelain"},
            {"directory rename split", "mkdir d; seq 1 30 > d/a; seq 41 70 > d/b; git add .; git commit -qm base;"
                + " git checkout -qb side; echo new > d/c; git add .; git commit -qm add; git checkout -q main; mkdir e f;"
                + " git mv d/a e/a; git mv d/b f/b; git commit -qm ren", "merge side|status --porcelain|commit --no-edit"},
            {"three merge bases that conflict among themselves", THREE_BASES, "merge-base --all main side|merge side"},
            {"three merge bases, diff3 (markers two longer inside the virtual base)", THREE_BASES
                + "; git config merge.conflictStyle diff3", "merge side"},
            {"octopus of clean branches", OCTOPUS, "merge b1 b2 b3|log --format=%B -1"},
            {"octopus: files merged line by line, a tag and a commit", OCTOPUS,
                "merge c1 c3 b1 t1 b2~0|log --format=%s%n%P -1"},
            {"octopus: duplicates and reached heads dropped", OCTOPUS, "merge b1 b2 b1 main~1|log --format=%s%n%P -1"},
            {"octopus reduced to one head", OCTOPUS, "merge old b1"},
            {"octopus from behind: fast-forward first, HEAD not a parent", OCTOPUS + "; git checkout -q old",
                "merge b1 b2|log --format=%s%n%P -1"},
            {"octopus with a conflict before the last head: refused", OCTOPUS, "merge c1 c2 b1|status --porcelain"},
            {"octopus with a conflict in the last head", OCTOPUS, "merge c3 c1 c2|status --porcelain"},
            {"octopus, no commit, then commit", OCTOPUS, "merge --no-commit b1 b2|commit --no-edit|log --format=%P -1"},
            {"file here, directory there", "echo b > base; git add .; git commit -qm base; git checkout -qb side; mkdir x;"
                + " echo y > x/y; git add .; git commit -qm dir; git checkout -q main; echo file > x; git add x;"
                + " git commit -qm file", "merge side|status --porcelain"},
            {"directory here, file there", "echo b > base; git add .; git commit -qm base; git checkout -qb side; mkdir x;"
                + " echo y > x/y; git add .; git commit -qm dir; git checkout -q main; echo file > x; git add x;"
                + " git commit -qm file; git checkout -q side", "merge main|merge --abort"},
        };
        for (Object[] c : cases) {
            for (BackendChoice backend : TestBackends.all()) {   // a choice of its own per case: JUnit closes it after
                all.add(Arguments.of(backend, c[0], c[1], c[2]));
            }
        }
        return all.stream();
    }

    private Path build(String name, String setup) {
        Path root = dir.resolve(name);
        GitCli.Result init = GitCli.run(dir, null, ENV, "init", "-q", "-b", "main", root.toString());
        assertEquals(0, init.exitCode(), init.stderr());
        GitCli.shell(root, ENV, setup);
        return root;
    }

    /** What a script and a person see of the repository after the commands. */
    private static String state(Path root) throws Exception {
        StringBuilder sb = new StringBuilder();
        sb.append(GitCli.run(root, null, ENV, "ls-files", "-s").text());
        sb.append(GitCli.run(root, null, ENV, "status", "--porcelain").text());
        for (String file : GitCli.run(root, null, ENV, "ls-files").text().split("\n")) {
            Path path = root.resolve(file);
            if (!file.isEmpty() && Files.isRegularFile(path)) {
                sb.append("== ").append(file).append(' ').append(Files.isExecutable(path)).append('\n')
                        // an octopus's markers name git merge-file's temporary files, random in git too
                        .append(new String(Files.readAllBytes(path), java.nio.charset.StandardCharsets.ISO_8859_1)
                                .replaceAll("\\.merge_file_[A-Za-z0-9]{6}", ".merge_file_XXXXXX"));
            }
        }
        for (String name : List.of("MERGE_HEAD", "MERGE_MSG", "MERGE_MODE", "ORIG_HEAD", "SQUASH_MSG")) {
            Path file = root.resolve(".git").resolve(name);
            sb.append("-- ").append(name).append(": ").append(Files.exists(file) ? Files.readString(file) : "(none)").append('\n');
        }
        sb.append(GitCli.run(root, null, ENV, "log", "--all", "--format=%H %P %s").text());
        return sb.toString();
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("scenarios")
    void mergesAsGitMerges(BackendChoice backend, String name, String setup, String commands) throws Exception {
        Path theirs = build("git", setup);
        Path ours = build("panagit", setup);
        for (String command : commands.split("\\|")) {
            String[] args = command.split(" ");
            GitCli.Result git = GitCli.run(theirs, null, ENV, args);
            Panagit.Result panagit = Panagit.run(backend, ours, null, ENV, args);
            assertEquals(git.text(), panagit.text(), name + ": " + command + " (stdout)");
            assertEquals(git.stderr(), panagit.stderr(), name + ": " + command + " (stderr)");
            assertEquals(git.exitCode(), panagit.exitCode(), name + ": " + command + " (exit code)");
        }
        assertEquals(state(theirs), state(ours), name + ": the repository afterwards");
        assertEquals("", GitCli.ok(ours, "fsck", "--strict", "--no-dangling"), "git fsck --strict agrees");
        assertTrue(!commands.startsWith("merge side") || !GitCli.ok(ours, "log", "--all", "--oneline").isEmpty());
    }
}
