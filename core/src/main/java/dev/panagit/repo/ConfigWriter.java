package dev.panagit.repo;

import dev.panagit.storage.LockFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Edits a config file as {@code git config} does: a value is added at the end of its section (a
 * new section at the end of the file, written as git writes it: {@code [remote "origin"]} then
 * tab-indented {@code key = value} lines), keys are unset, sections removed or renamed; every
 * other line, comments included, stays as it was. Written through {@code config.lock}.
 */
public final class ConfigWriter {
    private final Path file;
    private final List<String> lines;

    private ConfigWriter(Path file, List<String> lines) {
        this.file = file;
        this.lines = lines;
    }

    /** Reads {@code file} (missing: empty) for editing; nothing changes on disk until {@link #commit}. */
    public static ConfigWriter open(Path file) throws IOException {
        List<String> lines;
        try {
            lines = new ArrayList<>(List.of(Files.readString(file, StandardCharsets.UTF_8).split("\n", -1)));
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1);
            }
        } catch (NoSuchFileException e) {
            lines = new ArrayList<>();
        }
        return new ConfigWriter(file, lines);
    }

    /** The section part of a key ({@code remote.origin.url} -> {@code remote "origin"}), canonical. */
    private static String[] split(String key) {
        int first = key.indexOf('.');
        int last = key.lastIndexOf('.');
        if (first < 0 || first == last && first == 0 || last == key.length() - 1) {
            throw new IllegalArgumentException("key does not contain a section: " + key);
        }
        String section = key.substring(0, first).toLowerCase(Locale.ROOT);
        String sub = first == last ? null : key.substring(first + 1, last);
        String name = key.substring(last + 1).toLowerCase(Locale.ROOT);
        return new String[] {section, sub, name};
    }

    private static String header(String section, String sub) {
        return sub == null ? "[" + section + "]" : "[" + section + " \"" + sub.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    }

    /** Whether a line is the header of this section (section name case-insensitive, subsection exact). */
    private static boolean isHeader(String line, String section, String sub) {
        String t = line.strip();
        if (!t.startsWith("[") || t.indexOf(']') < 0) {
            return false;
        }
        String inside = t.substring(1, t.indexOf(']')).strip();
        int quote = inside.indexOf('"');
        String name = (quote < 0 ? inside : inside.substring(0, quote)).strip().toLowerCase(Locale.ROOT);
        String subsection = quote < 0 ? null : inside.substring(quote + 1, inside.lastIndexOf('"'));
        return name.equals(section) && java.util.Objects.equals(subsection, sub);
    }

    private static String keyOf(String line) {
        String t = line.strip();
        if (t.isEmpty() || t.startsWith("#") || t.startsWith(";") || t.startsWith("[")) {
            return null;
        }
        int eq = t.indexOf('=');
        return (eq < 0 ? t : t.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
    }

    /** The lines of a section's body: [from, to) for each occurrence of its header. */
    private List<int[]> bodies(String section, String sub) {
        List<int[]> found = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (isHeader(lines.get(i), section, sub)) {
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).strip().startsWith("[")) {
                    end++;
                }
                found.add(new int[] {i + 1, end});
            }
        }
        return found;
    }

    private static String valueLine(String name, String value) {
        boolean quote = value.startsWith(" ") || value.endsWith(" ") || value.contains("#") || value.contains(";");
        String escaped = value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\t", "\\t").replace("\n", "\\n");
        return "\t" + name + " = " + (quote ? "\"" + escaped + "\"" : escaped);
    }

    /** Adds a value (git config --add): after the section's last line, or in a new section at the end. */
    public ConfigWriter add(String key, String value) {
        String[] k = split(key);
        List<int[]> bodies = bodies(k[0], k[1]);
        if (bodies.isEmpty()) {
            lines.add(header(k[0], k[1]));
            lines.add(valueLine(k[2], value));
        } else {
            int[] last = bodies.get(bodies.size() - 1);
            int at = last[1];
            while (at > last[0] && lines.get(at - 1).isBlank()) {
                at--;
            }
            lines.add(at, valueLine(k[2], value));
        }
        return this;
    }

    /** Sets a single value (git config key value): replaces the last one, or adds it. */
    public ConfigWriter set(String key, String value) {
        String[] k = split(key);
        List<int[]> bodies = bodies(k[0], k[1]);
        for (int b = bodies.size() - 1; b >= 0; b--) {
            for (int i = bodies.get(b)[1] - 1; i >= bodies.get(b)[0]; i--) {
                if (k[2].equals(keyOf(lines.get(i)))) {
                    lines.set(i, valueLine(k[2], value));
                    return this;
                }
            }
        }
        return add(key, value);
    }

    /** Removes every value of a key (git config --unset-all). */
    public ConfigWriter unsetAll(String key) {
        String[] k = split(key);
        List<int[]> bodies = bodies(k[0], k[1]);
        for (int b = bodies.size() - 1; b >= 0; b--) {
            for (int i = bodies.get(b)[1] - 1; i >= bodies.get(b)[0]; i--) {
                if (k[2].equals(keyOf(lines.get(i)))) {
                    lines.remove(i);
                }
            }
        }
        return this;
    }

    /** Removes a section and its values (git config --remove-section). */
    public ConfigWriter removeSection(String section, String sub) {
        List<int[]> bodies = bodies(section.toLowerCase(Locale.ROOT), sub);
        for (int b = bodies.size() - 1; b >= 0; b--) {
            lines.subList(bodies.get(b)[0] - 1, bodies.get(b)[1]).clear();
        }
        return this;
    }

    /** Renames a section's subsection (git config --rename-section). */
    public ConfigWriter renameSection(String section, String from, String to) {
        String name = section.toLowerCase(Locale.ROOT);
        for (int i = 0; i < lines.size(); i++) {
            if (isHeader(lines.get(i), name, from)) {
                lines.set(i, header(name, to));
            }
        }
        return this;
    }

    /** Writes the file through its lock. */
    public void commit() throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        try (LockFile lock = LockFile.acquire(file)) {
            lock.write(text.toString().getBytes(StandardCharsets.UTF_8));
            lock.commit();
        }
    }
}
