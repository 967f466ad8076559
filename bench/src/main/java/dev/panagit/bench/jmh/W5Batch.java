package dev.panagit.bench.jmh;

import dev.panagit.lib.ObjectCodec;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W5: many small objects: one batch call, one call per object, or pure Java; ids as panagit
 * computes them (SHA-1 with collision detection, unless {@code -Dpanagit.sha1dc=off} is passed to
 * the fork). {@link #messageDigestEach} is the reference: plain SHA-1 through {@link
 * MessageDigest}, one object at a time (what panagit did before detection, and what the batch
 * targets of issue 11 are measured against).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Thread)
public class W5Batch {
    @Param({"native", "java"})
    String backend;

    @Param({"1", "10", "100", "1000", "10000"})
    int count;

    @Param({"200"})
    int size;

    MessageDigest plain;

    ObjectCodec codec;
    byte[] all;
    int[] lengths;

    @Setup
    public void setup() {
        codec = Codecs.named(backend, 1);
        all = Codecs.text(count * size, 4);
        lengths = new int[count];
        Arrays.fill(lengths, size);
        try {
            plain = MessageDigest.getInstance("SHA-1");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Benchmark
    public long messageDigestEach() {
        byte[] header = ("blob " + size + "\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        long n = 0;
        for (int i = 0; i < count; i++) {
            plain.update(header);
            plain.update(all, i * size, size);
            n += plain.digest()[0];
        }
        return n;
    }

    @Benchmark
    public ObjectId[] batch() {
        return codec.hashObjects(ObjectFormat.SHA1, ObjectType.BLOB, all, lengths);
    }

    @Benchmark
    public long oneCallEach() {
        long n = 0;
        for (int i = 0; i < count; i++) {
            n += codec.hashObject(ObjectFormat.SHA1, ObjectType.BLOB, all, i * size, size).hashCode();
        }
        return n;
    }

    /** The codec's native memory goes back after each trial (a fork runs many). */
    @TearDown(Level.Trial)
    public void closeCodec() {
        codec.close();
    }
}
