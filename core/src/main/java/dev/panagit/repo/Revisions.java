package dev.panagit.repo;

import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.objects.Commit;
import dev.panagit.lib.AmbiguousObjectException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * git's revision syntax: a full id, a unique abbreviation (4+ hex digits), {@code HEAD},
 * {@code @}, a ref or short branch/tag name, followed by any of {@code ~n}, {@code ^n},
 * {@code ^{tree}}, {@code ^{commit}}, {@code ^{tag}}, {@code ^{blob}}, {@code ^{}}.
 */
public final class Revisions {
    /** git's shortest accepted abbreviation. */
    public static final int MIN_ABBREV = 4;

    private Revisions() {
    }

    /** The id {@code spec} names, or empty when its base names nothing. */
    public static Optional<ObjectId> resolve(Repository repo, String spec) throws IOException {
        return resolve(repo, spec, false);
    }

    /**
     * The same; when {@code committish}, an abbreviation that several objects share resolves to the
     * one commit among them (a tag of a commit counts), as git does where it wants a commit.
     * {@code <rev>:<path>} names the entry at {@code path} in {@code <rev>}'s tree.
     */
    public static Optional<ObjectId> resolve(Repository repo, String spec, boolean committish) throws IOException {
        int colon = spec.indexOf(':');
        if (colon > 0) {
            Optional<ObjectId> treeish = resolve(repo, spec.substring(0, colon), false);
            return treeish.isEmpty() ? treeish : entryAt(repo, treeish.get(), spec.substring(colon + 1), spec);
        }
        int suffix = suffixStart(spec);
        Optional<ObjectId> base = resolveBase(repo, spec.substring(0, suffix), committish || suffix < spec.length());
        if (base.isEmpty()) {
            return base;
        }
        ObjectId current = base.get();
        String rest = spec.substring(suffix);
        int i = 0;
        while (i < rest.length()) {
            char op = rest.charAt(i++);
            if (op == '^' && i < rest.length() && rest.charAt(i) == '{') {
                int close = rest.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("bad revision '" + spec + "': unclosed ^{");
                }
                String type = rest.substring(i + 1, close);
                current = type.isEmpty() ? repo.peelTags(current) : repo.peel(current, ObjectType.fromGitName(type));
                i = close + 1;
                continue;
            }
            int start = i;
            while (i < rest.length() && Character.isDigit(rest.charAt(i))) {
                i++;
            }
            int n = start == i ? 1 : Integer.parseInt(rest.substring(start, i));
            if (op == '~') {
                for (int k = 0; k < n; k++) {
                    current = parent(repo, current, 1, spec);
                }
            } else if (op == '^') {
                current = n == 0 ? repo.peel(current, ObjectType.COMMIT) : parent(repo, current, n, spec);
            } else {
                throw new IllegalArgumentException("bad revision '" + spec + "'");
            }
        }
        return Optional.of(current);
    }

    private static ObjectId parent(Repository repo, ObjectId id, int n, String spec) throws IOException {
        Commit commit = repo.readCommit(id);
        if (n > commit.parents().size()) {
            throw new RevisionNotFoundException(spec);
        }
        return commit.parents().get(n - 1);
    }

    private static int suffixStart(String spec) {
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if ((c == '~' || c == '^') && i > 0) {
                return i;
            }
        }
        return spec.length();
    }

    /** The object at {@code path} (slash-separated, relative to the root) in a tree-ish. */
    private static Optional<ObjectId> entryAt(Repository repo, ObjectId treeish, String path, String spec)
            throws IOException {
        ObjectId current = repo.peel(treeish, ObjectType.TREE);
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (repo.objects().readHeader(current).type() != ObjectType.TREE) {
                throw new RevisionNotFoundException(spec);
            }
            ObjectId next = null;
            for (dev.panagit.lib.TreeEntry entry : repo.readTree(current)) {
                if (entry.name().equals(part)) {
                    next = entry.id();
                    break;
                }
            }
            if (next == null) {
                throw new RevisionNotFoundException(spec, "path '" + path + "' does not exist in '"
                        + spec.substring(0, spec.indexOf(':')) + "'");
            }
            current = next;
        }
        return Optional.of(current);
    }

    private static Optional<ObjectId> resolveBase(Repository repo, String base, boolean committish)
            throws IOException {
        int hexLength = repo.format().hexLength();
        if (base.equals("@")) {
            return repo.refs().resolve(Refs.HEAD);
        }
        if (ObjectId.isHex(base, hexLength)) {
            return Optional.of(ObjectId.fromHex(repo.format(), base));
        }
        Optional<ObjectId> ref = repo.refs().resolveShort(base);
        if (ref.isPresent()) {
            return ref;
        }
        if (base.length() >= MIN_ABBREV && base.length() < hexLength && ObjectId.isHex(base, base.length())) {
            try {
                return Optional.ofNullable(repo.objects().resolveAbbreviation(base));
            } catch (AmbiguousObjectException e) {
                if (committish) {
                    List<ObjectId> commits = new ArrayList<>();
                    for (ObjectId candidate : e.candidates()) {
                        if (peelsToCommit(repo, candidate)) {
                            commits.add(candidate);
                        }
                    }
                    if (commits.size() == 1) {
                        return Optional.of(commits.get(0));
                    }
                }
                throw e;
            }
        }
        return Optional.empty();
    }

    private static boolean peelsToCommit(Repository repo, ObjectId id) throws IOException {
        try {
            repo.peel(id, ObjectType.COMMIT);
            return true;
        } catch (WrongObjectTypeException e) {
            return false;
        }
    }

    /** A revision that cannot be resolved. */
    public static final class RevisionNotFoundException extends IOException {
        private static final long serialVersionUID = 1L;

        private final String spec;

        /** A revision that names nothing here. */
        public RevisionNotFoundException(String spec) {
            this(spec, "ambiguous argument '" + spec + "': unknown revision or path not in the working tree.");
        }

        /** The same, saying why in git's words (e.g. a path not in the named tree). */
        public RevisionNotFoundException(String spec, String message) {
            super(message);
            this.spec = spec;
        }

        /** The revision as given. */
        public String spec() {
            return spec;
        }
    }
}
