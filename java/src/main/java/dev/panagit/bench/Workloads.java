package dev.panagit.bench;

import dev.panagit.codec.JavaObjectCodec;
import dev.panagit.lib.CollisionDetection;
import dev.panagit.lib.EncodedObject;
import dev.panagit.lib.ObjectCodec;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.PackCodec;
import dev.panagit.nativeaccess.NativeAccess;
import dev.panagit.nativeaccess.NativeProbes;
import dev.panagit.repo.Repository;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The workloads W0-W5 of docs/benchmarks.md, each on both backends (W0 is native only). */
public final class Workloads implements AutoCloseable {
    private final Harness harness;
    private final boolean quick;
    private final Path sourceTree;
    private final ObjectCodec nativeL1;
    private final ObjectCodec nativeL6;
    private final ObjectCodec javaL1 = new JavaObjectCodec(1);
    private final ObjectCodec javaL6 = new JavaObjectCodec(6);
    private final List<Measurement> results = new ArrayList<>();

    public Workloads(Harness harness, boolean quick, Path sourceTree) {
        this.harness = harness;
        this.quick = quick;
        this.sourceTree = sourceTree;
        this.nativeL1 = NativeAccess.codecAtLevel(1).orElse(null);
        this.nativeL6 = NativeAccess.codecAtLevel(6).orElse(null);
    }

    /** Frees the four codecs' native memory. */
    @Override
    public void close() {
        for (ObjectCodec codec : new ObjectCodec[] {nativeL1, nativeL6, javaL1, javaL6}) {
            if (codec != null) {
                codec.close();
            }
        }
    }

    public List<Measurement> results() {
        return results;
    }

    public boolean nativeAvailable() {
        return nativeL1 != null;
    }

    private void both(String workload, String variant, long bytes, CodecOp op) throws Exception {
        if (nativeL1 != null) {
            results.add(harness.measure(workload, variant, "native", bytes, () -> op.run(nativeL1, nativeL6)));
        }
        results.add(harness.measure(workload, variant, "java", bytes, () -> op.run(javaL1, javaL6)));
    }

    @FunctionalInterface
    private interface CodecOp {
        long run(ObjectCodec level1, ObjectCodec level6) throws Exception;
    }

    /** Source-code-like text: the test data of W0-W5 (also used by the JMH suite). */
    public static byte[] text(int size, long seed) {
        String[] words = {"public", "static", "final", "int", "return", "if", "(x", "!=", "null)", "{", "}", ";",
            "\n", "    ", "object", "tree", "commit", "hash", "= 0;", "for", "//", "the", "byte[]", "String"};
        Random random = new Random(seed);
        StringBuilder sb = new StringBuilder(size + 16);
        while (sb.length() < size) {
            sb.append(words[random.nextInt(words.length)]).append(' ');
        }
        return sb.substring(0, size).getBytes(StandardCharsets.UTF_8);
    }

    static String label(int size) {
        if (size >= 1 << 20) {
            return (size >> 20) + " MiB";
        }
        return size >= 1024 ? (size >> 10) + " KiB" : size + " B";
    }

    /** W0: what crossing the FFM boundary costs. */
    public void w0() throws Exception {
        if (nativeL1 == null) {
            return;
        }
        try (NativeProbes probes = NativeProbes.create(1 << 20)) {
            results.add(harness.measure("W0 empty downcall", "pgit_abi_version", "native", 0, probes::emptyCall));
            for (int size : new int[] {0, 200, 8192, 1 << 20}) {
                byte[] data = text(size, size);
                byte[] out = new byte[20];
                results.add(harness.measure("W0 heap, critical", label(size), "native", size,
                        () -> probes.hashHeap(data, out)));
                results.add(harness.measure("W0 copy to native", label(size), "native", size,
                        () -> probes.hashCopied(data, out)));
            }
        }
    }

