package dev.panagit.repo;

/** git's rules for ref names ({@code git check-ref-format}), as far as panagit creates refs. */
public final class RefNames {
    private RefNames() {
    }

    /** Throws {@link IllegalArgumentException} naming the problem when {@code name} is not a valid branch name. */
    public static void checkBranchName(String name) {
        if (name.equals("HEAD")) {
            throw new IllegalArgumentException("'HEAD' is not a valid branch name");   // git's strbuf_check_branch_ref
        }
        String problem = problem(name);
        if (problem != null) {
            throw new IllegalArgumentException("'" + name + "' is not a valid branch name: " + problem);
        }
    }

    /**
     * git's {@code refname_is_safe}: a name under {@code refs/} whose path is already normal (no
     * {@code .}, {@code ..} or empty component), or an all-caps name such as {@code FETCH_HEAD}.
     * An unsafe name could lead outside the refs when used as a path.
     */
    static boolean isSafe(String name) {
        if (name.startsWith("refs/")) {
            String rest = name.substring(5);
            if (rest.isEmpty() || rest.startsWith("/") || rest.endsWith("/")) {
                return false;
            }
            for (String component : rest.split("/", -1)) {
                if (component.isEmpty() || component.equals(".") || component.equals("..")) {
                    return false;
                }
            }
            return true;
        }
        return !name.isEmpty() && name.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || c == '_');
    }

    /** Whether {@code name} is a well-formed full ref name ({@code git check-ref-format}). */
    public static boolean isValid(String name) {
        return problem(name) == null;
    }

    static String problem(String name) {
        if (name.isEmpty()) {
            return "empty";
        }
        if (name.startsWith("-")) {
            return "starts with '-'";
        }
        if (name.startsWith("/") || name.endsWith("/") || name.contains("//")) {
            return "empty path component";
        }
        if (name.endsWith(".") || name.contains("..") || name.contains("@{") || name.equals("@")) {
            return "contains '..', '@{' or ends with '.'";
        }
        for (String component : name.split("/")) {
            if (component.startsWith(".") || component.endsWith(".lock")) {
                return "a component starts with '.' or ends with '.lock'";
            }
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c == 0x7f || " ~^:?*[\\".indexOf(c) >= 0) {
                return "contains a forbidden character";
            }
        }
        return null;
    }
}
