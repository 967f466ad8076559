package dev.panagit.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only view of a git config file: {@code [section]} and {@code [section "sub"]} headers,
 * {@code key = value} lines, comments with {@code #} or {@code ;}. Keys are matched as git
 * matches them: section and key case-insensitively, subsection exactly.
 */
public final class GitConfig {
    /** Every value of every key, in file order (a key may be given more than once, as remote.*.fetch). */
    private final Map<String, java.util.List<String>> values;

    private GitConfig(Map<String, java.util.List<String>> values) {
        this.values = values;
    }

    /**
     * This configuration over a lower-precedence one ({@code ~/.gitconfig} under the repository's),
     * as git reads them: one file after the other, so a single-valued key takes this one's value
     * and a multi-valued key has the lower one's values first.
     */
    public GitConfig over(GitConfig lower) {
        Map<String, java.util.List<String>> merged = new LinkedHashMap<>();
        lower.values.forEach((k, v) -> merged.put(k, new java.util.ArrayList<>(v)));
        values.forEach((k, v) -> merged.computeIfAbsent(k, x -> new java.util.ArrayList<>()).addAll(v));
        return new GitConfig(merged);
    }

    /** A configuration with no values. */
    public static GitConfig empty() {
        return new GitConfig(Map.of());
    }

    /** Reads a config file; a missing file reads as empty. */
    public static GitConfig read(Path file) throws IOException {
        try {
            // git's values are bytes: text that is not UTF-8 is read, not refused
            return parse(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            return empty();
        }
    }

    static GitConfig parse(String text, String origin) throws IOException {
        Map<String, java.util.List<String>> values = new LinkedHashMap<>();
        String section = null;
        int lineNumber = 0;
        for (String raw : text.split("\n", -1)) {
            lineNumber++;
            String line = stripComment(raw).strip();
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("[")) {
                int close = line.lastIndexOf(']');
                if (close < 0) {
                    throw new InvalidConfigException(origin, lineNumber, raw);
                }
                section = sectionName(line.substring(1, close).strip());
                if (section == null) {
                    throw new InvalidConfigException(origin, lineNumber, raw);
                }
                continue;
            }
            if (section == null) {
                throw new InvalidConfigException(origin, lineNumber, "key outside a section");
            }
            int eq = line.indexOf('=');
            String key = (eq < 0 ? line : line.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String value = eq < 0 ? "true" : unquote(line.substring(eq + 1).strip());
            values.computeIfAbsent(section + "." + key, k -> new java.util.ArrayList<>()).add(value);
        }
        return new GitConfig(values);
    }

    /** {@code core} or {@code branch "master"} as {@code core} or {@code branch.master}; null if malformed. */
    private static String sectionName(String inside) {
        int quote = inside.indexOf('"');
        if (quote < 0) {
            return inside.toLowerCase(Locale.ROOT);
        }
        int end = inside.lastIndexOf('"');
        if (end == quote) {
            return null;   // an opening quote with no closing one
        }
        String name = inside.substring(0, quote).strip().toLowerCase(Locale.ROOT);
        return name + "." + inside.substring(quote + 1, end);
    }

    private static String stripComment(String line) {
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '#' || c == ';')) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    /**
     * A size as git writes it in config: digits with an optional {@code k}, {@code m} or {@code g}
     * (powers of 1024); throws {@link IllegalArgumentException} naming the value otherwise.
     */
    public static long parseSize(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (!v.isEmpty() && "kmg".indexOf(v.charAt(v.length() - 1)) >= 0) {
            unit = 1L << (10 * ("kmg".indexOf(v.charAt(v.length() - 1)) + 1));
            v = v.substring(0, v.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(v), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("bad numeric config value '" + value + "'");
        }
    }

    /** The subsections of a section in the order they first appear ({@code remote} -> origin, upstream). */
    public java.util.List<String> subsections(String section) {
        String prefix = section.toLowerCase(Locale.ROOT) + ".";
        java.util.LinkedHashSet<String> names = new java.util.LinkedHashSet<>();
        for (String key : values.keySet()) {
            int last = key.lastIndexOf('.');
            if (key.startsWith(prefix) && last > prefix.length()) {
                names.add(key.substring(prefix.length(), last));
            }
        }
        return new java.util.ArrayList<>(names);
    }

    /** Every key (lowercase section and name) under {@code section}, e.g. the names of {@code extensions.*}. */
    public java.util.List<String> keysIn(String section) {
        String prefix = section.toLowerCase(Locale.ROOT) + ".";
        return values.keySet().stream().filter(k -> k.startsWith(prefix) && k.indexOf('.', prefix.length()) < 0)
                .map(k -> k.substring(prefix.length())).toList();
    }

    /** An integer value as git reads it, with git's message for one that is not a number. */
    public Optional<Long> getNumber(String key, String origin) {
        Optional<String> value = get(key);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parseSize(value.get()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad numeric config value '" + value.get() + "' for '" + key
                    + "' in file " + origin + ": invalid unit");
        }
    }

    /** The value of {@code section.key} or {@code section.subsection.key} (the last one given). */
    public Optional<String> get(String key) {
        java.util.List<String> all = getAll(key);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** A boolean as git reads one (true/yes/on/1, false/no/off/0/empty), or {@code otherwise}. */
    public boolean getBoolean(String key, boolean otherwise) {
        return get(key).map(v -> switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0", "" -> false;
            default -> otherwise;
        }).orElse(otherwise);
    }

    /** Every value of a key, in the order given. */
    public java.util.List<String> getAll(String key) {
        int firstDot = key.indexOf('.');
        int lastDot = key.lastIndexOf('.');
        String normalized = firstDot == lastDot
                ? key.toLowerCase(Locale.ROOT)
                : key.substring(0, firstDot).toLowerCase(Locale.ROOT) + key.substring(firstDot, lastDot)
                        + key.substring(lastDot).toLowerCase(Locale.ROOT);
        return values.getOrDefault(normalized, java.util.List.of());
    }
}
