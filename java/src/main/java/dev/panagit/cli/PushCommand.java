package dev.panagit.cli;

import dev.panagit.lib.ObjectId;
import dev.panagit.repo.ConfigFiles;
import dev.panagit.repo.GitConfig;
import dev.panagit.repo.Repository;
import dev.panagit.transport.PackInstaller;
import dev.panagit.transport.ReceivePackTarget;
import dev.panagit.transport.Push;
import dev.panagit.repo.RefSpec;
import dev.panagit.transport.Remote;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code push [-f] [<remote>] [<refspec>…]}: refs and the objects they need to another local
 * repository, or to git's receive-pack over pipes (an {@code ext::} URL, as ssh would carry it); with no refspec the current branch to its upstream (git's push.default=simple).
 * Non-fast-forward updates are refused unless forced ({@code +} or {@code -f}); a non-bare
 * repository's checked-out branch is refused as git's receive.denyCurrentBranch does; git's
 * report, hints and exit codes; remote-tracking refs follow what was pushed.
 */
final class PushCommand implements Command {
    @Override
    public String name() {
        return "push";
    }

    @Override
    public String description() {
        return "Update another repository's refs and send the objects they need (local paths and file:// URLs).";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Flag forceOption = args.flag("-f, --force", "allow updates that are not fast-forwards");
        Args.Flag upstreamOption = args.flag("-u, --set-upstream", "make the remote branch the upstream of the local one");
        Args.Operands operands = args.operands("[<remote> [<refspec>...]]", 0, -1, null);
        args.parse();
        Repository repo = Repos.open(io);
        GitConfig config = ConfigFiles.effective(repo, io.env());
        List<String> words = operands.all();
        Optional<String> branch = repo.refs().currentBranch().map(b -> b.substring("refs/heads/".length()));
        String remoteName = words.isEmpty() ? branch.flatMap(b -> config.get("branch." + b + ".pushremote")
                .or(() -> config.get("remote.pushdefault")).or(() -> config.get("branch." + b + ".remote")))
                .orElse("origin") : words.get(0);
        Remote remote = Remote.resolve(config, remoteName);
        boolean overPipes = remote.url().startsWith("ext::");
        if (remote.name() == null && !overPipes && !java.nio.file.Files.isDirectory(io.resolve(remoteName))) {
            throw new Fatal("'" + remoteName + "' does not appear to be a git repository\n"
                    + "fatal: Could not read from remote repository.\n\n"
                    + "Please make sure you have the correct access rights\nand the repository exists.");
        }
        List<Push.Spec> specs = new ArrayList<>();
        if (words.size() <= 1) {
            if (branch.isEmpty()) {
                throw new Fatal("You are not currently on a branch.");
            }
            Optional<String> merge = config.get("branch." + branch.get() + ".merge");
            if (merge.isEmpty() && !upstreamOption.on()) {
                throw new Fatal("The current branch " + branch.get() + " has no upstream branch.\n"
                        + "To push the current branch and set the remote as upstream, use\n\n"
                        + "    git push --set-upstream " + remoteName + " " + branch.get() + "\n\n"
                        + "To have this happen automatically for branches without a tracking\n"
                        + "upstream, see 'push.autoSetupRemote' in 'git help config'.\n");
            }
            if (merge.isPresent() && !merge.get().equals("refs/heads/" + branch.get())
                    && remote.name() != null && remote.name().equals(config.get("branch." + branch.get() + ".remote").orElse(""))) {
                String shortUpstream = merge.get().startsWith("refs/heads/") ? merge.get().substring(11) : merge.get();
                throw new Fatal("The upstream branch of your current branch does not match\n"
                        + "the name of your current branch.  To push to the upstream branch\n"
                        + "on the remote, use\n\n    git push " + remoteName + " HEAD:" + shortUpstream + "\n\n"
                        + "To push to the branch of the same name on the remote, use\n\n    git push " + remoteName
                        + " HEAD\n" + (config.get("push.default").isEmpty()
                                ? "\nTo choose either option permanently, see push.default in 'git help config'.\n" : "")
                        + (!"simple".equals(config.get("branch.autosetupmerge").orElse(""))
                                ? "\nTo avoid automatically configuring an upstream branch when its name\n"
                                        + "won't match the local branch, see option 'simple' of branch.autoSetupMerge\n"
                                        + "in 'git help config'.\n" : ""));
            }
            specs.add(new Push.Spec("refs/heads/" + branch.get(), merge.orElse("refs/heads/" + branch.get()),
                    forceOption.on()));
        } else {
            for (String word : words.subList(1, words.size())) {
                RefSpec spec;
                try {
                    spec = RefSpec.parse(word);
                } catch (IllegalArgumentException e) {
                    throw new Fatal(e.getMessage());
                }
                if (spec.source().isEmpty()) {
                    specs.add(new Push.Spec(null, qualify(spec.destination(), "refs/heads/"), true));
                    continue;
                }
                Optional<String> source = repo.refs().expand(spec.source());
                if (source.isEmpty() && !spec.destination().isEmpty()
                        && dev.panagit.repo.Revisions.resolve(repo, spec.source()).isPresent()) {
                    // any revision as the source (main~1:topic); an unqualified destination is a branch
                    specs.add(new Push.Spec(spec.source(), qualify(spec.destination(), "refs/heads/"),
                            spec.force() || forceOption.on()));
                    continue;
                }
                if (source.isEmpty()) {
                    io.err().println("error: src refspec " + spec.source() + " does not match any");
                    io.err().println("error: failed to push some refs to '" + remote.url() + "'");
                    return 1;
                }
                String kind = source.get().startsWith("refs/tags/") ? "refs/tags/" : "refs/heads/";
                String destination = spec.destination().isEmpty() ? source.get() : qualify(spec.destination(), kind);
                specs.add(new Push.Spec(source.get(), destination, spec.force() || forceOption.on()));
            }
        }
        List<Push.Update> updates;
        if (overPipes) {
            StringBuilder messages = new StringBuilder();
            try (ReceivePackTarget target = new ReceivePackTarget(repo, remote.url().substring("ext::".length()),
                    io.cwd())) {
                updates = Push.run(repo, target, specs, messages);
            }
            io.err().print(messages);
        } else {
            Repository other = Repos.openRemote(io, remote, repo.objects().codec());
            updates = Push.run(repo, other, specs,
                    new PackInstaller(other, 0, TerminalProgress.forRun(io)));
        }
        boolean pushedNothing = updates.stream().anyMatch(u -> u.kind() == Push.Kind.REJECTED_NO_REMOTE_REF);
        for (Push.Update u : pushedNothing ? List.<Push.Update>of() : updates) {
            if (!u.rejected() && u.kind() != Push.Kind.UP_TO_DATE && remote.name() != null) {
                trackRemote(io, repo, remote, u);
            }
            String localBranch = localBranch(u, branch.orElse(null));
            if (!u.rejected() && upstreamOption.on() && localBranch != null && remote.name() != null) {
                String local = localBranch.substring("refs/heads/".length());
                dev.panagit.repo.ConfigWriter.open(repo.gitDir().resolve("config"))
                        .set("branch." + local + ".remote", remote.name())
                        .set("branch." + local + ".merge", u.destination()).commit();
            }
        }
        return report(repo, remote, updates, branch.orElse(null), io.err(), io.out(), upstreamOption.on());
    }

