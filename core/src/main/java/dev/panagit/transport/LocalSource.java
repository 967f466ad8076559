package dev.panagit.transport;

import dev.panagit.lib.ObjectId;
import dev.panagit.repo.Repository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A repository on this machine, read directly: the objects to send are enumerated and packed here. */
public final class LocalSource implements RemoteSource {
    private final Repository repo;
    private final Repository receiver;

    /** Objects and refs of {@code repo}, to be sent to {@code receiver} (whose objects are not sent again). */
    public LocalSource(Repository repo, Repository receiver) {
        this.repo = repo;
        this.receiver = receiver;
    }

    @Override
    public Map<String, ObjectId> refs() throws IOException {
        return repo.refs().all();
    }

    @Override
    public ObjectId peeled(String ref, ObjectId id) throws IOException {
        return repo.peelTags(id);
    }

    @Override
    public int transfer(List<ObjectId> wants, List<ObjectId> tags, PackInstaller installer) throws IOException {
        List<ObjectId> all = new ArrayList<>(wants);
        all.addAll(tags);
        return installer.copy(repo, ObjectEnumerator.missing(repo, receiver.objects(), all));
    }
}
