package dev.panagit.storage;

import dev.panagit.lib.CorruptPackException;
import dev.panagit.lib.ObjectId;
import java.nio.file.Path;
import java.util.List;

/**
 * One pack of a repository ({@code objects/pack/pack-*.pack} with its {@code .idx}), as
 * {@link ObjectDatabase#packs()} and {@link ObjectDatabase.Location.Packed} show it: what is in
 * it and how an entry is stored. A view, valid until its {@link ObjectDatabase} is closed (which
 * unmaps the pack); reading objects goes through the database, not through here.
 *
 * <p>Implemented by the library only.
 */
public interface Pack {
    /** The {@code .pack} file. */
    Path packPath();

    /** Its {@code .idx} file. */
    Path indexPath();

    /** The pack format's version (2 or 3). */
    int version();

    /** The index format's version (1 or 2). */
    int indexVersion();

    /** How many objects the pack holds. */
    int objectCount();

    /** The {@code .pack} file's size in bytes. */
    long size();

    /** Whether the pack's index lists {@code id}. */
    boolean has(ObjectId id);

    /**
     * The entry at {@code offset}, as stored: its length, header and, for a delta, its base.
     *
     * @throws CorruptPackException when no entry starts there or its header is damaged
     */
    PackEntry entry(long offset) throws CorruptPackException;

    /**
     * The entry at {@code offset} and the delta bases below it, down to the entry stored whole:
     * one element for an object stored whole.
     *
     * @throws CorruptPackException when a header is damaged, a base is not in this pack, or the
     *     chain loops
     */
    List<PackEntry> deltaChain(long offset) throws CorruptPackException;
}
