package dev.panagit.nativeaccess;

import dev.panagit.nativeaccess.bindings.Panagit;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The downcall handles of libpanagit, resolved once, after the library is loaded and has passed
 * the ABI and self-description checks.
 *
 * <p>Addresses and descriptors come from the jextract bindings; the handles are relinked with
 * {@link Linker.Option#critical(boolean) critical(true)} so calls take heap arrays directly
 * (no copy, no arena). Callers keep each call short (see {@link NativeObjectCodec#SLICE}).
 */
final class NativeCore {
    private static final Linker LINKER = Linker.nativeLinker();

    /** One bound function: its name, where it is and its shape according to the bindings. */
    private record Binding(String name, Supplier<MemorySegment> address, Supplier<FunctionDescriptor> descriptor) {
    }

    private static final List<Binding> BINDINGS = List.of(
            new Binding("pgit_version", Panagit::pgit_version$address, Panagit::pgit_version$descriptor),
            new Binding("pgit_abi_version", Panagit::pgit_abi_version$address, Panagit::pgit_abi_version$descriptor),
            new Binding("pgit_strerror", Panagit::pgit_strerror$address, Panagit::pgit_strerror$descriptor),
            new Binding("pgit_describe", Panagit::pgit_describe$address, Panagit::pgit_describe$descriptor),
            new Binding("pgit_hash_digest_size", Panagit::pgit_hash_digest_size$address,
                    Panagit::pgit_hash_digest_size$descriptor),
            new Binding("pgit_hash_impl", Panagit::pgit_hash_impl$address, Panagit::pgit_hash_impl$descriptor),
            new Binding("pgit_hash", Panagit::pgit_hash$address, Panagit::pgit_hash$descriptor),
            new Binding("pgit_hash_state_size", Panagit::pgit_hash_state_size$address,
                    Panagit::pgit_hash_state_size$descriptor),
            new Binding("pgit_hash_init", Panagit::pgit_hash_init$address, Panagit::pgit_hash_init$descriptor),
            new Binding("pgit_hash_update", Panagit::pgit_hash_update$address, Panagit::pgit_hash_update$descriptor),
            new Binding("pgit_hash_final", Panagit::pgit_hash_final$address, Panagit::pgit_hash_final$descriptor),
            new Binding("pgit_object_hash_batch", Panagit::pgit_object_hash_batch$address,
                    Panagit::pgit_object_hash_batch$descriptor),
            new Binding("pgit_codec_new", Panagit::pgit_codec_new$address, Panagit::pgit_codec_new$descriptor),
            new Binding("pgit_codec_free", Panagit::pgit_codec_free$address, Panagit::pgit_codec_free$descriptor),
            new Binding("pgit_object_encode_bound", Panagit::pgit_object_encode_bound$address,
                    Panagit::pgit_object_encode_bound$descriptor),
            new Binding("pgit_object_encode", Panagit::pgit_object_encode$address,
                    Panagit::pgit_object_encode$descriptor),
            new Binding("pgit_object_peek", Panagit::pgit_object_peek$address, Panagit::pgit_object_peek$descriptor),
            new Binding("pgit_object_decode", Panagit::pgit_object_decode$address,
                    Panagit::pgit_object_decode$descriptor),
            new Binding("pgit_encode_begin", Panagit::pgit_encode_begin$address, Panagit::pgit_encode_begin$descriptor),
            new Binding("pgit_encode_update", Panagit::pgit_encode_update$address,
                    Panagit::pgit_encode_update$descriptor),
            new Binding("pgit_encode_finish", Panagit::pgit_encode_finish$address,
                    Panagit::pgit_encode_finish$descriptor),
            new Binding("pgit_decode_begin", Panagit::pgit_decode_begin$address, Panagit::pgit_decode_begin$descriptor),
            new Binding("pgit_decode_begin_entry", Panagit::pgit_decode_begin_entry$address,
                    Panagit::pgit_decode_begin_entry$descriptor),
            new Binding("pgit_decode_update", Panagit::pgit_decode_update$address,
                    Panagit::pgit_decode_update$descriptor),
            new Binding("pgit_decode_finish", Panagit::pgit_decode_finish$address,
                    Panagit::pgit_decode_finish$descriptor),
            new Binding("pgit_pack_entry_header", Panagit::pgit_pack_entry_header$address,
                    Panagit::pgit_pack_entry_header$descriptor),
            new Binding("pgit_pack_inflate", Panagit::pgit_pack_inflate$address, Panagit::pgit_pack_inflate$descriptor),
            new Binding("pgit_delta_apply", Panagit::pgit_delta_apply$address, Panagit::pgit_delta_apply$descriptor),
            new Binding("pgit_pack_delta_resolve", Panagit::pgit_pack_delta_resolve$address,
                    Panagit::pgit_pack_delta_resolve$descriptor),
            new Binding("pgit_pack_scan", Panagit::pgit_pack_scan$address, Panagit::pgit_pack_scan$descriptor));

    private final Map<String, String> described;

    /** Checks the loaded library and binds it; the library must already be loaded. */
    NativeCore() throws NativeUnavailableException {
        if (ValueLayout.ADDRESS.byteSize() != 8) {
            throw new NativeUnavailableException("the native backend needs a 64-bit JVM");
        }
        int abi;
        try {
            abi = Panagit.pgit_abi_version();
        } catch (RuntimeException | LinkageError e) {
            throw new NativeUnavailableException("the loaded library has no pgit_abi_version: " + e, e);
        }
        if (abi != Panagit.PGIT_ABI_VERSION()) {
            throw new NativeUnavailableException("libpanagit ABI version " + abi + " does not match the "
                    + Panagit.PGIT_ABI_VERSION() + " this panagit was built for; rebuild or update the library");
        }
        described = readDescriptions();
        for (Binding binding : BINDINGS) {
            check(binding);
        }
        Handles.touch();
    }

    /** The functions of the generated bindings, name to descriptor, in the header's order. */
    static Map<String, FunctionDescriptor> generatedDescriptors() {
        Map<String, FunctionDescriptor> descriptors = new LinkedHashMap<>();
        for (Binding binding : BINDINGS) {
            descriptors.put(binding.name(), binding.descriptor().get());
        }
        return java.util.Collections.unmodifiableMap(descriptors);
    }

    /** Every function the library describes, name to signature, in its order. */
    Map<String, String> described() {
        return described;
    }

    private void check(Binding binding) throws NativeUnavailableException {
        String signature = described.get(binding.name());
        if (signature == null) {
            throw new NativeUnavailableException("libpanagit does not describe " + binding.name()
                    + "; it is not the library these bindings were generated for");
        }
        FunctionDescriptor bound = binding.descriptor().get();
        FunctionDescriptor claimed;
        try {
            claimed = NativeSignatures.parse(signature);
        } catch (IllegalArgumentException e) {
            throw new NativeUnavailableException("libpanagit describes " + binding.name() + " badly: " + e.getMessage(), e);
        }
        if (!NativeSignatures.compatible(claimed, bound)) {
            throw new NativeUnavailableException("libpanagit describes " + binding.name() + " as " + signature
                    + " but the bindings expect " + NativeSignatures.format(bound));
        }
        try {
            binding.address().get();
        } catch (RuntimeException | LinkageError e) {
            throw new NativeUnavailableException("libpanagit does not export " + binding.name(), e);
        }
    }

    /**
     * The downcall handles, in static finals so the JIT treats them as constants (an instance
     * field would cost an indirect call each time). Initialized on first use, which
     * {@link NativeCore}'s constructor makes sure comes after the library passed its checks.
     */
    static final class Handles {
        static final MethodHandle VERSION = criticalNoHeap(Panagit.pgit_version$address(), Panagit.pgit_version$descriptor());
        static final MethodHandle ABI_VERSION = criticalNoHeap(Panagit.pgit_abi_version$address(),
                Panagit.pgit_abi_version$descriptor());
        static final MethodHandle HASH_IMPL = criticalNoHeap(Panagit.pgit_hash_impl$address(), Panagit.pgit_hash_impl$descriptor());
        static final MethodHandle HASH = critical(Panagit.pgit_hash$address(), Panagit.pgit_hash$descriptor());
        static final MethodHandle HASH_STATE_SIZE = criticalNoHeap(Panagit.pgit_hash_state_size$address(),
                Panagit.pgit_hash_state_size$descriptor());
        static final MethodHandle HASH_INIT = critical(Panagit.pgit_hash_init$address(), Panagit.pgit_hash_init$descriptor());
        static final MethodHandle HASH_UPDATE = critical(Panagit.pgit_hash_update$address(),
                Panagit.pgit_hash_update$descriptor());
        static final MethodHandle HASH_FINAL = critical(Panagit.pgit_hash_final$address(),
                Panagit.pgit_hash_final$descriptor());
        static final MethodHandle HASH_BATCH = critical(Panagit.pgit_object_hash_batch$address(),
                Panagit.pgit_object_hash_batch$descriptor());
        static final MethodHandle CODEC_NEW = critical(Panagit.pgit_codec_new$address(), Panagit.pgit_codec_new$descriptor());
        static final MethodHandle ENCODE_BOUND = criticalNoHeap(Panagit.pgit_object_encode_bound$address(),
                Panagit.pgit_object_encode_bound$descriptor());
        static final MethodHandle ENCODE = critical(Panagit.pgit_object_encode$address(),
                Panagit.pgit_object_encode$descriptor());
        static final MethodHandle PEEK = critical(Panagit.pgit_object_peek$address(), Panagit.pgit_object_peek$descriptor());
        static final MethodHandle DECODE = critical(Panagit.pgit_object_decode$address(),
                Panagit.pgit_object_decode$descriptor());
        static final MethodHandle ENCODE_BEGIN = critical(Panagit.pgit_encode_begin$address(),
                Panagit.pgit_encode_begin$descriptor());
        static final MethodHandle ENCODE_UPDATE = critical(Panagit.pgit_encode_update$address(),
                Panagit.pgit_encode_update$descriptor());
        static final MethodHandle ENCODE_FINISH = critical(Panagit.pgit_encode_finish$address(),
                Panagit.pgit_encode_finish$descriptor());
        static final MethodHandle DECODE_BEGIN = critical(Panagit.pgit_decode_begin$address(),
                Panagit.pgit_decode_begin$descriptor());
        static final MethodHandle DECODE_UPDATE = critical(Panagit.pgit_decode_update$address(),
                Panagit.pgit_decode_update$descriptor());
        static final MethodHandle DECODE_FINISH = critical(Panagit.pgit_decode_finish$address(),
                Panagit.pgit_decode_finish$descriptor());

        private Handles() {
        }

        static void touch() {
            // class initialization resolves every handle above
        }

        static MethodHandle critical(MemorySegment address, FunctionDescriptor descriptor) {
            return LINKER.downcallHandle(address, descriptor, Linker.Option.critical(true));
        }

        /** For functions that take no pointers: critical without heap access is the cheapest call. */
        private static MethodHandle criticalNoHeap(MemorySegment address, FunctionDescriptor descriptor) {
            return LINKER.downcallHandle(address, descriptor, Linker.Option.critical(false));
        }
    }

    /**
     * The pack functions' handles, in their own holder so that a command that reads no pack does not
     * pay for building them.
     */
    static final class PackHandles {
        static final MethodHandle ENTRY_HEADER = Handles.critical(Panagit.pgit_pack_entry_header$address(),
                Panagit.pgit_pack_entry_header$descriptor());
        static final MethodHandle INFLATE = Handles.critical(Panagit.pgit_pack_inflate$address(),
                Panagit.pgit_pack_inflate$descriptor());
        static final MethodHandle DELTA_APPLY = Handles.critical(Panagit.pgit_delta_apply$address(),
                Panagit.pgit_delta_apply$descriptor());
        static final MethodHandle DELTA_RESOLVE = Handles.critical(Panagit.pgit_pack_delta_resolve$address(),
                Panagit.pgit_pack_delta_resolve$descriptor());
        static final MethodHandle SCAN = Handles.critical(Panagit.pgit_pack_scan$address(),
                Panagit.pgit_pack_scan$descriptor());
        static final MethodHandle DECODE_BEGIN_ENTRY = Handles.critical(Panagit.pgit_decode_begin_entry$address(),
                Panagit.pgit_decode_begin_entry$descriptor());

        private PackHandles() {
        }
    }

    private static Map<String, String> readDescriptions() throws NativeUnavailableException {
        Map<String, String> result = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment name = arena.allocate(ValueLayout.ADDRESS);
            MemorySegment signature = arena.allocate(ValueLayout.ADDRESS);
            for (int i = 0; i < 4096; i++) {
                int rc = Panagit.pgit_describe(name, signature, i);
                if (rc == Panagit.PGIT_ERANGE()) {
                    break;
                }
                if (rc != Panagit.PGIT_OK()) {
                    problems.add("pgit_describe(" + i + ") returned " + rc);
                    break;
                }
                result.put(cString(name.get(ValueLayout.ADDRESS, 0)), cString(signature.get(ValueLayout.ADDRESS, 0)));
            }
        } catch (RuntimeException | LinkageError e) {
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
