package dev.panagit.bench.jmh;

import dev.panagit.lib.ObjectCodec;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectType;
import dev.panagit.repo.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** W4: writing a few thousand loose objects to disk (hash-object -w); panagit's backends and JGit's inserter. */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Thread)
public class W4LooseObjects {
    @Param({"native", "java", "jgit"})
    String backend;

    @Param({"2000"})
    int files;

    List<byte[]> contents = new ArrayList<>();
    Path dir;
    ObjectCodec codec;

    @Setup(Level.Trial)
    public void data() {
        Random random = new Random(9);
        for (int i = 0; i < files; i++) {
            contents.add(Codecs.text(100 + random.nextInt(8000), 1000 + i));
        }
        codec = Codecs.named(backend.equals("jgit") ? "java" : backend, 1);
    }

    @Setup(Level.Invocation)
    public void freshRepository() throws IOException {
        dir = Files.createTempDirectory("panagit-w4-");
    }

    @TearDown(Level.Invocation)
    public void remove() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public int writeLooseObjects() throws IOException {
        if (backend.equals("jgit")) {
            try (org.eclipse.jgit.lib.Repository repo = new FileRepositoryBuilder().setGitDir(dir.resolve(".git").toFile())
                    .build()) {
                repo.create();
                try (ObjectInserter inserter = repo.newObjectInserter()) {
                    for (byte[] c : contents) {
                        inserter.insert(Constants.OBJ_BLOB, c);
                    }
                    inserter.flush();
                }
            }
            return contents.size();
        }
        Repository repo = Repository.init(dir, ObjectFormat.SHA1, "master", codec).repository();
        for (byte[] c : contents) {
            repo.objects().insert(ObjectType.BLOB, c);
        }
        return contents.size();
    }

    /** The codec's native memory goes back after each trial (a fork runs many). */
    @TearDown(Level.Trial)
    public void closeCodec() {
        codec.close();
    }
}
