package dev.panagit.index;

import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.storage.LockFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

/**
 * git's index file ({@code .git/index}): reads versions 2, 3 and 4, writes version 2 (3 when
 * extended flags need it), with the
 * trailing checksum, entries in git's order. Optional extensions (such as the tree cache) are
 * dropped on write, as they may be; required ones are refused.
 */
public final class DirCache {
    private static final int SIGNATURE = 0x44495243;   // "DIRC"
    private static final int FLAG_ASSUME_VALID = 0x8000;
    private static final int FLAG_EXTENDED = 0x4000;
    private static final int EXT_SKIP_WORKTREE = 0x4000;
    private static final int EXT_INTENT_TO_ADD = 0x2000;

    private final ObjectFormat format;
    /** Path, then stage: the index's order. */
    private final TreeMap<IndexEntry, IndexEntry> entries = new TreeMap<>();
    /** The index file's modification time when read (null: no file): what "racily clean" is judged against. */
    private java.nio.file.attribute.FileTime timestamp;
    /** The trailing checksum of the file as read, to notice another writer before writing (null: no file). */
    private byte[] checksum;
    /** Paths whose stat data this process set or confirmed against the file's content. */
    private final java.util.Set<String> upToDate = new java.util.HashSet<>();
    private boolean changed;

    /** An empty index for ids of {@code format}. */
    public DirCache(ObjectFormat format) {
        this.format = format;
    }

    /** The hash of the ids in this index. */
    public ObjectFormat format() {
        return format;
    }

    /** Every entry in git's order (path, then stage), as a copy. */
    public List<IndexEntry> entries() {
        return Collections.unmodifiableList(new ArrayList<>(entries.values()));
    }

    /** The stage-0 entry for {@code path}, or null. */
    public IndexEntry get(String path) {
        IndexEntry probe = IndexEntry.withoutStat(0, ObjectId.zeroId(format), path);
        IndexEntry found = entries.get(probe);
        return found;
    }

    /** Whether entries were put or removed since reading. */
    public boolean changed() {
        return changed;
    }

    /**
     * git's racy-git test: an entry whose file was modified no earlier than the index was written
     * may have changed again within the same timestamp tick, so its stat data cannot vouch for its
     * content (gitlinks excepted). The tick is a whole second, as in a git built without USE_NSEC
     * (Debian's, for one): such a git trusts an entry that a nanosecond test would call racy, so
     * an index panagit writes must already have smudged it.
     */
    public boolean isRacy(IndexEntry entry) {
        if (timestamp == null || entry.mode() == dev.panagit.objects.Trees.MODE_GITLINK) {
            return false;
        }
        java.time.Instant written = timestamp.toInstant();
        long seconds = written.getEpochSecond() & 0xffffffffL;
        long entrySeconds = entry.mtimeSeconds() & 0xffffffffL;
        return seconds <= entrySeconds;
    }

    /**
     * Whether an entry's stat data shows its file unchanged without reading it: the stat data
     * match, the entry is not racy, and it was not smudged (size 0 for a non-empty blob, as git
     * leaves racily clean entries when it writes the index).
     */
    public boolean isStatClean(IndexEntry entry, FileStat stat) {
        if (!entry.statMatches(stat) || isRacy(entry)) {
            return false;
        }
        return entry.size() != 0 || entry.id().equals(ObjectId.emptyBlob(format));
    }

    /** Records that an entry's content was found equal to its file's: its stat data are refreshed. */
    public void refresh(IndexEntry entry, FileStat stat) {
        IndexEntry refreshed = entry.withStat(stat);
        upToDate.add(entry.path());
        if (!refreshed.equals(entry)) {
            entries.put(refreshed, refreshed);
            changed = true;
        }
    }

    /** Whether some entry is racy: git rewrites such an index after a refresh so the next run trusts them. */
    public boolean hasRacyEntries() {
        return entries.keySet().stream().anyMatch(this::isRacy);
    }

    /** Adds or replaces an entry; staging a path at stage 0 resolves its conflict stages. */
    public void put(IndexEntry entry) {
        changed = true;
        if (entry.mtimeSeconds() != 0 || entry.size() != 0) {
            upToDate.add(entry.path());
        }
        // Staging a path at stage 0 resolves any conflict stages it had.
        if (entry.stage() == 0) {
            for (int stage = 1; stage <= 3; stage++) {
                entries.remove(stageProbe(entry.path(), stage));
            }
        }
        entries.put(entry, entry);
    }

    private IndexEntry stageProbe(String path, int stage) {
        return new IndexEntry(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ObjectId.zeroId(format), stage, false, false, false, path);
    }

    /** Removes every stage of {@code path}. */
    public void remove(String path) {
        changed = true;
        for (int stage = 0; stage <= 3; stage++) {
            entries.remove(stageProbe(path, stage));
        }
    }

