package dev.panagit.history;

import dev.panagit.lib.ObjectId;
import dev.panagit.lib.TreeEntry;
import dev.panagit.objects.Commit;
import dev.panagit.repo.Repository;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The commits {@code log} shows, chosen as git's revision walk chooses them: reachable from the
 * included tips and not from the excluded ones ({@code A..B}, {@code ^A}), newest first by commit
 * date; limited to paths with git's default history simplification (a commit the same as one of
 * its parents in those paths is not shown, and only that parent is followed); only first parents
 * when asked; then a filter (author, message, merges) and skip and limit.
 */
public final class RevWalk {
    /** A chosen commit and the parents a graph draws for it (rewritten past commits not shown). */
    public record Entry(ObjectId id, Commit commit, List<ObjectId> parents) {
    }

    private final Repository repo;
    private final CommitWalk commits;
    private final List<ObjectId> included = new ArrayList<>();
    private final List<ObjectId> excluded = new ArrayList<>();
    private List<String> paths = List.of();
    private boolean firstParent;
    private Predicate<Commit> filter = c -> true;
    /** What the paths hold in recently seen root trees: a commit's tree is looked at again as its child's parent. */
    private final Map<ObjectId, List<String>> atPaths = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ObjectId, List<String>> eldest) {
            return size() > 1024;
        }
    };

    /** A walk over {@code repo}'s history; say where it starts with {@link #include}. */
    public RevWalk(Repository repo) {
        this.repo = repo;
        this.commits = new CommitWalk(repo);
    }

    /** Starts the walk at {@code id} (a commit); returns this walk. */
    public RevWalk include(ObjectId id) {
        included.add(id);
        return this;
    }

    /** Leaves out {@code id} and everything it reaches ({@code ^id}); returns this walk. */
    public RevWalk exclude(ObjectId id) {
        excluded.add(id);
        return this;
    }

    /** Limits history to these paths (relative to the work tree; a directory covers what is under it). */
    public RevWalk paths(List<String> limits) {
        this.paths = limits.stream().map(p -> p.endsWith("/") ? p.substring(0, p.length() - 1) : p)
                .filter(p -> !p.isEmpty() && !p.equals(".")).toList();
        return this;
    }

    /** Follows only the first parent of merges ({@code --first-parent}); returns this walk. */
    public RevWalk firstParent(boolean on) {
        this.firstParent = on;
        return this;
    }

    /** Keeps only the commits {@code accept} says yes to; returns this walk. */
    public RevWalk filter(Predicate<Commit> accept) {
        this.filter = accept;
        return this;
    }

    /** Whether the walk simplifies history to the paths it was limited to. */
    public boolean simplifies() {
        return !paths.isEmpty();
    }

    /** The chosen commits, newest first, after skipping {@code skip} and at most {@code limit} (negative: all). */
    public List<Entry> byDate(int skip, int limit) throws IOException {
        int wanted = limit < 0 ? -1 : skip + limit;
        record Queued(ObjectId id, long date, long order) {
        }
        PriorityQueue<Queued> queue = new PriorityQueue<>(
                Comparator.comparingLong(Queued::date).reversed().thenComparingLong(Queued::order));
        Set<ObjectId> seen = new HashSet<>();
        Set<ObjectId> inQueue = new HashSet<>();
        Set<ObjectId> uninteresting = new HashSet<>();
        long[] counter = {0};
        int[] interestingQueued = {0};
        for (ObjectId id : excluded) {
            uninteresting.add(id);
        }
        List<ObjectId> tips = new ArrayList<>(excluded);
        tips.addAll(included);
        for (ObjectId id : tips) {
            if (seen.add(id)) {
                queue.add(new Queued(id, commits.commit(id).committer().epochSeconds(), counter[0]++));
                inQueue.add(id);
                if (!uninteresting.contains(id)) {
                    interestingQueued[0]++;
                }
            }
        }
        Map<ObjectId, List<ObjectId>> followed = new HashMap<>();
        Set<ObjectId> shown = new HashSet<>();
        List<ObjectId> order = new ArrayList<>();
        while (!queue.isEmpty() && interestingQueued[0] > 0) {
            Queued next = queue.poll();
            ObjectId id = next.id();
            inQueue.remove(id);
            Commit c = commits.commit(id);
            boolean boring = uninteresting.contains(id);
            if (!boring) {
                interestingQueued[0]--;
            }
            List<ObjectId> parents = c.parents();
            if (boring) {
                for (ObjectId p : parents) {
                    if (uninteresting.add(p) && inQueue.contains(p)) {
                        interestingQueued[0]--;   // a queued interesting commit turned out to be excluded
                    }
                    if (seen.add(p)) {
                        queue.add(new Queued(p, commits.commit(p).committer().epochSeconds(), counter[0]++));
                        inQueue.add(p);
                    }
                }
                continue;
            }
            if (firstParent && parents.size() > 1) {
                parents = parents.subList(0, 1);
            }
            boolean show = true;
            if (!paths.isEmpty()) {
                List<String> mine = idsAt(c.tree());
                if (parents.isEmpty()) {
                    show = mine.stream().anyMatch(Objects::nonNull);
                }
                for (ObjectId p : parents) {
                    if (mine.equals(idsAt(commits.commit(p).tree()))) {
                        parents = List.of(p);   // same as this parent in the paths: follow it alone, hide this commit
                        show = false;
                        break;
                    }
                }
            }
            followed.put(id, parents);
            if (show) {
                shown.add(id);
                order.add(id);
                if (wanted >= 0 && filter.test(c) && --wanted == 0 && excluded.isEmpty()) {
                    break;   // enough; with exclusions the walk goes on until the excluded side catches up
                }
            }
            for (ObjectId p : parents) {
                if (seen.add(p)) {
                    queue.add(new Queued(p, commits.commit(p).committer().epochSeconds(), counter[0]++));
                    inQueue.add(p);
                    if (!uninteresting.contains(p)) {
                        interestingQueued[0]++;
                    }
                }
            }
        }
        List<Entry> out = new ArrayList<>();
        int skipped = 0;
        for (ObjectId id : order) {
            if (uninteresting.contains(id)) {
                continue;
            }
            Commit c = commits.commit(id);
            if (!filter.test(c)) {
                continue;
            }
            if (skipped++ < skip) {
                continue;
            }
            if (limit >= 0 && out.size() >= limit) {
                break;
            }
            out.add(new Entry(id, c, rewrite(followed.get(id), followed, shown, uninteresting)));
        }
        return out;
    }

    /** Receives the commits of a walk one by one. */
    @FunctionalInterface
    public interface Visitor {
        /** One chosen commit; an exception stops the walk and is thrown by it. */
        void visit(Entry entry) throws IOException;
    }

    /**
     * The commits {@link #byDate(int, int)} chooses, in its order, handed to {@code visitor}. Without
     * exclusions and paths each is handed over as soon as the walk reaches it and none is kept
     * afterwards: a log of a long history holds only the walk's frontier and the ids it has seen,
     * as git's does. With exclusions or paths the walk is done first (a commit reached early may
     * turn out excluded, or hidden by what its parents hold), as {@code byDate}.
     */
    public void byDate(int skip, int limit, Visitor visitor) throws IOException {
        if (!excluded.isEmpty() || !paths.isEmpty()) {
            for (Entry entry : byDate(skip, limit)) {
                visitor.visit(entry);
            }
            return;
        }
        record Queued(ObjectId id, Commit commit, long date, long order) {
        }
        PriorityQueue<Queued> queue = new PriorityQueue<>(
                Comparator.comparingLong(Queued::date).reversed().thenComparingLong(Queued::order));
        Set<ObjectId> seen = new HashSet<>();
        long order = 0;
        for (ObjectId id : included) {
            if (seen.add(id)) {
                Commit c = repo.readCommit(id);
                queue.add(new Queued(id, c, c.committer().epochSeconds(), order++));
            }
        }
        int skipped = 0;
        int handed = 0;
        while (!queue.isEmpty() && (limit < 0 || handed < limit)) {
            Queued next = queue.poll();
            Commit c = next.commit();
            List<ObjectId> parents = c.parents();
            if (firstParent && parents.size() > 1) {
                parents = parents.subList(0, 1);
            }
            if (filter.test(c)) {
                if (skipped < skip) {
                    skipped++;
                } else {
                    visitor.visit(new Entry(next.id(), c, parents.size() < 2 ? parents : parents.stream().distinct().toList()));
                    handed++;
                }
            }
            for (ObjectId p : parents) {
                if (seen.add(p)) {
                    Commit parent = repo.readCommit(p);
                    queue.add(new Queued(p, parent, parent.committer().epochSeconds(), order++));
                }
            }
        }
    }

    /** A shown commit's parents for a graph: each followed parent, or the nearest shown commit below it. */
    private static List<ObjectId> rewrite(List<ObjectId> parents, Map<ObjectId, List<ObjectId>> followed,
            Set<ObjectId> shown, Set<ObjectId> uninteresting) {
        List<ObjectId> out = new ArrayList<>();
        for (ObjectId p : parents) {
            ObjectId at = p;
            while (at != null && !shown.contains(at) && !uninteresting.contains(at) && followed.containsKey(at)) {
                List<ObjectId> below = followed.get(at);
                at = below.isEmpty() ? null : below.get(0);
            }
            if (at != null && !uninteresting.contains(at) && !out.contains(at)) {
                out.add(at);
            }
        }
        return out;
    }

    /** The same commits in git's --topo-order (children first; a line of history continues before another). */
    public static List<Entry> topo(List<Entry> all) {
        Map<ObjectId, Entry> byId = new HashMap<>();
        for (Entry e : all) {
            byId.put(e.id(), e);
        }
        Map<ObjectId, Integer> children = new HashMap<>();
        for (Entry e : all) {
            children.putIfAbsent(e.id(), 0);
            for (ObjectId p : e.parents()) {
                if (byId.containsKey(p)) {
                    children.merge(p, 1, Integer::sum);
                }
            }
        }
        List<Entry> out = new ArrayList<>();
        java.util.ArrayDeque<ObjectId> stack = new java.util.ArrayDeque<>();
        List<ObjectId> tips = new ArrayList<>();
        for (Entry e : all) {
            if (children.get(e.id()) == 0) {
                tips.add(e.id());
            }
        }
        for (int i = tips.size() - 1; i >= 0; i--) {
            stack.push(tips.get(i));
        }
        Set<ObjectId> emitted = new HashSet<>();
        while (!stack.isEmpty()) {
            ObjectId id = stack.pop();
            if (!emitted.add(id)) {
                continue;
            }
            Entry e = byId.get(id);
            out.add(e);
            for (ObjectId p : e.parents()) {
                if (byId.containsKey(p) && children.merge(p, -1, Integer::sum) == 0) {
                    stack.push(p);   // as git's graph order: the last parent's line is shown first
                }
            }
        }
        return out;
    }

    /** The mode and id at each limiting path in a tree (null where absent): what decides TREESAME. */
    private List<String> idsAt(ObjectId tree) throws IOException {
        List<String> ids = atPaths.get(tree);
        if (ids == null) {
            ids = new ArrayList<>(paths.size());
            for (String path : paths) {
                ids.add(idAt(tree, path));
            }
            atPaths.put(tree, ids);
        }
        return ids;
    }

    /**
     * The entry at {@code path} under a tree, found by scanning the raw trees along the path (no
     * entry objects: a walk of tens of thousands of commits reads as many root trees).
     */
    private String idAt(ObjectId tree, String path) throws IOException {
        String[] names = path.split("/");
        ObjectId at = tree;
        int hashLength = repo.format().rawLength();
        for (int depth = 0; depth < names.length; depth++) {
            byte[] raw = repo.objects().open(at).bytes();
            byte[] name = names[depth].getBytes(java.nio.charset.StandardCharsets.UTF_8);
            int entry = find(raw, name, hashLength);
            if (entry < 0) {
                return null;
            }
            int mode = 0;
            int p = entry;
            while (raw[p] != ' ') {
                mode = mode * 8 + (raw[p++] - '0');
            }
            int idAt = p + 1 + name.length + 1;
            boolean last = depth == names.length - 1;
            ObjectId id = ObjectId.fromRaw(repo.format(), raw, idAt);
            if (last) {
                return Integer.toOctalString(TreeEntry.canonicalMode(mode)) + " " + id.name();
            }
            if ((mode & 0170000) != 0040000) {
                return null;   // a path under a file
            }
            at = id;
        }
        return null;
    }

    /** The offset of the entry named {@code name} in a raw tree, or -1. */
    private static int find(byte[] raw, byte[] name, int hashLength) {
        int p = 0;
        while (p < raw.length) {
            int start = p;
            int space = p;
            while (space < raw.length && raw[space] != ' ') {
                space++;
            }
            int nul = space + 1;
            while (nul < raw.length && raw[nul] != 0) {
                nul++;
            }
            if (nul >= raw.length) {
                return -1;
            }
            if (nul - space - 1 == name.length && Arrays.equals(raw, space + 1, nul, name, 0, name.length)) {
                return start;
            }
            p = nul + 1 + hashLength;
        }
        return -1;
    }
}
