package dev.panagit.nativeaccess;

import dev.panagit.nativeaccess.bindings.Panagit;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checks a loaded libpanagit must pass before any of its functions is bound: its ABI version,
 * and its self-description (every function of the bindings described with a compatible
 * signature, and exported). They cost two downcall handles, thirty calls and some string
 * compares (about 40 ms of a cold process); the other handles are built on first use
 * ({@link Downcalls}). The self-description check may be skipped for bytes that already passed it
 * against the same bindings ({@link NativeLibraryLoader.Loaded#checkedMarker()}); the ABI
 * version is always checked.
 */
final class NativeCore {
    private volatile Map<String, String> described;

    /** Checks the loaded library; the library must already be loaded. */
    NativeCore() throws NativeUnavailableException {
        this(false);
    }

    /**
     * Checks the loaded library's ABI version and, unless {@code describedBefore} (these bytes
     * passed against these bindings before), its self-description.
     */
    NativeCore(boolean describedBefore) throws NativeUnavailableException {
        if (ValueLayout.ADDRESS.byteSize() != 8) {
            throw new NativeUnavailableException("the native backend needs a 64-bit JVM");
        }
        int abi;
        try {
            abi = (int) Downcalls.AbiVersion.H.invokeExact();
        } catch (Throwable e) {
            throw new NativeUnavailableException("the loaded library has no pgit_abi_version: " + e, e);
        }
        if (abi != Panagit.PGIT_ABI_VERSION()) {
            throw new NativeUnavailableException("libpanagit ABI version " + abi + " does not match the "
                    + Panagit.PGIT_ABI_VERSION() + " this panagit was built for; rebuild or update the library");
        }
        if (!describedBefore) {
            described = readDescriptions();
            for (Map.Entry<String, FunctionDescriptor> binding : BindingSignatures.descriptors().entrySet()) {
                check(binding.getKey(), binding.getValue());
            }
        }
    }

    /** Every function the library describes, name to signature, in its order (read on first use). */
    Map<String, String> described() {
        Map<String, String> known = described;
        if (known == null) {
            try {
                known = readDescriptions();
            } catch (NativeUnavailableException e) {
                known = Map.of();
            }
            described = known;
        }
        return known;
    }

    /** A function the bindings declare must be described with a compatible signature, and exported. */
    private void check(String name, FunctionDescriptor bound) throws NativeUnavailableException {
        String signature = described.get(name);
        if (signature == null) {
            throw new NativeUnavailableException("libpanagit does not describe " + name
                    + "; it is not the library these bindings were generated for");
        }
        FunctionDescriptor claimed;
        try {
            claimed = NativeSignatures.parse(signature);
        } catch (IllegalArgumentException e) {
            throw new NativeUnavailableException("libpanagit describes " + name + " badly: " + e.getMessage(), e);
        }
        if (!NativeSignatures.compatible(claimed, bound)) {
            throw new NativeUnavailableException("libpanagit describes " + name + " as " + signature
                    + " but the bindings expect " + NativeSignatures.format(bound));
        }
        if (BindingSignatures.find(name).isEmpty()) {
            throw new NativeUnavailableException("libpanagit does not export " + name);
        }
    }

    private static Map<String, String> readDescriptions() throws NativeUnavailableException {
        Map<String, String> result = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocate(ValueLayout.ADDRESS);
            MemorySegment signature = arena.allocate(ValueLayout.ADDRESS);
            for (int i = 0; i < 4096; i++) {
                int rc = (int) Downcalls.Describe.H.invokeExact(name, signature, i);
                if (rc == Panagit.PGIT_ERANGE()) {
                    break;
                }
                if (rc != Panagit.PGIT_OK()) {
                    problems.add("pgit_describe(" + i + ") returned " + rc);
                    break;
                }
                result.put(cString(name.get(ValueLayout.ADDRESS, 0)), cString(signature.get(ValueLayout.ADDRESS, 0)));
            }
        } catch (Throwable e) {
            throw new NativeUnavailableException("the loaded library cannot describe itself (pgit_describe): " + e, e);
        }
        if (!problems.isEmpty()) {
            throw new NativeUnavailableException(String.join("; ", problems));
        }
        return java.util.Collections.unmodifiableMap(result);
    }

    /** Reads a NUL-terminated string the library owns. */
    static String cString(MemorySegment pointer) {
        return pointer.reinterpret(Long.MAX_VALUE).getString(0);
    }
}
