package dev.panagit.lib;

/** The four kinds of git object, numbered as in git's pack format and in libpanagit. */
public enum ObjectType {
    /** A commit: a tree, parents, author, committer, message. */
    COMMIT("commit", 1),
    /** A tree: a directory listing of modes, names and ids. */
    TREE("tree", 2),
    /** A blob: a file's content or a symlink's target. */
    BLOB("blob", 3),
    /** An annotated tag. */
    TAG("tag", 4);

    private final String gitName;
    private final int code;

    ObjectType(String gitName, int code) {
        this.gitName = gitName;
        this.code = code;
    }

    /** The name in object headers and on git's command line, e.g. {@code blob}. */
    public String gitName() {
        return gitName;
    }

    /** The pack-format type number (1 to 4). */
    public int code() {
        return code;
    }

    /** Parses a git type name; throws {@link IllegalArgumentException} naming the bad value. */
    public static ObjectType fromGitName(String name) {
        for (ObjectType type : values()) {
            if (type.gitName.equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("invalid object type \"" + name + "\"");
    }

    /** The type with pack-format number {@code code}. */
    public static ObjectType fromCode(int code) {
        for (ObjectType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("invalid object type code " + code);
    }

    @Override
    public String toString() {
        return gitName;
    }
}
