package dev.panagit.bench.jmh;

import dev.panagit.lib.ObjectCodec;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.PackCodec;
import java.lang.foreign.MemorySegment;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.util.sha1.SHA1;
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

/**
 * W1, SHA-1 with collision detection: libpanagit and the Java twin against JGit's {@code SHA1}
 * (pure Java, detecting, as JGit computes ids) and, for reference, plain SHA-1 (libpanagit without
 * detection, and {@link MessageDigest}'s intrinsic). The raw digest of {@code size} bytes; inputs
 * of up to 1 MiB rotate through 64 different ones, since how often a block needs the
 * recompression test depends on its bytes (about one block in twenty on text or random data).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Thread)
public class W1CollisionDetection {
    @Param({"native", "java", "jgit", "native-plain", "messagedigest-plain"})
    String impl;

    @Param({"200", "8192", "1048576", "67108864"})
    int size;

    ObjectCodec codec;
    MessageDigest plain;
    byte[][] inputs;
    MemorySegment[] segments;
    int next;

    @Setup
    public void setup() throws Exception {
        int count = size <= (1 << 20) ? 64 : 1;
        inputs = new byte[count][];
        segments = new MemorySegment[count];
        for (int i = 0; i < count; i++) {
            inputs[i] = Codecs.text(size, 3 + i);
            segments[i] = MemorySegment.ofArray(inputs[i]);
        }
        switch (impl) {
            case "native", "native-plain" -> codec = Codecs.named("native", 1);
            case "java" -> codec = Codecs.named("java", 1);
            case "messagedigest-plain" -> plain = MessageDigest.getInstance("SHA-1");
            case "jgit" -> {
            }
            default -> throw new IllegalArgumentException(impl);
        }
    }

    @Benchmark
    public byte[] digest() {
        int i = next;
        next = i + 1 == inputs.length ? 0 : i + 1;
        return switch (impl) {
            case "native", "java" -> hash(segments[i], true);
            case "native-plain" -> hash(segments[i], false);
            case "messagedigest-plain" -> plain.digest(inputs[i]);
            default -> jgit(inputs[i]);
        };
    }

    private static byte[] jgit(byte[] data) {
        SHA1 sha1 = SHA1.newInstance();
        sha1.update(data);
        return sha1.digest();
    }

    private byte[] hash(MemorySegment data, boolean detect) {
        PackCodec.Checksum checksum = codec.pack().checksum(ObjectFormat.SHA1, detect);
        checksum.update(data);
        return checksum.finish();
    }

    @TearDown(Level.Trial)
    public void closeCodec() {
        if (codec != null) {
            codec.close();
        }
    }
}
