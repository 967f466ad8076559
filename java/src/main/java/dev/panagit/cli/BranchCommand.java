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

    /**
     * branch -u / --set-upstream-to and --unset-upstream: branch.<name>.remote and .merge as git
     * writes them, the remote found through the refspec that maps to the upstream.
     */
    private static int upstream(Io io, Repository repo, String upstream, String branchName) throws Exception {
        String branch = branchName != null ? branchName : repo.refs().currentBranch()
                .map(b -> b.substring("refs/heads/".length()))
                .orElseThrow(() -> new Fatal("could not set upstream of HEAD to " + upstream + " when it does not point to any branch."));
        if (!repo.refs().exists("refs/heads/" + branch)) {
            throw new Fatal("branch '" + branch + "' does not exist");
        }
        dev.panagit.repo.ConfigWriter writer = dev.panagit.repo.ConfigWriter.open(repo.gitDir().resolve("config"));
        if (upstream == null) {
            if (repo.config().get("branch." + branch + ".merge").isEmpty()) {
                throw new Fatal("Branch '" + branch + "' has no upstream information");
            }
            writer.unsetAll("branch." + branch + ".remote").unsetAll("branch." + branch + ".merge").commit();
            return 0;
        }
        Optional<String> full = repo.refs().expand(upstream);
        if (full.isEmpty() || !(full.get().startsWith("refs/remotes/") || full.get().startsWith("refs/heads/"))) {
            java.io.PrintStream err = io.err();
            err.println("fatal: the requested upstream branch '" + upstream + "' does not exist");
            for (String line : ("\nIf you are planning on basing your work on an upstream\n"
                    + "branch that already exists at the remote, you may need to\n"
                    + "run \"git fetch\" to retrieve it.\n\n"
                    + "If you are planning to push out a new local branch that\n"
                    + "will track its remote counterpart, you may want to use\n"
                    + "\"git push -u\" to set the upstream config as you push.\n"
                    + "Disable this message with \"git config advice.setUpstreamFailure false\"").split("\n", -1)) {
                err.println(line.isEmpty() ? "hint: " : "hint: " + line);
            }
            return 128;
        }
        String remote = ".";
        String merge = full.get();
        if (full.get().startsWith("refs/remotes/")) {
            dev.panagit.repo.GitConfig config = repo.config();
            for (String name : RemoteCommand.remotes(config)) {
                for (String spec : config.getAll("remote." + name + ".fetch")) {
                    dev.panagit.repo.RefSpec refspec = dev.panagit.repo.RefSpec.parse(spec);
                    dev.panagit.repo.RefSpec reverse = new dev.panagit.repo.RefSpec(false, refspec.destination(),
                            refspec.source());
                    Optional<String> source = reverse.map(full.get());
                    if (source.isPresent() && remote.equals(".")) {
                        remote = name;
                        merge = source.get();
                    }
                }
            }
        }
        writer.set("branch." + branch + ".remote", remote).set("branch." + branch + ".merge", merge).commit();
        String shown = Decorations.shortName(full.get());
        io.out().println("branch '" + branch + "' set up to track '" + shown + "'.");
        return 0;
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Flag deleteOption = args.flag("-d, --delete", "delete a branch that is merged into HEAD");
        Args.Flag forceDeleteOption = args.flag("-D", "delete a branch even if it is not merged");
        Args.Value upstreamOption = args.value("-u, --set-upstream-to", "<upstream>",
                "make <upstream> (a remote-tracking or local branch) the upstream of the branch (default: the current one)");
        Args.Flag unsetUpstreamOption = args.flag("--unset-upstream", "forget the branch's upstream");
        Args.Operands operands = args.operands("<name> <start>", 0, 2, null);
        args.parse();
        if (upstreamOption.given() || unsetUpstreamOption.on()) {
            return upstream(io, Repos.open(io), upstreamOption.get(null), operands.get(0, null));
        }
        delete = deleteOption.on();
        forceDelete = forceDeleteOption.on();
        name = operands.get(0, name);
        start = operands.get(1, start);
        Repository repo = Repos.open(io);
        Refs refs = repo.refs();
        PrintStream out = io.out();
        if (delete || forceDelete) {
            return delete(io, repo);
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
                : Repos.commit(io, repo, start);
        refs.update("refs/heads/" + name, target, ObjectId.zeroId(repo.format()),
                Repos.reason(repo, io, "branch: Created from " + (start != null ? start
                        : refs.currentBranch().map(b -> b.substring("refs/heads/".length())).orElse("HEAD"))));
        return 0;
    }

    private int delete(Io io, Repository repo) throws Exception {
        if (name == null) {
            throw new Fatal("branch name required");
        }
        Refs refs = repo.refs();
        String ref = "refs/heads/" + name;
        Optional<ObjectId> tip = refs.resolve(ref);
        if (tip.isEmpty()) {
            io.err().println("error: branch '" + name + "' not found");
            return 1;
        }
        if (refs.currentBranch().map(ref::equals).orElse(false)) {
            io.err().println("error: Cannot delete branch '" + name + "' checked out at '"
                    + repo.workTree() + "'");
            return 1;
        }
        Optional<ObjectId> head = refs.resolve(Refs.HEAD);
        if (!forceDelete && (head.isEmpty() || !new CommitWalk(repo).isAncestor(tip.get(), head.get()))) {
            io.err().println("error: The branch '" + name + "' is not fully merged.\n"
                    + "If you are sure you want to delete it, run 'panagit branch -D " + name + "'.");
            return 1;
        }
        refs.delete(ref);
        io.out().println("Deleted branch " + name + " (was " + Repos.abbrev(repo, tip.get()) + ").");
        return 0;
    }

    static Map<String, ObjectId> branches(Repository repo) throws Exception {
        return repo.refs().under("refs/heads/");
    }
}
