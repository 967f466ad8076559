package dev.panagit.repo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * Everything a command in {@code repo} sees: the user's configuration under the repository's,
     * and over both the command line's {@code -c key=value} ({@code GIT_CONFIG_PARAMETERS}).
     */
    public static GitConfig effective(Repository repo, Map<String, String> env) throws IOException {
        return commandLine(env).over(repo.config().over(user(env)));
    }

    /** The {@code -c} settings in git's GIT_CONFIG_PARAMETERS form: {@code 'key'='value'} (or {@code 'key=value'}), space-separated. */
    public static GitConfig commandLine(Map<String, String> env) throws IOException {
        String parameters = env.get("GIT_CONFIG_PARAMETERS");
        if (parameters == null || parameters.isBlank()) {
            return GitConfig.empty();
        }
        StringBuilder text = new StringBuilder();
        List<String> quoted = new ArrayList<>();
        StringBuilder current = null;
        for (int i = 0; i < parameters.length(); i++) {
            char c = parameters.charAt(i);
            if (c == '\'') {
                if (current == null) {
                    current = new StringBuilder();
                } else {
                    quoted.add(current.toString());
                    current = null;
                }
            } else if (current != null) {
                current.append(c);
            } else if (c == '=') {
                quoted.add("=");
            } else if (c == ' ') {
                quoted.add(" ");
            }
        }
        List<String[]> pairs = new ArrayList<>();
        for (int i = 0; i < quoted.size(); i++) {
            String item = quoted.get(i);
            if (item.equals(" ") || item.equals("=")) {
                continue;
            }
            if (i + 2 < quoted.size() && quoted.get(i + 1).equals("=")) {
                pairs.add(new String[] {item, quoted.get(i + 2)});
                i += 2;
            } else {
                int eq = item.indexOf('=');
                pairs.add(eq < 0 ? new String[] {item, "true"} : new String[] {item.substring(0, eq), item.substring(eq + 1)});
            }
        }
        for (String[] pair : pairs) {
            int lastDot = pair[0].lastIndexOf('.');
            int firstDot = pair[0].indexOf('.');
            if (firstDot < 0) {
                throw new IOException("key does not contain a section: " + pair[0]);
            }
            String section = pair[0].substring(0, firstDot);
            String sub = lastDot > firstDot ? " \"" + pair[0].substring(firstDot + 1, lastDot) + "\"" : "";
            text.append('[').append(section).append(sub).append("]\n\t").append(pair[0].substring(lastDot + 1))
                    .append(" = \"").append(pair[1]).append("\"\n");
        }
        return GitConfig.parse(text.toString(), "command line");
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
