package dev.panagit.cli;

import dev.panagit.backend.BackendChoice;
import dev.panagit.bench.Workloads;
import dev.panagit.codec.JavaObjectCodec;
import dev.panagit.lib.ObjectCodec;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.nativeaccess.NativeAccess;
import dev.panagit.repo.Repository;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The guided tour: a fresh repository, objects stored and explained, git as referee, a quick race. */
final class TourCommand implements Command {
    boolean keep;

    private PrintStream out;

    @Override
    public String name() {
        return "tour";
    }

    @Override
    public String description() {
        return "A guided tour of panagit's object core in a fresh temporary repository.";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Flag keepOption = args.flag("--keep", "keep the tour's repository instead of deleting it");
        args.parse();
        keep = keepOption.on();
        out = io.out();
        BackendChoice choice = io.backend();
        Path dir = Files.createTempDirectory("panagit-tour-");
        try {
            step("1. Which object core runs");
            out.println("   backend: " + choice.backendName()
                    + choice.fallbackReason().map(r -> " (fell back: " + r + ")").orElse(" (libpanagit via the FFM API)"));
            out.println("   (force one with PANAGIT_BACKEND=java|native, or see 'panagit version')");

            step("2. panagit init");
            Repository repo = io.own(Repository.init(dir, ObjectFormat.SHA1, "master", choice.codec()).repository());
            out.println("   created " + repo.gitDir() + " (HEAD, config, objects/, refs/)");

            step("3. panagit hash-object -w: store three blobs");
            byte[] hello = "hello\n".getBytes(StandardCharsets.UTF_8);
            ObjectId helloId = repo.objects().insert(ObjectType.BLOB, hello);
            out.println("   " + helloId.name() + "  \"hello\\n\" (git's id for it is ce013625030ba8dba906f756967f9e9ca394464a)");
            byte[] text = Workloads.text(4000, 1);
            ObjectId textId = repo.objects().insert(ObjectType.BLOB, text);
            out.println("   " + textId.name() + "  " + text.length + " bytes of source-like text");
            byte[] binary = new byte[1 << 20];
            new Random(42).nextBytes(binary);
            ObjectId binaryId = repo.objects().insert(ObjectType.BLOB, binary);
            out.println("   " + binaryId.name() + "  1 MiB of random bytes");
            out.println("   writing an object that exists is skipped: hash first, then look, then compress");

            step("4. panagit explain " + helloId.abbreviate(7));
            ExplainCommand.explain(repo, repo.objects().open(helloId), out);

            step("5. real git reads what panagit wrote");
            refereeWithGit(dir, helloId);

            step("6. native against pure Java on the same work");
            race();

            step("Next");
            out.println("   panagit init | hash-object | cat-file | explain | version   (panagit <command> --help)");
            if (keep) {
                out.println("   the tour's repository is kept at " + dir);
            }
            return 0;
        } finally {
            if (!keep) {
                deleteTree(dir);
            }
        }
    }

    private void step(String title) {
        out.println();
        out.println("== " + title);
    }

    private void refereeWithGit(Path dir, ObjectId helloId) throws InterruptedException {
        try {
            String printed = run(dir, "git", "cat-file", "-p", helloId.name());
            out.println("   git cat-file -p " + helloId.abbreviate(7) + "  ->  " + printed.strip());
            String fsck = run(dir, "git", "fsck", "--strict");
            out.println("   git fsck --strict  ->  " + (fsck.startsWith("FAILED") ? fsck.strip() : "passed"));
            fsck.lines().forEach(line -> out.println("      " + line));
            out.println("   (dangling: no commit refers to these blobs yet; commits come with the history commands)");
        } catch (IOException e) {
            out.println("   git is not installed here (" + e.getMessage() + "): skipped");
        }
    }

    private static String run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            return "FAILED (exit " + (process.isAlive() ? "timeout" : process.exitValue()) + "): " + output;
        }
        return output;
    }

    private void race() {
        NativeAccess.Status status = NativeAccess.status();
        List<byte[]> sample = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 400; i++) {
            sample.add(Workloads.text(200 + random.nextInt(16_000), random.nextLong()));
        }
        long bytes = sample.stream().mapToLong(b -> b.length).sum();
        out.printf("   encode (hash + zlib) and decode %d objects, %.1f MB, level 1; median of 5 rounds%n",
                sample.size(), bytes / 1e6);
        double javaMs;
        try (ObjectCodec java = new JavaObjectCodec(NativeAccess.LOOSE_LEVEL)) {
            javaMs = time(java, sample);
        }
        out.printf("   java    %7.2f ms%n", javaMs);
        if (status.codec().isPresent()) {
            double nativeMs = time(status.codec().get(), sample);
            out.printf("   native  %7.2f ms   (%.2fx the speed of java)%n", nativeMs, javaMs / nativeMs);
        } else {
            out.println("   native  unavailable: " + status.unavailableReason().orElse("?"));
        }
        out.println("   a quick sample, not a benchmark: the JMH suite measures properly");
    }

    private static double time(ObjectCodec codec, List<byte[]> sample) {
        double[] rounds = new double[7];
        for (int r = 0; r < rounds.length; r++) {
            long start = System.nanoTime();
            for (byte[] content : sample) {
                var encoded = codec.encode(ObjectFormat.SHA1, ObjectType.BLOB, content, 0, content.length);
                try {
                    codec.decode(ObjectFormat.SHA1, encoded.compressed(), 0, encoded.compressed().length, encoded.id());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            rounds[r] = (System.nanoTime() - start) / 1e6;
        }
        double[] measured = Arrays.copyOfRange(rounds, 2, rounds.length);   // the first two warm up
        Arrays.sort(measured);
        return measured[measured.length / 2];
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                Files.deleteIfExists(p);
            }
        }
    }
}
