package dev.panagit.storage;

import dev.panagit.lib.ObjectId;
import dev.panagit.lib.PackEntryHeader;
import java.util.Optional;

/**
 * How one object is stored in a {@link Pack}: where its entry starts, how many bytes it takes
 * (header and zlib stream; git's {@code %(objectsize:disk)}), its header, and, for a delta, the
 * object it is a delta against.
 *
 * @param offset where the entry starts in the {@code .pack} file
 * @param length the entry's bytes in the pack, up to the next entry or the trailing checksum
 * @param header the entry's header: type code, inflated size and, for an offset delta, its base's offset
 * @param id the object's id, as the pack's index names it
 * @param deltaBase the id of the object this entry is a delta against; null when stored whole
 */
public record PackEntry(long offset, long length, PackEntryHeader header, ObjectId id, ObjectId deltaBase) {
    /** The delta's base, or empty when the entry is stored whole. */
    public Optional<ObjectId> base() {
        return Optional.ofNullable(deltaBase);
    }
}
