package dev.panagit.merge;

import dev.panagit.lib.ObjectId;
import dev.panagit.repo.Repository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The files git keeps while a merge is unfinished: MERGE_HEAD (the commit being merged),
 * MERGE_MSG (the message to conclude with), MERGE_MODE; and ORIG_HEAD (where HEAD was).
 * Each is written through a temporary file and a rename.
 */
public final class MergeState {
    private final Repository repo;

    /** The merge state files of {@code repo} ({@code MERGE_HEAD}, {@code MERGE_MSG}, {@code ORIG_HEAD}). */
    public MergeState(Repository repo) {
        this.repo = repo;
    }

    /** Whether a merge is in progress ({@code MERGE_HEAD} exists). */
    public boolean inProgress() {
        return Files.exists(repo.gitDir().resolve("MERGE_HEAD"));
    }

    /** The commit being merged, when a merge is in progress (the first of an octopus's). */
    public Optional<ObjectId> mergeHead() throws IOException {
        List<ObjectId> heads = mergeHeads();
        return heads.isEmpty() ? Optional.empty() : Optional.of(heads.get(0));
    }

    /** Every commit being merged, one per line of MERGE_HEAD; empty when no merge is in progress. */
    public List<ObjectId> mergeHeads() throws IOException {
        Path file = repo.gitDir().resolve("MERGE_HEAD");
        if (!Files.exists(file)) {
            return List.of();
        }
        List<ObjectId> heads = new java.util.ArrayList<>();
        for (String line : Files.readString(file, StandardCharsets.UTF_8).strip().split("\n")) {
            if (!ObjectId.isHex(line, repo.format().hexLength())) {
                throw new IOException("MERGE_HEAD (" + file + ") holds no commit id");
            }
            heads.add(ObjectId.fromHex(repo.format(), line));
        }
        return heads;
    }

    /** The message MERGE_MSG proposes, or empty. */
    public Optional<String> message() throws IOException {
        Path file = repo.gitDir().resolve("MERGE_MSG");
        return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
    }

    /** Starts an unfinished merge: MERGE_MSG and MERGE_MODE first, MERGE_HEAD (what marks it) last. */
    public void begin(ObjectId theirs, String message) throws IOException {
        begin(List.of(theirs), message);
    }

    /** The same for several commits (an octopus): MERGE_HEAD names each, one per line. */
    public void begin(List<ObjectId> theirs, String message) throws IOException {
        write("MERGE_MSG", message);
        write("MERGE_MODE", "");
        StringBuilder heads = new StringBuilder();
        theirs.forEach(id -> heads.append(id.name()).append('\n'));
        write("MERGE_HEAD", heads.toString());
    }

    /** MERGE_MSG alone (a squash merge with conflicts lists them there, with no MERGE_HEAD). */
    public void writeMessage(String message) throws IOException {
        write("MERGE_MSG", message);
    }

    /** A squash merge's prepared message (no MERGE_HEAD: the commit will have one parent). */
    public void writeSquashMessage(String message) throws IOException {
        write("SQUASH_MSG", message);
    }

    /** The message a squash merge prepared, or empty. */
    public Optional<String> squashMessage() throws IOException {
        Path file = repo.gitDir().resolve("SQUASH_MSG");
        return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.UTF_8)) : Optional.empty();
    }

    /** Records where HEAD was before the merge ({@code ORIG_HEAD}). */
    public void writeOrigHead(ObjectId head) throws IOException {
        write("ORIG_HEAD", head.name() + "\n");
    }

    /** Ends it (concluded or aborted): MERGE_HEAD first, so that no half-removed state looks like a merge. */
    public void end() throws IOException {
        Files.deleteIfExists(repo.gitDir().resolve("MERGE_HEAD"));
        Files.deleteIfExists(repo.gitDir().resolve("MERGE_MSG"));
        Files.deleteIfExists(repo.gitDir().resolve("MERGE_MODE"));
        Files.deleteIfExists(repo.gitDir().resolve("SQUASH_MSG"));
    }

    private void write(String name, String content) throws IOException {
        Path target = repo.gitDir().resolve(name);
        Path temp = Files.createTempFile(repo.gitDir(), name + ".", ".tmp");
        try {
            Files.writeString(temp, content, StandardCharsets.UTF_8);
            Files.move(temp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
