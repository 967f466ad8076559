package dev.panagit.cli;

import dev.panagit.history.Identities;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.objects.Commit;
import dev.panagit.repo.Refs;
import dev.panagit.repo.Repository;
import dev.panagit.worktree.TreeWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class CommitCommand implements Command {
    List<String> messages = new ArrayList<>();

    String file;

    boolean allowEmpty;

    @Override
    public String name() {
        return "commit";
    }

    @Override
    public String description() {
        return "Record the index as a new commit on the current branch.";
    }

    @Override
    public int run(Args args) throws Exception {
        Args.Value messagesOption = args.value("-m, --message", "<msg>", "the message (several -m: paragraphs)");
        Args.Value fileOption = args.value("-F, --file", "<file>", "read the message from a file (- for stdin)");
        Args.Flag allowEmptyOption = args.flag("--allow-empty", "allow a commit with the same tree as its parent");
        args.parse();
        messages = new java.util.ArrayList<>(messagesOption.all());
        file = fileOption.get(file);
        allowEmpty = allowEmptyOption.on();
        Io io = Io.current();
        Repository repo = Repos.open();
        String raw;
        if (file != null) {
            raw = file.equals("-") ? new String(io.in().readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(io.resolve(file), StandardCharsets.UTF_8);
        } else if (!messages.isEmpty()) {
            raw = String.join("\n\n", messages);
        } else {
            throw new Fatal("a message is needed: use -m <msg> or -F <file> (panagit opens no editor)");
        }
        String message = Identities.cleanMessage(raw);
        if (message.isEmpty()) {
            io.err().println("Aborting commit due to empty commit message.");
            return 1;
        }
        Identities identities = new Identities(repo, io.env());
        ObjectId tree = TreeWriter.write(repo, Repos.index(repo));
        Optional<ObjectId> parent = repo.refs().resolve(Refs.HEAD);
        if (parent.isPresent() && !allowEmpty && repo.readCommit(parent.get()).tree().equals(tree)) {
            io.out().println("nothing to commit, working tree clean");
            return 1;
        }
        Commit commit = Commit.create(tree, parent.map(List::of).orElse(List.of()), identities.author(),
                identities.committer(), message);
        ObjectId id = repo.objects().insert(ObjectType.COMMIT, commit.format());
        repo.refs().update(Refs.HEAD, id, parent.orElse(ObjectId.zeroId(repo.format())));
        String branch = repo.refs().currentBranch().map(b -> b.substring("refs/heads/".length()))
                .orElse("detached HEAD");
        io.out().println("[" + branch + (parent.isEmpty() ? " (root-commit)" : "") + " " + Repos.abbrev(repo, id) + "] "
                + commit.subject());
        return 0;
    }
}
