package dev.panagit.nativeaccess;

import java.lang.foreign.Linker;
import java.lang.invoke.MethodHandle;

/**
 * libpanagit's downcall handles, one holder class per function: a handle is built when its
 * function is first called, so a command pays only for what it uses (building a handle costs
 * several milliseconds; building all of them at start cost a quarter of a second per process).
 * Each handle is a static final, which the JIT treats as a constant. Descriptors are the jextract
 * bindings' ({@link BindingSignatures}); handles whose functions take pointers are linked with
 * {@link Linker.Option#critical(boolean) critical(true)} so calls take heap arrays directly (no
 * copy, no arena); the others with {@code critical(false)}, the cheapest call. Only
 * {@link NativeCore} may touch a holder before the library passed its checks.
 */
final class Downcalls {
    private static final Linker LINKER = Linker.nativeLinker();

    private Downcalls() {
    }

    /** For functions that take pointers: the heap arrays they are given are passed in place. */
    static MethodHandle critical(String name) {
        return LINKER.downcallHandle(BindingSignatures.address(name), BindingSignatures.descriptor(name),
                Linker.Option.critical(true));
    }

    /** For functions that take no pointers. */
    static MethodHandle plain(String name) {
        return LINKER.downcallHandle(BindingSignatures.address(name), BindingSignatures.descriptor(name),
                Linker.Option.critical(false));
    }

    static final class Version {
        static final MethodHandle H = plain("pgit_version");
    }

    static final class AbiVersion {
        static final MethodHandle H = plain("pgit_abi_version");
    }

    static final class Describe {
        static final MethodHandle H = critical("pgit_describe");
    }

    static final class HashImpl {
        static final MethodHandle H = plain("pgit_hash_impl");
    }

    static final class Hash {
        static final MethodHandle H = critical("pgit_hash");
    }

    static final class HashStateSize {
        static final MethodHandle H = plain("pgit_hash_state_size");
    }

    static final class HashInit {
        static final MethodHandle H = critical("pgit_hash_init");
    }

    static final class HashUpdate {
        static final MethodHandle H = critical("pgit_hash_update");
    }

    static final class HashFinal {
        static final MethodHandle H = critical("pgit_hash_final");
    }

    static final class HashBatch {
        static final MethodHandle H = critical("pgit_object_hash_batch");
    }

    static final class CodecNew {
        static final MethodHandle H = critical("pgit_codec_new");
    }

    static final class CodecFree {
        static final MethodHandle H = plain("pgit_codec_free");
    }

    static final class EncodeBound {
        static final MethodHandle H = plain("pgit_object_encode_bound");
    }

    static final class Encode {
        static final MethodHandle H = critical("pgit_object_encode");
    }

    static final class Peek {
        static final MethodHandle H = critical("pgit_object_peek");
    }

    static final class Decode {
        static final MethodHandle H = critical("pgit_object_decode");
    }

    static final class EncodeBegin {
        static final MethodHandle H = critical("pgit_encode_begin");
    }

    static final class EncodeUpdate {
        static final MethodHandle H = critical("pgit_encode_update");
    }

    static final class EncodeFinish {
        static final MethodHandle H = critical("pgit_encode_finish");
    }

    static final class DecodeBegin {
        static final MethodHandle H = critical("pgit_decode_begin");
    }

    static final class DecodeBeginEntry {
        static final MethodHandle H = critical("pgit_decode_begin_entry");
    }

    /** Not critical: its input must outlive the call, so a heap array (which may move) is refused. */
    static final class DecodeSetInput {
        static final MethodHandle H = plain("pgit_decode_set_input");
    }

    static final class DecodeUpdate {
        static final MethodHandle H = critical("pgit_decode_update");
    }

    static final class DecodeFinish {
        static final MethodHandle H = critical("pgit_decode_finish");
    }

    static final class EntryHeader {
        static final MethodHandle H = critical("pgit_pack_entry_header");
    }

    static final class PackInflate {
        static final MethodHandle H = critical("pgit_pack_inflate");
    }

    static final class DeltaApply {
        static final MethodHandle H = critical("pgit_delta_apply");
    }

    static final class DeltaResolve {
        static final MethodHandle H = critical("pgit_pack_delta_resolve");
    }

    static final class PackScan {
        static final MethodHandle H = critical("pgit_pack_scan");
    }
}
