package dev.panagit.status;

import dev.panagit.lib.ObjectId;
import java.util.List;

/**
 * What {@code status} reports: where HEAD is, the upstream comparison, a merge in progress, the
 * changed and conflicted paths in path order, and the untracked and ignored ones.
 *
 * @param branch the branch HEAD is on ({@code refs/heads/x}), or null when detached
 * @param head the commit HEAD names, or null before the first commit
 * @param detachedFrom for a detached HEAD, what the last checkout named (from HEAD's reflog), or null
 * @param detachedAt whether HEAD is still at that commit
 * @param upstream the branch's upstream, shortened ({@code origin/main}), or null
 * @param upstreamGone whether the upstream ref is configured but missing
 */
public record Status(String branch, ObjectId head, String detachedFrom, boolean detachedAt, String upstream,
        boolean upstreamGone, int ahead, int behind, boolean mergeInProgress, List<StatusEntry> entries,
        List<String> untracked, List<String> ignored) {

    /** Whether HEAD has no commit yet (git's "No commits yet"). */
    public boolean initial() {
        return head == null;
    }

    /** Whether a commit now would record something (git's "committable"). */
    public boolean committable() {
        if (entries.stream().anyMatch(e -> e.index() != 0 && !e.conflicted())) {
            return true;
        }
        boolean conflicts = entries.stream().anyMatch(StatusEntry::conflicted);
        return initial() && conflicts || mergeInProgress && !conflicts;
    }

    /** Whether the work tree differs from the index for some tracked path. */
    public boolean workTreeDirty() {
        return entries.stream().anyMatch(e -> e.worktree() != 0);
    }
}
