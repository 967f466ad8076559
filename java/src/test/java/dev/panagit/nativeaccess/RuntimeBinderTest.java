package dev.panagit.nativeaccess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.nativeaccess.bindings.Panagit;
import dev.panagit.testing.NativeBuild;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runtime binder (pgit_describe alone) against the jextract bindings, function by function. */
class RuntimeBinderTest {
    private static Map<String, RuntimeBinder.BoundFunction> boundToTheLoadedLibrary() throws Exception {
        NativeAccess.status().codec().orElseThrow();   // loads libpanagit into this class loader
        return RuntimeBinder.bind(SymbolLookup.loaderLookup(), "the loaded libpanagit");
    }

    @Test
    void sameFunctionsAndLayoutsAsTheGeneratedBindings() throws Exception {
        Map<String, RuntimeBinder.BoundFunction> bound = boundToTheLoadedLibrary();
        Map<String, FunctionDescriptor> generated = RuntimeBinder.generatedDescriptors();
        assertEquals(generated.keySet(), bound.keySet());
        for (Map.Entry<String, FunctionDescriptor> entry : generated.entrySet()) {
            RuntimeBinder.BoundFunction function = bound.get(entry.getKey());
            assertTrue(NativeSignatures.compatible(function.descriptor(), entry.getValue()),
                    entry.getKey() + ": " + function.signature() + " vs " + NativeSignatures.format(entry.getValue()));
        }
    }

    @Test
    void sameResultsOnTheSameInputs() throws Throwable {
        Map<String, RuntimeBinder.BoundFunction> bound = boundToTheLoadedLibrary();
        assertEquals(Panagit.pgit_abi_version(), (int) bound.get("pgit_abi_version").handle().invokeExact());
        assertEquals(NativeCore.cString(Panagit.pgit_version()),
                NativeCore.cString((MemorySegment) bound.get("pgit_version").handle().invokeExact()));
        assertEquals(NativeCore.cString(Panagit.pgit_strerror(-5)),
                NativeCore.cString((MemorySegment) bound.get("pgit_strerror").handle().invokeExact(-5)));
        assertEquals(Panagit.pgit_object_encode_bound(12345L),
                (long) bound.get("pgit_object_encode_bound").handle().invokeExact(12345L));
        assertEquals(Panagit.pgit_hash_state_size(), (long) bound.get("pgit_hash_state_size").handle().invokeExact());

        byte[] data = "what the library says about itself".getBytes(StandardCharsets.UTF_8);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment input = arena.allocateFrom(ValueLayout.JAVA_BYTE, data);
            for (int algo = 1; algo <= 2; algo++) {
                MemorySegment viaBindings = arena.allocate(32);
                MemorySegment viaBinder = arena.allocate(32);
                assertEquals(0, Panagit.pgit_hash(viaBindings, algo, input, data.length));
                assertEquals(0, (int) bound.get("pgit_hash").handle().invokeExact(viaBinder, algo, input,
                        (long) data.length));
                assertArrayEquals(viaBindings.toArray(ValueLayout.JAVA_BYTE), viaBinder.toArray(ValueLayout.JAVA_BYTE));
            }

            // A whole object through both, each with a codec it made itself: same id, same bytes.
            MemorySegment codecs = arena.allocate(ValueLayout.ADDRESS, 2);
            assertEquals(0, Panagit.pgit_codec_new(codecs, 1));
            assertEquals(0, (int) bound.get("pgit_codec_new").handle().invokeExact(
                    codecs.asSlice(ValueLayout.ADDRESS.byteSize()), 1));
            long cap = Panagit.pgit_object_encode_bound(data.length);
            byte[][] results = new byte[2][];
            for (int i = 0; i < 2; i++) {
                MemorySegment id = arena.allocate(20);
                MemorySegment out = arena.allocate(cap);
                MemorySegment outLen = arena.allocate(ValueLayout.JAVA_LONG);
                MemorySegment codec = codecs.getAtIndex(ValueLayout.ADDRESS, i);
                int rc = i == 0
                        ? Panagit.pgit_object_encode(id, out, cap, outLen, codec, 1, 3, input, data.length)
                        : (int) bound.get("pgit_object_encode").handle().invokeExact(id, out, cap, outLen, codec, 1, 3,
                                input, (long) data.length);
                assertEquals(0, rc);
                long n = outLen.get(ValueLayout.JAVA_LONG, 0);
                results[i] = concat(id.toArray(ValueLayout.JAVA_BYTE), out.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE));
            }
            assertArrayEquals(results[0], results[1]);
            Panagit.pgit_codec_free(codecs.getAtIndex(ValueLayout.ADDRESS, 0));
            bound.get("pgit_codec_free").handle().invokeExact(codecs.getAtIndex(ValueLayout.ADDRESS, 1));
        }
    }

    @Test
    void bindsALibraryByPath() throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            Map<String, RuntimeBinder.BoundFunction> bound = RuntimeBinder.bindLibrary(NativeBuild.library(), arena);
            assertEquals("i32(ptr,i32,ptr,size)", bound.get("pgit_hash").signature());
        }
    }

    @Test
    void aLibraryThatDescribesWhatItDoesNotExportIsAClearError() {
        try (Arena arena = Arena.ofConfined()) {
            NativeUnavailableException e = assertThrows(NativeUnavailableException.class,
                    () -> RuntimeBinder.bindLibrary(NativeBuild.brokenLibrary(), arena));
            assertTrue(e.getMessage().endsWith("describes pgit_missing but does not export it"), e.getMessage());
        }
        try (Arena arena = Arena.ofConfined()) {
            NativeUnavailableException e = assertThrows(NativeUnavailableException.class,
                    () -> RuntimeBinder.bindLibrary(NativeBuild.repoRoot().resolve("no/such/libpanagit.so"), arena));
            assertTrue(e.getMessage().startsWith("cannot open "), e.getMessage());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
