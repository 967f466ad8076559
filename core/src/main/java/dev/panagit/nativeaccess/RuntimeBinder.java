package dev.panagit.nativeaccess;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Binds libpanagit from what it says about itself, with no generated code: reads
 * {@code pgit_describe}, builds a {@link FunctionDescriptor} from each signature string and a
 * downcall handle from each symbol. The jextract bindings are the compiled-in way to the same
 * functions; a test proves the two agree function by function.
 */
public final class RuntimeBinder {
    /** {@code pgit_describe}'s own shape, by convention: the one signature a binder must know. */
    static final String DESCRIBE_SIGNATURE = "i32(ptr,ptr,i32)";
    private static final int MAX_FUNCTIONS = 4096;

    /** One function bound at run time. */
    public record BoundFunction(String name, String signature, FunctionDescriptor descriptor, MethodHandle handle) {
    }

    private RuntimeBinder() {
    }

    /** Binds the library at {@code path}, loaded into {@code arena} (closing it unloads the library). */
    public static Map<String, BoundFunction> bindLibrary(Path path, Arena arena) throws NativeUnavailableException {
        SymbolLookup lookup;
        try {
            lookup = SymbolLookup.libraryLookup(path, arena);
        } catch (IllegalArgumentException e) {
            throw new NativeUnavailableException("cannot open " + path + ": " + e.getMessage(), e);
        }
        return bind(lookup, path.toString());
    }

    /** Binds every function described by the library behind {@code lookup}. */
    public static Map<String, BoundFunction> bind(SymbolLookup lookup, String libraryName)
            throws NativeUnavailableException {
        Linker linker = Linker.nativeLinker();
        MemorySegment describeAddress = lookup.find("pgit_describe").orElseThrow(() -> new NativeUnavailableException(
                libraryName + " does not export pgit_describe: it cannot describe itself"));
        MethodHandle describe = linker.downcallHandle(describeAddress, NativeSignatures.parse(DESCRIBE_SIGNATURE));

        Map<String, BoundFunction> bound = new LinkedHashMap<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocate(ValueLayout.ADDRESS);
            MemorySegment signature = arena.allocate(ValueLayout.ADDRESS);
            for (int i = 0; i < MAX_FUNCTIONS; i++) {
                int rc = (int) describe.invokeExact(name, signature, i);
                if (rc != 0) {
                    break;
                }
                String functionName = NativeCore.cString(name.get(ValueLayout.ADDRESS, 0));
                String functionSignature = NativeCore.cString(signature.get(ValueLayout.ADDRESS, 0));
                FunctionDescriptor descriptor;
                try {
                    descriptor = NativeSignatures.parse(functionSignature);
                } catch (IllegalArgumentException e) {
                    throw new NativeUnavailableException(libraryName + " describes " + functionName + " badly: "
                            + e.getMessage(), e);
                }
                Optional<MemorySegment> address = lookup.find(functionName);
                if (address.isEmpty()) {
                    throw new NativeUnavailableException(libraryName + " describes " + functionName
                            + " but does not export it");
                }
                bound.put(functionName, new BoundFunction(functionName, functionSignature, descriptor,
                        linker.downcallHandle(address.get(), descriptor)));
            }
        } catch (NativeUnavailableException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("calling pgit_describe failed", t);
        }
        BoundFunction self = bound.get("pgit_describe");
        if (self != null && !self.signature().equals(DESCRIBE_SIGNATURE)) {
            throw new NativeUnavailableException(libraryName + " describes pgit_describe as " + self.signature()
                    + ", not " + DESCRIBE_SIGNATURE);
        }
        return Collections.unmodifiableMap(bound);
    }

    /**
     * Binds the library this JVM loaded (see {@link NativeAccess}) from its descriptions and returns
     * name to signature, in the library's order.
     */
    public static Map<String, String> describeLoadedLibrary() throws NativeUnavailableException {
        NativeAccess.status().codec().orElseThrow(() -> new NativeUnavailableException(
                NativeAccess.status().unavailableReason().orElse("native library unavailable")));
        Map<String, String> signatures = new LinkedHashMap<>();
        bind(SymbolLookup.loaderLookup(), "libpanagit").forEach((name, f) -> signatures.put(name, f.signature()));
        return Collections.unmodifiableMap(signatures);
    }

    /** The same functions through the generated bindings, name to descriptor (for comparison). */
    public static Map<String, FunctionDescriptor> generatedDescriptors() {
        return GeneratedBindings.descriptors();
    }
}
