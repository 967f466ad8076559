package dev.panagit.index;

import dev.panagit.lib.ObjectId;
import dev.panagit.lib.PathOrder;
import java.nio.charset.StandardCharsets;

/**
 * One index entry: the stat data git compares to notice changes, the mode, the blob id, the
 * merge stage and the path (relative, '/'-separated).
 */
public record IndexEntry(int ctimeSeconds, int ctimeNanos, int mtimeSeconds, int mtimeNanos, int dev, int ino,
        int mode, int uid, int gid, int size, ObjectId id, int stage, boolean assumeValid, boolean skipWorktree,
        boolean intentToAdd, String path) implements Comparable<IndexEntry> {

    /** An entry with no stat data (as after read-tree): git refreshes it on next look. */
    public static IndexEntry withoutStat(int mode, ObjectId id, String path) {
        return new IndexEntry(0, 0, 0, 0, 0, 0, mode, 0, 0, 0, id, 0, false, false, false, path);
    }

    /** The path as git stores it: UTF-8 bytes. */
    public byte[] pathBytes() {
        return path.getBytes(StandardCharsets.UTF_8);
    }

    /** git's order: path bytes, then stage. */
    @Override
    public int compareTo(IndexEntry other) {
        int c = PathOrder.compare(path, other.path);
        return c != 0 ? c : Integer.compare(stage, other.stage);
    }

    /** This entry with the stat data of {@code stat} (ctime, mtime, device, inode, owner, size). */
    public IndexEntry withStat(FileStat stat) {
        return new IndexEntry(stat.ctimeSeconds(), stat.ctimeNanos(), stat.mtimeSeconds(), stat.mtimeNanos(),
                stat.dev(), stat.ino(), mode, stat.uid(), stat.gid(), stat.size(), id, stage, assumeValid,
                skipWorktree, intentToAdd, path);
    }

    /** Whether the stat data equals a file's (same size and times: content taken as unchanged). */
    public boolean statMatches(FileStat stat) {
        return stat.size() == size && stat.mtimeSeconds() == mtimeSeconds && stat.mtimeNanos() == mtimeNanos
                && stat.ctimeSeconds() == ctimeSeconds && stat.ctimeNanos() == ctimeNanos && stat.ino() == ino
                && stat.mode() == mode;
    }
}
