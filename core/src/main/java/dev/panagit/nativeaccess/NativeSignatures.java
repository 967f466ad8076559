package dev.panagit.nativeaccess;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the signature strings of {@code pgit_describe} ({@code "i32(ptr,i32,ptr,size)"}) and
 * compares them with the function descriptors of the generated bindings, so a library whose
 * functions changed shape is refused at load time instead of crashing on first call.
 */
final class NativeSignatures {
    private NativeSignatures() {
    }

    /** The layouts a described signature stands for; throws {@link IllegalArgumentException} if malformed. */
    static FunctionDescriptor parse(String signature) {
        int open = signature.indexOf('(');
        if (open <= 0 || !signature.endsWith(")")) {
            throw new IllegalArgumentException("malformed signature '" + signature + "'");
        }
        String ret = signature.substring(0, open);
        String args = signature.substring(open + 1, signature.length() - 1);
        List<MemoryLayout> arguments = new ArrayList<>();
        if (!args.isEmpty()) {
            for (String token : args.split(",", -1)) {
                arguments.add(layout(token.strip(), signature)
                        .orElseThrow(() -> new IllegalArgumentException("void argument in '" + signature + "'")));
            }
        }
        Optional<MemoryLayout> result = layout(ret, signature);
        MemoryLayout[] argArray = arguments.toArray(MemoryLayout[]::new);
        return result.map(r -> FunctionDescriptor.of(r, argArray)).orElseGet(() -> FunctionDescriptor.ofVoid(argArray));
    }

    private static Optional<MemoryLayout> layout(String token, String signature) {
        return switch (token) {
            case "void" -> Optional.empty();
            case "i32", "u32" -> Optional.of(ValueLayout.JAVA_INT);
            case "i64", "u64" -> Optional.of(ValueLayout.JAVA_LONG);
            case "size" -> Optional.of(ValueLayout.JAVA_LONG);   // pgit_size: unsigned long long, 64 bits
            case "ptr", "str" -> Optional.of(ValueLayout.ADDRESS);
            default -> throw new IllegalArgumentException("unknown type '" + token + "' in '" + signature + "'");
        };
    }

    /** Whether two descriptors pass the same kinds of values (carrier and size), ignoring names and targets. */
    static boolean compatible(FunctionDescriptor described, FunctionDescriptor bound) {
        if (described.returnLayout().isPresent() != bound.returnLayout().isPresent()) {
            return false;
        }
        if (described.returnLayout().isPresent()
                && !same(described.returnLayout().get(), bound.returnLayout().get())) {
            return false;
        }
        List<MemoryLayout> a = described.argumentLayouts();
        List<MemoryLayout> b = bound.argumentLayouts();
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!same(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(MemoryLayout x, MemoryLayout y) {
        if (x instanceof AddressLayout || y instanceof AddressLayout) {
            return x instanceof AddressLayout && y instanceof AddressLayout;
        }
        return x instanceof ValueLayout vx && y instanceof ValueLayout vy
                && vx.carrier() == vy.carrier() && vx.byteSize() == vy.byteSize();
    }

    /** A descriptor in the signature grammar with the one token each layout has: i32, i64, ptr, void. */
    static String canonical(FunctionDescriptor descriptor) {
        StringBuilder sb = new StringBuilder(descriptor.returnLayout().map(NativeSignatures::canonicalToken).orElse("void"));
        sb.append('(');
        List<MemoryLayout> args = descriptor.argumentLayouts();
        for (int i = 0; i < args.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(canonicalToken(args.get(i)));
        }
        return sb.append(')').toString();
    }

    private static String canonicalToken(MemoryLayout layout) {
        if (layout instanceof AddressLayout) {
            return "ptr";
        }
        return layout.byteSize() == 8 ? "i64" : "i32";
    }

    /** A descriptor in the signature grammar, for error messages. */
    static String format(FunctionDescriptor descriptor) {
        StringBuilder sb = new StringBuilder(descriptor.returnLayout().map(NativeSignatures::token).orElse("void"));
        sb.append('(');
        List<MemoryLayout> args = descriptor.argumentLayouts();
        for (int i = 0; i < args.size(); i++) {
            sb.append(i == 0 ? "" : ",").append(token(args.get(i)));
        }
        return sb.append(')').toString();
    }

    private static String token(MemoryLayout layout) {
        if (layout instanceof AddressLayout) {
            return "ptr";
        }
        return layout.byteSize() == 8 ? "i64/u64/size" : "i32/u32";
    }
}
