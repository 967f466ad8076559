package dev.panagit.storage.pack;

import dev.panagit.codec.Deltas;
import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.CorruptPackException;
import dev.panagit.lib.Corruption;
import dev.panagit.lib.ObjectCodec;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.PackCodec;
import dev.panagit.lib.Progress;
import dev.panagit.lib.PackEntryHeader;
import dev.panagit.lib.PackScanBatch;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Indexes a pack as {@code git index-pack} does, checking everything on the way: the header, the
 * trailing checksum (hashed on another thread while the entries are read), every entry's header
 * and zlib stream, every delta, every object's id.
 *
 * <ol>
 *   <li>One pass over the entries in pack order ({@link PackCodec#scan}, batch by batch): where each
 *       ends, its CRC-32, the id of each whole object, the result size of each delta.</li>
 *   <li>Deltas resolved on {@code threads} threads, each taking whole objects in turn and walking
 *       the tree of deltas built on it depth first; a delta is inflated, applied and hashed in one
 *       codec call ({@link PackCodec#resolveDelta}). A base is dropped as soon as its last delta is
 *       resolved; when the bases one thread holds pass its share of the memory limit the oldest
 *       are dropped and rebuilt if needed again, so memory stays bounded whatever the chain.</li>
 * </ol>
 */
public final class PackIndexer {
    private static final int BATCH = 1024;
    /**
     * Pages of the mapped pack are given back every this many bytes read: the mapping would otherwise
     * count the whole pack in the process's resident memory. They stay in the page cache, so
     * touching them again costs a minor fault, not a read.
     */
    private static final long UNLOAD_EVERY = 64L << 20;
    /** What one page fault on a file mapping makes resident: Linux maps up to 16 pages around it. */
    private static final long FAULT_AROUND = 64 << 10;
    /** Resolving reads at random: pages are given back every this many bytes made resident. */
    private static final long RESOLVE_UNLOAD_EVERY = 256L << 20;

    private final ObjectCodec codec;
    private final PackCodec packs;
    private final ObjectFormat format;
    private final int threads;
    private final long memoryLimit;
    private final Progress progress;
    private final java.util.Set<ObjectType> visitTypes;
    private final Visitor visitor;

    /** Sees the content of objects as they are rebuilt (fsck parses commits, trees and tags this way). */
    @FunctionalInterface
    public interface Visitor {
        /**
         * Called once per object of the wanted types, from any of the indexing threads; the
         * content is {@code content[0..length)} and is valid only during the call.
         */
        void visit(ObjectId id, ObjectType type, byte[] content, int length) throws IOException;
    }

    /** Threads for a request: {@code 0} means one per processor; negative is refused. */
    public static int threadsFor(int requested) {
        if (requested < 0) {
            throw new IllegalArgumentException("invalid number of threads specified (" + requested + ")");
        }
        return requested == 0 ? Runtime.getRuntime().availableProcessors() : requested;
    }

    /**
     * @param threads delta-resolving threads (1 or more)
     * @param memoryLimit bytes of resolved bases all threads together may hold
     */
    public PackIndexer(ObjectCodec codec, ObjectFormat format, int threads, long memoryLimit, Progress progress) {
        this(codec, format, threads, memoryLimit, progress, java.util.Set.of(), null);
    }

    private PackIndexer(ObjectCodec codec, ObjectFormat format, int threads, long memoryLimit, Progress progress,
            java.util.Set<ObjectType> visitTypes, Visitor visitor) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        this.codec = codec;
        this.packs = codec.pack();
        this.format = format;
        this.threads = threads;
        this.memoryLimit = memoryLimit;
        this.progress = progress;
        this.visitTypes = visitTypes;
        this.visitor = visitor;
    }

    /** The same indexer, also showing every object of {@code types} to {@code visitor}. */
    public PackIndexer visiting(java.util.Set<ObjectType> types, Visitor visitor) {
        return new PackIndexer(codec, format, threads, memoryLimit, progress, java.util.Set.copyOf(types), visitor);
    }

    /** Indexes the pack at {@code file}. */
    public IndexedPack index(Path file) throws IOException {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment pack = PackFile.map(file, arena);
            PackFile.checkHeader(file, format, pack, -1);
            long declared = Integer.toUnsignedLong(pack.get(PackFile.PackFormat.INT, 8));
            MemorySegment entries = pack.asSlice(0, pack.byteSize() - format.rawLength());
            // An entry takes at least 9 bytes (a header byte and the smallest zlib stream): a larger
            // count is a lie that must not size the tables below.
            if (declared > (entries.byteSize() - PackFile.PackFormat.HEADER_SIZE) / 9 || declared > Integer.MAX_VALUE / 8) {
                throw bad(file, -1, "it declares " + declared + " objects in " + pack.byteSize() + " bytes");
            }
            Run run = new Run(file, entries, (int) declared);
            Future<byte[]> checksum;
            ExecutorService pool = Executors.newFixedThreadPool(threads, worker());
            try {
                checksum = pool.submit(() -> checksum(entries));
                long start = System.nanoTime();
                run.scan();
                run.scanNanos = System.nanoTime() - start;
                byte[] trailer = pack.asSlice(entries.byteSize(), format.rawLength()).toArray(ValueLayout.JAVA_BYTE);
                byte[] computed = get(checksum);
                if (!Arrays.equals(trailer, computed)) {
                    throw bad(file, -1, "checksum mismatch: its trailer says "
                            + ObjectId.fromRaw(format, trailer, 0).name() + ", its bytes hash to "
                            + ObjectId.fromRaw(format, computed, 0).name());
                }
                start = System.nanoTime();
                dev.panagit.nativeaccess.MemoryAdvice.random(entries);   // deltas are read in tree order
                run.resolve(pool);
                run.resolveNanos = System.nanoTime() - start;
            } finally {
                pool.shutdownNow();
            }
            return run.result(pack.asSlice(entries.byteSize(), format.rawLength()).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    /** The checksum of {@code data}, fed in slices whose pages are given back once hashed. */
    private byte[] checksum(MemorySegment data) {
        PackCodec.Checksum sum = packs.checksum(format);
        for (long done = 0; done < data.byteSize(); ) {
            MemorySegment slice = data.asSlice(done, Math.min(UNLOAD_EVERY, data.byteSize() - done));
            sum.update(slice);
            slice.unload();
            done += slice.byteSize();
        }
        return sum.finish();
    }

    private static java.util.concurrent.ThreadFactory worker() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "index-pack-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static <T> T get(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
    }

    static CorruptPackException bad(Path file, long offset, String detail) {
        return new CorruptPackException(Corruption.BAD_PACK, detail, file, offset, null);
    }

    /** One indexing: the tables, filled by the scan, then by the resolving threads. */
    private final class Run {
        private final Path file;
        private final MemorySegment entries;
        private final int count;
        private final int raw = format.rawLength();
        private final long[] offset;
        private final long[] packedLength;
        private final long[] size;
        private final long[] objectSize;
        private final long[] baseOffset;
        private final int[] headerLength;
        private final int[] crc32;
        private final byte[] typeCode;
        private final byte[] ids;
        /** Delta depth (0 for whole objects), claimed by the thread that resolves the delta. */
        private final AtomicIntegerArray depth;
        private final int[] baseEntry;
        private final byte[] realType;
        private int[] firstOfsChild;
        private int[] nextOfsSibling;
        private int[] refDeltas;
        private byte[] refBases;
        private int deltaCount;
        private final AtomicLong resolved = new AtomicLong();
        long scanNanos;
        long resolveNanos;
        /** Bytes of the mapping the resolving threads have touched (an estimate), to know when to give pages back. */
        private final AtomicLong consumed = new AtomicLong();

        Run(Path file, MemorySegment entries, int count) {
            this.file = file;
            this.entries = entries;
            this.count = count;
            offset = new long[count];
            packedLength = new long[count];
            size = new long[count];
            objectSize = new long[count];
            baseOffset = new long[count];
            headerLength = new int[count];
            crc32 = new int[count];
            typeCode = new byte[count];
            ids = new byte[count * raw];
            depth = new AtomicIntegerArray(count);
            baseEntry = new int[count];
            realType = new byte[count];
        }

        void scan() throws IOException {
            progress.start("Indexing objects", count);
            PackScanBatch batch = new PackScanBatch(format, Math.min(BATCH, Math.max(1, count)));
            long at = PackFile.PackFormat.HEADER_SIZE;
            int n = 0;
            while (n < count) {
                if (at >= entries.byteSize()) {
                    throw bad(file, at, "it ends after " + n + " of the " + count + " objects its header declares");
                }
                int want = Math.min(batch.capacity(), count - n);
                PackScanBatch target = want == batch.capacity() ? batch : new PackScanBatch(format, want);
                int got;
                try {
                    got = packs.scan(format, entries, at, target);
                } catch (CorruptObjectException e) {
                    copy(target, n, target.count);
                    throw CorruptPackException.at(e, file, target.offset[target.count], null);
                }
                copy(target, n, got);
                n += got;
                long next = offset[n - 1] + packedLength[n - 1];
                if (next / UNLOAD_EVERY != at / UNLOAD_EVERY) {
                    entries.asSlice(0, at).unload();   // read once: give the pages back (they stay cached)
                }
                at = next;
                progress.update(n);
            }
            if (at != entries.byteSize()) {
                throw bad(file, at, "junk after its " + count + " objects");
            }
            progress.end();
        }

        private void copy(PackScanBatch batch, int at, int n) {
            System.arraycopy(batch.offset, 0, offset, at, n);
            System.arraycopy(batch.packedLength, 0, packedLength, at, n);
            System.arraycopy(batch.size, 0, size, at, n);
            System.arraycopy(batch.objectSize, 0, objectSize, at, n);
            System.arraycopy(batch.baseOffset, 0, baseOffset, at, n);
            System.arraycopy(batch.headerLength, 0, headerLength, at, n);
            System.arraycopy(batch.crc32, 0, crc32, at, n);
            for (int i = 0; i < n; i++) {
                typeCode[at + i] = (byte) batch.typeCode[i];
                boolean whole = batch.typeCode[i] <= ObjectType.TAG.code();
                realType[at + i] = whole ? (byte) batch.typeCode[i] : 0;
                baseEntry[at + i] = -1;
                if (whole) {
                    System.arraycopy(batch.ids, i * raw, ids, (at + i) * raw, raw);
                }
            }
        }

        /**
         * Counts the bytes of the mapping a read makes resident (about: a page fault maps its
         * neighbours too, up to {@link #FAULT_AROUND}) and gives the pages back every
         * {@link #RESOLVE_UNLOAD_EVERY} bytes: often enough to bound the mapping's share of resident
         * memory, seldom enough that re-faulting the hot pages costs little.
         */
        void touched(long bytes) {
            long touched = Math.max(bytes, FAULT_AROUND);
            long after = consumed.addAndGet(touched);
            if (after / RESOLVE_UNLOAD_EVERY != (after - touched) / RESOLVE_UNLOAD_EVERY) {
                entries.unload();
            }
        }

        /** Links every delta to its base, then resolves them on the pool. */
        void resolve(ExecutorService pool) throws IOException {
            firstOfsChild = new int[count];
            nextOfsSibling = new int[count];
            Arrays.fill(firstOfsChild, -1);
            List<Integer> refs = new ArrayList<>();
            for (int i = count - 1; i >= 0; i--) {
                if (typeCode[i] == PackEntryHeader.OFS_DELTA) {
                    int base = Arrays.binarySearch(offset, 0, i, baseOffset[i]);
                    if (base < 0) {
                        throw new CorruptPackException(Corruption.BAD_PACK_ENTRY, "its base offset "
                                + baseOffset[i] + " is not the start of an entry", file, offset[i], null);
                    }
                    nextOfsSibling[i] = firstOfsChild[base];
                    firstOfsChild[base] = i;
                    deltaCount++;
                } else if (typeCode[i] == PackEntryHeader.REF_DELTA) {
                    refs.add(i);
                    deltaCount++;
                }
            }
            sortRefDeltas(refs);
            progress.start("Resolving deltas", deltaCount);
            AtomicInteger nextRoot = new AtomicInteger();
            AtomicBoolean failed = new AtomicBoolean();
            List<Future<Void>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(new Resolver(nextRoot, failed, memoryLimit / threads)));
            }
            for (Future<Void> w : workers) {
                get(w);
            }
            if (resolved.get() != deltaCount) {
                unresolved();
            }
            progress.end();
        }

        private void sortRefDeltas(List<Integer> refs) {
            Integer[] order = refs.toArray(new Integer[0]);
            Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(refBase(a), refBase(b)));
            refDeltas = new int[order.length];
            refBases = new byte[order.length * raw];
            for (int k = 0; k < order.length; k++) {
                refDeltas[k] = order[k];
                System.arraycopy(refBase(order[k]), 0, refBases, k * raw, raw);
            }
        }

        private byte[] refBase(int i) {
            return entries.asSlice(offset[i] + headerLength[i] - raw, raw).toArray(ValueLayout.JAVA_BYTE);
        }

        /** The range of REF_DELTAs whose base is entry {@code e}, as {@code [from, to)} packed in a long. */
        private long refRange(int e) {
            int low = 0;
            int high = refDeltas.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (Arrays.compareUnsigned(refBases, mid * raw, mid * raw + raw, ids, e * raw, e * raw + raw) < 0) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            int end = low;
            while (end < refDeltas.length
                    && Arrays.equals(refBases, end * raw, end * raw + raw, ids, e * raw, e * raw + raw)) {
                end++;
            }
            return (long) low << 32 | end;
        }

        private void unresolved() throws CorruptPackException {
            long missing = deltaCount - resolved.get();
            for (int k = 0; k < refDeltas.length; k++) {
                int i = refDeltas[k];
                if (depth.get(i) == 0) {
                    throw new CorruptPackException(Corruption.MISSING_DELTA_BASE, "base "
                            + ObjectId.fromRaw(format, refBases, k * raw).name() + "; " + missing
                            + (missing == 1 ? " delta is" : " deltas are") + " unresolved", file, offset[i], null);
                }
            }
            throw bad(file, -1, missing + " unresolved deltas");
        }

        /** A delta tree walk: one per thread, taking whole objects in turn. */
        private final class Resolver implements Callable<Void> {
            private final AtomicInteger nextRoot;
            private final AtomicBoolean failed;
            private final long limit;
            private final List<Frame> stack = new ArrayList<>();
            private byte[] scratch = new byte[64 << 10];
            private long held;

            Resolver(AtomicInteger nextRoot, AtomicBoolean failed, long limit) {
                this.nextRoot = nextRoot;
                this.failed = failed;
                this.limit = Math.max(limit, 16L << 20);
            }

            @Override
            public Void call() throws IOException {
                try {
                    int root;
                    while (!failed.get() && (root = nextRoot.getAndIncrement()) < count) {
                        if (typeCode[root] > ObjectType.TAG.code()) {
                            continue;
                        }
                        Frame frame = new Frame(root, ObjectType.fromCode(typeCode[root]), 0);
                        if (visitTypes.contains(frame.type)) {
                            byte[] content = frame.data != null ? frame.data : inflateWhole(root);
                            visitor.visit(ObjectId.fromRaw(format, ids, root * raw), frame.type, content, content.length);
                        }
                        if (frame.hasChildren()) {
                            walk(frame);
                        }
                    }
                    return null;
                } catch (IOException | RuntimeException | Error e) {
                    failed.set(true);
                    throw e;
                }
            }

            private void walk(Frame root) throws IOException {
                stack.clear();
                held = root.data.length;
                stack.add(root);
                while (!stack.isEmpty()) {
                    int top = stack.size() - 1;
                    Frame frame = stack.get(top);
                    int child = frame.nextChild();
                    if (child < 0) {
                        release(stack.remove(top));
                        continue;
                    }
                    byte[] base = data(top);
                    boolean last = !frame.hasMoreChildren();
                    if (depth.compareAndSet(child, 0, frame.depth + 1)) {
                        baseEntry[child] = frame.entry;
                        realType[child] = (byte) frame.type.code();
                        int length = resolveInto(child, frame.type, base, true);
                        if (visitTypes.contains(frame.type)) {
                            visitor.visit(ObjectId.fromRaw(format, ids, child * raw), frame.type, scratch, length);
                        }
                        progress.update(resolved.incrementAndGet());
                        if (last) {
                            release(stack.remove(top));   // its last delta is done: drop it now
                        }
                        Frame next = new Frame(child, frame.type, frame.depth + 1);
                        if (next.hasChildren()) {   // only then is the result kept (most deltas are leaves)
                            next.data = Arrays.copyOf(scratch, length);
                            held += length;
                            stack.add(next);
                            bound();
                        }
                    } else if (last) {
                        release(stack.remove(top));   // a duplicate base already resolved it
                    }
                }
            }

            /**
             * Resolves delta {@code child} on {@code base} into the reused {@code scratch} buffer
             * and returns its length; hashes it into the id table when asked.
             */
            private int resolveInto(int child, ObjectType type, byte[] base, boolean hash) throws IOException {
                long result = objectSize[child];
                if (result > Deltas.MAX_ARRAY || result < 0) {
                    throw CorruptPackException.at(Deltas.tooLarge(result), file, offset[child], null);
                }
                if (scratch.length < result) {
                    scratch = new byte[(int) Math.min(Deltas.MAX_ARRAY, Math.max(result, 2L * scratch.length))];
                }
                long data = offset[child] + headerLength[child];
                MemorySegment in = entries.asSlice(data, offset[child] + packedLength[child] - data);
                PackCodec.Inflated inflated;
                try {
                    inflated = packs.resolveDelta(format, hash ? type : null, base, in, size[child], scratch,
                            (int) result);
                } catch (CorruptObjectException e) {
                    throw CorruptPackException.at(e, file, offset[child], null);
                }
                if (inflated.compressedLength() != in.byteSize()) {
                    throw bad(file, offset[child], "its zlib stream ended early on a second read");
                }
                touched(in.byteSize());
                if (hash) {
                    inflated.id().copyRawTo(ids, child * raw);
                }
                return (int) result;
            }

            /**
             * The content of frame {@code k}; when it was dropped, rebuilt along its bases from the
             * nearest one still held (or from the whole object at the bottom).
             */
            private byte[] data(int k) throws IOException {
                Frame frame = stack.get(k);
                if (frame.data != null) {
                    return frame.data;
                }
                List<Integer> chain = new ArrayList<>();
                int e = frame.entry;
                byte[] data = null;
                while (data == null) {
                    data = heldData(e);
                    if (data == null && typeCode[e] <= ObjectType.TAG.code()) {
                        data = inflateWhole(e);
                    } else if (data == null) {
                        chain.add(e);
                        e = baseEntry[e];
                    }
                }
                for (int i = chain.size() - 1; i >= 0; i--) {
                    data = Arrays.copyOf(scratch, resolveInto(chain.get(i), frame.type, data, false));
                }
                frame.data = data;
                held += data.length;
                bound();
                return data;
            }

            private byte[] heldData(int entry) {
                for (Frame f : stack) {
                    if (f.entry == entry && f.data != null) {
                        return f.data;
                    }
                }
                return null;
            }

            private byte[] inflateWhole(int e) throws IOException {
                long data = offset[e] + headerLength[e];
                touched(offset[e] + packedLength[e] - data);
                byte[] out = new byte[(int) size[e]];
                try {
                    packs.inflate(format, null, entries.asSlice(data, offset[e] + packedLength[e] - data), out);
                } catch (CorruptObjectException ex) {
                    throw CorruptPackException.at(ex, file, offset[e], null);
                }
                return out;
            }

            /** Drops the oldest bases (never the top one) while this thread holds more than its share. */
            private void bound() {
                for (int k = 0; held > limit && k < stack.size() - 1; k++) {
                    release(stack.get(k));
                }
            }

            private void release(Frame frame) {
                if (frame.data != null) {
                    held -= frame.data.length;
                    frame.data = null;
                }
            }

            /** An object whose deltas are being resolved. */
            private final class Frame {
                final int entry;
                final ObjectType type;
                final int depth;
                byte[] data;
                private int ofsNext;
                private int refNext;
                private final int refEnd;

                Frame(int entry, ObjectType type, int depth) throws IOException {
                    this.entry = entry;
                    this.type = type;
                    this.depth = depth;
                    this.ofsNext = firstOfsChild[entry];
                    long range = refDeltas.length == 0 ? 0 : refRange(entry);
                    this.refNext = (int) (range >>> 32);
                    this.refEnd = (int) range;
                    if (depth == 0 && hasChildren()) {
                        data = inflateWhole(entry);
                        held += data.length;
                    }
                }

                boolean hasChildren() {
                    return hasMoreChildren();
                }

                boolean hasMoreChildren() {
                    return ofsNext >= 0 || refNext < refEnd;
                }

                int nextChild() {
                    if (ofsNext >= 0) {
                        int c = ofsNext;
                        ofsNext = nextOfsSibling[c];
                        return c;
                    }
                    return refNext < refEnd ? refDeltas[refNext++] : -1;
                }
            }
        }

        IndexedPack result(byte[] packChecksum) {
            int[] depths = new int[count];
            for (int i = 0; i < count; i++) {
                depths[i] = depth.get(i);
            }
            return new IndexedPack(file, format, count, offset, packedLength, size, crc32, typeCode, realType, depths,
                    baseEntry, ids, packChecksum, new IndexedPack.Timing(scanNanos, resolveNanos, threads));
        }
    }
}
