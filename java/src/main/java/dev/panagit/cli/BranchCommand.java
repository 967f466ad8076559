package dev.panagit.cli;

import dev.panagit.history.CommitWalk;
import dev.panagit.lib.ObjectId;
import dev.panagit.repo.RefNames;
import dev.panagit.repo.Refs;
import dev.panagit.repo.Repository;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "branch", description = "List, create or delete branches.")
final class BranchCommand implements Callable<Integer> {
    @Option(names = {"-d", "--delete"}, description = "delete a branch that is merged into HEAD")
    boolean delete;

    @Option(names = "-D", description = "delete a branch even if it is not merged")
    boolean forceDelete;

    @Parameters(index = "0", arity = "0..1", paramLabel = "<name>")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "<start>")
    String start;

    @Override
    public Integer call() throws Exception {
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