    /** Removes every entry. */
    public void clear() {
        changed = true;
        entries.clear();
    }

    /** Whether some path has conflict stages (1-3). */
    public boolean hasConflicts() {
        return entries.keySet().stream().anyMatch(e -> e.stage() != 0);
    }

    /** Reads {@code file}; a missing file is an empty index. */
    public static DirCache read(Path file, ObjectFormat format) throws IOException {
        DirCache cache = new DirCache(format);
        byte[] data;
        try {
            // The time first: a file replaced meanwhile makes more entries racy, never fewer.
            cache.timestamp = Files.getLastModifiedTime(file);
            data = dev.panagit.worktree.FileBytes.read(file);
        } catch (NoSuchFileException e) {
            cache.timestamp = null;
            return cache;
        }
        int hashLength = format.rawLength();
        if (data.length < 12 + hashLength) {
            throw corrupt(file, "too short (" + data.length + " bytes)");
        }
        byte[] expected = Arrays.copyOfRange(data, data.length - hashLength, data.length);
        if (!Arrays.equals(expected, digest(format, data, data.length - hashLength))) {
            throw corrupt(file, "bad index file checksum");
        }
        cache.checksum = expected;
        ByteBuffer buf = ByteBuffer.wrap(data, 0, data.length - hashLength);
        if (buf.getInt() != SIGNATURE) {
            throw corrupt(file, "bad signature");
        }
        int version = buf.getInt();
        if (version < 2 || version > 4) {
            throw corrupt(file, "unsupported index version " + version);
        }
        int count = buf.getInt();
        // The smallest entry: stat data, id, flags, and a one-byte name with its NUL (or varint).
        int smallest = 40 + hashLength + 2 + 2;
        if (count < 0 || count > buf.remaining() / smallest) {
            throw corrupt(file, Integer.toUnsignedString(count) + " entries cannot fit in its "
                    + buf.remaining() + " bytes");
        }
        byte[] previousPath = new byte[0];
        int i = 0;
        try {
            for (; i < count; i++) {
                int start = buf.position();
                int[] stat = new int[10];
                for (int k = 0; k < 10; k++) {
                    stat[k] = buf.getInt();
                }
                byte[] raw = new byte[hashLength];
                buf.get(raw);
                int flags = Short.toUnsignedInt(buf.getShort());
                int extended = 0;
                if ((flags & FLAG_EXTENDED) != 0) {
                    if (version < 3) {
                        throw corrupt(file, "extended flags in a version 2 index, entry " + i);
                    }
                    extended = Short.toUnsignedInt(buf.getShort());
                }
                byte[] path;
                if (version == 4) {
                    long strip = readVarint(buf);
                    if (strip > previousPath.length) {
                        throw corrupt(file, "bad path prefix in entry " + i);
                    }
                    byte[] suffix = readNulTerminated(buf, file);
                    path = new byte[previousPath.length - (int) strip + suffix.length];
                    System.arraycopy(previousPath, 0, path, 0, previousPath.length - (int) strip);
                    System.arraycopy(suffix, 0, path, previousPath.length - (int) strip, suffix.length);
                } else {
                    path = readNulTerminated(buf, file);
                    int entryLength = buf.position() - start;
                    int padded = (entryLength + 7) & ~7;
                    buf.position(start + padded);
                }
                previousPath = path;
                IndexEntry entry = new IndexEntry(stat[0], stat[1], stat[2], stat[3], stat[4], stat[5], stat[6], stat[7],
                        stat[8], stat[9], ObjectId.fromRaw(format, raw, 0), (flags >> 12) & 3,
                        (flags & FLAG_ASSUME_VALID) != 0, (extended & EXT_SKIP_WORKTREE) != 0,
                        (extended & EXT_INTENT_TO_ADD) != 0, new String(path, StandardCharsets.UTF_8));
                cache.entries.put(entry, entry);
            }
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            // the buffer checks every read against the file's end; an entry that crosses it is named
            throw corrupt(file, "entry " + i + " runs past the end of the file");
        }
        while (buf.remaining() >= 8) {
            byte[] signature = new byte[4];
            buf.get(signature);
            int size = buf.getInt();
            if (signature[0] < 'A' || signature[0] > 'Z') {
                throw corrupt(file, "required index extension '" + new String(signature, StandardCharsets.US_ASCII)
                        + "' is not supported");
            }
            if (size < 0 || size > buf.remaining()) {
                throw corrupt(file, "bad extension size");
            }
            buf.position(buf.position() + size);
        }
        return cache;
    }

    private static long readVarint(ByteBuffer buf) {
        int b = buf.get() & 0xff;
        long value = b & 0x7f;
        while ((b & 0x80) != 0) {
            b = buf.get() & 0xff;
            value = ((value + 1) << 7) | (b & 0x7f);
            if (value > Integer.MAX_VALUE) {
                return Long.MAX_VALUE;   // longer than any path: the caller refuses it
            }
        }
        return value;
    }

