package dev.panagit.nativeaccess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The shape of every function of the jextract bindings, as recorded in {@code bindings.signatures}
 * (a resource beside this class: one line per function, its name and its descriptor in
 * {@code pgit_describe}'s grammar). The running code builds its downcall handles from these and
 * never touches the generated function classes, each of which would build a second, non-critical
 * handle of its own when first used (that cost a quarter of a second per process). The record is
 * kept honest by {@code NativeSignaturesTest}, which fails when it and the bindings disagree.
 */
final class BindingSignatures {
    private static final Map<String, String> SIGNATURES = read();
    private static final SymbolLookup LOOKUP = SymbolLookup.loaderLookup();

    private BindingSignatures() {
    }

    private static Map<String, String> read() {
        Map<String, String> signatures = new LinkedHashMap<>();
        try (InputStream in = BindingSignatures.class.getResourceAsStream("bindings.signatures")) {
            if (in == null) {
                throw new IllegalStateException("bindings.signatures is missing from the jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (!line.isEmpty() && !line.startsWith("#")) {
                    int space = line.indexOf(' ');
                    signatures.put(line.substring(0, space), line.substring(space + 1).strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Collections.unmodifiableMap(signatures);
    }

    /**
     * A fingerprint of the record (CRC-32 of its functions and signatures): a library checked
     * against one record is not trusted for another.
     */
    static String fingerprint() {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        SIGNATURES.forEach((name, signature) -> crc.update((name + ' ' + signature + '\n').getBytes(StandardCharsets.UTF_8)));
        return Long.toHexString(crc.getValue());
    }

    /** Every function, name to signature string, in the header's order. */
    static Map<String, String> signatures() {
        return SIGNATURES;
    }

    /** Every function, name to descriptor. */
    static Map<String, FunctionDescriptor> descriptors() {
        Map<String, FunctionDescriptor> descriptors = new LinkedHashMap<>();
        SIGNATURES.forEach((name, signature) -> descriptors.put(name, NativeSignatures.parse(signature)));
        return descriptors;
    }

    static FunctionDescriptor descriptor(String name) {
        String signature = SIGNATURES.get(name);
        if (signature == null) {
            throw new IllegalArgumentException("the bindings have no function " + name);
        }
        return NativeSignatures.parse(signature);
    }

    /** The function's address in the loaded library (the lookup jextract's bindings use too). */
    static Optional<MemorySegment> find(String name) {
        return LOOKUP.find(name);
    }

    static MemorySegment address(String name) {
        return find(name).orElseThrow(() -> new IllegalStateException("libpanagit does not export " + name));
    }
}
