package dev.panagit.status;

import dev.panagit.worktree.IgnoreRules;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The files of a work tree that the index does not track, split into untracked and ignored as
 * git's {@code dir.c} splits them for status: directories without tracked content collapse into
 * {@code dir/} (unless every file is wanted), empty ones are hidden, nested repositories are shown
 * and not entered, and a file under an ignored directory is ignored whatever its own name says.
 */
public final class UntrackedScan {
    /** {@code -u}: which untracked files to list. */
    public enum Untracked {
        /** {@code -uno}: none. */
        NO,
        /** {@code -unormal}: files, and directories holding only untracked files as one entry. */
        NORMAL,
        /** {@code -uall}: every file. */
        ALL
    }

    /** {@code --ignored}: which ignored files to list. */
    public enum Ignored {
        /** None. */
        NO,
        /** {@code --ignored=traditional}: ignored files, and directories wholly ignored as one entry. */
        TRADITIONAL,
        /** {@code --ignored=matching}: the paths that match an ignore pattern. */
        MATCHING
    }

    /** Paths relative to the work tree, '/'-separated; directories end with '/'; git's order is the caller's job. */
    public record Result(List<String> untracked, List<String> ignored) {
    }

    private final Path root;
    private final IgnoreRules rules;
    private final Set<String> trackedFiles = new HashSet<>();
    private final Set<String> trackedDirs = new HashSet<>();
    private final Untracked untrackedMode;
    private final Ignored ignoredMode;
    /** Pathspecs (a path and everything under it; "" for all) that limit the walk. */
    private List<String> limits = List.of("");

    /** Limits the scan to these paths (relative to the work tree) and what is under them. */
    public UntrackedScan limitTo(List<String> paths) {
        if (!paths.isEmpty()) {
            limits = paths.stream().map(p -> p.endsWith("/") ? p.substring(0, p.length() - 1) : p)
                    .map(p -> p.equals(".") ? "" : p).toList();
        }
        return this;
    }

    private boolean covered(String path) {
        return limits.stream().anyMatch(l -> l.isEmpty() || path.equals(l) || path.startsWith(l + "/"));
    }

    private boolean leadsTo(String dir) {
        return limits.stream().anyMatch(l -> l.startsWith(dir + "/"));
    }

    /**
     * @param rules ignore rules already holding the global and {@code info/exclude} patterns;
     *     {@code .gitignore} files are added as the walk meets them
     */
    public UntrackedScan(Path root, IgnoreRules rules, Collection<String> tracked, Untracked untracked, Ignored ignored) {
        this.root = root;
        this.rules = rules;
        this.untrackedMode = untracked;
        this.ignoredMode = ignored;
        for (String path : tracked) {
            trackedFiles.add(path);
            for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
                trackedDirs.add(path.substring(0, slash));
            }
        }
    }

    /** Walks the work tree once and returns the untracked and ignored paths asked for. */
    public Result scan() throws IOException {
        Result result = new Result(new ArrayList<>(), new ArrayList<>());
        if (untrackedMode == Untracked.NO) {
            return result;
        }
        walk("", false, result, false);
        if (ignoredMode == Ignored.NO) {
            result.ignored.clear();
        }
        return result;
    }

    /**
     * Lists one directory into {@code out}. With {@code anyUntracked} the caller only needs to
     * know whether there is an untracked file at all, and the walk stops at the first.
     */
    private void walk(String dir, boolean ignoredAbove, Result out, boolean anyUntracked) throws IOException {
        Path directory = dir.isEmpty() ? root : root.resolve(dir);
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                names.add(entry.getFileName().toString());
            }
        } catch (NoSuchFileException | java.nio.file.NotDirectoryException e) {
            return;
        }
        names.sort(null);
        if (!ignoredAbove && names.contains(".gitignore")) {
            rules.addFile(directory.resolve(".gitignore"), dir);
        }
        for (String name : names) {
            if (name.equals(".git")) {
                continue;
            }
            String path = dir.isEmpty() ? name : dir + "/" + name;
            if (trackedFiles.contains(path)) {
                continue;
            }
            boolean covered = covered(path);
            if (!covered && !leadsTo(path)) {
                continue;
            }
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(directory.resolve(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                continue;   // removed while we looked
            }
            if (attrs.isDirectory()) {
                if (trackedDirs.contains(path) || !covered) {
                    boolean ignored = ignoredAbove || rules.isIgnored(path, true);
                    if (!ignored || ignoredMode != Ignored.NO) {
                        // everything untracked under an ignored directory is ignored: no need to look unless asked
                        walk(path, ignored, out, false);
                    }
                } else {
                    untrackedDirectory(path, ignoredAbove, out);
                }
            } else {
                boolean ignored = ignoredAbove || rules.isIgnored(path, false);
                (ignored ? out.ignored : out.untracked).add(path);
            }
            if (anyUntracked && !out.untracked.isEmpty()) {
                return;
            }
        }
    }

    private void untrackedDirectory(String path, boolean ignoredAbove, Result out) throws IOException {
        boolean matched = !ignoredAbove && rules.isIgnored(path, true);
        boolean ignored = ignoredAbove || matched;
        if (Files.exists(root.resolve(path).resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
            // a repository of its own: shown as a whole, never entered
            if (!ignored) {
                out.untracked.add(path + "/");
            } else if (ignoredMode != Ignored.NO) {
                out.ignored.add(path + "/");
            }
            return;
        }
        if (ignored) {
            switch (ignoredMode) {
                case NO -> {
                }
                case MATCHING -> out.ignored.add(path + "/");
                case TRADITIONAL -> {
                    if (untrackedMode == Untracked.ALL) {
                        allFiles(path, out.ignored);
                    } else if (hasFile(path)) {
                        out.ignored.add(path + "/");
                    }
                }
            }
            return;
        }
        Result inside = new Result(new ArrayList<>(), new ArrayList<>());
        boolean onlyAsk = untrackedMode == Untracked.NORMAL && ignoredMode == Ignored.NO;
        walk(path, false, inside, onlyAsk);
        if (untrackedMode == Untracked.ALL) {
            out.untracked.addAll(inside.untracked);
            out.ignored.addAll(inside.ignored);
        } else if (!inside.untracked.isEmpty()) {
            out.untracked.add(path + "/");
            out.ignored.addAll(inside.ignored);
        } else if (!inside.ignored.isEmpty()) {
            if (ignoredMode == Ignored.TRADITIONAL) {
                out.ignored.add(path + "/");
            } else {
                out.ignored.addAll(inside.ignored);
            }
        }
    }

    /** Whether a directory holds a file at any depth (git hides directories that hold none). */
    private boolean hasFile(String dir) throws IOException {
        try (var walk = Files.walk(root.resolve(dir))) {
            return walk.anyMatch(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS));
        }
    }

    private void allFiles(String dir, List<String> into) throws IOException {
        try (var walk = Files.walk(root.resolve(dir))) {
            walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .forEach(p -> into.add(root.relativize(p).toString().replace('\\', '/')));
        }
    }
}