    /**
     * The order git reports in: refs the remote had (by name, as it advertised them), then new
     * ones in the order asked; the accepted before the rejected (transport_print_push_status).
     */
    private static List<Push.Update> inGitsOrder(List<Push.Update> updates) {
        List<Push.Update> known = new ArrayList<>();
        List<Push.Update> added = new ArrayList<>();
        for (Push.Update u : updates) {
            (u.oldId() != null ? known : added).add(u);
        }
        known.sort(java.util.Comparator.comparing(Push.Update::destination));
        known.addAll(added);
        List<Push.Update> ordered = new ArrayList<>();
        known.stream().filter(u -> !u.rejected()).forEach(ordered::add);
        known.stream().filter(Push.Update::rejected).forEach(ordered::add);
        return ordered;
    }

    private static String qualify(String name, String kind) {
        return name.startsWith("refs/") ? name : kind + name;
    }

    /** The remote-tracking ref that mirrors a pushed ref (refs/remotes/origin/main), updated as git does. */
    private static void trackRemote(Io io, Repository repo, Remote remote, Push.Update u) throws Exception {
        for (RefSpec spec : remote.fetch()) {
            Optional<String> tracking = spec.map(u.destination());
            if (tracking.isPresent() && !tracking.get().isEmpty()) {
                ObjectId old = repo.refs().resolve(tracking.get()).orElse(ObjectId.zeroId(repo.format()));
                if (u.kind() == Push.Kind.DELETED) {
                    if (repo.refs().exists(tracking.get())) {
                        repo.refs().delete(tracking.get());
                    }
                } else {
                    repo.refs().update(tracking.get(), u.newId(), old, Repos.reason(repo, io, "update by push"));
                }
                return;
            }
        }
    }

