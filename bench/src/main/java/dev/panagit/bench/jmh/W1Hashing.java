package dev.panagit.bench.jmh;

import dev.panagit.lib.ObjectCodec;
import dev.panagit.lib.ObjectFormat;
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

/** W1: SHA-1 and SHA-256, native against MessageDigest. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Thread)
public class W1Hashing {
    @Param({"native", "java"})
    String backend;

    @Param({"SHA1", "SHA256"})
    ObjectFormat format;

    @Param({"64", "1024", "65536", "1048576", "67108864"})
    int size;

    ObjectCodec codec;
    byte[] data;

    @Setup
    public void setup() {
        codec = Codecs.named(backend, 1);
        data = Codecs.text(size, 2);
    }

    @Benchmark
    public byte[] digest() {
        return codec.digest(format, data, 0, data.length);
    }

    /** The codec's native memory goes back after each trial (a fork runs many). */
    @TearDown(Level.Trial)
    public void closeCodec() {
        codec.close();
    }
}