    /** W1: hashing throughput; SHA-1 as ids are hashed (collision detection on, unless switched off), and plain. */
    public void w1() throws Exception {
        int[] sizes = quick ? new int[] {64, 1024, 65536, 1 << 20} : new int[] {64, 1024, 65536, 1 << 20, 64 << 20};
        String detecting = CollisionDetection.enabled() ? " (detecting)" : "";
        for (ObjectFormat format : ObjectFormat.values()) {
            for (int size : sizes) {
                byte[] data = text(size, 7);
                both("W1 " + format.digestAlgorithm() + (format == ObjectFormat.SHA1 ? detecting : ""), label(size), size,
                        (c1, c6) -> c1.digest(format, data, 0, size)[0]);
                if (format == ObjectFormat.SHA1) {
                    MemorySegment segment = MemorySegment.ofArray(data);
                    both("W1 SHA-1 plain", label(size), size, (c1, c6) -> {
                        PackCodec.Checksum checksum = c1.pack().checksum(format, false);
                        checksum.update(segment);
                        return checksum.finish()[0];
                    });
                }
            }
        }
    }

    /** W2: compression (encode = deflate + hash) and decompression (decode without the id check). */
    public void w2() throws Exception {
        for (int size : new int[] {200, 1024, 8192, 1 << 20}) {
            byte[] data = text(size, 11);
            both("W2 deflate L1", label(size), size,
                    (c1, c6) -> c1.encode(ObjectFormat.SHA1, ObjectType.BLOB, data, 0, size).compressed().length);
            both("W2 deflate L6", label(size), size,
                    (c1, c6) -> c6.encode(ObjectFormat.SHA1, ObjectType.BLOB, data, 0, size).compressed().length);
            byte[] z = javaL6.encode(ObjectFormat.SHA1, ObjectType.BLOB, data, 0, size).compressed();
            both("W2 inflate", label(size), size,
                    (c1, c6) -> c1.decode(ObjectFormat.SHA1, z, 0, z.length, null).content().length);
        }
    }

    /** The compression ratios behind W2: compressed / raw, per backend and level. */
    public List<String[]> ratios() {
        List<String[]> rows = new ArrayList<>();
        for (int size : new int[] {200, 1024, 8192, 1 << 20}) {
            byte[] data = text(size, 11);
            String[] row = new String[5];
            row[0] = label(size);
            ObjectCodec[] codecs = {nativeL1, nativeL6, javaL1, javaL6};
            for (int i = 0; i < codecs.length; i++) {
                row[i + 1] = codecs[i] == null ? "-" : String.format("%.3f",
                        codecs[i].encode(ObjectFormat.SHA1, ObjectType.BLOB, data, 0, size).compressed().length
                                / (double) size);
            }
            rows.add(row);
        }
        return rows;
    }

    /** The panagit source tree at or above {@code start}, or null (W3 uses its files when there is one). */
    public static Path findSourceTree(Path start) {
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("native/include")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        return null;
    }

    /**
     * A realistic object set (W3): every file of the source tree at {@code sourceTree} (when it is
     * one), else generated text, plus ten random binaries.
     */
    public static List<byte[]> objectSet(Path sourceTree) throws IOException {
        List<byte[]> objects = new ArrayList<>();
        if (sourceTree != null && Files.isDirectory(sourceTree.resolve("native"))) {
            try (Stream<Path> walk = Files.walk(sourceTree)) {
                for (Path p : walk.filter(Files::isRegularFile)
                        .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
                        .sorted().toList()) {
                    objects.add(Files.readAllBytes(p));
                }
            }
        }
        if (objects.isEmpty()) {
            Random random = new Random(3);
            for (int i = 0; i < 150; i++) {
                objects.add(text(200 + random.nextInt(20_000), i));
            }
        }
        Random random = new Random(5);
        for (int i = 0; i < 10; i++) {
            byte[] binary = new byte[1000 + random.nextInt(200_000)];
            random.nextBytes(binary);
            objects.add(binary);
        }
        return objects;
    }

