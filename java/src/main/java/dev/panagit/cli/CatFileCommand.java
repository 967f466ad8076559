package dev.panagit.cli;

import dev.panagit.lib.AmbiguousObjectException;
import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.MissingObjectException;
import dev.panagit.lib.ObjectHeader;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.StoredObject;
import dev.panagit.lib.TreeEntry;
import dev.panagit.repo.Repository;
import dev.panagit.repo.Revisions;
import dev.panagit.repo.WrongObjectTypeException;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

final class CatFileCommand implements Command {
    static final String DEFAULT_FORMAT = "%(objectname) %(objecttype) %(objectsize)";

    boolean print;
    boolean type;
    boolean size;
    boolean exists;
    String batch;
    String batchCheck;
    boolean allObjects;
    List<String> operands = List.of();
    private Args args;

    @Override
    public String name() {
        return "cat-file";
    }

    @Override
    public String description() {
        return "Show an object's content, type or size, test that it exists, or answer many at once (--batch).";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        this.args = args;
        Args.Flag p = args.flag("-p", "pretty-print the content");
        Args.Flag t = args.flag("-t", "show the type");
        Args.Flag s = args.flag("-s", "show the size");
        Args.Flag e = args.flag("-e", "exit 0 if the object exists and is valid, 1 if not");
        Args.Value b = args.optionalValue("--batch", "<format>", DEFAULT_FORMAT,
                "for each object named on stdin: a line in <format>, then the content");
        Args.Value bc = args.optionalValue("--batch-check", "<format>", DEFAULT_FORMAT,
                "for each object named on stdin: a line in <format> (default: id, type, size)");
        Args.Flag all = args.flag("--batch-all-objects", "with --batch or --batch-check: every object, by id");
        args.flag("--buffer", "accepted for git compatibility: output is always buffered");
        args.flag("--unordered", "accepted for git compatibility: objects come by id");
        Args.Operands o = args.operands("[<type>] <object>", 0, 2,
                "a full or abbreviated id, a ref, or <rev>:<path>; with <type>, the object peeled to it");
        args.parse();
        print = p.on();
        type = t.on();
        size = s.on();
        exists = e.on();
        batch = b.get(null);
        batchCheck = bc.get(null);
        allObjects = all.on();
        operands = o.all();
        return call(io);
    }

    int call(Io io) throws Exception {
        int modes = (print ? 1 : 0) + (type ? 1 : 0) + (size ? 1 : 0) + (exists ? 1 : 0)
                + (batch != null || batchCheck != null ? 1 : 0);
        boolean batchMode = batch != null || batchCheck != null;
        if (batch != null && batchCheck != null) {
            throw usage("--batch and --batch-check cannot be combined");
        } else if (batchMode && (modes > 1 || !operands.isEmpty())) {
            throw usage("--batch and --batch-check take no other mode or object");
        } else if (allObjects && !batchMode) {
            throw usage("--batch-all-objects needs --batch or --batch-check");
        } else if (!batchMode && !(modes == 0 && operands.size() == 2) && (modes != 1 || operands.size() != 1)) {
            throw usage("give exactly one of -p, -t, -s, -e (or a type) and one object");
        }
        Repository repo = Repos.open(io);
        if (batchMode) {
            return new Batch(io, repo, batch != null ? batch : batchCheck, batch != null).run();
        }
        if (modes == 0) {
            return typed(io, repo, operands.get(0), operands.get(1));
        }
        String name = operands.get(0);
        PrintStream out = io.out();
        if (exists) {
            Optional<ObjectId> id = Revisions.resolve(repo, name);
            if (id.isEmpty()) {
                return 1;
            }
            try {
                repo.objects().open(id.get()).copyTo(OutputStream.nullOutputStream());
                return 0;
            } catch (MissingObjectException e) {
                return 1;
            }
        }
        ObjectId id = Repos.resolve(io, repo, name);
        if (type || size) {
            ObjectHeader header = repo.objects().readHeader(id);
            out.println(type ? header.type().gitName() : Long.toString(header.size()));
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

    /** {@code cat-file <type> <object>}: the content, after peeling to {@code type}. */
    private int typed(Io io, Repository repo, String typeName, String name) throws IOException {
        ObjectType wanted;
        try {
            wanted = ObjectType.fromGitName(typeName);
        } catch (IllegalArgumentException e) {
            throw new Fatal("invalid object type \"" + typeName + "\"");
        }
        ObjectId id = Repos.resolve(io, repo, name);
        ObjectId peeled;
        try {
            peeled = repo.peel(id, wanted);
        } catch (WrongObjectTypeException e) {
            throw new Fatal("git cat-file " + name + ": bad file");
        }
        repo.objects().open(peeled).copyTo(io.out());
        return 0;
    }

    private Args.UsageException usage(String message) {
        return new Args.UsageException(args, message);
    }

    private static void printTree(Repository repo, StoredObject tree, PrintStream out) throws CorruptObjectException {
        try {
            for (TreeEntry raw : TreeEntry.parse(repo.format(), tree.bytes())) {
                TreeEntry entry = raw.canonical();   // as git shows it
                out.print(entry.paddedMode() + " " + entry.type().gitName() + " " + entry.id().name() + "\t");
                out.print(entry.name());
                out.print('\n');
            }
        } catch (CorruptObjectException e) {
            throw e.withLocation(tree.id(), tree.file());
        }
    }

    /** {@code --batch} and {@code --batch-check}: git's output, line by line, buffered. */
    private final class Batch {
        private final Io io;
        private final Repository repo;
        private final BatchFormat format;
        private final boolean contents;
        private final OutputStream out;

        Batch(Io io, Repository repo, String format, boolean contents) {
            this.io = io;
            this.repo = repo;
            this.format = BatchFormat.parse(format);
            this.contents = contents;
            this.out = new BufferedOutputStream(io.out(), 1 << 16);
        }

        int run() throws IOException {
            try {
                if (allObjects) {
                    for (ObjectId id : repo.objects().allIds()) {
                        show(id, "");
                    }
                } else {
                    BufferedReader in = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8));
                    String line;
                    while ((line = in.readLine()) != null) {
                        answer(line);
                    }
                }
            } finally {
                out.flush();
            }
            return 0;
        }

        private void answer(String line) throws IOException {
            String name = line;
            String rest = "";
            if (format.usesRest()) {   // as git: the name ends at the first whitespace only then
                int space = indexOfWhitespace(line);
                if (space >= 0) {
                    name = line.substring(0, space);
                    rest = line.substring(space + 1).stripLeading();
                }
            }
            Optional<ObjectId> id;
            try {
                id = name.isEmpty() ? Optional.empty() : Revisions.resolve(repo, name);
            } catch (AmbiguousObjectException e) {
                write(name + " ambiguous\n");
                return;
            } catch (IllegalArgumentException | Revisions.RevisionNotFoundException | MissingObjectException
                    | WrongObjectTypeException e) {
                id = Optional.empty();
            }
            if (id.isEmpty() || !repo.objects().has(id.get())) {
                write(name + " missing\n");
                return;
            }
            show(id.get(), rest);
        }

        private void show(ObjectId id, String rest) throws IOException {
            StoredObject stored = contents ? repo.objects().open(id) : null;
            ObjectHeader header = stored != null ? stored.header() : repo.objects().readHeader(id);
            write(format.expand(repo, id, header, rest) + "\n");
            if (stored != null) {
                stored.copyTo(out);
                out.write('\n');
            }
        }

        private void write(String text) throws IOException {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
