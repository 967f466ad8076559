package dev.panagit.cli;

import dev.panagit.repo.Repository;
import dev.panagit.repo.Revisions;
import java.util.List;

final class RevParseCommand implements Command {
    List<String> revs;

    @Override
    public String name() {
        return "rev-parse";
    }

    @Override
    public String description() {
        return "Print the object id each revision names (HEAD~2, v1^{tree}, abc123, ...).";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Operands operands = args.operands("<rev>", 1, -1, null);
        args.parse();
        revs = operands.all();
        Repository repo = Repos.open(io);
        for (String rev : revs) {
            java.util.Optional<dev.panagit.lib.ObjectId> id;
            try {
                id = Revisions.resolve(repo, rev);
            } catch (dev.panagit.lib.AmbiguousObjectException e) {
                throw Repos.ambiguous(io, repo, e, Repos.unknownRevision(rev));
            }
            if (id.isEmpty()) {
                throw new Fatal(Repos.unknownRevision(rev));
            }
            io.out().println(id.get().name());
        }
        return 0;
    }
}
