package dev.panagit.worktree;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code .gitignore} patterns (and {@code .git/info/exclude}): globs with {@code *}, {@code ?},
 * {@code [...]} and {@code **}, {@code !} to re-include, a trailing {@code /} for directories
 * only, and anchoring when the pattern has a slash before its end. The last matching rule wins.
 */
public final class IgnoreRules {
    private record Rule(String base, Pattern pattern, boolean negated, boolean directoryOnly, boolean anchored) {
    }

    private final List<Rule> rules = new ArrayList<>();

    /** Adds the rules of one ignore file whose patterns are relative to {@code base} ("" for the root). */
    public void addFile(Path file, String base) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            add(line, base);
        }
    }

    /** Adds one pattern line. */
    public void add(String rawLine, String base) {
        String line = rawLine;
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        line = stripTrailingSpaces(line);
        if (line.isEmpty()) {
            return;
        }
        boolean negated = false;
        if (line.startsWith("!")) {
            negated = true;
            line = line.substring(1);
        } else if (line.startsWith("\\!") || line.startsWith("\\#")) {
            line = line.substring(1);
        }
        boolean directoryOnly = line.endsWith("/");
        if (directoryOnly) {
            line = line.substring(0, line.length() - 1);
        }
        boolean anchored = line.indexOf('/') >= 0;
        if (line.startsWith("/")) {
            line = line.substring(1);
        }
        if (line.isEmpty()) {
            return;
        }
        rules.add(new Rule(base, Pattern.compile(globToRegex(line)), negated, directoryOnly, anchored));
    }

    private static String stripTrailingSpaces(String line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ' && (end < 2 || line.charAt(end - 2) != '\\')) {
            end--;
        }
        return line.substring(0, end);
    }

    /** Whether {@code path} (relative to the work tree, '/'-separated) is ignored. */
    public boolean isIgnored(String path, boolean directory) {
        Boolean verdict = null;
        for (Rule rule : rules) {
            if (rule.directoryOnly && !directory) {
                continue;
            }
            String relative;
            if (rule.base.isEmpty()) {
                relative = path;
            } else if (path.startsWith(rule.base + "/")) {
                relative = path.substring(rule.base.length() + 1);
            } else {
                continue;
            }
            String subject = rule.anchored ? relative : relative.substring(relative.lastIndexOf('/') + 1);
            if (rule.pattern.matcher(subject).matches()) {
                verdict = !rule.negated;
            }
        }
        return verdict != null && verdict;
    }

    static String globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                    boolean slashAfter = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                    boolean atStart = i == 0 || glob.charAt(i - 1) == '/';
                    if (atStart && slashAfter) {
                        re.append("(?:.*/)?");
                        i += 2;
                    } else {
                        re.append(".*");
                        i += 1;
                    }
                } else {
                    re.append("[^/]*");
                }
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '[') {
                int close = glob.indexOf(']', i + 2);
                if (close < 0) {
                    re.append("\\[");
                } else {
                    String set = glob.substring(i + 1, close);
                    if (set.startsWith("!")) {
                        set = "^" + set.substring(1);
                    }
                    re.append('[').append(set.replace("\\", "\\\\")).append(']');
                    i = close;
                }
            } else if (c == '\\' && i + 1 < glob.length()) {
                re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
