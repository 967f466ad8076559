package dev.panagit.repo;

import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads refs: loose files under {@code refs/}, {@code packed-refs}, and symbolic refs such as
 * {@code HEAD}. (Writing refs comes with the history commands.)
 */
public final class Refs {
    private static final int MAX_SYMREF_DEPTH = 5;

    private final Path gitDir;
    private final ObjectFormat format;

    Refs(Path gitDir, ObjectFormat format) {
        this.gitDir = gitDir;
        this.format = format;
    }

    /** The id a ref name points to, following symbolic refs; empty if the ref does not exist. */
    public Optional<ObjectId> resolve(String refName) throws IOException {
        String name = refName;
        for (int depth = 0; depth < MAX_SYMREF_DEPTH; depth++) {
            Optional<String> content = readLoose(name);
            if (content.isEmpty()) {
                return readPacked(name);
            }
            String value = content.get().strip();
            if (value.startsWith("ref:")) {
                name = value.substring(4).strip();
                continue;
            }
            if (!ObjectId.isHex(value, format.hexLength())) {
                throw new IOException("ref " + name + " (" + gitDir.resolve(name) + ") holds no valid object id");
            }
            return Optional.of(ObjectId.fromHex(format, value));
        }
        throw new IOException("symbolic ref " + refName + " nests more than " + MAX_SYMREF_DEPTH + " deep");
    }

    /** Looks up a short name the way git does: as given, then under refs/, refs/tags/, refs/heads/. */
    public Optional<ObjectId> resolveShort(String shortName) throws IOException {
        if (shortName.contains("..") || shortName.startsWith("/")) {
            return Optional.empty();
        }
        for (String candidate : List.of(shortName, "refs/" + shortName, "refs/tags/" + shortName,
                "refs/heads/" + shortName, "refs/remotes/" + shortName)) {
            if (candidate.equals(shortName) && !shortName.equals("HEAD") && !shortName.startsWith("refs/")) {
                continue;
            }
            Optional<ObjectId> id = resolve(candidate);
            if (id.isPresent()) {
                return id;
            }
        }
        return Optional.empty();
    }

    private Optional<String> readLoose(String name) throws IOException {
        Path file = gitDir.resolve(name);
        if (!file.normalize().startsWith(gitDir) || Files.isDirectory(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    private Optional<ObjectId> readPacked(String name) throws IOException {
        Path packed = gitDir.resolve("packed-refs");
        if (!Files.isRegularFile(packed)) {
            return Optional.empty();
        }
        for (String line : Files.readAllLines(packed, StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.startsWith("^") || line.isBlank()) {
                continue;
            }
            int space = line.indexOf(' ');
            if (space == format.hexLength() && line.substring(space + 1).equals(name)) {
                return Optional.of(ObjectId.fromHex(format, line.substring(0, space)));
            }
        }
        return Optional.empty();
    }
}
