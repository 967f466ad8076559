package dev.panagit.bench.jmh;

import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.ObjectCodec;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectType;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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

/** W2: deflate (as object encode) and inflate (as decode without the id check), with compression ratios. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Thread)
public class W2Compression {
    @Param({"native", "java"})
    String backend;

    @Param({"1", "6"})
    int level;

    @Param({"200", "1024", "8192", "1048576"})
    int size;

    ObjectCodec codec;
    byte[] data;
    byte[] compressed;

    /** The compression ratio (compressed / raw), reported beside the times. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Ratio {
        public double ratioPercent;
    }

    @Setup
    public void setup() {
        codec = Codecs.named(backend, level);
        data = Codecs.text(size, 3);
        compressed = codec.encode(ObjectFormat.SHA1, ObjectType.BLOB, data, 0, size).compressed();
    }

    @Benchmark
    public int deflate(Ratio ratio) {
        int n = codec.encode(ObjectFormat.SHA1, ObjectType.BLOB, data, 0, data.length).compressed().length;
        ratio.ratioPercent = 100.0 * n / data.length;
        return n;
    }

    @Benchmark
    public int inflate() throws CorruptObjectException {
        return codec.decode(ObjectFormat.SHA1, compressed, 0, compressed.length, null).content().length;
    }

    /** The codec's native memory goes back after each trial (a fork runs many). */
    @TearDown(Level.Trial)
    public void closeCodec() {
        codec.close();
    }
}
