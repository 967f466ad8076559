package dev.panagit.cli;

import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.MissingObjectException;
import dev.panagit.lib.ObjectHeader;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.TreeEntry;
import dev.panagit.repo.Repository;
import dev.panagit.repo.Revisions;
import dev.panagit.storage.StoredObject;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "cat-file", description = "Show an object's content, type or size, or test that it exists.")
final class CatFileCommand implements Callable<Integer> {
    static final class Mode {
        @picocli.CommandLine.Option(names = "-p", description = "pretty-print the content") boolean print;
        @picocli.CommandLine.Option(names = "-t", description = "show the type") boolean type;
        @picocli.CommandLine.Option(names = "-s", description = "show the size") boolean size;
        @picocli.CommandLine.Option(names = "-e", description = "exit 0 if the object exists and is valid") boolean exists;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    @Parameters(index = "0", paramLabel = "<object>", description = "a full or abbreviated id, or a ref")
    String object;

    @Override
    public Integer call() throws Exception {
        Repository repo = Repos.open();
        PrintStream out = Io.current().out();
        if (mode.exists) {
            Optional<ObjectId> id = Revisions.resolve(repo, object);
            if (id.isEmpty()) {
                return 1;
            }
            try {
                StoredObject stored = repo.objects().open(id.get());
                stored.copyTo(java.io.OutputStream.nullOutputStream());
                return 0;
            } catch (MissingObjectException e) {
                return 1;
            }
        }
        ObjectId id = Repos.resolve(repo, object);
        if (mode.type || mode.size) {
            ObjectHeader header = repo.objects().readHeader(id);
            out.println(mode.type ? header.type().gitName() : Long.toString(header.size()));
            return 0;
        }
        StoredObject stored = repo.objects().open(id);
        if (stored.type() == ObjectType.TREE) {
            printTree(repo, stored, out);
        } else {
            stored.copyTo(out);
        }
        return 0;
    }

    private static void printTree(Repository repo, StoredObject tree, PrintStream out) throws CorruptObjectException {
        try {
            for (TreeEntry entry : TreeEntry.parse(repo.format(), tree.bytes())) {
                out.print(entry.paddedMode() + " " + entry.type().gitName() + " " + entry.id().name() + "\t");
                out.print(entry.name());
                out.print('\n');
            }
        } catch (CorruptObjectException e) {
            throw e.withLocation(tree.id(), repo.objects().pathOf(tree.id()));
        }
    }
}
