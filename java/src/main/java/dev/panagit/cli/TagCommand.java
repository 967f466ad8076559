package dev.panagit.cli;

import dev.panagit.history.Identities;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.objects.Tag;
import dev.panagit.repo.RefNames;
import dev.panagit.repo.Refs;
import dev.panagit.repo.Repository;

final class TagCommand implements Command {
    boolean annotate;

    String message;

    String name;

    String rev;

    @Override
    public String name() {
        return "tag";
    }

    @Override
    public String description() {
        return "List tags, or create a lightweight or annotated (-a -m) tag.";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Flag annotateOption = args.flag("-a, --annotate", "make an annotated tag object");
        Args.Value messageOption = args.value("-m, --message", "<msg>", "the annotated tag's message");
        Args.Operands operands = args.operands("<name> <rev>", 0, 2, null);
        args.parse();
        annotate = annotateOption.on();
        message = messageOption.get(message);
        name = operands.get(0, name);
        rev = operands.get(1, rev);
        Repository repo = Repos.open(io);
        Refs refs = repo.refs();
        if (name == null) {
            for (String tag : refs.under("refs/tags/").keySet()) {
                io.out().println(tag);
            }
            return 0;
        }
        try {
            RefNames.checkBranchName(name);
        } catch (IllegalArgumentException e) {
            throw new Fatal("'" + name + "' is not a valid tag name.");
        }
        if (refs.exists("refs/tags/" + name)) {
            throw new Fatal("tag '" + name + "' already exists");
        }
        ObjectId target = rev == null
                ? refs.resolve(Refs.HEAD).orElseThrow(() -> new Fatal("Failed to resolve 'HEAD' as a valid ref."))
                : Repos.resolve(io, repo, rev);
        ObjectId value = target;
        if (annotate || message != null) {
            if (message == null) {
                throw new Fatal("an annotated tag needs a message: -m <msg> (panagit opens no editor)");
            }
            ObjectType type = repo.objects().readHeader(target).type();
            Tag tag = new Tag(target, type, name, new Identities(repo, io.env()).committer(),
                    Identities.cleanMessage(message));
            value = repo.objects().insert(ObjectType.TAG, tag.format());
        }
        refs.update("refs/tags/" + name, value, ObjectId.zeroId(repo.format()));
        return 0;
    }
}