    /** W3: encoding and decoding a set of objects in memory (objects per second). */
    public void w3() throws Exception {
        List<byte[]> set = objectSet(sourceTree);
        long total = set.stream().mapToLong(b -> b.length).sum();
        String variant = set.size() + " objects, " + String.format("%.1f MB", total / 1e6);
        both("W3 encode set", variant, total, (c1, c6) -> {
            long n = 0;
            for (byte[] o : set) {
                n += c1.encode(ObjectFormat.SHA1, ObjectType.BLOB, o, 0, o.length).compressed().length;
            }
            return n;
        });
        List<EncodedObject> encoded = new ArrayList<>();
        for (byte[] o : set) {
            encoded.add(javaL1.encode(ObjectFormat.SHA1, ObjectType.BLOB, o, 0, o.length));
        }
        both("W3 decode+verify set", variant, total, (c1, c6) -> {
            long n = 0;
            for (EncodedObject e : encoded) {
                n += c1.decode(ObjectFormat.SHA1, e.compressed(), 0, e.compressed().length, e.id()).content().length;
            }
            return n;
        });
    }

    /** W4: writing loose objects to disk, and git doing the same as a whole process. */
    public void w4(Path scratch) throws Exception {
        int count = quick ? 300 : 2000;
        Path files = Files.createDirectories(scratch.resolve("w4-files"));
        List<Path> paths = new ArrayList<>();
        Random random = new Random(9);
        long total = 0;
        for (int i = 0; i < count; i++) {
            byte[] content = text(100 + random.nextInt(8000), 1000 + i);
            Path p = files.resolve("f" + i + ".txt");
            Files.write(p, content);
            paths.add(p);
            total += content.length;
        }
        String variant = count + " files";
        int[] round = {0};
        both("W4 hash-object -w", variant, total, (c1, c6) -> {
            Path repoDir = scratch.resolve("w4-repo-" + round[0]++);
            Repository repo = Repository.init(repoDir, ObjectFormat.SHA1, "master", c1).repository();
            for (Path p : paths) {
                repo.objects().insert(ObjectType.BLOB, Files.readAllBytes(p));
            }
            deleteTree(repoDir);
            return count;
        });
        String stdin = String.join("\n", paths.stream().map(Path::toString).toList()) + "\n";
        try {
            results.add(harness.measure("W4 hash-object -w", variant, "git", total, () -> {
                Path repoDir = scratch.resolve("w4-git-" + round[0]++);
                Files.createDirectories(repoDir);
                run(repoDir, null, "git", "init", "-q");
                run(repoDir, stdin, "git", "hash-object", "-w", "--stdin-paths");
                deleteTree(repoDir);
                return count;
            }));
        } catch (IOException e) {
            // git not installed: no whole-process comparison
        }
    }

    private static void run(Path dir, String stdin, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        p.getInputStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed");
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** W5: many small objects, hashed in one batch call, one call each, or in Java. */
    public void w5() throws Exception {
        int count = 1000;
        int size = 200;
        byte[] all = text(count * size, 13);
        int[] lengths = new int[count];
        java.util.Arrays.fill(lengths, size);
        String variant = count + " x " + size + " B";
        if (nativeL1 != null) {
            results.add(harness.measure("W5 hash many", variant + ", batch", "native", (long) count * size,
                    () -> nativeL1.hashObjects(ObjectFormat.SHA1, ObjectType.BLOB, all, lengths).length));
            results.add(harness.measure("W5 hash many", variant + ", per call", "native", (long) count * size, () -> {
                long n = 0;
                for (int i = 0; i < count; i++) {
                    n += nativeL1.hashObject(ObjectFormat.SHA1, ObjectType.BLOB, all, i * size, size).hashCode();
                }
                return n;
            }));
        }
        results.add(harness.measure("W5 hash many", variant + ", batch", "java", (long) count * size,
                () -> javaL1.hashObjects(ObjectFormat.SHA1, ObjectType.BLOB, all, lengths).length));
    }
}
