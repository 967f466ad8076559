package dev.panagit.cli;

import dev.panagit.fsck.FsckRules;
import dev.panagit.lib.CollisionAttackException;
import dev.panagit.lib.ObjectCodec;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.repo.Repository;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

final class HashObjectCommand implements Command {
    /** Files larger than this are hashed and written as streams. */
    private static final long IN_MEMORY_LIMIT = 32L << 20;

    boolean write;

    String type;

    boolean stdin;

    boolean stdinPaths;

    boolean literally;

    List<String> files = new ArrayList<>();

    private Optional<Repository> repo;
    private ObjectFormat format;
    private ObjectType objectType;

    @Override
    public String name() {
        return "hash-object";
    }

    @Override
    public String description() {
        return "Compute an object's id from a file or stdin, and optionally write it (same ids as git).";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Flag writeOption = args.flag("-w", "write the object into the object database");
        Args.Value typeOption = args.value("-t", "<type>", "object type (default: blob)");
        Args.Flag stdinOption = args.flag("--stdin", "read the object from standard input");
        Args.Flag stdinPathsOption = args.flag("--stdin-paths", "read file names from standard input, one per line");
        Args.Flag literallyOption = args.flag("--literally", "skip the format checks of trees, commits and tags");
        Args.Operands operands = args.operands("<file>", 0, -1, "files to hash");
        args.parse();
        write = writeOption.on();
        type = typeOption.get("blob");
        stdin = stdinOption.on();
        stdinPaths = stdinPathsOption.on();
        literally = literallyOption.on();
        files = operands.all();
        if (stdinPaths && (stdin || !files.isEmpty())) {
            throw new Fatal(stdin ? "Can't use --stdin-paths with --stdin" : "Can't specify files with --stdin-paths");
        }
        try {
            objectType = ObjectType.fromGitName(type);
        } catch (IllegalArgumentException e) {
            throw new Fatal(e.getMessage());
        }
        repo = Repos.openIfAny(io);
        if (write && repo.isEmpty()) {
            throw new Fatal("not a git repository (or any of the parent directories): .git");
        }
        format = repo.map(Repository::format).orElse(ObjectFormat.SHA1);

        if (stdin) {
            io.out().println(hash(io, io.in().readAllBytes(), "standard input").name());
        }
        for (String file : files) {
            io.out().println(hashFile(io, io.resolve(file), file).name());
        }
        if (stdinPaths) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                io.out().println(hashFile(io, io.resolve(line), line).name());
                io.out().flush();
            }
        }
        return 0;
    }

    private ObjectId hashFile(Io io, Path path, String shown) throws IOException {
        try {
            return hashFileAs(io, path, shown);
        } catch (CollisionAttackException e) {
            throw e.about(shown);
        }
    }

    private ObjectId hashFileAs(Io io, Path path, String shown) throws IOException {
        BasicFileAttributes attributes;   // one stat for both questions: it counts with many files
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new Fatal("could not open '" + shown + "' for reading: No such file or directory");
        }
        if (attributes.isDirectory()) {
            throw new Fatal("Unable to hash " + shown);   // git's words
        }
        long size = attributes.size();
        if (size <= IN_MEMORY_LIMIT || objectType != ObjectType.BLOB) {
            return hash(io, dev.panagit.worktree.FileBytes.read(path), shown);
        }
        try (InputStream in = Files.newInputStream(path)) {
            if (write) {
                return repo.orElseThrow().objects().insert(objectType, size, in);
            }
            return codec(io).hashObject(format, objectType, size, in);
        }
    }

    private ObjectId hash(Io io, byte[] content, String shown) throws IOException {
        if (!literally) {
            // git's parser decides, in git's words (fsck's stricter rules are fsck's business, as in git).
            List<String> refusal = FsckRules.unparsable(format, objectType, content);
            if (!refusal.isEmpty()) {
                refusal.subList(0, refusal.size() - 1).forEach(io.err()::println);
                throw new Fatal(refusal.get(refusal.size() - 1).substring("fatal: ".length()));
            }
        }
        if (write) {
            return repo.orElseThrow().objects().insert(objectType, content);
        }
        return codec(io).hashObject(format, objectType, content, 0, content.length);
    }

    private static ObjectCodec codec(Io io) {
        return io.backend().codec();
    }
}
