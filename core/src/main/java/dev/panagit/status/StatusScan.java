package dev.panagit.status;

import dev.panagit.diff.PatchWriter;
import dev.panagit.diff.PatchWriter.Change;
import dev.panagit.diff.PatchWriter.Side;
import dev.panagit.diff.Renames;
import dev.panagit.diff.Snapshots;
import dev.panagit.history.AheadBehind;
import dev.panagit.history.CommitWalk;
import dev.panagit.index.DirCache;
import dev.panagit.index.FileStat;
import dev.panagit.index.IndexEntry;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.repo.ConfigFiles;
import dev.panagit.repo.GitConfig;
import dev.panagit.repo.Refs;
import dev.panagit.repo.Repository;
import dev.panagit.repo.Upstream;
import dev.panagit.worktree.IgnoreRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Computes a {@link Status} as git's {@code wt_status_collect} does: HEAD against the index (with
 * renames), the index against the work tree (stat data first, content when they cannot vouch,
 * refreshing the index in memory), conflicted paths from the index's stages, untracked and ignored
 * files, and where HEAD stands against its upstream.
 */
public final class StatusScan {
    /** What to look for. */
    public record Options(UntrackedScan.Untracked untracked, UntrackedScan.Ignored ignored, boolean renames,
            List<String> pathspecs) {
    }

    private StatusScan() {
    }

    /**
     * @param contents where rename detection reads blobs
     * @param env the run's environment (where the user's configuration and ignore file are)
     */
    public static Status scan(Repository repo, DirCache index, GitConfig config, Map<String, String> env,
            PatchWriter.Contents contents, Options options) throws IOException {
        Refs refs = repo.refs();
        String branch = refs.currentBranch().orElse(null);
        ObjectId head = refs.resolve(Refs.HEAD).orElse(null);
        if (head != null) {
            head = repo.peel(head, ObjectType.COMMIT);
        }

        Map<String, Integer> stageMasks = new TreeMap<>();
        Map<String, IndexEntry[]> stages = new TreeMap<>();
        for (IndexEntry entry : index.entries()) {
            if (entry.stage() != 0) {
                stageMasks.merge(entry.path(), 1 << (entry.stage() - 1), (a, b) -> a | b);
                stages.computeIfAbsent(entry.path(), p -> new IndexEntry[3])[entry.stage() - 1] = entry;
            }
        }

        Map<String, Side> headFiles = Snapshots.ofTree(repo, head);
        Map<String, Side> indexFiles = Snapshots.ofIndex(index);
        java.util.function.Predicate<String> wanted = Snapshots.pathspec(options.pathspecs());
        List<Change> staged = Snapshots.changes(headFiles, indexFiles,
                path -> wanted.test(path) && !stageMasks.containsKey(path));
        if (options.renames()) {
            staged = Renames.detect(staged, contents);
        }
        List<String> tracked = Snapshots.tracked(index).stream().filter(wanted).toList();
        List<Change> unstaged = Snapshots.changes(indexFiles, Snapshots.ofWorkTree(repo, index, tracked), wanted);

        TreeMap<String, Builder> byPath = new TreeMap<>(StatusScan::byBytes);
        for (Change c : staged) {
            Builder b = byPath.computeIfAbsent(c.path(), Builder::new);
            b.index = letter(c);
            b.modeHead = c.before().mode();
            b.idHead = c.before().id();
            b.modeIndex = c.after().mode();
            b.idIndex = c.after().id();
            if (c.renamed()) {
                b.renamedFrom = c.oldPath();
                b.renameScore = c.similarity();
            }
        }
        for (Change c : unstaged) {
            Builder b = byPath.computeIfAbsent(c.path(), Builder::new);
            b.worktree = letter(c);
            b.modeIndex = c.before().mode();
            b.idIndex = c.before().id();
            b.modeWorktree = c.after().mode();
            b.worktreeSeen = true;
        }
        for (Map.Entry<String, Integer> conflict : stageMasks.entrySet()) {
            if (!wanted.test(conflict.getKey())) {
                continue;
            }
            Builder b = byPath.computeIfAbsent(conflict.getKey(), Builder::new);
            b.stageMask = conflict.getValue();
            b.stages = stages.get(conflict.getKey());
            b.index = 'U';
            b.worktree = 'U';
            b.modeWorktree = worktreeMode(repo.workTree().resolve(conflict.getKey()), b.stages);
        }
        List<StatusEntry> entries = new ArrayList<>();
        for (Builder b : byPath.values()) {
            entries.add(b.build(repo));
        }

        List<String> untracked = List.of();
        List<String> ignored = List.of();
        if (options.untracked() != UntrackedScan.Untracked.NO) {
            List<String> everyIndexPath = index.entries().stream().map(IndexEntry::path).toList();
            UntrackedScan.Result found = new UntrackedScan(repo.workTree(), ignoreRules(repo, config, env),
                    everyIndexPath, options.untracked(), options.ignored()).limitTo(options.pathspecs()).scan();
            untracked = sorted(found.untracked());
            ignored = sorted(found.ignored());
        }

        String upstream = null;
        boolean gone = false;
        int ahead = 0;
        int behind = 0;
        if (branch != null && head != null) {
            Optional<String> upstreamRef = Upstream.of(config, branch.substring("refs/heads/".length()));
            if (upstreamRef.isPresent()) {
                upstream = Upstream.shorten(refs, upstreamRef.get());
                Optional<ObjectId> tip = refs.resolve(upstreamRef.get());
                if (tip.isEmpty()) {
                    gone = true;
                } else {
                    AheadBehind.Counts counts = AheadBehind.count(new CommitWalk(repo), head,
                            repo.peel(tip.get(), ObjectType.COMMIT));
                    ahead = counts.ahead();
                    behind = counts.behind();
                }
            }
        }
        String[] detached = branch == null && head != null ? detachedFrom(repo, head) : null;
        return new Status(branch, head, detached == null ? null : detached[0], detached != null && detached[1] != null,
                upstream, gone, ahead, behind, Files.exists(repo.gitDir().resolve("MERGE_HEAD")), entries,
                untracked, ignored);
    }

