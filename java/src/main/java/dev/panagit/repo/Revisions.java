package dev.panagit.repo;

import dev.panagit.lib.ObjectId;
import java.io.IOException;
import java.util.Optional;

/**
 * Turns what a user typed into an object id: a full id, a unique abbreviation (4 or more hex
 * digits), {@code HEAD}, a ref name or a short branch or tag name.
 */
public final class Revisions {
    /** git's shortest accepted abbreviation. */
    public static final int MIN_ABBREV = 4;

    private Revisions() {
    }

    /** The id {@code spec} names, or empty when it names nothing. */
    public static Optional<ObjectId> resolve(Repository repo, String spec) throws IOException {
        int hexLength = repo.format().hexLength();
        if (ObjectId.isHex(spec, hexLength)) {
            return Optional.of(ObjectId.fromHex(repo.format(), spec));
        }
        if (spec.length() >= MIN_ABBREV && spec.length() < hexLength && ObjectId.isHex(spec, spec.length())) {
            ObjectId id = repo.objects().resolveAbbreviation(spec);
            if (id != null) {
                return Optional.of(id);
            }
        }
        if (spec.equals("@")) {
            return repo.refs().resolve("HEAD");
        }
        return repo.refs().resolveShort(spec);
    }
}
