package dev.panagit.repo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The configuration a git command sees: the system file ({@code /etc/gitconfig}, unless
 * {@code GIT_CONFIG_NOSYSTEM}), the user's ({@code GIT_CONFIG_GLOBAL}, else the XDG file and
 * {@code ~/.gitconfig}), then the repository's, later files winning.
 */
public final class ConfigFiles {
    private ConfigFiles() {
    }

    /** The user-level and system configuration for an environment (a run's, not necessarily the process's). */
    public static GitConfig user(Map<String, String> env) throws IOException {
        GitConfig config = GitConfig.empty();
        if (!isTrue(env.get("GIT_CONFIG_NOSYSTEM"))) {
            String system = env.get("GIT_CONFIG_SYSTEM");
            config = GitConfig.read(Path.of(system != null ? system : "/etc/gitconfig")).over(config);
        }
        String global = env.get("GIT_CONFIG_GLOBAL");
        if (global != null) {
            return global.isEmpty() ? config : GitConfig.read(Path.of(global)).over(config);
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        String xdg = env.get("XDG_CONFIG_HOME");
        Path xdgFile = xdg != null && !xdg.isEmpty() ? Path.of(xdg, "git", "config") : Path.of(home, ".config", "git", "config");
        config = GitConfig.read(xdgFile).over(config);
        return GitConfig.read(Path.of(home, ".gitconfig")).over(config);
    }

    /** Everything a command in {@code repo} sees: the user's configuration under the repository's. */
    public static GitConfig effective(Repository repo, Map<String, String> env) throws IOException {
        return repo.config().over(user(env));
    }

    /** git's default global ignore file: {@code $XDG_CONFIG_HOME/git/ignore}, else {@code ~/.config/git/ignore}. */
    public static Path defaultExcludesFile(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isEmpty()) {
            return Path.of(xdg, "git", "ignore");
        }
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config", "git", "ignore");
    }

    /** Expands a leading {@code ~/} as git does for path-valued keys such as core.excludesFile. */
    public static Path expandPath(String value, Map<String, String> env) {
        if (value.startsWith("~/")) {
            return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), value.substring(2));
        }
        return Path.of(value);
    }

    private static boolean isTrue(String value) {
        return value != null && (value.equals("1") || value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes"));
    }
}
