package dev.panagit.transport;

import dev.panagit.history.CommitWalk;
import dev.panagit.history.MergeBases;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.repo.Repository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pushing to a local repository, or to git's receive-pack over pipes: each refspec's ref checked against the other side (new,
 * fast-forward, forced with {@code +} or {@code --force}, else rejected: "fetch first" when the
 * other side has work this one lacks, "non-fast-forward" otherwise; a non-bare repository's
 * checked-out branch refused as git's receive.denyCurrentBranch does), the missing objects copied
 * as one pack, then each accepted ref updated through its lock.
 */
public final class Push {
    /** What happened to one ref. */
    public enum Kind {
        /** The ref already had the id. */
        UP_TO_DATE,
        /** A branch the receiving side did not have. */
        NEW_BRANCH,
        /** A tag the receiving side did not have. */
        NEW_TAG,
        /** Another ref the receiving side did not have. */
        NEW_REF,
        /** Moved forward to a descendant. */
        FAST_FORWARD,
        /** Moved to a commit that is not a descendant, as {@code +} allows. */
        FORCED,
        /** The remote ref was deleted. */
        DELETED,
        /** Not pushed: not a fast-forward of what the remote has (git's "non-fast-forward"). */
        REJECTED_NON_FF,
        /** Not pushed: the remote has commits this side does not (git's "fetch first"). */
        REJECTED_FETCH_FIRST,
        /** Not pushed: the branch is checked out in the remote's work tree. */
        REJECTED_CHECKED_OUT,
        /** Not pushed: the source names nothing here. */
        REJECTED_NO_SOURCE,
        /** Refused by the remote, for the reason it gave. */
        REJECTED_BY_REMOTE,
        /** Not deleted: the remote has no such ref. */
        REJECTED_NO_REMOTE_REF,
        /** Not deleted: the remote's checked-out branch. */
        REJECTED_DELETE_CURRENT
    }

    /** One ref's update and how it went; {@code reason} is the remote's, for REJECTED_BY_REMOTE. */
    public record Update(String source, String destination, ObjectId oldId, ObjectId newId, Kind kind, String reason) {
        /** An update without a reason from the remote. */
        public Update(String source, String destination, ObjectId oldId, ObjectId newId, Kind kind) {
            this(source, destination, oldId, newId, kind, null);
        }

        /** Whether the update was refused, here or by the remote. */
        public boolean rejected() {
            return kind.name().startsWith("REJECTED");
        }

        /** Whether the remote is asked to change the ref. */
        boolean sent() {
            return !rejected() && kind != Kind.UP_TO_DATE;
        }
    }

    private Push() {
    }

    /**
     * A refspec as pushed: the local source (a ref, or any revision; null to delete), the remote
     * destination, and whether forced.
     */
    public record Spec(String source, String destination, boolean force) {
    }

    /** A push to a local repository: classified, its objects copied as one pack, then its refs moved. */
    public static List<Update> run(Repository local, Repository remote, List<Spec> specs, PackInstaller installer)
            throws IOException {
        String checkedOut = remote.isBare() ? null : remote.refs().currentBranch().orElse(null);
        boolean denyCurrent = !remote.config().get("receive.denycurrentbranch").map(v -> v.equals("ignore")
                || v.equals("warn") || v.equals("false")).orElse(false);
        Map<String, ObjectId> remoteRefs = new HashMap<>();
        for (Spec spec : specs) {
            remote.refs().resolve(spec.destination()).ifPresent(id -> remoteRefs.put(spec.destination(), id));
        }
        List<Update> updates = classify(local, remoteRefs, specs, denyCurrent ? checkedOut : null);
        if (nothingToDelete(updates)) {
            return updates;
        }
        // receive.denyDeleteCurrent: the branch the remote's HEAD names is not deleted, bare or not
        String current = remote.refs().currentBranch().orElse(null);
        boolean denyDelete = !remote.config().get("receive.denydeletecurrent").map(v -> v.equals("ignore")
                || v.equals("warn") || v.equals("false")).orElse(false);
        for (int i = 0; i < updates.size(); i++) {
            Update u = updates.get(i);
            if (u.kind() == Kind.DELETED && denyDelete && u.destination().equals(current)) {
                updates.set(i, new Update(null, u.destination(), u.oldId(), null, Kind.REJECTED_DELETE_CURRENT));
            }
        }
        List<ObjectId> wants = new ArrayList<>();
        for (Update u : updates) {
            if (u.sent() && u.newId() != null) {
                wants.add(u.newId());
            }
        }
        installer.copy(local, ObjectEnumerator.missing(local, remote.objects(), wants));
        for (Update u : updates) {
            switch (u.kind()) {
                case DELETED -> remote.refs().delete(u.destination());
                case NEW_BRANCH, NEW_TAG, NEW_REF, FAST_FORWARD, FORCED -> remote.refs().update(u.destination(),
                        u.newId(), u.oldId() == null ? ObjectId.zeroId(remote.format()) : u.oldId());
                default -> {
                }
            }
        }
        return updates;
    }

    /**
     * A push to git's receive-pack: classified here against its advertised refs (so that git's
     * report and hints come out the same), then the accepted updates and their pack sent; a ref
     * receive-pack refuses comes back as REJECTED_BY_REMOTE with its reason, and its messages
     * are returned in {@code messages}.
     */
    public static List<Update> run(Repository local, ReceivePackTarget remote, List<Spec> specs,
            StringBuilder messages) throws IOException {
        List<Update> updates = classify(local, remote.refs(), specs, null);
        if (nothingToDelete(updates)) {
            return updates;
        }
        Map<String, ObjectId[]> commands = new LinkedHashMap<>();
        for (Update u : updates) {
            if (u.sent()) {
                commands.put(u.destination(), new ObjectId[] {u.oldId(), u.newId()});
            }
        }
        if (commands.isEmpty()) {
            return updates;
        }
        ReceivePackTarget.Report report = remote.push(commands);
        messages.append(report.messages());
        List<Update> reported = new ArrayList<>();
        for (Update u : updates) {
            String reason = !u.sent() ? null : !report.unpack().equals("ok") ? "unpacker error"
                    : report.refused().get(u.destination());
            reported.add(reason == null ? u : new Update(u.source(), u.destination(), u.oldId(), u.newId(),
                    Kind.REJECTED_BY_REMOTE, reason));
        }
        return reported;
    }

    /** Whether a deletion names a ref the remote does not have: git then pushes nothing. */
    private static boolean nothingToDelete(List<Update> updates) {
        return updates.stream().anyMatch(u -> u.kind() == Kind.REJECTED_NO_REMOTE_REF);
    }

    /**
     * Each refspec's update against the remote's refs: new, up to date, fast-forward, forced
     * ({@code +} or {@code --force}), or rejected ("fetch first" when the remote has work this
     * repository lacks, "non-fast-forward" otherwise, the checked-out branch when
     * {@code checkedOut} names it).
     */
    static List<Update> classify(Repository local, Map<String, ObjectId> remoteRefs, List<Spec> specs,
            String checkedOut) throws IOException {
        List<Update> updates = new ArrayList<>();
        MergeBases bases = new MergeBases(new CommitWalk(local));
        for (Spec spec : specs) {
            ObjectId oldId = remoteRefs.get(spec.destination());
            if (spec.source() == null) {
                updates.add(new Update(null, spec.destination(), oldId, null,
                        oldId == null ? Kind.REJECTED_NO_REMOTE_REF : Kind.DELETED));
                continue;
            }
            ObjectId newId = local.refs().resolve(spec.source()).orElse(null);
            if (newId == null) {
                newId = dev.panagit.repo.Revisions.resolve(local, spec.source()).orElse(null);   // main~1:topic
            }
            Kind kind;
            if (newId == null) {
                kind = Kind.REJECTED_NO_SOURCE;
            } else if (newId.equals(oldId)) {
                kind = Kind.UP_TO_DATE;
            } else if (oldId == null) {
                kind = spec.destination().startsWith("refs/tags/") ? Kind.NEW_TAG
                        : spec.destination().startsWith("refs/heads/") ? Kind.NEW_BRANCH : Kind.NEW_REF;
            } else if (!local.objects().has(oldId)) {
                kind = spec.force() ? Kind.FORCED : Kind.REJECTED_FETCH_FIRST;
            } else if (isCommit(local, oldId) && isCommit(local, newId) && bases.isAncestor(oldId, newId)) {
                kind = Kind.FAST_FORWARD;
            } else {
                kind = spec.force() ? Kind.FORCED : Kind.REJECTED_NON_FF;
            }
            if (!kind.name().startsWith("REJECTED") && kind != Kind.UP_TO_DATE && spec.destination().equals(checkedOut)) {
                kind = Kind.REJECTED_CHECKED_OUT;
            }
            updates.add(new Update(spec.source(), spec.destination(), oldId, newId, kind));
        }
        return updates;
    }

    private static boolean isCommit(Repository repo, ObjectId id) throws IOException {
        return repo.objects().readHeader(id).type() == ObjectType.COMMIT;
    }
}
