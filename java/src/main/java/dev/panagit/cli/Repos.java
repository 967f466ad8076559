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

    /** A path the user typed, relative to the work tree ('/'-separated, "" for the root). */
    static String pathspec(Repository repo, String typed) {
        java.nio.file.Path absolute = Io.current().cwd().resolve(typed).toAbsolutePath().normalize();
        if (!absolute.startsWith(repo.workTree())) {
            throw new Fatal(typed + ": '" + absolute + "' is outside repository at '" + repo.workTree() + "'");
        }
        return repo.workTree().relativize(absolute).toString().replace('\\', '/');
    }

    static dev.panagit.index.DirCache index(Repository repo) throws IOException {
        return dev.panagit.index.DirCache.read(repo.indexFile(), repo.format());
    }

    /** The shortest unique abbreviation of at least 7 digits, as git shows ids. */
    static String abbrev(Repository repo, ObjectId id) throws IOException {
        for (int n = 7; n < repo.format().hexLength(); n++) {
            if (repo.objects().findByPrefix(id.abbreviate(n)).size() <= 1) {
                return id.abbreviate(n);
            }
        }
        return id.name();
    }

    /** Resolves {@code spec} to a commit (peeling tags), with git's message when it is not one. */
    static ObjectId commit(Repository repo, String spec) throws IOException {
        ObjectId id = resolve(repo, spec);
        return repo.peel(id, dev.panagit.lib.ObjectType.COMMIT);
    }

    /** The object {@code spec} names; {@code fatal: Not a valid object name} when none. */
    static ObjectId resolve(Repository repo, String spec) throws IOException {
        return Revisions.resolve(repo, spec).orElseThrow(() -> new Fatal("Not a valid object name " + spec));
    }
}
