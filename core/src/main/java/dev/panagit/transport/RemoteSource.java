package dev.panagit.transport;

import dev.panagit.lib.ObjectId;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The other side of a fetch: its refs, and a way to bring the objects of some of them over. */
public interface RemoteSource {
    /** Every ref under refs/, name to id. */
    Map<String, ObjectId> refs() throws IOException;

    /** What a ref's object is once tags are peeled (for following tags). */
    ObjectId peeled(String ref, ObjectId id) throws IOException;

    /**
     * Copies into the receiver what it lacks of {@code wants} (and, with {@code tags}, annotated
     * tags of the remote that point at what comes); returns how many objects came.
     */
    int transfer(List<ObjectId> wants, List<ObjectId> tags, PackInstaller installer) throws IOException;
}
