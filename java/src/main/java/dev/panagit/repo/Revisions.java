package dev.panagit.repo;

import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.objects.Commit;
import java.io.IOException;
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
        int suffix = suffixStart(spec);
        Optional<ObjectId> base = resolveBase(repo, spec.substring(0, suffix));
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

    private static Optional<ObjectId> resolveBase(Repository repo, String base) throws IOException {
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
            return Optional.ofNullable(repo.objects().resolveAbbreviation(base));
        }
        return Optional.empty();
    }

    /** A revision that cannot be resolved. */
    public static final class RevisionNotFoundException extends IOException {
        private static final long serialVersionUID = 1L;

        public RevisionNotFoundException(String spec) {
            super("ambiguous argument '" + spec + "': unknown revision or path not in the working tree.");
        }
    }
}
