package dev.panagit.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.codec.JavaObjectCodec;
import dev.panagit.lib.EncodedObject;
import dev.panagit.lib.ObjectCodec;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectType;
import dev.panagit.testing.TestBackends;
import dev.panagit.testing.TestData;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** auto: small work in Java without loading the library, large work native, same results either way. */
class AutoCodecTest {
    private final AtomicInteger probes = new AtomicInteger();
    private final ObjectCodec nativeCodec = TestBackends.nativeBackend().codec();
    private final AutoCodec auto = new AutoCodec(new JavaObjectCodec(1), () -> {
        probes.incrementAndGet();
        return Optional.of(nativeCodec);
    });

    @Test
    void smallWorkDoesNotLoadTheLibraryAndLargeWorkLoadsItOnce() throws Exception {
        byte[] small = TestData.text(5000, 1);
        EncodedObject encoded = auto.encode(ObjectFormat.SHA1, ObjectType.BLOB, small, 0, small.length);
        assertArrayEquals(small, auto.decode(ObjectFormat.SHA1, encoded.compressed(), 0, encoded.compressed().length,
                encoded.id()).content());
        assertEquals(nativeCodec.hashObject(ObjectFormat.SHA1, ObjectType.BLOB, small, 0, small.length),
                auto.hashObject(ObjectFormat.SHA1, ObjectType.BLOB, small, 0, small.length));
        assertEquals(0, probes.get(), "small work runs in Java: the library is not probed");
        assertFalse(auto.nativeLoaded());

        byte[] large = TestData.text(AutoCodec.LARGE + 100, 2);
        EncodedObject big = auto.encode(ObjectFormat.SHA1, ObjectType.BLOB, large, 0, large.length);
        assertEquals(1, probes.get(), "large work loads the library");
        assertTrue(auto.nativeLoaded());
        assertEquals(nativeCodec.hashObject(ObjectFormat.SHA1, ObjectType.BLOB, large, 0, large.length), big.id());
        auto.decode(ObjectFormat.SHA1, encoded.compressed(), 0, encoded.compressed().length, encoded.id());
        auto.encode(ObjectFormat.SHA1, ObjectType.BLOB, large, 0, large.length);
        assertEquals(1, probes.get(), "probed once");
        assertEquals("native", auto.backendName());
    }

    @Test
    void smallWorkThatAddsUpLoadsTheLibraryOnce() throws Exception {
        byte[] small = TestData.text(64 * 1024, 4);
        EncodedObject encoded = auto.encode(ObjectFormat.SHA1, ObjectType.BLOB, small, 0, small.length);
        long done = small.length;
        while (done + 2L * small.length < AutoCodec.SMALL_WORK_BUDGET) {
            auto.hashObject(ObjectFormat.SHA1, ObjectType.BLOB, small, 0, small.length);
            done += small.length;
        }
        assertEquals(0, probes.get(), "under the budget: Java, the library not probed (" + done + " bytes)");
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(small, auto.decode(ObjectFormat.SHA1, encoded.compressed(), 0,
                    encoded.compressed().length, encoded.id()).content());
        }
        assertEquals(1, probes.get(), "past it the library is loaded");
        assertTrue(auto.nativeLoaded());
        for (int i = 0; i < 200; i++) {
            auto.hashObject(ObjectFormat.SHA1, ObjectType.BLOB, small, 0, small.length);
        }
        assertEquals(1, probes.get(), "probed once");
        AutoCodec javaOnly = new AutoCodec(new JavaObjectCodec(1), () -> {
            probes.incrementAndGet();
            return Optional.empty();
        });
        for (long n = 0; n < 2 * AutoCodec.SMALL_WORK_BUDGET; n += small.length) {
            javaOnly.hashObject(ObjectFormat.SHA1, ObjectType.BLOB, small, 0, small.length);
        }
        assertEquals(2, probes.get(), "without the library: probed once, then Java without counting");
        assertEquals("java", javaOnly.backendName());
    }

    @Test
    void withoutTheLibraryEverythingRunsInJava() throws Exception {
        AutoCodec javaOnly = new AutoCodec(new JavaObjectCodec(1), Optional::empty);
        byte[] large = TestData.text(AutoCodec.LARGE + 1, 3);
        EncodedObject big = javaOnly.encode(ObjectFormat.SHA1, ObjectType.BLOB, large, 0, large.length);
        assertArrayEquals(large, javaOnly.decode(ObjectFormat.SHA1, big.compressed(), 0, big.compressed().length,
                big.id()).content());
        assertEquals("java", javaOnly.backendName());
    }
}
