package dev.panagit.transport;

import dev.panagit.history.CommitWalk;
import dev.panagit.history.MergeBases;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.repo.Repository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Pushing to a local repository: each refspec's ref checked against the other side (new,
 * fast-forward, forced with {@code +} or {@code --force}, else rejected: "fetch first" when the
 * other side has work this one lacks, "non-fast-forward" otherwise; a non-bare repository's
 * checked-out branch refused as git's receive.denyCurrentBranch does), the missing objects copied
 * as one pack, then each accepted ref updated through its lock.
 */
public final class Push {
    public enum Kind { UP_TO_DATE, NEW_BRANCH, NEW_TAG, NEW_REF, FAST_FORWARD, FORCED, DELETED, REJECTED_NON_FF,
        REJECTED_FETCH_FIRST, REJECTED_CHECKED_OUT, REJECTED_NO_SOURCE }

    public record Update(String source, String destination, ObjectId oldId, ObjectId newId, Kind kind) {
        public boolean rejected() {
            return kind.name().startsWith("REJECTED");
        }
    }

    private Push() {
    }

    /** A refspec as pushed: the local source (null to delete), the remote destination, and whether forced. */
    public record Spec(String source, String destination, boolean force) {
    }

    public static List<Update> run(Repository local, Repository remote, List<Spec> specs, PackInstaller installer)
            throws IOException {
        List<Update> updates = new ArrayList<>();
        List<ObjectId> wants = new ArrayList<>();
        MergeBases bases = new MergeBases(new CommitWalk(local));
        String checkedOut = remote.isBare() ? null : remote.refs().currentBranch().orElse(null);
        boolean denyCurrent = !remote.config().get("receive.denycurrentbranch").map(v -> v.equals("ignore")
                || v.equals("warn") || v.equals("false")).orElse(false);
        for (Spec spec : specs) {
            ObjectId oldId = remote.refs().resolve(spec.destination()).orElse(null);
            if (spec.source() == null) {
                updates.add(new Update(null, spec.destination(), oldId, null, oldId == null ? Kind.UP_TO_DATE : Kind.DELETED));
                continue;
            }
            ObjectId newId = local.refs().resolve(spec.source()).orElse(null);
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
            if (!kind.name().startsWith("REJECTED") && kind != Kind.UP_TO_DATE && denyCurrent
                    && spec.destination().equals(checkedOut)) {
                kind = Kind.REJECTED_CHECKED_OUT;
            }
            if (!kind.name().startsWith("REJECTED") && kind != Kind.UP_TO_DATE) {
                wants.add(newId);
            }
            updates.add(new Update(spec.source(), spec.destination(), oldId, newId, kind));
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

    private static boolean isCommit(Repository repo, ObjectId id) throws IOException {
        return repo.objects().readHeader(id).type() == ObjectType.COMMIT;
    }
}
