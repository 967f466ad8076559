package dev.panagit.merge;

import dev.panagit.diff.PatchWriter.Side;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * git's directory rename detection (diffcore-rename's dir_rename_count, merge-ort's
 * get_provisional_directory_renames): a directory that one side removed entirely is taken as
 * renamed to the directory that received most of its renamed files, so that files the other side
 * added to it can follow.
 */
final class DirectoryRenames {
    /** {@code merge.directoryRenames}: not at all, moved and reported as a conflict (git's default), or moved. */
    enum Mode {
        NONE, CONFLICT, TRUE;

        static Mode of(Optional<String> value) {
            return value.map(v -> switch (v.toLowerCase(java.util.Locale.ROOT)) {
                case "false", "no", "off", "0" -> NONE;
                case "true", "yes", "on", "1", "" -> TRUE;
                default -> CONFLICT;
            }).orElse(CONFLICT);
        }
    }

    private DirectoryRenames() {
    }

    /**
     * Old directory to new directory for one side. Every rename counts for its old file's
     * directory and, while the trailing directory names agree, for their parents ("a/b/c/f" to
     * "x/b/c/f" counts c to x/b/c and b to x/b); only directories the side removed are kept, and
     * each goes where a unique majority of its files went; one with no majority maps to null
     * (git's "directory rename split").
     */
    static Map<String, String> detect(Map<String, Side> base, Map<String, Side> side, Map<String, String> renamed) {
        Set<String> removed = directories(base.keySet());
        removed.removeAll(directories(side.keySet()));
        Map<String, Map<String, Integer>> counts = new HashMap<>();
        for (Map.Entry<String, String> r : renamed.entrySet()) {
            String oldDir = parent(r.getKey());
            String newDir = parent(r.getValue());
            while (removed.contains(oldDir)) {
                counts.computeIfAbsent(oldDir, k -> new HashMap<>()).merge(newDir, 1, Integer::sum);
                if (oldDir.isEmpty() || newDir.isEmpty() || !last(oldDir).equals(last(newDir))) {
                    break;
                }
                oldDir = parent(oldDir);
                newDir = parent(newDir);
            }
        }
        Map<String, String> renames = new HashMap<>();
        for (Map.Entry<String, Map<String, Integer>> c : counts.entrySet()) {
            int max = 0;
            boolean tie = false;
            String best = null;
            for (Map.Entry<String, Integer> target : c.getValue().entrySet()) {
                if (target.getValue() > max) {
                    max = target.getValue();
                    best = target.getKey();
                    tie = false;
                } else if (target.getValue() == max) {
                    tie = true;
                }
            }
            renames.put(c.getKey(), tie ? null : best);
        }
        return renames;
    }

    /**
     * The deepest directory above {@code path} that {@code renames} moves (check_dir_renamed;
     * split directories are not renames), or null.
     */
    static String renamedAncestor(String path, Map<String, String> renames) {
        for (String dir = parent(path); !dir.isEmpty(); dir = parent(dir)) {
            if (renames.get(dir) != null) {
                return dir;
            }
        }
        return null;
    }

    /** {@code path} moved from {@code oldDir} into {@code newDir} (apply_dir_rename). */
    static String apply(String path, String oldDir, String newDir) {
        return newDir.isEmpty() ? path.substring(oldDir.length() + 1) : newDir + path.substring(oldDir.length());
    }

    /** Every directory that holds one of {@code paths}, at any depth, the top ("") included. */
    private static Set<String> directories(Set<String> paths) {
        Set<String> dirs = new HashSet<>();
        for (String path : paths) {
            for (String dir = parent(path); dirs.add(dir) && !dir.isEmpty(); dir = parent(dir)) {
                // added
            }
        }
        return dirs;
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static String last(String dir) {
        return dir.substring(dir.lastIndexOf('/') + 1);
    }
}
