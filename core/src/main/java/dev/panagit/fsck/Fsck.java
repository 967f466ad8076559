package dev.panagit.fsck;

import dev.panagit.index.DirCache;
import dev.panagit.index.IndexEntry;
import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectHeader;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.Progress;
import dev.panagit.lib.StoredObject;
import dev.panagit.repo.Refs;
import dev.panagit.repo.Repository;
import dev.panagit.storage.ObjectDatabase;
import dev.panagit.storage.Pack;
import dev.panagit.storage.pack.IndexedPack;
import dev.panagit.storage.pack.PackFile;
import dev.panagit.storage.pack.PackIndex;
import dev.panagit.storage.pack.PackIndexer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * git's {@code fsck}: every object checked (its bytes hash to its id, its content parses as its
 * type), every pack verified entry by entry against its index, then connectivity from every ref,
 * the reflogs and the index. Commits and tags keep their links in memory; trees are read again
 * during the walk, as git does, since their entries are most of a repository's links (git.git:
 * 157 million). Reports what git reports, in git's words: {@code missing <type> <id>},
 * {@code dangling <type> <id>} and {@code error: …} lines; {@link #exitCode()} has git's bits.
 */
public final class Fsck {
    /** git's exit bit for a damaged object. */
    public static final int ERROR_OBJECT = 1;
    /** git's exit bit for a missing object that something reaches. */
    public static final int ERROR_REACHABLE = 2;
    /** git's exit bit for a damaged pack or pack index. */
    public static final int ERROR_PACK = 4;

    /** What fsck is asked to do. */
    public record Options(boolean connectivityOnly, boolean strict, boolean dangling, boolean unreachable,
            int threads) {
    }

    /** Where findings go: errors to stderr, missing and dangling objects to stdout. */
    public interface Report {
        /** An error line ({@code error: ...}). */
        void error(String message);

        /** A line about one object's content, as git prints it ({@code error in tree …}, {@code warning in …}). */
        void finding(String line);

        /** A line about an object as a whole ({@code missing blob <id>}, {@code dangling commit <id>}). */
        void object(String line);
    }

    private final Repository repo;
    private final Options options;
    private final Report report;
    private final PackIndexer indexer;
    private final ObjectFormat format;
    /** Every object present or named, with its type, flags and links. */
    private final ObjectGraph graph;
    private int errors;
    private FsckRules rules;

    /**
     * A check of {@code repo}: packs are verified on {@code options.threads()} threads (0: one per
     * processor), reporting how far to {@code progress}; findings go to {@code report}.
     *
     * @param repo the repository to check
     * @param options what to check and report
     * @param progress where pack verification reports how far it is ({@link Progress#NONE} for nowhere)
     * @param report where findings go
     * @throws IOException when the repository's config cannot be read
     */
    public Fsck(Repository repo, Options options, Progress progress, Report report) throws IOException {
        this.repo = repo;
        this.options = options;
        this.indexer = new PackIndexer(repo.objects().codec(), repo.format(), PackIndexer.threadsFor(options.threads()),
                repo.deltaBaseCacheLimit(), progress);
        this.report = report;
        this.format = repo.format();
        this.graph = new ObjectGraph(format);
    }

    /** Runs every check; returns git's exit code. */
    public int run() throws IOException {
        try {
            rules = FsckRules.of(format, options.strict(), repo.config());
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);   // an unknown fsck.<id> severity, in git's words
        }
        check(repo.objects());
        connectivity();
        return errors;
    }

    /** git's exit code for what was found: the {@code ERROR_*} bits. */
    public int exitCode() {
        return errors;
    }

    private void check(ObjectDatabase objects) throws IOException {
        for (ObjectId id : objects.loose().list()) {
            checkLoose(objects, id);
        }
        for (Pack pack : objects.packs()) {
            checkPack(PackFile.of(pack));
        }
        for (ObjectDatabase alternate : objects.alternates()) {
            check(alternate);
        }
    }

    private void checkLoose(ObjectDatabase objects, ObjectId id) throws IOException {
        Path file = objects.loose().pathOf(id);
        try {
            if (options.connectivityOnly()) {
                ObjectHeader header = objects.loose().readHeader(id);
                if (header.type() == ObjectType.BLOB) {
                    leaf(id, ObjectType.BLOB);
                    return;
                }
            }
            StoredObject object = objects.loose().open(id);
            if (object.isLarge()) {
                object.copyTo(java.io.OutputStream.nullOutputStream());   // checks the id as it streams
                leaf(id, object.type());
            } else {
                byte[] content = object.bytes();
                parse(id, object.type(), content, content.length, false, file);
            }
        } catch (CorruptObjectException e) {
            report.error(e.getMessage());
            report.error(id.name() + ": object corrupt or missing: " + relative(file));
            errors |= ERROR_OBJECT;
        }
    }

    /**
     * Verifies a pack by indexing it again (every entry inflated, every delta resolved, every id
     * hashed, checksums checked) and comparing with its index, parsing commits, trees and tags on
     * the way. A pack that fails is then read object by object, so that each bad object is named
     * and the good ones still count.
     */
    private void checkPack(PackFile pack) throws IOException {
        try {
            IndexedPack indexed = indexer.visiting(Set.of(ObjectType.COMMIT, ObjectType.TREE, ObjectType.TAG),
                    (id, type, content, length) -> parse(id, type, content, length, pack.isPromisor(), null))
                    .index(pack.packPath());
            if (!indexed.matchesIndex(Files.readAllBytes(pack.indexPath()))) {
                report.error("index " + relative(pack.indexPath()) + " does not match its pack");
                errors |= ERROR_PACK;
                readObjectByObject(pack, true);
                return;
            }
            for (int i = 0; i < indexed.count(); i++) {
                if (indexed.type(i) == ObjectType.BLOB) {
                    leaf(indexed.id(i), ObjectType.BLOB);
                }
            }
        } catch (CorruptObjectException e) {
            report.error(e.getMessage());
            errors |= ERROR_PACK;
            readObjectByObject(pack, true);
        }
    }

    /** Reads every object the index names, reporting each one that cannot be read as git does. */
    private void readObjectByObject(PackFile pack, boolean checkCrc) throws IOException {
        if (checkCrc && !pack.checksumMatches()) {
            report.error(relative(pack.packPath()) + " pack checksum mismatch");
            errors |= ERROR_PACK;
        }
        PackIndex index = pack.index();
        for (int n = 0; n < index.count(); n++) {
            ObjectId id = index.id(n);
            long offset = -1;
            try {
                offset = pack.checkedOffset(n, id);
                if (checkCrc && index.hasCrc32() && crc32(pack, offset) != index.crc32(n)) {
                    report.error("index CRC mismatch for object " + id.name() + " from " + relative(pack.packPath())
                            + " at offset " + offset);
                    errors |= ERROR_PACK;
                }
                ObjectHeader header = pack.info(offset);
                if (header.type() == ObjectType.BLOB && options.connectivityOnly()) {
                    leaf(id, ObjectType.BLOB);
                    continue;
                }
                StoredObject object = pack.open(id, offset);
                if (object.isLarge()) {
                    object.copyTo(java.io.OutputStream.nullOutputStream());
                    leaf(id, object.type());
                } else {
                    byte[] content = object.bytes();
                    parse(id, object.type(), content, content.length, pack.isPromisor(), null);
                }
            } catch (CorruptObjectException e) {
                report.error(e.getMessage());
                report.error("cannot unpack " + id.name() + " from " + relative(pack.packPath()) + " at offset "
                        + offset);
                errors |= ERROR_OBJECT;
            }
        }
    }

    private static int crc32(PackFile pack, long offset) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        long end = pack.entryEnd(offset);
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(pack.packPath())) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) Math.min(end - offset, 1 << 20));
            long at = offset;
            while (at < end) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), end - at));
                int n = channel.read(buffer, at);
                if (n <= 0) {
                    break;
                }
                crc.update(buffer.flip());
                at += n;
            }
        }
        return (int) crc.getValue();
    }

    private void leaf(ObjectId id, ObjectType type) {
        graph.present(graph.intern(id), type, new int[0], new byte[0], 0);
    }

    /** Records an object and the objects it names; a content that does not parse is an error. */
    private void parse(ObjectId id, ObjectType type, byte[] content, int length, boolean promisor, Path where) {
        int n = graph.intern(id);
        if (promisor) {
            graph.markShared(n, ObjectGraph.PROMISOR);
        }
        Links links = new Links();
        GitObjectParse.Result parsed = null;
        if (type == ObjectType.COMMIT || type == ObjectType.TAG) {
            // git parses the object first (which finds what it names) and checks its rules only when that works.
            parsed = type == ObjectType.COMMIT ? GitObjectParse.commit(format, id, content, length)
                    : GitObjectParse.tag(format, id, content, length);
            if (!parsed.parsed()) {
                synchronized (this) {
                    parsed.errors().forEach(report::error);
                    report.error(where == null ? id.name() + ": object corrupt or missing"
                            : id.name() + ": object could not be parsed: " + relative(where));
                    errors |= ERROR_OBJECT;
                }
                graph.present(n, type, links.targets, links.types, links.count);
                return;
            }
        }
        boolean reported = false;
        for (FsckRules.Finding finding : rules.check(type, content, length)) {
            synchronized (this) {
                report.finding(finding.line(type, id));
                if (finding.error()) {
                    errors |= ERROR_OBJECT;
                    reported = true;
                }
            }
        }
        try {
            switch (type) {
                case COMMIT, TAG -> {
                    for (int i = 0; i < parsed.ids().size(); i++) {
                        links.add(graph.intern(parsed.ids().get(i)), parsed.types().get(i));
                    }
                }
                case TREE -> {
                    treeLinks(content, length, links);
                    graph.internUsed(content, links.targets, links.count);
                    links.count = 0;   // read again during the walk
                }
                case BLOB -> {
                }
            }
        } catch (CorruptObjectException e) {
            synchronized (this) {
                if (type == ObjectType.TREE) {
                    report.finding("error in tree " + id.name() + ": broken links");   // git's walk cannot follow it
                } else if (!reported) {   // the rules named it already, in git's words
                    report.finding("error in " + type.gitName() + " " + id.name() + ": " + e.getMessage());
                }
                errors |= ERROR_OBJECT;
            }
        }
        graph.present(n, type, links.targets, links.types, links.count);
    }

    /** The entries of a tree, read in place ({@code <octal mode> SP <name> NUL <raw id>}); submodules skipped. */
    private void treeLinks(byte[] content, int length, Links links) throws CorruptObjectException {
        int raw = format.rawLength();
        int pos = 0;
        while (pos < length) {
            int start = pos;
            int mode = 0;
            while (pos < length && content[pos] != ' ') {
                int d = content[pos] - '0';
                if (d < 0 || d > 7 || pos - start >= 7) {
                    throw malformedTree("bad mode at offset " + start);
                }
                mode = mode * 8 + d;
                pos++;
            }
            if (pos == start || pos >= length) {
                throw malformedTree("bad mode at offset " + start);
            }
            int name = ++pos;
            while (pos < length && content[pos] != 0) {
                pos++;
            }
            if (pos == name || pos >= length) {
                throw malformedTree("bad name at offset " + name);
            }
            pos++;
            if (length - pos < raw) {
                throw malformedTree("truncated id at offset " + pos);
            }
            int kind = mode & 0170000;
            if (kind != 0160000) {
                links.addRaw(pos, kind == 0040000 ? ObjectType.TREE : ObjectType.BLOB);
            }
            pos += raw;
        }
    }

    private static CorruptObjectException malformedTree(String detail) {
        return new CorruptObjectException(dev.panagit.lib.Corruption.BAD_CONTENT, "malformed tree: " + detail);
    }

    /** The objects one object names, as graph numbers. */
    private static final class Links {
        int[] targets = new int[16];
        byte[] types = new byte[16];
        int count;

        void add(int target, ObjectType type) {
            if (count == targets.length) {
                targets = Arrays.copyOf(targets, count * 2);
                types = Arrays.copyOf(types, count * 2);
            }
            targets[count] = target;
            types[count++] = (byte) type.code();
        }

        /** A target not interned yet: where its raw id starts (see {@link ObjectGraph#internUsed}). */
        void addRaw(int position, ObjectType type) {
            add(position, type);
        }
    }

    /** Marks everything reachable from refs, reflogs and the index; reports missing and dangling objects. */
    private void connectivity() throws IOException {
        Map<ObjectId, ObjectType> missing = new TreeMap<>();
        IntStack work = new IntStack();
        Refs refs = repo.refs();
        for (Map.Entry<String, ObjectId> ref : refs.all().entrySet()) {
            root(ref.getValue(), ref.getKey() + ": invalid sha1 pointer " + ref.getValue().name(), work);
        }
        refs.resolve(Refs.HEAD).ifPresent(id -> root(id, "HEAD: invalid sha1 pointer " + id.name(), work));
        for (Map.Entry<String, List<ObjectId>> log : reflogs().entrySet()) {
            for (ObjectId id : log.getValue()) {
                if (!id.equals(ObjectId.zeroId(format))) {
                    root(id, log.getKey() + ": invalid reflog entry " + id.name(), work);
                }
            }
        }
        try {
            for (IndexEntry entry : DirCache.read(repo.indexFile(), format).entries()) {
                if ((entry.mode() & 0170000) != 0160000) {
                    if (!root(entry.id(), null, work)) {
                        missing.put(entry.id(), ObjectType.BLOB);
                    }
                }
            }
        } catch (IOException e) {
            report.error(e.getMessage());
            errors |= ERROR_OBJECT;
        }
        Links entries = new Links();
        while (work.size > 0) {
            int n = work.pop();
            if (graph.type(n) == ObjectType.TREE) {
                byte[] tree = repo.objects().open(graph.id(n)).bytes();
                entries.count = 0;
                treeLinks(tree, tree.length, entries);
                for (int i = 0; i < entries.count; i++) {
                    follow(n, graph.find(tree, entries.targets[i]), ObjectType.fromCode(entries.types[i]), missing, work);
                }
                continue;
            }
            for (int i = 0; i < graph.linkCount(n); i++) {
                follow(n, graph.link(n, i), graph.linkType(n, i), missing, work);
            }
        }
        if (!missing.isEmpty()) {
            errors |= ERROR_REACHABLE;
        }
        missing.forEach((id, type) -> report.object("missing " + type.gitName() + " " + id.name()));
        // An unreachable object that no other object names is dangling (the tip of what is lost).
        int size = graph.size();
        TreeMap<ObjectId, String> lost = new TreeMap<>();
        for (int n = 0; n < size; n++) {
            if (!graph.has(n, ObjectGraph.PRESENT) || graph.has(n, ObjectGraph.REACHABLE)) {
                continue;
            }
            if (options.unreachable()) {
                lost.put(graph.id(n), "unreachable " + graph.type(n).gitName() + " ");
            } else if (options.dangling() && !graph.has(n, ObjectGraph.USED)) {
                lost.put(graph.id(n), "dangling " + graph.type(n).gitName() + " ");
            }
        }
        lost.forEach((id, what) -> report.object(what + id.name()));
    }

    private void follow(int from, int target, ObjectType type, Map<ObjectId, ObjectType> missing, IntStack work) {
        if (!graph.has(target, ObjectGraph.PRESENT)) {
            if (!graph.has(from, ObjectGraph.PROMISOR)) {   // a partial clone lacks it on purpose
                missing.putIfAbsent(graph.id(target), type);
            }
        } else if (!graph.has(target, ObjectGraph.REACHABLE)) {
            graph.mark(target, ObjectGraph.REACHABLE);
            work.push(target);
        }
    }

    /** A growable stack of ints. */
    private static final class IntStack {
        int[] items = new int[1024];
        int size;

        void push(int v) {
            if (size == items.length) {
                items = Arrays.copyOf(items, size * 2);
            }
            items[size++] = v;
        }

        int pop() {
            return items[--size];
        }
    }

    /** A starting point of connectivity: reachable, or reported as git reports a bad ref; false when missing. */
    private boolean root(ObjectId id, String ifMissing, IntStack work) {
        int n = graph.find(id);
        if (n < 0 || !graph.has(n, ObjectGraph.PRESENT)) {
            if (ifMissing != null) {
                report.error(ifMissing);
                errors |= ERROR_REACHABLE;
            }
            return false;
        }
        if (!graph.has(n, ObjectGraph.REACHABLE)) {
            graph.mark(n, ObjectGraph.REACHABLE);
            work.push(n);
        }
        return true;
    }

    /** Every id in {@code logs/} (old and new of each line), per log name as git names it. */
    private Map<String, List<ObjectId>> reflogs() throws IOException {
        Map<String, List<ObjectId>> logs = new TreeMap<>();
        Path dir = repo.gitDir().resolve("logs");
        if (!Files.isDirectory(dir)) {
            return logs;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        int hex = format.hexLength();
        for (Path file : files) {
            String name = dir.relativize(file).toString().replace('\\', '/');
            List<ObjectId> ids = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.length() >= 2 * hex + 1 && ObjectId.isHex(line.substring(0, hex), hex)
                        && ObjectId.isHex(line.substring(hex + 1, 2 * hex + 1), hex)) {
                    ids.add(ObjectId.fromHex(format, line.substring(0, hex)));
                    ids.add(ObjectId.fromHex(format, line.substring(hex + 1, 2 * hex + 1)));
                }
            }
            logs.put(name, ids);
        }
        return logs;
    }

    private String relative(Path file) {
        Path root = repo.workTree() != null ? repo.workTree() : repo.gitDir();
        Path absolute = file.toAbsolutePath();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
    }
}
