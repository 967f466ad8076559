package dev.panagit.cli;

import dev.panagit.history.CommitWalk;
import dev.panagit.history.MergeBases;
import dev.panagit.lib.ObjectId;
import dev.panagit.repo.ConfigFiles;
import dev.panagit.repo.GitConfig;
import dev.panagit.repo.Refs;
import dev.panagit.repo.Repository;
import dev.panagit.transport.Fetch;
import java.util.List;
import java.util.Optional;

/**
 * {@code pull [<remote> [<branch>]]}: fetch, then fast-forward to what FETCH_HEAD marks for
 * merging, or merge it ({@code --no-rebase}, or {@code pull.rebase=false}) with git's message
 * ("Merge branch 'x' of <url>"); divergent branches with no choice configured are refused with
 * git's advice, as git 2.39 does. Rebasing is not built.
 */
final class PullCommand implements Command {
    @Override
    public String name() {
        return "pull";
    }

    @Override
    public String description() {
        return "Fetch from another repository and fast-forward or merge the current branch.";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Flag ffOnlyOption = args.flag("--ff-only", "refuse unless the branch can be fast-forwarded");
        Args.Flag noRebaseOption = args.flag("--no-rebase", "merge when the branches have diverged");
        Args.Flag rebaseOption = args.flag("-r, --rebase", "rebase (not built)");
        Args.Operands operands = args.operands("[<remote> [<branch>...]]", 0, -1, null);
        args.parse();
        if (rebaseOption.on()) {
            throw new Fatal("pull --rebase is not built yet; use --no-rebase (merge) or --ff-only");
        }
        Repository repo = Repos.open(io);
        List<String> words = operands.all();
        // what the fetch and the merge write in the reflogs: "pull <args>: ...", as git's pull sets it
        if (!io.env().containsKey("GIT_REFLOG_ACTION")) {
            java.util.Map<String, String> env = new java.util.HashMap<>(io.env());
            env.put("GIT_REFLOG_ACTION", java.util.stream.Stream.concat(java.util.stream.Stream.of("pull"),
                    args.raw().stream()).collect(java.util.stream.Collectors.joining(" ")));
            io = io.withEnv(env);
        }
        GitConfig config = ConfigFiles.effective(repo, io.env());
        Fetch.Result fetched = FetchCommand.fetch(io, repo, words.isEmpty() ? null : words.get(0),
                words.size() > 1 ? words.subList(1, words.size()) : List.of(), true, false);
        if (fetched.anyRejected()) {
            return 1;
        }
        Optional<Fetch.Update> merge = fetched.updates().stream().filter(Fetch.Update::forMerge).findFirst();
        if (merge.isEmpty()) {
            throw new Fatal("There is no tracking information for the current branch: pull needs a remote and branch "
                    + "(git pull <remote> <branch>, or set one with branch --set-upstream-to)");
        }
        ObjectId theirs = merge.get().newId();
        Optional<ObjectId> head = repo.refs().resolve(Refs.HEAD);
        String url = config.get("remote." + (words.isEmpty() ? "origin" : words.get(0)) + ".url")
                .orElse(words.isEmpty() ? "origin" : words.get(0));
        if (head.isPresent()) {
            MergeBases bases = new MergeBases(new CommitWalk(repo));
            boolean fastForward = bases.isAncestor(head.get(), theirs);
            boolean upToDate = bases.isAncestor(theirs, head.get());
            boolean chosen = ffOnlyOption.on() || noRebaseOption.on() || config.get("pull.rebase").isPresent()
                    || config.get("pull.ff").isPresent();
            if (!fastForward && !upToDate && !chosen) {
                for (String line : ("You have divergent branches and need to specify how to reconcile them.\n"
                        + "You can do so by running one of the following commands sometime before\n"
                        + "your next pull:\n\n"
                        + "  git config pull.rebase false  # merge\n"
                        + "  git config pull.rebase true   # rebase\n"
                        + "  git config pull.ff only       # fast-forward only\n\n"
                        + "You can replace \"git config\" with \"git config --global\" to set a default\n"
                        + "preference for all repositories. You can also pass --rebase, --no-rebase,\n"
                        + "or --ff-only on the command line to override the configured default per\n"
                        + "invocation.").split("\n", -1)) {
                    io.err().println(line.isEmpty() ? "hint: " : "hint: " + line);
                }
                throw new Fatal("Need to specify how to reconcile divergent branches.");
            }
            if (config.get("pull.rebase").filter(v -> !v.equals("false")).isPresent() && !noRebaseOption.on()) {
                throw new Fatal("pull.rebase: rebasing is not built yet; set pull.rebase=false to merge");
            }
        }
        String ref = merge.get().remoteRef();
        String what = ref.startsWith("refs/heads/") ? "branch '" + ref.substring(11) + "' of "
                : ref.startsWith("refs/tags/") ? "tag '" + ref.substring(10) + "' of " : "'" + ref + "' of ";
        if (ffOnlyOption.on() || "only".equals(config.get("pull.ff").orElse(""))) {
            return Main.run(io, "merge", "--ff-only", theirs.name());
        }
        return Main.run(io, "merge", "-m", "Merge " + what + url, theirs.name());
    }
}
