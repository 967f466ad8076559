package dev.panagit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.backend.BackendChoice;
import dev.panagit.testing.GitCli;
import dev.panagit.testing.Panagit;
import dev.panagit.testing.TestBackends;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * This repository's own recent history as a corpus of real changes (renames, moves, new and
 * deleted files, large edits): for each commit, {@code diff --name-status}, {@code --stat} and
 * {@code --numstat} against its parent must be git's.
 */
class DiffOwnHistoryTest {
    @Test
    void everyRecentCommitDiffsAsInGit() {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        GitCli.Result log = GitCli.run(repo, null, "log", "--format=%H", "--no-merges", "-n", "40");
        assertEquals(0, log.exitCode(), "the tests run in a clone of this repository: " + log.stderr());
        BackendChoice backend = TestBackends.java();
        int compared = 0;
        for (String commit : log.text().split("\n")) {
            GitCli.Result parents = GitCli.run(repo, null, "rev-list", "--parents", "-n", "1", commit);
            if (parents.text().strip().split(" ").length < 2) {
                continue;   // the root commit
            }
            for (String option : new String[] {"--name-status", "--stat", "--numstat"}) {
                String[] args = {"diff", option, commit + "^", commit};
                GitCli.Result theirs = GitCli.run(repo, null, args);
                Panagit.Result ours = Panagit.run(backend, repo, null, args);
                assertEquals(theirs.text(), ours.text(), String.join(" ", args));
            }
            compared++;
        }
        assertTrue(compared >= 10, "compared " + compared + " commits");
    }
}
