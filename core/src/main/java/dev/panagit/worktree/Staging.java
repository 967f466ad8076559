package dev.panagit.worktree;

import dev.panagit.index.DirCache;
import dev.panagit.index.FileStat;
import dev.panagit.index.IndexEntry;
import dev.panagit.lib.ObjectId;
import dev.panagit.objects.Trees;
import dev.panagit.repo.Repository;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** git add: files and directories into the index, honouring .gitignore for untracked files, staging removals. */
public final class Staging {
    private final Repository repo;
    private final WorkTree workTree;
    private final DirCache index;

    /** Adds {@code repo}'s work-tree files to {@code index}. */
    public Staging(Repository repo, DirCache index) {
        this.repo = repo;
        this.workTree = new WorkTree(repo);
        this.index = index;
    }

    /** A pathspec matched nothing, or named only ignored files. */
    public static final class PathspecException extends IOException {
        private static final long serialVersionUID = 1L;
        /** Whether the pathspec named only ignored files. */
        private final boolean ignored;

        PathspecException(String message, boolean ignored) {
            super(message);
            this.ignored = ignored;
        }

        /** True when the paths exist but are ignored (git exits 1), false when nothing matched (128). */
        public boolean ignored() {
            return ignored;
        }
    }

    /** Stages every path (work-tree relative, '/'-separated, "" for the whole tree). */
    public void add(List<String> paths) throws IOException {
        IgnoreRules ignore = new IgnoreRules();
        ignore.addFile(repo.gitDir().resolve("info/exclude"), "");
        ignore.addFile(workTree.root().resolve(".gitignore"), "");
        List<String> ignoredNamed = new ArrayList<>();
        for (String path : paths) {
            Path file = path.isEmpty() ? workTree.root() : workTree.file(path);
            if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                addDirectory(file, path, ignore);
            } else if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                if (index.get(path) == null && ignoredByAncestors(ignore, path)) {
                    ignoredNamed.add(path);
                    continue;
                }
                stage(file, path);
            } else if (!removeMissing(path)) {
                throw new PathspecException("pathspec '" + path + "' did not match any files", false);
            }
        }
        if (!ignoredNamed.isEmpty()) {
            throw new PathspecException("The following paths are ignored by one of your .gitignore files:\n"
                    + String.join("\n", ignoredNamed) + "\nhint: Use -f if you really want to add them.", true);
        }
    }

    private boolean ignoredByAncestors(IgnoreRules ignore, String path) throws IOException {
        String[] parts = path.split("/");
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                ignore.addFile(workTree.root().resolve(prefix.toString()).resolve(".gitignore"), prefix.toString());
                prefix.append('/');
            }
            prefix.append(parts[i]);
            if (ignore.isIgnored(prefix.toString(), i < parts.length - 1)) {
                return true;
            }
        }
        return false;
    }

    private void addDirectory(Path dir, String dirPath, IgnoreRules ignore) throws IOException {
        Set<String> seen = new TreeSet<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                String rel = workTree.relative(d);
                if (d.getFileName() != null && d.getFileName().toString().equals(".git")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (!d.equals(workTree.root()) && Files.exists(d.resolve(".git"))) {
                    return FileVisitResult.SKIP_SUBTREE;   // a nested repository
                }
                if (!rel.isEmpty() && ignore.isIgnored(rel, true) && !tracksUnder(rel)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                if (!rel.isEmpty()) {
                    ignore.addFile(d.resolve(".gitignore"), rel);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                String rel = workTree.relative(f);
                if (attrs.isDirectory()) {
                    return FileVisitResult.CONTINUE;
                }
                if (index.get(rel) == null && ignore.isIgnored(rel, false)) {
                    return FileVisitResult.CONTINUE;
                }
                if (PathSafety.pathProblem(rel) != null) {
                    return FileVisitResult.CONTINUE;
                }
                stage(f, rel);
                seen.add(rel);
                return FileVisitResult.CONTINUE;
            }
        });
        String prefix = dirPath.isEmpty() ? "" : dirPath + "/";
        for (IndexEntry entry : index.entries()) {
            if (entry.path().startsWith(prefix) && !seen.contains(entry.path())
                    && !Files.exists(workTree.root().resolve(entry.path()), LinkOption.NOFOLLOW_LINKS)) {
                index.remove(entry.path());
            }
        }
    }

    private boolean tracksUnder(String dir) {
        String prefix = dir + "/";
        return index.entries().stream().anyMatch(e -> e.path().startsWith(prefix));
    }

    /**
     * git's {@code add -u} (what {@code commit -a} does first): every tracked file's content as it
     * is now, a deleted one removed from the index; untracked files stay untracked, submodules as
     * they are.
     */
    public void updateTracked() throws IOException {
        for (IndexEntry entry : List.copyOf(index.entries())) {
            if (entry.stage() != 0 || entry.mode() == Trees.MODE_GITLINK) {
                continue;
            }
            Path file = workTree.file(entry.path());
            if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                stage(file, entry.path());
            } else {
                index.remove(entry.path());
            }
        }
    }

    private boolean removeMissing(String path) {
        boolean removed = false;
        String prefix = path.isEmpty() ? "" : path + "/";
        for (IndexEntry entry : index.entries()) {
            if (entry.path().equals(path) || entry.path().startsWith(prefix)) {
                index.remove(entry.path());
                removed = true;
            }
        }
        return removed;
    }

    private void stage(Path file, String path) throws IOException {
        FileStat stat = FileStat.of(file);
        IndexEntry existing = index.get(path);
        if (existing != null && existing.stage() == 0 && existing.statMatches(stat)) {
            return;   // unchanged since it was staged
        }
        ObjectId blob = workTree.hashFile(file, stat, true);
        index.remove(path);
        index.put(IndexEntry.withoutStat(stat.mode(), blob, path).withStat(stat));
    }
}
