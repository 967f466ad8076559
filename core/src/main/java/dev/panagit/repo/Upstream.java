package dev.panagit.repo;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A branch's upstream as git finds it ({@code branch_get_upstream}): {@code branch.<name>.remote}
 * and {@code branch.<name>.merge}, the merge ref mapped through the remote's fetch refspecs to
 * the remote-tracking ref (or taken as is for the remote {@code .}).
 */
public final class Upstream {
    private Upstream() {
    }

    /** The full name of {@code branch}'s upstream ref ({@code refs/remotes/origin/main}), or empty. */
    public static Optional<String> of(GitConfig config, String branch) {
        Optional<String> remote = config.get("branch." + branch + ".remote");
        Optional<String> merge = config.get("branch." + branch + ".merge");
        if (remote.isEmpty() || merge.isEmpty()) {
            return Optional.empty();
        }
        if (remote.get().equals(".")) {
            return merge;
        }
        for (String refspec : config.getAll("remote." + remote.get() + ".fetch")) {
            Optional<String> mapped;
            try {
                mapped = RefSpec.parse(refspec).map(merge.get());
            } catch (IllegalArgumentException e) {
                continue;   // git skips a refspec it cannot read here too
            }
            if (mapped.isPresent() && !mapped.get().isEmpty()) {
                return mapped;
            }
        }
        return Optional.empty();
    }

    /**
     * The shortest name that still finds {@code fullName} first in git's lookup order
     * ({@code refs_shorten_unambiguous_ref}): {@code origin/main} for {@code refs/remotes/origin/main}
     * unless, say, a branch {@code origin/main} would be found before it.
     */
    public static String shorten(Refs refs, String fullName) throws IOException {
        List<String> rules = List.of("refs/", "refs/tags/", "refs/heads/", "refs/remotes/");
        for (int r = rules.size() - 1; r >= 0; r--) {
            String prefix = rules.get(r);
            if (!fullName.startsWith(prefix) || fullName.length() == prefix.length()) {
                continue;
            }
            String shortName = fullName.substring(prefix.length());
            boolean ambiguous = false;
            for (int earlier = 0; earlier < r && !ambiguous; earlier++) {
                ambiguous = refs.exists(rules.get(earlier) + shortName);
            }
            if (!ambiguous) {
                return shortName;
            }
        }
        return fullName;
    }
}
