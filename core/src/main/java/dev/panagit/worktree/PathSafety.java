package dev.panagit.worktree;

import java.util.Locale;

/**
 * git's {@code verify_path} rules, with its NTFS and HFS+ protections on everywhere: a tree entry
 * or index path may not leave the work tree or reach into {@code .git}, however spelled.
 */
public final class PathSafety {
    private PathSafety() {
    }

    /** Why a single tree entry name is unsafe, or null if it is fine. */
    public static String entryProblem(String name) {
        if (name.isEmpty()) {
            return "empty name";
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
            return "contains a path separator";
        }
        if (name.indexOf('\0') >= 0) {
            return "contains NUL";
        }
        if (name.equals(".") || name.equals("..")) {
            return "is '" + name + "'";
        }
        String folded = stripIgnorable(name).toLowerCase(Locale.ROOT);
        // NTFS ignores trailing dots and spaces: ".git . " is ".git".
        String ntfs = folded.replaceAll("[. ]+$", "");
        if (ntfs.equals(".git") || folded.equals(".git")) {
            return "is a .git directory name";
        }
        // 8.3 short names of ".git" on NTFS.
        if (ntfs.startsWith("git~") && ntfs.length() > 4 && ntfs.substring(4).chars().allMatch(Character::isDigit)) {
            return "is an NTFS short name of .git";
        }
        // ".git::$INDEX_ALLOCATION" style alternate data streams.
        if (ntfs.startsWith(".git:")) {
            return "is an NTFS stream of .git";
        }
        return null;
    }

    /**
     * Whether a name is {@code .git} as some file system would see it (any case, NTFS trailing
     * dots and spaces, 8.3 short names, streams, HFS+ ignorable characters): git's
     * {@code is_hfs_dotgit || is_ntfs_dotgit}.
     */
    public static boolean isDotGit(String name) {
        String problem = entryProblem(name);
        return problem != null && problem.contains(".git");
    }

    /**
     * The name as NTFS and HFS+ compare it (ignorable characters dropped, lower case, trailing
     * dots and spaces gone): {@code .GitIgnore. } is {@code .gitignore}.
     */
    public static String folded(String name) {
        return stripIgnorable(name).toLowerCase(Locale.ROOT).replaceAll("[. ]+$", "");
    }

    /** Why a '/'-separated path is unsafe, or null if it is fine. */
    public static String pathProblem(String path) {
        if (path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            return "is not a relative file path";
        }
        for (String component : path.split("/", -1)) {
            String problem = entryProblem(component);
            if (problem != null) {
                return "component '" + component + "' " + problem;
            }
        }
        return null;
    }

    /** Drops the code points HFS+ ignores when comparing names (zero-width and direction marks). */
    private static String stripIgnorable(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        name.codePoints().filter(cp -> !isHfsIgnorable(cp)).forEach(sb::appendCodePoint);
        return sb.toString();
    }

    private static boolean isHfsIgnorable(int cp) {
        return (cp >= 0x200c && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x206a && cp <= 0x206f)
                || cp == 0xfeff;
    }
}
