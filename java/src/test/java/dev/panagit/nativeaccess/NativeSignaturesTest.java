package dev.panagit.nativeaccess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.nativeaccess.bindings.Panagit;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.ValueLayout;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The self-description check that guards the native boundary at load time. */
class NativeSignaturesTest {
    @Test
    void parsesTheGrammar() {
        assertEquals(FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS, ValueLayout.JAVA_LONG), NativeSignatures.parse("i32(ptr,i32,ptr,size)"));
        assertEquals(FunctionDescriptor.ofVoid(ValueLayout.ADDRESS), NativeSignatures.parse("void(ptr)"));
        assertEquals(FunctionDescriptor.of(ValueLayout.ADDRESS), NativeSignatures.parse("str()"));
    }

    @Test
    void malformedSignaturesAreRefusedByName() {
        assertThrows(IllegalArgumentException.class, () -> NativeSignatures.parse("i32"));
        assertThrows(IllegalArgumentException.class, () -> NativeSignatures.parse("i32(float)"));
        assertThrows(IllegalArgumentException.class, () -> NativeSignatures.parse("i32(ptr,void)"));
    }

    /** The record the running code binds from must say what the generated bindings say. */
    @Test
    void theSignatureRecordMatchesTheGeneratedBindings() {
        StringBuilder expected = new StringBuilder();
        GeneratedBindings.descriptors().forEach((name, descriptor) ->
                expected.append(name).append(' ').append(NativeSignatures.canonical(descriptor)).append('\n'));
        StringBuilder recorded = new StringBuilder();
        BindingSignatures.signatures().forEach((name, signature) ->
                recorded.append(name).append(' ').append(signature).append('\n'));
        assertEquals(expected.toString(), recorded.toString(), "core/src/main/resources/dev/panagit/nativeaccess/"
                + "bindings.signatures must list every function of the bindings as above");
    }

    @Test
    void everyBoundFunctionMatchesWhatTheLibraryDescribes() {
        NativeAccess.Status status = NativeAccess.status();
        Map<String, String> described = status.described();
        assertEquals(GeneratedBindings.descriptors().keySet(), described.keySet(),
                "the library describes exactly the functions of the bindings");
        assertTrue(NativeSignatures.compatible(NativeSignatures.parse(described.get("pgit_object_decode")),
                Panagit.pgit_object_decode$descriptor()));
        assertTrue(NativeSignatures.compatible(NativeSignatures.parse(described.get("pgit_codec_free")),
                Panagit.pgit_codec_free$descriptor()));
    }

    @Test
    void aChangedShapeIsNoticed() {
        FunctionDescriptor bound = Panagit.pgit_hash$descriptor();
        assertFalse(NativeSignatures.compatible(NativeSignatures.parse("i32(ptr,i32,ptr)"), bound), "missing argument");
        assertFalse(NativeSignatures.compatible(NativeSignatures.parse("i32(ptr,i64,ptr,size)"), bound), "wider type");
        assertFalse(NativeSignatures.compatible(NativeSignatures.parse("void(ptr,i32,ptr,size)"), bound), "no result");
        assertEquals("i32/u32(ptr,i32/u32,ptr,i64/u64/size)", NativeSignatures.format(bound));
    }
}
