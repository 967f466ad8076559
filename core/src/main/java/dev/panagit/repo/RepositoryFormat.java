package dev.panagit.repo;

import dev.panagit.lib.ObjectFormat;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * git's repository format check ({@code check_repository_format_gently}): the format version
 * and the {@code extensions.*} a repository declares decide whether this program may read and
 * write it at all. Version 0 tolerates the extensions git allowed before versions existed and
 * ignores unknown ones; version 1 must understand every extension; anything newer is refused.
 */
final class RepositoryFormat {
    /** Extensions a version 0 repository may carry (git's handle_extension_v0). */
    private static final Set<String> V0 = Set.of("noop", "preciousobjects", "partialclone", "worktreeconfig");

    /** Extensions only version 1 may carry, and that panagit understands (git's handle_extension). */
    private static final Set<String> V1_ONLY = Set.of("noop-v1", "objectformat");

    private RepositoryFormat() {
    }

    /** The repository's object format, after git's checks; throws with git's message when it may not be used. */
    static ObjectFormat check(GitConfig config, Path configFile) throws IOException {
        long version;
        try {
            version = config.getNumber("core.repositoryformatversion", configFile.toString()).orElse(0L);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage());
        }
        if (version < 0 || version > 1) {
            throw new IOException("Expected git repo version <= 1, found " + version);
        }
        List<String> unknown = new ArrayList<>();
        List<String> v1Only = new ArrayList<>();
        for (String name : config.keysIn("extensions")) {
            if (V0.contains(name)) {
                continue;
            }
            if (V1_ONLY.contains(name)) {
                v1Only.add(name);
            } else {
                unknown.add(name);
            }
        }
        if (version >= 1 && !unknown.isEmpty()) {
            throw new IOException("unknown repository extension found:" + listed(unknown));
        }
        if (version == 0 && !v1Only.isEmpty()) {
            throw new IOException("repo version is 0, but v1-only extension found:" + listed(v1Only));
        }
        if (version == 0) {
            return ObjectFormat.SHA1;
        }
        String name = config.get("extensions.objectformat").orElse("sha1");
        try {
            return ObjectFormat.fromConfigName(name);
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid value for 'extensions.objectformat': '" + name + "'");
        }
    }

    private static String listed(List<String> names) {
        StringBuilder sb = new StringBuilder();
        for (String name : names) {
            sb.append("\n\t").append(name);
        }
        return sb.toString();
    }
}
