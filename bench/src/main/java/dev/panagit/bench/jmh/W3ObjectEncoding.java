package dev.panagit.bench.jmh;

import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.EncodedObject;
import dev.panagit.lib.ObjectCodec;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
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

/** W3: hash + deflate a realistic object set in memory, and the reverse (inflate + verify); JGit for reference. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Thread)
public class W3ObjectEncoding {
    @Param({"native", "java", "jgit"})
    String backend;

    ObjectCodec codec;
    List<byte[]> objects;
    List<EncodedObject> encoded = new ArrayList<>();
    final ObjectInserter.Formatter jgitFormatter = new ObjectInserter.Formatter();
    final Deflater jgitDeflater = new Deflater(1);

    @Setup
    public void setup() throws IOException {
        objects = ObjectSet.load();
        codec = Codecs.named(backend.equals("jgit") ? "java" : backend, 1);
        for (byte[] o : objects) {
            encoded.add(codec.encode(ObjectFormat.SHA1, ObjectType.BLOB, o, 0, o.length));
        }
    }

    @Benchmark
    public long encodeSet() throws IOException {
        long n = 0;
        if (backend.equals("jgit")) {
            // JGit's way: its SHA-1 (with collision detection) for the id, java.util.zip for the bytes.
            for (byte[] o : objects) {
                n += jgitFormatter.idFor(Constants.OBJ_BLOB, o).hashCode();
                ByteArrayOutputStream out = new ByteArrayOutputStream(o.length / 2 + 64);
                jgitDeflater.reset();
                try (DeflaterOutputStream z = new DeflaterOutputStream(out, jgitDeflater, 8192)) {
                    z.write(Constants.encodedTypeString(Constants.OBJ_BLOB));
                    z.write(' ');
                    z.write(Constants.encodeASCII(o.length));
                    z.write(0);
                    z.write(o);
                }
                n += out.size();
            }
            return n;
        }
        for (byte[] o : objects) {
            n += codec.encode(ObjectFormat.SHA1, ObjectType.BLOB, o, 0, o.length).compressed().length;
        }
        return n;
    }

    @Benchmark
    public long decodeAndVerifySet() throws CorruptObjectException {
        long n = 0;
        for (EncodedObject e : encoded) {
            n += codec.decode(ObjectFormat.SHA1, e.compressed(), 0, e.compressed().length, e.id()).content().length;
        }
        return n;
    }

    /** The codec's native memory goes back after each trial (a fork runs many). */
    @TearDown(Level.Trial)
    public void closeCodec() {
        codec.close();
    }
}
