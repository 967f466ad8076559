package dev.panagit.cli;

import dev.panagit.history.CommitWalk;
import dev.panagit.history.MergeBases;
import dev.panagit.lib.ObjectId;
import dev.panagit.repo.Repository;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code merge-base}: the best common ancestor of two commits (or of one and several), all of
 * them with {@code --all} (criss-cross histories have more than one), and
 * {@code --is-ancestor A B} as an exit code. Output and exit codes as git's.
 */
final class MergeBaseCommand implements Command {
    @Override
    public String name() {
        return "merge-base";
    }

    @Override
    public String description() {
        return "Find the best common ancestors of commits (--all for every one; --is-ancestor as an exit code).";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Flag allOption = args.flag("-a, --all", "every best common ancestor, newest first");
        Args.Flag isAncestorOption = args.flag("--is-ancestor", "exit 0 when the first commit is an ancestor of the second, else 1");
        Args.Operands operands = args.operands("<commit> <commit>...", 0, -1, null);
        args.parse();
        Repository repo = Repos.open(io);
        List<ObjectId> commits = new ArrayList<>();
        for (String spec : operands.all()) {
            commits.add(Repos.commit(io, repo, spec));
        }
        MergeBases bases = new MergeBases(new CommitWalk(repo));
        if (isAncestorOption.on()) {
            if (commits.size() != 2) {
                throw new Fatal("--is-ancestor takes exactly two commits");
            }
            return bases.isAncestor(commits.get(0), commits.get(1)) ? 0 : 1;
        }
        if (commits.size() < 2) {
            throw new Args.UsageException(args, "merge-base needs two commits (or more)");
        }
        List<ObjectId> found = bases.of(commits.get(0), commits.subList(1, commits.size()));
        if (found.isEmpty()) {
            return 1;
        }
        StringBuilder out = new StringBuilder();
        for (ObjectId id : allOption.on() ? found : found.subList(0, 1)) {
            out.append(id.name()).append('\n');
        }
        io.out().print(out);
        return 0;
    }
}
