package dev.panagit.transport;

import dev.panagit.repo.GitConfig;
import dev.panagit.repo.RefSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A remote as the configuration describes it ({@code remote.<name>.url}, {@code .fetch}), or a
 * path or {@code file://} URL given directly. Only local repositories are reached here.
 */
public record Remote(String name, String url, List<RefSpec> fetch) {
    /** The configured remote {@code nameOrUrl}, else that path or URL itself (no refspecs). */
    public static Remote resolve(GitConfig config, String nameOrUrl) {
        Optional<String> url = config.get("remote." + nameOrUrl + ".url");
        if (url.isPresent()) {
            return new Remote(nameOrUrl, url.get(),
                    config.getAll("remote." + nameOrUrl + ".fetch").stream().map(RefSpec::parse).toList());
        }
        return new Remote(null, nameOrUrl, List.of());
    }

    /** The directory the URL names, relative to {@code cwd}; refuses what is not local. */
    public Path path(Path cwd) {
        String u = url;
        if (u.startsWith("file://")) {
            u = u.substring("file://".length());
        } else if (u.matches("^[A-Za-z][A-Za-z0-9+.-]*://.*") || u.matches("^[^/]+@[^/]+:.*")) {
            throw new IllegalArgumentException("'" + url + "': only local repositories (paths and file:// URLs) are"
                    + " reached yet; ssh and https transports are not built");
        }
        return cwd.resolve(u).normalize();
    }
}
