package dev.panagit.cli;

import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.repo.Refs;
import dev.panagit.repo.Repository;
import dev.panagit.repo.WrongObjectTypeException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The ref names git log shows beside a commit: {@code (HEAD -> master, tag: v1, feature)}, in git's order. */
final class Decorations {
    /** How refs are named next to commits ({@code --decorate=<style>}, {@code log.decorate}). */
    enum Style {
        NO, SHORT, FULL;

        /**
         * The style of {@code --decorate=<value>} or {@code log.decorate}: {@code auto} is SHORT on a
         * terminal, NO otherwise; a config value that is none of these counts as SHORT, as in git.
         */
        static Style parse(String value, boolean terminal, boolean fromConfig) {
            switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "short": return SHORT;
                case "full": return FULL;
                case "no": return NO;
                case "auto": return terminal ? SHORT : NO;
                default:
                    if (!fromConfig) {
                        throw new Fatal("invalid --decorate option: " + value);
                    }
                    return switch (value.toLowerCase(java.util.Locale.ROOT)) {
                        case "false", "off", "0" -> NO;
                        default -> SHORT;   // true, yes, on, 1 and anything else
                    };
            }
        }
    }

    /** Nothing is decorated. */
    static final Decorations NONE = new Decorations();

    private final Map<ObjectId, List<String>> byCommit = new HashMap<>();
    /** The colour role of each name ({@code HEAD -> x} keeps x's role for its second half). */
    private final Map<String, String> roles = new HashMap<>();

    private Decorations() {
    }

    /** Decorations in {@code style} (SHORT or FULL), or {@link #NONE}. */
    static Decorations of(Repository repo, Style style) throws IOException {
        return style == Style.NO ? NONE : new Decorations(repo, style == Style.FULL);
    }

    private Decorations(Repository repo, boolean full) throws IOException {
        Refs refs = repo.refs();
        Optional<ObjectId> head = refs.resolve(Refs.HEAD);
        Optional<String> headBranch = refs.currentBranch();
        TreeMap<String, ObjectId> all = new TreeMap<>(refs.all());
        head.ifPresent(id -> byCommit.computeIfAbsent(id, k -> new ArrayList<>())
                .add(headBranch.map(b -> "HEAD -> " + (full ? b : shortName(b))).orElse("HEAD")));
        headBranch.ifPresent(b -> roles.put((full ? b : shortName(b)), "branch"));
        for (Map.Entry<String, ObjectId> ref : all.descendingMap().entrySet()) {
            if (headBranch.isPresent() && headBranch.get().equals(ref.getKey()) && head.isPresent()
                    || !shownByDefault(ref.getKey())) {
                continue;
            }
            String shown = full ? ref.getKey() : shortName(ref.getKey());
            String name = ref.getKey().startsWith("refs/tags/") ? "tag: " + shown : shown;
            roles.put(name, ref.getKey().startsWith("refs/tags/") ? "tag" : ref.getKey().startsWith("refs/remotes/")
                    ? "remote" : ref.getKey().equals("refs/stash") ? "stash" : "branch");
            ObjectId target = ref.getValue();
            byCommit.computeIfAbsent(target, k -> new ArrayList<>()).add(name);
            ObjectId peeled = peel(repo, target);
            if (!peeled.equals(target)) {
                byCommit.computeIfAbsent(peeled, k -> new ArrayList<>()).add(name);
            }
        }
    }

    /** git's default decoration filter: branches, remote-tracking branches, tags and the stash. */
    private static boolean shownByDefault(String ref) {
        return ref.startsWith("refs/heads/") || ref.startsWith("refs/remotes/") || ref.startsWith("refs/tags/")
                || ref.equals("refs/stash");
    }

    private static ObjectId peel(Repository repo, ObjectId id) throws IOException {
        try {
            return repo.peel(id, ObjectType.COMMIT);
        } catch (WrongObjectTypeException e) {
            return id;
        }
    }

    static String shortName(String ref) {
        for (String prefix : new String[] {"refs/heads/", "refs/tags/", "refs/remotes/", "refs/"}) {
            if (ref.startsWith(prefix)) {
                return ref.substring(prefix.length());
            }
        }
        return ref;
    }

    /** The names of the refs at a commit, in git's order (empty when none). */
    List<String> names(ObjectId id) {
        List<String> names = byCommit.get(id);
        return names == null ? List.of() : names;
    }

    /** " (a, b)" or "" when nothing points here. */
    String suffix(ObjectId id) {
        return suffix(id, dev.panagit.diff.Palette.OFF);
    }

    /** The same in colours, as git's format_decorations: the parentheses and commas in the commit colour. */
    String suffix(ObjectId id, dev.panagit.diff.Palette palette) {
        List<String> names = byCommit.get(id);
        if (names == null) {
            return "";
        }
        if (!palette.on()) {
            return " (" + String.join(", ", names) + ")";
        }
        StringBuilder sb = new StringBuilder();
        String prefix = " (";
        for (String name : names) {
            sb.append(palette.commit()).append(prefix).append(palette.reset());
            if (name.startsWith("HEAD")) {
                sb.append(palette.head()).append("HEAD");
                if (name.startsWith("HEAD -> ")) {
                    String branch = name.substring("HEAD -> ".length());
                    sb.append(" -> ").append(palette.reset()).append(color(palette, roles.get(branch))).append(branch);
                }
            } else {
                sb.append(color(palette, roles.get(name))).append(name);
            }
            sb.append(palette.reset());
            prefix = ", ";
        }
        return sb.append(palette.commit()).append(')').append(palette.reset()).toString();
    }

    private static String color(dev.panagit.diff.Palette palette, String role) {
        if (role == null) {
            return palette.branch();
        }
        return switch (role) {
            case "tag" -> palette.tag();
            case "remote" -> palette.remoteBranch();
            case "stash" -> palette.stash();
            default -> palette.branch();
        };
    }
}
