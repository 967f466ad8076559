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
