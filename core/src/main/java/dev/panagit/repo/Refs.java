package dev.panagit.repo;

import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.storage.LockFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Refs: loose files under {@code refs/}, {@code packed-refs} (with peeled lines), and symbolic
 * refs such as {@code HEAD}. Every update goes through {@code <ref>.lock}, renamed into place.
 */
public final class Refs {
    /** The name of the ref that says what is checked out. */
    public static final String HEAD = "HEAD";
    private static final int MAX_SYMREF_DEPTH = 5;

    private final Path gitDir;
    private final ObjectFormat format;
    private final Reflogs reflogs;

    Refs(Path gitDir, ObjectFormat format) {
        this(gitDir, format, new Reflogs(gitDir, format, false, Optional::empty));
    }

    Refs(Path gitDir, ObjectFormat format, Reflogs reflogs) {
        this.gitDir = gitDir;
        this.format = format;
        this.reflogs = reflogs;
    }

    /**
     * Why a ref moves and who moves it, for its reflog: git's committer identity and a message
     * ("commit: subject", "checkout: moving from main to topic").
     */
    public record Reason(dev.panagit.objects.PersonIdent who, String message) {
    }

    /** The id a ref name points to, following symbolic refs; empty if the ref does not exist. */
    public Optional<ObjectId> resolve(String refName) throws IOException {
        String name = refName;
        for (int depth = 0; depth < MAX_SYMREF_DEPTH; depth++) {
            Optional<String> content = readLoose(name);
            if (content.isEmpty()) {
                return Optional.ofNullable(readPacked().get(name));
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

    /** Where a symbolic ref points ({@code refs/heads/master} for HEAD on master), or empty. */
    public Optional<String> symbolicTarget(String name) throws IOException {
        Optional<String> content = readLoose(name);
        if (content.isPresent() && content.get().startsWith("ref:")) {
            return Optional.of(content.get().substring(4).strip());
        }
        return Optional.empty();
    }

    /** The branch HEAD is on ({@code refs/heads/x}), or empty when HEAD is detached. */
    public Optional<String> currentBranch() throws IOException {
        return symbolicTarget(HEAD).filter(target -> target.startsWith("refs/heads/"));
    }

    /** Looks up a short name the way git does: as given, then under refs/, refs/tags/, refs/heads/, refs/remotes/. */
    public Optional<String> expand(String shortName) throws IOException {
        if (shortName.contains("..") || shortName.startsWith("/") || shortName.isEmpty()) {
            return Optional.empty();
        }
        List<String> candidates = new ArrayList<>();
        if (shortName.equals(HEAD) || shortName.startsWith("refs/")) {
            candidates.add(shortName);
        }
        candidates.addAll(List.of("refs/" + shortName, "refs/tags/" + shortName, "refs/heads/" + shortName,
                "refs/remotes/" + shortName, "refs/remotes/" + shortName + "/HEAD"));
        for (String candidate : candidates) {
            if (exists(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Resolves a short name (see {@link #expand}). */
    public Optional<ObjectId> resolveShort(String shortName) throws IOException {
        Optional<String> full = expand(shortName);
        return full.isPresent() ? resolve(full.get()) : Optional.empty();
    }

    /** Whether a ref of that full name exists, loose or packed. */
    public boolean exists(String name) throws IOException {
        return readLoose(name).isPresent() || readPacked().containsKey(name);
    }

    /** Every ref under {@code refs/}, name to id, sorted by name (loose refs override packed ones). */
    public Map<String, ObjectId> all() throws IOException {
        TreeMap<String, ObjectId> refs = new TreeMap<>(readPacked());
        PackedRefs packed = packedRefs;
        if (packed != null && packed.dangerous() != null) {
            throw new IOException("packed refname is dangerous: " + packed.dangerous());   // git's words
        }
        Path refsDir = gitDir.resolve("refs");
        if (Files.isDirectory(refsDir)) {
            try (Stream<Path> walk = Files.walk(refsDir)) {
                for (Path file : walk.filter(Files::isRegularFile).toList()) {
                    String name = gitDir.relativize(file).toString().replace('\\', '/');
                    if (name.endsWith(".lock")) {
                        continue;
                    }
                    resolve(name).ifPresent(id -> refs.put(name, id));
                }
            }
        }
        return refs;
    }

    /** Refs under {@code prefix} (e.g. {@code refs/heads/}), short name to id. */
    public Map<String, ObjectId> under(String prefix) throws IOException {
        TreeMap<String, ObjectId> result = new TreeMap<>();
        all().forEach((name, id) -> {
            if (name.startsWith(prefix)) {
                result.put(name.substring(prefix.length()), id);
            }
        });
        return result;
    }

    /**
     * Points {@code name} at {@code id}, following HEAD to its branch when symbolic. With
     * {@code expectedOld} non-null the update only happens if the ref still has that value
     * (the zero id: if it does not exist yet).
     */
    public void update(String name, ObjectId id, ObjectId expectedOld) throws IOException {
        update(name, id, expectedOld, null);
    }

    /**
     * The same, recorded in the reflogs as git records it (the ref's own, and HEAD's when HEAD
     * names the ref) when {@code reason} is given and core.logAllRefUpdates asks for it.
     */
    public void update(String name, ObjectId id, ObjectId expectedOld, Reason reason) throws IOException {
        String target = name;
        if (name.equals(HEAD)) {
            target = symbolicTarget(HEAD).orElse(HEAD);
        }
        checkRefName(target);
        try (LockFile lock = LockFile.acquire(gitDir.resolve(target))) {
            ObjectId current = resolve(target).orElse(ObjectId.zeroId(format));
            if (expectedOld != null && !current.equals(expectedOld)) {
                throw new ConcurrentRefUpdateException(target, expectedOld, current);
            }
            lock.write((id.name() + "\n").getBytes(StandardCharsets.US_ASCII));
            if (reason != null) {
                // git's files backend: the ref's own log only when it moves; HEAD's, for the branch
                // it names, always (a log-only update)
                if (!current.equals(id)) {
                    reflogs.append(target, current, id, reason);
                }
                if (!target.equals(HEAD) && target.equals(symbolicTarget(HEAD).orElse(null))) {
                    reflogs.append(HEAD, current, id, reason);
                }
            }
            lock.commit();
        }
    }

    /** Makes {@code name} (HEAD) a symbolic ref to {@code target}. */
    public void setSymbolic(String name, String target) throws IOException {
        setSymbolic(name, target, null);
    }

    /** The same, with HEAD's move (from its old commit to the target's) in its reflog. */
    public void setSymbolic(String name, String target, Reason reason) throws IOException {
        checkRefName(target);
        try (LockFile lock = LockFile.acquire(gitDir.resolve(name))) {
            ObjectId before = resolve(name).orElse(ObjectId.zeroId(format));
            lock.write(("ref: " + target + "\n").getBytes(StandardCharsets.US_ASCII));
            if (reason != null) {
                reflogs.append(name, before, resolve(target).orElse(ObjectId.zeroId(format)), reason);
            }
            lock.commit();
        }
    }

    /** Points HEAD straight at a commit (detached). */
    public void detachHead(ObjectId id) throws IOException {
        detachHead(id, null);
    }

    /** The same, with the move in HEAD's reflog. */
    public void detachHead(ObjectId id, Reason reason) throws IOException {
        try (LockFile lock = LockFile.acquire(gitDir.resolve(HEAD))) {
            ObjectId before = resolve(HEAD).orElse(ObjectId.zeroId(format));
            lock.write((id.name() + "\n").getBytes(StandardCharsets.US_ASCII));
            if (reason != null) {
                reflogs.append(HEAD, before, id, reason);
            }
            lock.commit();
        }
    }

    /** Deletes a ref, loose and packed; its lock is held meanwhile so no update slips in between. */
    @SuppressWarnings("try")
    public void delete(String name) throws IOException {
        checkRefName(name);
        Path loose = gitDir.resolve(name);
        try (LockFile lock = LockFile.acquire(loose)) {
            Map<String, ObjectId> packed = readPacked();
            if (packed.containsKey(name)) {
                rewritePackedWithout(name);
            }
            Files.deleteIfExists(loose);
            reflogs.delete(name);
        }
    }

    private void rewritePackedWithout(String name) throws IOException {
        Path packedFile = gitDir.resolve("packed-refs");
        try (LockFile lock = LockFile.acquire(packedFile)) {
            List<String> kept = new ArrayList<>();
            boolean skipPeeled = false;
            for (String line : Files.readAllLines(packedFile, StandardCharsets.UTF_8)) {
                if (line.startsWith("^")) {
                    if (!skipPeeled) {
                        kept.add(line);
                    }
                    continue;
                }
                skipPeeled = line.endsWith(" " + name) && !line.startsWith("#");
                if (!skipPeeled) {
                    kept.add(line);
                }
            }
            lock.write((String.join("\n", kept) + (kept.isEmpty() ? "" : "\n")).getBytes(StandardCharsets.UTF_8));
            lock.commit();
        }
    }

    private static void checkRefName(String name) {
        if (!name.equals(HEAD) && (!name.startsWith("refs/") || RefNames.problem(name.substring(5)) != null)) {
            throw new IllegalArgumentException("'" + name + "' is not a valid ref name");
        }
    }

    private Optional<String> readLoose(String name) throws IOException {
        Path file = gitDir.resolve(name).normalize();
        if (!file.startsWith(gitDir) || Files.isDirectory(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** packed-refs as last parsed, with the file's identity then (git checks its stat data the same way). */
    private record PackedRefs(Object fileKey, java.nio.file.attribute.FileTime modified, long size,
            Map<String, ObjectId> refs, String dangerous) {
    }

    private PackedRefs packedRefs;

    /**
     * The refs of {@code packed-refs}, parsed once per version of the file: a repository with
     * thousands of tags would otherwise parse them all for every ref it resolves.
     */
    private Map<String, ObjectId> readPacked() throws IOException {
        Path packed = gitDir.resolve("packed-refs");
        java.nio.file.attribute.BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(packed, java.nio.file.attribute.BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return Map.of();
        }
        if (!attributes.isRegularFile()) {
            return Map.of();
        }
        PackedRefs known = packedRefs;
        if (known != null && java.util.Objects.equals(known.fileKey(), attributes.fileKey())
                && known.modified().equals(attributes.lastModifiedTime()) && known.size() == attributes.size()) {
            return known.refs();
        }
        Map<String, ObjectId> refs = new java.util.HashMap<>();
        String dangerous = null;
        byte[] text = Files.readAllBytes(packed);
        int hexLength = format.hexLength();
        for (int start = 0, end; start < text.length; start = end + 1) {
            end = indexOf(text, (byte) '\n', start);
            int stop = end > start && text[end - 1] == '\r' ? end - 1 : end;
            if (stop == start || text[start] == '#' || text[start] == '^') {
                continue;
            }
            String line = new String(text, start, stop - start, StandardCharsets.UTF_8);
            if (line.isBlank()) {
                continue;
            }
            if (line.length() <= hexLength + 1 || line.charAt(hexLength) != ' '
                    || !ObjectId.isHex(line.substring(0, hexLength), hexLength)) {
                throw new IOException("malformed line in " + packed + ": " + line);
            }
            String name = line.substring(hexLength + 1);
            if (RefNames.problem(name) != null) {
                // As git: a name that could reach outside refs/ stops any listing of refs; another
                // bad name is a broken ref, never resolved or listed.
                if (dangerous == null && !RefNames.isSafe(name)) {
                    dangerous = name;
                }
                continue;
            }
            refs.put(name, ObjectId.fromHex(format, line.substring(0, hexLength)));
        }
        Map<String, ObjectId> parsed = java.util.Collections.unmodifiableMap(refs);
        packedRefs = new PackedRefs(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size(), parsed,
                dangerous);
        return parsed;
    }

    private static int indexOf(byte[] text, byte b, int from) {
        for (int i = from; i < text.length; i++) {
            if (text[i] == b) {
                return i;
            }
        }
        return text.length;
    }
}
