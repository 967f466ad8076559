package dev.panagit.cli;

import dev.panagit.index.DirCache;
import dev.panagit.lib.ObjectId;
import dev.panagit.repo.Refs;
import dev.panagit.repo.Repository;
import dev.panagit.storage.LockFile;
import dev.panagit.worktree.Checkout;
import java.io.PrintStream;
import java.util.Optional;

final class CheckoutCommand implements Command {
    String target;

    @Override
    public String name() {
        return "checkout";
    }

    @Override
    public String description() {
        return "Switch to a branch, or detach HEAD at a commit; local changes are kept or the switch refused.";
    }

    @Override
    public int run(Args args) throws Exception {
        Args.Operands operands = args.operands("<branch|rev>", 1, 1, null);
        args.parse();
        target = operands.get(0, target);
        Repository repo = Repos.open();
        Refs refs = repo.refs();
        PrintStream err = Io.current().err();
        boolean isBranch = refs.exists("refs/heads/" + target);
        ObjectId commit = isBranch ? refs.resolve("refs/heads/" + target).orElseThrow() : Repos.commit(repo, target);
        Optional<ObjectId> head = refs.resolve(Refs.HEAD);
        // The index lock is held from before the index is read until it is written, as git holds it:
        // two checkouts never interleave their writes.
        try (LockFile lock = LockFile.acquire(repo.indexFile())) {
            DirCache index = Repos.index(repo);
            try {
                new Checkout(repo).run(head.orElse(null), commit, index, false);
            } catch (Checkout.ConflictException e) {
                err.println("error: " + e.getMessage());
                return 1;
            }
            index.write(lock);
        }
        String subject = repo.readCommit(commit).subject();
        String from = refs.currentBranch().map(b -> b.substring("refs/heads/".length()))
                .orElse(head.map(ObjectId::name).orElse("HEAD"));
        Refs.Reason reason = Repos.reason(repo, Io.current(),
                Repos.reflogAction(Io.current(), "checkout") + ": moving from " + from + " to " + target);
        if (isBranch) {
            boolean already = refs.currentBranch().map(b -> b.equals("refs/heads/" + target)).orElse(false);
            refs.setSymbolic(Refs.HEAD, "refs/heads/" + target, reason);
            err.println(already ? "Already on '" + target + "'" : "Switched to branch '" + target + "'");
        } else {
            boolean wasDetached = refs.currentBranch().isEmpty() && head.isPresent();
            refs.detachHead(commit, reason);
            if (!wasDetached) {
                err.println("Note: switching to '" + target + "'.\n\nYou are in 'detached HEAD' state. You can look around,"
                        + " make experimental\nchanges and commit them, and you can discard any commits you make in this\n"
                        + "state without impacting any branches by switching back to a branch.\n");
            }
            err.println("HEAD is now at " + Repos.abbrev(repo, commit) + " " + subject);
        }
        return 0;
    }
}
