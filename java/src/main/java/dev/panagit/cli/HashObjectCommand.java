package dev.panagit.cli;

import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.ObjectChecker;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "hash-object",
        description = "Compute an object's id from a file or stdin, and optionally write it (same ids as git).")
final class HashObjectCommand implements Callable<Integer> {
    /** Files larger than this are hashed and written as streams. */
    private static final long IN_MEMORY_LIMIT = 32L << 20;

    @Option(names = "-w", description = "write the object into the object database")
    boolean write;

    @Option(names = "-t", paramLabel = "<type>", defaultValue = "blob", description = "object type (default: blob)")
    String type;

    @Option(names = "--stdin", description = "read the object from standard input")
    boolean stdin;

    @Option(names = "--stdin-paths", description = "read file names from standard input, one per line")
    boolean stdinPaths;

    @Option(names = "--literally", description = "skip the format checks of trees, commits and tags")
    boolean literally;

    @Parameters(paramLabel = "<file>", arity = "0..*", description = "files to hash")
    List<String> files = new ArrayList<>();

    private Optional<Repository> repo;
    private ObjectFormat format;
    private ObjectType objectType;

    @Override
    public Integer call() throws Exception {
        if (stdinPaths && (stdin || !files.isEmpty())) {
            throw new Fatal(stdin ? "Can't use --stdin-paths with --stdin" : "Can't specify files with --stdin-paths");
        }
        try {
            objectType = ObjectType.fromGitName(type);
        } catch (IllegalArgumentException e) {
            throw new Fatal(e.getMessage());
        }
        Io io = Io.current();
        repo = Repos.openIfAny();
        if (write && repo.isEmpty()) {
            throw new Fatal("not a git repository (or any of the parent directories): .git");
        }
        format = repo.map(Repository::format).orElse(ObjectFormat.SHA1);

        if (stdin) {
            io.out().println(hash(io.in().readAllBytes(), "standard input").name());
        }
        for (String file : files) {
            io.out().println(hashFile(io.resolve(file), file).name());
        }
        if (stdinPaths) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                io.out().println(hashFile(io.resolve(line), line).name());
                io.out().flush();
            }
        }
        return 0;
    }

    private ObjectId hashFile(Path path, String shown) throws IOException {
        long size;
        try {
            size = Files.size(path);
        } catch (NoSuchFileException e) {
            throw new Fatal("could not open '" + shown + "' for reading: No such file or directory");
        }
        if (Files.isDirectory(path)) {
            throw new Fatal("unable to hash " + shown + ": it is a directory");
        }
        if (size <= IN_MEMORY_LIMIT || objectType != ObjectType.BLOB) {
            return hash(Files.readAllBytes(path), shown);
        }
        try (InputStream in = Files.newInputStream(path)) {
            if (write) {
                return repo.orElseThrow().objects().insert(objectType, size, in);
            }
            return codec().hashObject(format, objectType, size, in);
        }
    }

    private ObjectId hash(byte[] content, String shown) throws IOException {
        if (!literally) {
            try {
                ObjectChecker.check(format, objectType, content);
            } catch (CorruptObjectException e) {
                throw new Fatal("refusing to create malformed object from " + shown + ": " + e.getMessage());
            }
        }
        if (write) {
            return repo.orElseThrow().objects().insert(objectType, content);
        }
        return codec().hashObject(format, objectType, content, 0, content.length);
    }

    private static ObjectCodec codec() {
        return Io.current().backend().codec();
    }
}