    private static byte[] readNulTerminated(ByteBuffer buf, Path file) throws CorruptIndexException {
        int start = buf.position();
        while (buf.hasRemaining() && buf.get() != 0) {
            // scan
        }
        if (buf.get(buf.position() - 1) != 0) {
            throw corrupt(file, "unterminated path");
        }
        byte[] path = new byte[buf.position() - start - 1];
        System.arraycopy(buf.array(), start, path, 0, path.length);
        return path;
    }

    /**
     * The bytes of this index, checksum included: version 2, or 3 when an entry has extended flags
     * (skip-worktree, intent-to-add) that version 2 cannot hold.
     */
    public byte[] toBytes() {
        boolean extended = entries.keySet().stream().anyMatch(e -> e.skipWorktree() || e.intentToAdd());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer head = ByteBuffer.allocate(12).putInt(SIGNATURE).putInt(extended ? 3 : 2).putInt(entries.size());
        out.writeBytes(head.array());
        byte[] raw = new byte[format.rawLength()];
        for (IndexEntry e : entries.values()) {
            byte[] path = e.pathBytes();
            boolean hasExtended = e.skipWorktree() || e.intentToAdd();
            int fixed = 40 + format.rawLength() + 2 + (hasExtended ? 2 : 0);
            int length = (fixed + path.length + 8) & ~7;
            ByteBuffer entry = ByteBuffer.allocate(length);
            entry.putInt(e.ctimeSeconds()).putInt(e.ctimeNanos()).putInt(e.mtimeSeconds()).putInt(e.mtimeNanos())
                    .putInt(e.dev()).putInt(e.ino()).putInt(e.mode()).putInt(e.uid()).putInt(e.gid())
                    .putInt(isSmudged(e) ? 0 : e.size());
            e.id().copyRawTo(raw, 0);
            entry.put(raw);
            int flags = (e.assumeValid() ? FLAG_ASSUME_VALID : 0) | (hasExtended ? FLAG_EXTENDED : 0) | (e.stage() << 12)
                    | Math.min(path.length, 0xfff);
            entry.putShort((short) flags);
            if (hasExtended) {
                entry.putShort((short) ((e.skipWorktree() ? EXT_SKIP_WORKTREE : 0) | (e.intentToAdd() ? EXT_INTENT_TO_ADD : 0)));
            }
            entry.put(path);
            out.writeBytes(entry.array());
        }
        byte[] body = out.toByteArray();
        out.writeBytes(digest(format, body, body.length));
        return out.toByteArray();
    }

    /**
     * Whether an entry is written with size 0, as git's {@code ce_smudge_racily_clean_entry}
     * leaves it: it is racy and this process did not compare it with its file, so the next reader
     * must look at the content even though the new index file is younger than the entry.
     */
    private boolean isSmudged(IndexEntry e) {
        return !upToDate.contains(e.path()) && isRacy(e);
    }

    /**
     * Writes a refreshed index the way git's status and diff do ({@code repo_update_index_if_able}):
     * only when something changed or an entry is racy, only if the lock can be taken at once, and
     * only if no one wrote the index since it was read; otherwise nothing is written.
     *
     * @return whether the index was written
     */
    public boolean writeIfAble(Path file) throws IOException {
        if (!changed && !hasRacyEntries()) {
            return false;
        }
        LockFile lock;
        try {
            lock = LockFile.acquire(file);
        } catch (LockFile.LockedException e) {
            return false;
        }
        try (lock) {
            byte[] current;
            try {
                current = dev.panagit.worktree.FileBytes.read(file);
            } catch (NoSuchFileException e) {
                current = null;
            }
            int hashLength = format.rawLength();
            byte[] onDisk = current == null || current.length < hashLength ? null
                    : Arrays.copyOfRange(current, current.length - hashLength, current.length);
            if (!Arrays.equals(onDisk, checksum)) {
                return false;
            }
            write(lock);
            return true;
        }
    }

    /** Writes this index to {@code file} through {@code file.lock}, renamed into place. */
    public void write(Path file) throws IOException {
        try (LockFile lock = LockFile.acquire(file)) {
            write(lock);
        }
    }

    /**
     * Writes this index through a lock its caller took before reading it (git holds the index lock
     * for the whole of a checkout or reset), and renames it into place.
     */
    public void write(LockFile lock) throws IOException {
        lock.write(toBytes());
        lock.commit();
    }

    private static byte[] digest(ObjectFormat format, byte[] data, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance(format.digestAlgorithm());
            md.update(data, 0, length);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CorruptIndexException corrupt(Path file, String detail) {
        return new CorruptIndexException(file, detail);
    }
}
