package dev.panagit.index;

import dev.panagit.objects.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/** The stat data git keeps in the index, truncated to 32 bits as git does, and the git mode. */
public record FileStat(int ctimeSeconds, int ctimeNanos, int mtimeSeconds, int mtimeNanos, int dev, int ino, int mode,
        int uid, int gid, int size) {

    /** Reads a file's (not a link target's) stat data; mode is 100644, 100755 or 120000. */
    public static FileStat of(Path file) throws IOException {
        boolean link = Files.isSymbolicLink(file);
        Map<String, Object> unix;
        try {
            unix = Files.readAttributes(file, "unix:ctime,lastModifiedTime,dev,ino,uid,gid,size,mode",
                    LinkOption.NOFOLLOW_LINKS);
        } catch (UnsupportedOperationException | IllegalArgumentException e) {
            return portable(file, link);
        }
        Instant ctime = ((FileTime) unix.get("ctime")).toInstant();
        Instant mtime = ((FileTime) unix.get("lastModifiedTime")).toInstant();
        int permissions = (Integer) unix.get("mode");
        int mode = link ? Trees.MODE_SYMLINK : (permissions & 0100) != 0 ? Trees.MODE_EXECUTABLE : Trees.MODE_FILE;
        return new FileStat((int) ctime.getEpochSecond(), ctime.getNano(), (int) mtime.getEpochSecond(),
                mtime.getNano(), (int) (long) (Long) unix.get("dev"), (int) (long) (Long) unix.get("ino"), mode,
                (Integer) unix.get("uid"), (Integer) unix.get("gid"), (int) (long) (Long) unix.get("size"));
    }

    private static FileStat portable(Path file, boolean link) throws IOException {
        Instant mtime = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
        int mode = Trees.MODE_FILE;
        if (link) {
            mode = Trees.MODE_SYMLINK;
        } else {
            try {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
                if (perms.contains(PosixFilePermission.OWNER_EXECUTE)) {
                    mode = Trees.MODE_EXECUTABLE;
                }
            } catch (UnsupportedOperationException e) {
                // no exec bit on this file system
            }
        }
        long size = Files.size(file);
        return new FileStat((int) mtime.getEpochSecond(), mtime.getNano(), (int) mtime.getEpochSecond(),
                mtime.getNano(), 0, 0, mode, 0, 0, (int) size);
    }
}
