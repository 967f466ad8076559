package dev.panagit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * {@code checkout [<rev>] -- <paths>} and {@code checkout <path>} against git: the same files
 * restored (and staged from a revision), nothing else touched, the same messages and exit codes,
 * and an index git reads right away (racily clean entries smudged as git would).
 */
class CheckoutPathsTwinTest {
    @TempDir
    Path dir;

    private static final Map<String, String> ENV = GitCli.FIXED_IDENTITY;

    /** Two commits, then local changes: b and d/a modified, d/new deleted, d/c untracked. */
    private static final String SETUP = "mkdir d && echo 1 > d/a && echo 2 > b && ln -s b l && git add . && git commit -qm one"
            + " && echo 3 > d/a && echo 4 > b && echo n > d/new && git add . && git commit -qm two"
            + " && echo x > b && echo y > d/a && rm d/new && echo z > d/c";

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (String command : List.of("checkout -- b", "checkout -- d", "checkout HEAD~1 -- d",
                "checkout HEAD~1 -- b d/a", "checkout -- nope", "checkout -- .", "checkout b", "checkout d/a b",
                "checkout HEAD~1 -- nope b", "checkout main -- d/new", "checkout -- l", "checkout HEAD~1 -- .")) {
            for (BackendChoice backend : TestBackends.all()) {   // a choice of its own per case: JUnit closes it after
                all.add(Arguments.of(backend, command));
            }
        }
        return all.stream();
    }

    private Path build(String name) throws Exception {
        Path root = dir.resolve(name);
        assertEquals(0, GitCli.run(dir, null, ENV, "init", "-q", "-b", "main", root.toString()).exitCode());
        GitCli.shell(root, ENV, SETUP);
        return root;
    }

    private static String state(Path root) throws Exception {
        StringBuilder sb = new StringBuilder(GitCli.ok(root, "ls-files", "-s")).append(GitCli.ok(root, "status", "--porcelain"));
        for (String file : List.of("b", "d/a", "d/new", "d/c", "l")) {
            Path path = root.resolve(file);
            sb.append("== ").append(file).append(' ').append(Files.isSymbolicLink(path) ? "-> " + Files.readSymbolicLink(path)
                    : Files.exists(path) ? Files.readString(path) : "(none)").append('\n');
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void restoresAsGitDoes(BackendChoice backend, String command) throws Exception {
        Path theirs = build("git");
        Path ours = build("panagit");
        String[] args = command.split(" ");
        GitCli.Result git = GitCli.run(theirs, null, ENV, args);
        Panagit.Result panagit = Panagit.run(backend, ours, null, ENV, args);
        assertEquals(git.stderr(), panagit.stderr(), command);
        assertEquals(git.text(), panagit.text(), command);
        assertEquals(git.exitCode(), panagit.exitCode(), command);
        assertEquals(state(theirs), state(ours), command + ": the repository afterwards");
    }
}
