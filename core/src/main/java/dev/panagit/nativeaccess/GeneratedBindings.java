package dev.panagit.nativeaccess;

import dev.panagit.nativeaccess.bindings.Panagit;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Every function of the jextract bindings with its descriptor, read from the generated classes.
 * Tests compare it with the library and with {@link BindingSignatures}; the running code does not
 * touch it, because each generated function class builds a downcall handle of its own when first
 * used.
 */
final class GeneratedBindings {
    private GeneratedBindings() {
    }

    /** One bound function: its name, where it is and its shape according to the bindings. */
    record Binding(String name, Supplier<MemorySegment> address, Supplier<FunctionDescriptor> descriptor) {
    }

    static final List<Binding> BINDINGS = List.of(
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
            new Binding("pgit_decode_set_input", Panagit::pgit_decode_set_input$address,
                    Panagit::pgit_decode_set_input$descriptor),
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

    /** The functions of the generated bindings, name to descriptor, in the header's order. */
    static Map<String, FunctionDescriptor> descriptors() {
        Map<String, FunctionDescriptor> descriptors = new LinkedHashMap<>();
        for (Binding binding : BINDINGS) {
            descriptors.put(binding.name(), binding.descriptor().get());
        }
        return Collections.unmodifiableMap(descriptors);
    }
}
