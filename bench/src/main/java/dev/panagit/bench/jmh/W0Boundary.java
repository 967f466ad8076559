package dev.panagit.bench.jmh;

import dev.panagit.nativeaccess.NativeProbes;
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
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/** W0: the cost of crossing the FFM boundary. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Thread)
public class W0Boundary {
    @Param({"0", "200", "8192", "1048576"})
    int size;

    NativeProbes probes;
    byte[] data;
    byte[] out = new byte[20];

    @Setup(Level.Trial)
    public void setup() throws Exception {
        probes = NativeProbes.create(1 << 20);
        data = Codecs.text(size, 1);
    }

    @TearDown(Level.Trial)
    public void close() {
        probes.close();
    }

    /** The harness alone: what a benchmark that does nothing costs, to read the others against. */
    @Benchmark
    public int baseline() {
        return size;
    }

    @Benchmark
    public int emptyDowncall() {
        return probes.emptyCall();
    }

    @Benchmark
    public int heapArrayCritical() {
        return probes.hashHeap(data, out);
    }

    @Benchmark
    public int copyIntoNativeSegment() {
        return probes.hashCopied(data, out);
    }
}
