package dev.panagit.status;

import dev.panagit.lib.ObjectId;

/**
 * One path that differs somewhere, as git's {@code wt_status_change_data} holds it: the change
 * letter between HEAD and the index ({@code index}, 0 for none) and between the index and the
 * work tree ({@code worktree}), the rename it came from, the modes and ids of each side (HEAD's
 * copied from the index's when unchanged, as porcelain v2 prints them), and for a conflicted path
 * the stages present (bit 0 base, 1 ours, 2 theirs) with their modes and ids.
 */
public record StatusEntry(String path, char index, char worktree, String renamedFrom, int renameScore,
        int modeHead, int modeIndex, int modeWorktree, ObjectId idHead, ObjectId idIndex, int stageMask,
        int[] stageModes, ObjectId[] stageIds) {

    /** Whether the path has conflict stages. */
    public boolean conflicted() {
        return stageMask != 0;
    }

    /** git's two-letter code for a conflicted path ({@code UU} both modified, ...). */
    public String conflictCode() {
        return switch (stageMask) {
            case 1 -> "DD";
            case 2 -> "AU";
            case 3 -> "UD";
            case 4 -> "UA";
            case 5 -> "DU";
            case 6 -> "AA";
            case 7 -> "UU";
            default -> throw new IllegalStateException("no conflict at " + path);
        };
    }

    /** git's long-format label for a conflicted path. */
    public String conflictLabel() {
        return switch (stageMask) {
            case 1 -> "both deleted:";
            case 2 -> "added by us:";
            case 3 -> "deleted by them:";
            case 4 -> "added by them:";
            case 5 -> "deleted by us:";
            case 6 -> "both added:";
            case 7 -> "both modified:";
            default -> throw new IllegalStateException("no conflict at " + path);
        };
    }
}
