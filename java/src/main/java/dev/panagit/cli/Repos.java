package dev.panagit.cli;

import dev.panagit.lib.ObjectId;
import dev.panagit.repo.NotARepositoryException;
import dev.panagit.repo.Repository;
import dev.panagit.repo.Revisions;
import java.io.IOException;
import java.util.Optional;

/** Opening the repository of a run, and naming objects in it, with git's error messages. */
final class Repos {
    private Repos() {
    }

    static Repository open() throws IOException {
        return openIfAny().orElseThrow(
                () -> new Fatal("not a git repository (or any of the parent directories): .git"));
    }

    static Optional<Repository> openIfAny() throws IOException {
        try {
            return Optional.of(Repository.discover(Io.current().cwd(), Io.current().backend().codec()));
        } catch (NotARepositoryException e) {
            return Optional.empty();
        }
    }

    /** The object {@code spec} names; {@code fatal: Not a valid object name} when none. */
    static ObjectId resolve(Repository repo, String spec) throws IOException {
        return Revisions.resolve(repo, spec).orElseThrow(() -> new Fatal("Not a valid object name " + spec));
    }
}