    /** git's report: "To <url>", a line per ref, then the error and hints for rejections. */
    private static int report(Repository repo, Remote remote, List<Push.Update> updates, String currentBranch,
            PrintStream err, PrintStream out, boolean setUpstream) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (Push.Update u : updates) {
            if (u.kind() == Push.Kind.REJECTED_NO_REMOTE_REF) {
                sb.append("error: unable to delete '").append(FetchCommand.pretty(u.destination()))
                        .append("': remote ref does not exist\n");
            }
        }
        boolean any = updates.stream().anyMatch(u -> u.kind() != Push.Kind.UP_TO_DATE);
        if (!sb.isEmpty()) {   // git then pushes nothing at all
            sb.append("error: failed to push some refs to '").append(remote.url()).append("'\n");
            err.print(sb);
            return 1;
        }
        if (!any) {
            err.println("Everything up-to-date");
            if (setUpstream) {
                tracking(remote, updates, currentBranch, out);
            }
            return 0;
        }
        for (Push.Update u : updates) {
            if (u.kind() == Push.Kind.REJECTED_CHECKED_OUT) {
                sb.append(CHECKED_OUT.replace("%s", u.destination()));
            }
        }
        for (Push.Update u : updates) {
            if (u.kind() == Push.Kind.REJECTED_DELETE_CURRENT) {
                sb.append(DELETE_CURRENT.replace("%s", u.destination()));
            }
        }
        sb.append("To ").append(remote.url()).append('\n');
        boolean fetchFirst = false;
        boolean nonFfCurrent = false;
        boolean nonFfOther = false;
        for (Push.Update u : inGitsOrder(updates)) {
            String src = u.source() == null ? "" : FetchCommand.pretty(u.source());
            String dst = FetchCommand.pretty(u.destination());
            String refs = src + " -> " + dst;
            switch (u.kind()) {
                case UP_TO_DATE, REJECTED_NO_REMOTE_REF -> {
                    continue;
                }
                case NEW_BRANCH -> sb.append(" * ").append(pad("[new branch]")).append(' ').append(refs);
                case NEW_TAG -> sb.append(" * ").append(pad("[new tag]")).append(' ').append(refs);
                case NEW_REF -> sb.append(" * ").append(pad("[new reference]")).append(' ').append(refs);
                case DELETED -> sb.append(" - ").append(pad("[deleted]")).append(' ').append(dst);
                case FAST_FORWARD -> sb.append("   ").append(pad(Repos.abbrev(repo, u.oldId()) + ".."
                        + Repos.abbrev(repo, u.newId()))).append(' ').append(refs);
                case FORCED -> sb.append(" + ").append(pad(Repos.abbrev(repo, u.oldId()) + "..."
                        + Repos.abbrev(repo, u.newId()))).append(' ').append(refs).append(" (forced update)");
                case REJECTED_FETCH_FIRST -> {
                    sb.append(" ! ").append(pad("[rejected]")).append(' ').append(refs).append(" (fetch first)");
                    fetchFirst = true;
                }
                case REJECTED_NON_FF -> {
                    sb.append(" ! ").append(pad("[rejected]")).append(' ').append(refs).append(" (non-fast-forward)");
                    if (u.source().equals("refs/heads/" + currentBranch)) {
                        nonFfCurrent = true;
                    } else {
                        nonFfOther = true;
                    }
                }
                case REJECTED_CHECKED_OUT -> sb.append(" ! ").append(pad("[remote rejected]")).append(' ').append(refs)
                        .append(" (branch is currently checked out)");
                case REJECTED_BY_REMOTE -> sb.append(" ! ").append(pad("[remote rejected]")).append(' ')
                        .append(u.source() == null ? dst : refs).append(" (").append(u.reason()).append(')');
                case REJECTED_DELETE_CURRENT -> sb.append(" ! ").append(pad("[remote rejected]")).append(' ')
                        .append(dst).append(" (deletion of the current branch prohibited)");
                default -> sb.append(" ! ").append(pad("[rejected]")).append(' ').append(refs);
            }
            sb.append('\n');
        }
        boolean rejected = updates.stream().anyMatch(Push.Update::rejected);
        if (rejected) {
            sb.append("error: failed to push some refs to '").append(remote.url()).append("'\n");
            if (nonFfCurrent) {
                sb.append(hint("Updates were rejected because the tip of your current branch is behind\n"
                        + "its remote counterpart. Integrate the remote changes (e.g.\n"
                        + "'git pull ...') before pushing again.\n"
                        + "See the 'Note about fast-forwards' in 'git push --help' for details."));
            } else if (nonFfOther) {
                sb.append(hint("Updates were rejected because a pushed branch tip is behind its remote\n"
                        + "counterpart. Check out this branch and integrate the remote changes\n"
                        + "(e.g. 'git pull ...') before pushing again.\n"
                        + "See the 'Note about fast-forwards' in 'git push --help' for details."));
            } else if (fetchFirst) {
                sb.append(hint("Updates were rejected because the remote contains work that you do\n"
                        + "not have locally. This is usually caused by another repository pushing\n"
                        + "to the same ref. You may want to first integrate the remote changes\n"
                        + "(e.g., 'git pull ...') before pushing again.\n"
                        + "See the 'Note about fast-forwards' in 'git push --help' for details."));
            }
        }
        err.print(sb);
        if (setUpstream && !rejected) {
            tracking(remote, updates, currentBranch, out);
        }
        return rejected ? 1 : 0;
    }

    private static void tracking(Remote remote, List<Push.Update> updates, String currentBranch, PrintStream out) {
        for (Push.Update u : updates) {
            String local = localBranch(u, currentBranch);
            if (local != null && remote.name() != null) {
                out.println("branch '" + FetchCommand.pretty(local) + "' set up to track '" + remote.name() + "/"
                        + FetchCommand.pretty(u.destination()) + "'.");
            }
        }
    }

    /** The local branch a pushed ref came from ("HEAD" is the current branch), or null. */
    private static String localBranch(Push.Update u, String currentBranch) {
        if (u.source() != null && u.source().startsWith("refs/heads/")) {
            return u.source();
        }
        return "HEAD".equals(u.source()) && currentBranch != null ? "refs/heads/" + currentBranch : null;
    }

    private static String hint(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            sb.append("hint: ").append(line).append('\n');
        }
        return sb.toString();
    }

    private static String pad(String summary) {
        return summary.length() >= 17 ? summary : summary + " ".repeat(17 - summary.length());
    }

    /** receive-pack's refusal to delete the branch HEAD names (receive.denyDeleteCurrent unset). */
    private static final String DELETE_CURRENT = "remote: error: By default, deleting the current branch is denied,"
            + " because the next        \n"
            + "remote: 'git clone' won't result in any file checked out, causing confusion.        \n"
            + "remote: \n"
            + "remote: You can set 'receive.denyDeleteCurrent' configuration variable to        \n"
            + "remote: 'warn' or 'ignore' in the remote repository to allow deleting the        \n"
            + "remote: current branch, with or without a warning message.        \n"
            + "remote: \n"
            + "remote: To squelch this message, you can set it to 'refuse'.        \n"
            + "remote: error: refusing to delete the current branch: %s        \n";

    /** receive-pack's refusal, as git's remote side words it (each line padded as its sideband leaves it). */
    private static final String CHECKED_OUT = "remote: error: refusing to update checked out branch: %s        \n"
            + "remote: error: By default, updating the current branch in a non-bare repository        \n"
            + "remote: is denied, because it will make the index and work tree inconsistent        \n"
            + "remote: with what you pushed, and will require 'git reset --hard' to match        \n"
            + "remote: the work tree to HEAD.        \n"
            + "remote: \n"
            + "remote: You can set the 'receive.denyCurrentBranch' configuration variable        \n"
            + "remote: to 'ignore' or 'warn' in the remote repository to allow pushing into        \n"
            + "remote: its current branch; however, this is not recommended unless you        \n"
            + "remote: arranged to update its work tree to match what you pushed in some        \n"
            + "remote: other way.        \n"
            + "remote: \n"
            + "remote: To squelch this message and still keep the default behaviour, set        \n"
            + "remote: 'receive.denyCurrentBranch' configuration variable to 'refuse'.        \n";
}
