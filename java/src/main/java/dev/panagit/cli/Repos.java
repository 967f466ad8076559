package dev.panagit.cli;

import dev.panagit.lib.AmbiguousObjectException;
import dev.panagit.lib.ObjectId;
import dev.panagit.repo.NotARepositoryException;
import dev.panagit.repo.Refs;
import dev.panagit.repo.Repository;
import dev.panagit.repo.Revisions;
import java.io.IOException;
import java.util.Optional;

/** Opening the repository of a run, and naming objects in it, with git's error messages. */
final class Repos {
    private Repos() {
    }

    /** The repository of the run's working directory, owned by the run; git's words when there is none. */
    static Repository open(Io io) throws IOException {
        return openIfAny(io).orElseThrow(
                () -> new Fatal("not a git repository (or any of the parent directories): .git"));
    }

    static Optional<Repository> openIfAny(Io io) throws IOException {
        try {
            // The backend is chosen (and the native library loaded) only when an object is first read.
            return Optional.of(io.own(Repository.discover(io.cwd(),
                    new LazyCodec(() -> io.backend().codec()))));
        } catch (NotARepositoryException e) {
            return Optional.empty();
        }
    }

    /**
     * The repository a remote names (a local path or file:// URL), owned by the run; git's words
     * when the URL is not local or names no repository.
     */
    static Repository openRemote(Io io, dev.panagit.transport.Remote remote, dev.panagit.lib.ObjectCodec codec)
            throws IOException {
        try {
            return io.own(Repository.openAt(remote.path(io.cwd()), codec));
        } catch (IllegalArgumentException e) {
            throw new Fatal(e.getMessage());
        } catch (NotARepositoryException e) {
            throw new Fatal("'" + remote.url() + "' does not appear to be a git repository\n"
                    + "fatal: Could not read from remote repository.\n\n"
                    + "Please make sure you have the correct access rights\nand the repository exists.");
        }
    }

    /** Where the run is, relative to the work tree, with a trailing '/' ("" at the top or outside). */
    static String cwdPrefix(Io io, Repository repo) {
        java.nio.file.Path cwd = io.cwd().toAbsolutePath().normalize();
        if (!cwd.startsWith(repo.workTree()) || cwd.equals(repo.workTree())) {
            return "";
        }
        return repo.workTree().relativize(cwd).toString().replace('\\', '/') + "/";
    }

    /** A path the user typed, relative to the work tree ('/'-separated, "" for the root). */
    static String pathspec(Io io, Repository repo, String typed) {
        java.nio.file.Path absolute = io.cwd().resolve(typed).toAbsolutePath().normalize();
        if (!absolute.startsWith(repo.workTree())) {
            throw new Fatal(typed + ": '" + absolute + "' is outside repository at '" + repo.workTree() + "'");
        }
        return repo.workTree().relativize(absolute).toString().replace('\\', '/');
    }

    static dev.panagit.index.DirCache index(Repository repo) throws IOException {
        return dev.panagit.index.DirCache.read(repo.indexFile(), repo.format());
    }

    /** The shortest unique abbreviation, as git shows ids (7 digits or more; see ObjectDatabase#abbreviate). */
    static String abbrev(Repository repo, ObjectId id) throws IOException {
        return repo.objects().abbreviate(id);
    }

    /** Resolves {@code spec} to a commit (peeling tags), with git's message when it is not one. */
    /**
     * Why a ref moves, for the reflogs: the committer git would record and {@code message};
     * null (nothing logged) when no identity is configured, where git would make one up.
     */
    static Refs.Reason reason(Repository repo, Io io, String message) {
        try {
            return new Refs.Reason(new dev.panagit.history.Identities(repo, io.env()).committer(), message);
        } catch (IOException e) {
            return null;
        }
    }

    /** git's GIT_REFLOG_ACTION when a calling command set one (pull for its merge), else {@code fallback}. */
    static String reflogAction(Io io, String fallback) {
        String action = io.env().get("GIT_REFLOG_ACTION");
        return action == null || action.isEmpty() ? fallback : action;
    }

    static ObjectId commit(Io io, Repository repo, String spec) throws IOException {
        ObjectId id;
        try {
            id = Revisions.resolve(repo, spec, true).orElseThrow(() -> new Fatal("Not a valid object name " + spec));
        } catch (AmbiguousObjectException e) {
            throw ambiguous(io, repo, e, unknownRevision(spec));
        }
        return repo.peel(id, dev.panagit.lib.ObjectType.COMMIT);
    }

    /** The object {@code spec} names; {@code fatal: Not a valid object name} when none. */
    static ObjectId resolve(Io io, Repository repo, String spec) throws IOException {
        try {
            return Revisions.resolve(repo, spec).orElseThrow(() -> new Fatal("Not a valid object name " + spec));
        } catch (AmbiguousObjectException e) {
            throw ambiguous(io, repo, e, "Not a valid object name " + spec);
        }
    }

    /** git's message for a revision that names nothing. */
    static String unknownRevision(String spec) {
        return "ambiguous argument '" + spec + "': unknown revision or path not in the working tree.\n"
                + "Use '--' to separate paths from revisions, like this:\n"
                + "'git <command> [<revision>...] -- [<file>...]'";
    }

    /**
     * Prints git's {@code error: short object ID … is ambiguous} with a hint line per candidate
     * (tags, then commits, trees, blobs; each by id), and returns the fatal error to throw.
     */
    static Fatal ambiguous(Io io, Repository repo, AmbiguousObjectException e, String fatal) throws IOException {
        java.io.PrintStream err = io.err();
        err.println("error: short object ID " + e.prefix() + " is ambiguous");
        err.println("hint: The candidates are:");
        java.util.List<ObjectId> sorted = new java.util.ArrayList<>(e.candidates());
        java.util.Map<ObjectId, dev.panagit.lib.ObjectType> types = new java.util.HashMap<>();
        for (ObjectId id : sorted) {
            types.put(id, repo.objects().readHeader(id).type());
        }
        sorted.sort(java.util.Comparator.<ObjectId>comparingInt(id -> types.get(id).code() % 4)
                .thenComparing(java.util.Comparator.naturalOrder()));
        for (ObjectId id : sorted) {
            StringBuilder line = new StringBuilder("hint:   ").append(abbrev(repo, id)).append(' ');
            dev.panagit.lib.ObjectType type = types.get(id);
            line.append(type.gitName());
            if (type == dev.panagit.lib.ObjectType.COMMIT) {
                dev.panagit.objects.Commit commit = repo.readCommit(id);
                line.append(' ').append(shortDate(commit.committer())).append(" - ").append(commit.subject());
            } else if (type == dev.panagit.lib.ObjectType.TAG) {
                dev.panagit.objects.Tag tag = dev.panagit.objects.Tag.parse(repo.format(), id,
                        repo.objects().open(id).bytes());
                line.append(' ').append(shortDate(tag.tagger())).append(" - ").append(tag.name());
            }
            err.println(line);
        }
        return new Fatal(fatal);
    }

    private static String shortDate(dev.panagit.objects.PersonIdent who) {
        return java.time.LocalDate.ofInstant(java.time.Instant.ofEpochSecond(who.epochSeconds()),
                java.time.ZoneOffset.UTC).toString();
    }
}
