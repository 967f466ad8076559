package dev.panagit.cli;

import dev.panagit.history.CommitWalk;
import dev.panagit.lib.ObjectId;
import dev.panagit.repo.RefNames;
import dev.panagit.repo.Refs;
import dev.panagit.repo.Repository;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

final class BranchCommand implements Command {
    boolean delete;

    boolean forceDelete;

    String name;

    String start;

    @Override
    public String name() {
        return "branch";
    }

    @Override
    public String description() {
        return "List, create or delete branches.";
    }

    @Override
    public int run(Args args) throws Exception {
        Args.Flag deleteOption = args.flag("-d, --delete", "delete a branch that is merged into HEAD");
        Args.Flag forceDeleteOption = args.flag("-D", "delete a branch even if it is not merged");
        Args.Operands operands = args.operands("<name> <start>", 0, 2, null);
        args.parse();
        delete = deleteOption.on();
        forceDelete = forceDeleteOption.on();
        name = operands.get(0, name);
        start = operands.get(1, start);
        Repository repo = Repos.open();
        Refs refs = repo.refs();
        PrintStream out = Io.current().out();
        if (delete || forceDelete) {
            return delete(repo);
        }
        if (name == null) {
            Optional<String> current = refs.currentBranch();
            Optional<ObjectId> head = refs.resolve(Refs.HEAD);
            if (current.isEmpty() && head.isPresent()) {
                out.println("* (HEAD detached at " + Repos.abbrev(repo, head.get()) + ")");
            }
            for (String branch : refs.under("refs/heads/").keySet()) {
                boolean isCurrent = current.isPresent() && current.get().equals("refs/heads/" + branch);
                out.println((isCurrent ? "* " : "  ") + branch);
            }
            return 0;
        }
        try {
            RefNames.checkBranchName(name);
        } catch (IllegalArgumentException e) {
            throw new Fatal(e.getMessage());
        }
        if (refs.exists("refs/heads/" + name)) {
            throw new Fatal("a branch named '" + name + "' already exists");
        }
        ObjectId target = start == null
                ? refs.resolve(Refs.HEAD).orElseThrow(() -> new Fatal("not a valid object name: 'HEAD'"))
                : Repos.commit(repo, start);
        refs.update("refs/heads/" + name, target, ObjectId.zeroId(repo.format()));
        return 0;
    }

    private int delete(Repository repo) throws Exception {
        if (name == null) {
            throw new Fatal("branch name required");
        }
        Refs refs = repo.refs();
        String ref = "refs/heads/" + name;
        Optional<ObjectId> tip = refs.resolve(ref);
        if (tip.isEmpty()) {
            Io.current().err().println("error: branch '" + name + "' not found");
            return 1;
        }
        if (refs.currentBranch().map(ref::equals).orElse(false)) {
            Io.current().err().println("error: Cannot delete branch '" + name + "' checked out at '"
                    + repo.workTree() + "'");
            return 1;
        }
        Optional<ObjectId> head = refs.resolve(Refs.HEAD);
        if (!forceDelete && (head.isEmpty() || !new CommitWalk(repo).isAncestor(tip.get(), head.get()))) {
            Io.current().err().println("error: The branch '" + name + "' is not fully merged.\n"
                    + "If you are sure you want to delete it, run 'panagit branch -D " + name + "'.");
            return 1;
        }
        refs.delete(ref);
        Io.current().out().println("Deleted branch " + name + " (was " + Repos.abbrev(repo, tip.get()) + ").");
        return 0;
    }

    static Map<String, ObjectId> branches(Repository repo) throws Exception {
        return repo.refs().under("refs/heads/");
    }
}
