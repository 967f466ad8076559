package dev.panagit.transport;

import dev.panagit.history.CommitWalk;
import dev.panagit.history.MergeBases;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.repo.RefSpec;
import dev.panagit.repo.Refs;
import dev.panagit.repo.Repository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.Optional;

/**
 * Fetching from a local repository: the remote's refs matched against the refspecs (and its tags
 * that point into what is fetched, as git's auto-follow does), the missing objects copied as one
 * pack, then each local ref updated under git's rules: new, fast-forward, forced with {@code +},
 * else rejected (a tag is never moved without force). Nothing moves until the objects are in.
 */
public final class Fetch {
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
        /** Not moved: not a fast-forward, and not forced. */
        REJECTED_NON_FF,
        /** Not moved: a tag that would change, and not forced. */
        REJECTED_TAG
    }

    /** One fetched ref: remote name, local name ("" when only FETCH_HEAD records it), ids and outcome. */
    public record Update(String remoteRef, String localRef, ObjectId oldId, ObjectId newId, Kind kind, boolean forMerge) {
        /** Whether the ref was left as it was because the update was refused. */
        public boolean rejected() {
            return kind == Kind.REJECTED_NON_FF || kind == Kind.REJECTED_TAG;
        }
    }

    /** What a fetch did: every ref considered, and how many objects came. */
    public record Result(List<Update> updates, int objects) {
        /** Whether any ref update was refused. */
        public boolean anyRejected() {
            return updates.stream().anyMatch(Update::rejected);
        }
    }

    private Fetch() {
    }

    /**
     * @param refspecs the refspecs (the remote's configured ones, or the command line's)
     * @param mergeRef the remote ref the current branch merges from (branch.&lt;name&gt;.merge), or null
     * @param reasons the reflog entry for a ref moved ("fast-forward", "forced-update", "storing head"), or null
     */
    public static Result run(Repository local, Repository remote, List<RefSpec> refspecs, boolean followTags,
            String mergeRef, PackInstaller installer, Function<String, Refs.Reason> reasons) throws IOException {
        return run(local, new LocalSource(remote, local), refspecs, followTags, mergeRef, installer, reasons);
    }

    /** The same from any source: a local repository, or git's upload-pack over a pipe. */
    public static Result run(Repository local, RemoteSource remote, List<RefSpec> refspecs, boolean followTags,
            String mergeRef, PackInstaller installer, Function<String, Refs.Reason> reasons) throws IOException {
        Map<String, ObjectId> remoteRefs = remote.refs();
        Map<String, RefSpec> chosen = new LinkedHashMap<>();
        Map<String, String> destinations = new LinkedHashMap<>();
        for (RefSpec spec : refspecs) {
            if (!spec.isWildcard()) {
                String src = expand(spec.source(), remoteRefs);
                if (src == null) {
                    throw new IOException("couldn't find remote ref " + spec.source());
                }
                chosen.putIfAbsent(src, spec);
                destinations.putIfAbsent(src, spec.destination().isEmpty() ? "" : qualify(spec.destination(), src));
                continue;
            }
            for (String ref : remoteRefs.keySet()) {
                Optional<String> dst = spec.map(ref);
                if (dst.isPresent() && !chosen.containsKey(ref)) {
                    chosen.put(ref, spec);
                    destinations.put(ref, dst.get());
                }
            }
        }
        List<ObjectId> wants = new ArrayList<>();
        for (String ref : chosen.keySet()) {
            wants.add(remoteRefs.get(ref));
        }
        int objects = remote.transfer(wants, List.of(), installer);
        if (followTags) {
            // git's auto-follow: the remote's tags that point at what this repository now has
            List<ObjectId> tagObjects = new ArrayList<>();
            for (Map.Entry<String, ObjectId> tag : remoteRefs.entrySet()) {
                String ref = tag.getKey();
                if (!ref.startsWith("refs/tags/") || chosen.containsKey(ref) || local.refs().exists(ref)) {
                    continue;
                }
                ObjectId peeled = remote.peeled(ref, tag.getValue());
                if (local.objects().has(peeled)) {
                    chosen.put(ref, new RefSpec(false, ref, ref));
                    destinations.put(ref, ref);
                    if (!local.objects().has(tag.getValue())) {
                        tagObjects.add(tag.getValue());
                    }
                }
            }
            if (!tagObjects.isEmpty()) {
                objects += remote.transfer(List.of(), tagObjects, installer);
            }
        }

        List<Update> updates = new ArrayList<>();
        MergeBases bases = new MergeBases(new CommitWalk(local));
        for (Map.Entry<String, RefSpec> entry : chosen.entrySet()) {
            String src = entry.getKey();
            String dst = destinations.get(src);
            ObjectId newId = remoteRefs.get(src);
            boolean forMerge = src.equals(mergeRef);
            if (dst.isEmpty()) {
                updates.add(new Update(src, "", null, newId, Kind.UP_TO_DATE, forMerge));
                continue;
            }
            ObjectId oldId = local.refs().resolve(dst).orElse(null);
            Kind kind;
            if (newId.equals(oldId)) {
                kind = Kind.UP_TO_DATE;
            } else if (oldId == null) {
                kind = src.startsWith("refs/tags/") ? Kind.NEW_TAG : src.startsWith("refs/heads/") ? Kind.NEW_BRANCH
                        : Kind.NEW_REF;
            } else if (dst.startsWith("refs/tags/") && !entry.getValue().force()) {
                kind = Kind.REJECTED_TAG;
            } else if (isCommit(local, oldId) && isCommit(local, newId) && bases.isAncestor(oldId, newId)) {
                kind = Kind.FAST_FORWARD;
            } else if (entry.getValue().force()) {
                kind = Kind.FORCED;
            } else {
                kind = Kind.REJECTED_NON_FF;
            }
            if (kind != Kind.UP_TO_DATE && kind != Kind.REJECTED_NON_FF && kind != Kind.REJECTED_TAG) {
                // the reflog's words, as git's update_local_ref has them
                String what = kind == Kind.FAST_FORWARD ? "fast-forward" : kind == Kind.FORCED ? "forced-update"
                        : src.startsWith("refs/tags/") ? "storing tag" : src.startsWith("refs/heads/") ? "storing head"
                        : "storing ref";
                local.refs().update(dst, newId, oldId == null ? ObjectId.zeroId(local.format()) : oldId,
                        reasons == null ? null : reasons.apply(what));
            }
            updates.add(new Update(src, dst, oldId, newId, kind, forMerge));
        }
        return new Result(updates, objects);
    }

    private static boolean isCommit(Repository repo, ObjectId id) throws IOException {
        return repo.objects().readHeader(id).type() == ObjectType.COMMIT;
    }

    /** A short name on the command line as git finds it among the remote's refs. */
    private static String expand(String name, Map<String, ObjectId> refs) {
        if (name.equals("HEAD") || refs.containsKey(name)) {
            return refs.containsKey(name) ? name : null;
        }
        for (String prefix : List.of("refs/", "refs/tags/", "refs/heads/", "refs/remotes/")) {
            if (refs.containsKey(prefix + name)) {
                return prefix + name;
            }
        }
        return null;
    }

    /** A command-line destination ({@code main}) as a full ref, in the source's kind of place. */
    private static String qualify(String dst, String src) {
        if (dst.startsWith("refs/")) {
            return dst;
        }
        return (src.startsWith("refs/tags/") ? "refs/tags/" : "refs/heads/") + dst;
    }
}