    /** The ignore rules git reads before any .gitignore: core.excludesFile (or its default), then info/exclude. */
    private static IgnoreRules ignoreRules(Repository repo, GitConfig config, Map<String, String> env) throws IOException {
        IgnoreRules rules = new IgnoreRules();
        Optional<String> excludesFile = config.get("core.excludesfile");
        rules.addFile(excludesFile.isPresent() ? ConfigFiles.expandPath(excludesFile.get(), env)
                : ConfigFiles.defaultExcludesFile(env), "");
        rules.addFile(repo.gitDir().resolve("info").resolve("exclude"), "");
        return rules;
    }

    private static char letter(Change c) {
        if (!c.before().present()) {
            return 'A';
        }
        if (!c.after().present()) {
            return 'D';
        }
        if (c.renamed()) {
            return 'R';
        }
        return (c.before().mode() & 0170000) != (c.after().mode() & 0170000) ? 'T' : 'M';
    }

    /** The mode git shows for a conflicted path's file: from its stat (0 when missing), typed by the first stage. */
    private static int worktreeMode(Path file, IndexEntry[] stages) throws IOException {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) || Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        return FileStat.of(file).mode();
    }

    /**
     * What HEAD's reflog says the last checkout named, git's {@code wt_status_get_detached_from}:
     * {tag or remote branch name, or abbreviated id; non-null when HEAD is still there}, or null.
     */
    private static String[] detachedFrom(Repository repo, ObjectId head) throws IOException {
        List<String> lines;
        try {
            lines = new String(Files.readAllBytes(repo.gitDir().resolve("logs").resolve("HEAD")), StandardCharsets.UTF_8)
                    .lines().toList();
        } catch (NoSuchFileException e) {
            return null;
        }
        String marker = "checkout: moving from ";
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            int tab = line.indexOf('\t');
            if (tab < 0 || !line.startsWith(marker, tab + 1)) {
                continue;
            }
            String message = line.substring(tab + 1 + marker.length());
            int to = message.indexOf(" to ");
            String[] fields = line.substring(0, tab).split(" ");
            if (to < 0 || fields.length < 2 || !ObjectId.isHex(fields[1], repo.format().hexLength())) {
                continue;
            }
            ObjectId moved = ObjectId.fromHex(repo.format(), fields[1]);
            String target = message.substring(to + 4);
            String name = null;
            Optional<String> ref = target.equals("HEAD") ? Optional.empty() : repo.refs().expand(target);
            if (ref.isPresent()) {
                Optional<ObjectId> id = repo.refs().resolve(ref.get());
                if (id.isPresent() && (id.get().equals(moved) || repo.peel(id.get(), ObjectType.COMMIT).equals(moved))) {
                    name = ref.get();
                    if (name.startsWith("refs/tags/")) {
                        name = name.substring("refs/tags/".length());
                    } else if (name.startsWith("refs/remotes/")) {
                        name = name.substring("refs/remotes/".length());
                    }
                }
            }
            if (name == null) {
                name = repo.objects().abbreviate(moved);
            }
            return new String[] {name, moved.equals(head) ? "at" : null};
        }
        return null;
    }

    private static List<String> sorted(List<String> paths) {
        List<String> copy = new ArrayList<>(new java.util.TreeSet<>(paths));
        copy.sort(StatusScan::byBytes);
        return copy;
    }

    static int byBytes(String x, String y) {
        return dev.panagit.lib.PathOrder.compare(x, y);
    }

    /** Collects one path's columns from the scans, then fills the ones porcelain v2 copies over. */
    private static final class Builder {
        final String path;
        char index;
        char worktree;
        String renamedFrom;
        int renameScore;
        int modeHead;
        int modeIndex;
        int modeWorktree;
        boolean worktreeSeen;
        ObjectId idHead;
        ObjectId idIndex;
        int stageMask;
        IndexEntry[] stages;

        Builder(String path) {
            this.path = path;
        }

        StatusEntry build(Repository repo) {
            ObjectId zero = ObjectId.zeroId(repo.format());
            if (idIndex == null) {
                idIndex = zero;
            }
            if (index == 0) {
                modeHead = modeIndex;
                idHead = idIndex;
            }
            if (idHead == null) {
                idHead = zero;
            }
            if (!worktreeSeen && stageMask == 0) {
                modeWorktree = modeIndex;
            }
            int[] modes = new int[3];
            ObjectId[] ids = {zero, zero, zero};
            if (stages != null) {
                for (int s = 0; s < 3; s++) {
                    if (stages[s] != null) {
                        modes[s] = stages[s].mode();
                        ids[s] = stages[s].id();
                    }
                }
            }
            return new StatusEntry(path, index, worktree, renamedFrom, renameScore, modeHead, modeIndex, modeWorktree,
                    idHead, idIndex, stageMask, modes, ids);
        }
    }
}
