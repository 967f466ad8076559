package dev.panagit.cli;

import dev.panagit.repo.Repository;
import dev.panagit.repo.Revisions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "rev-parse", description = "Print the object id each revision names (HEAD~2, v1^{tree}, abc123, ...).")
final class RevParseCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "<rev>")
    List<String> revs;

    @Override
    public Integer call() throws Exception {
        Repository repo = Repos.open();
        for (String rev : revs) {
            java.util.Optional<dev.panagit.lib.ObjectId> id;
            try {
                id = Revisions.resolve(repo, rev);
            } catch (dev.panagit.lib.AmbiguousObjectException e) {
                throw Repos.ambiguous(repo, e, Repos.unknownRevision(rev));
            }
            if (id.isEmpty()) {
                throw new Fatal(Repos.unknownRevision(rev));
            }
            Io.current().out().println(id.get().name());
        }
        return 0;
    }
}
