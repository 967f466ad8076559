package dev.panagit.nativeaccess.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One set of bindings for every target: the function descriptors may only use C types whose size
 * is the same in every data model libpanagit is built for (LP64: Linux, macOS; LLP64: Windows).
 * jextract resolves typedefs such as size_t and uint64_t to {@code long} on LP64 but to
 * {@code long long} on LLP64, which is why the header carries lengths as pgit_size (unsigned long long).
 */
class PortableLayoutsTest {
    /** Canonical C type of each layout constant jextract emits, with its size in LP64 and LLP64. */
    private static final Map<String, int[]> SIZES = Map.of(
            "C_CHAR", new int[] {1, 1},
            "C_SHORT", new int[] {2, 2},
            "C_INT", new int[] {4, 4},
            "C_LONG", new int[] {8, 4},
            "C_LONG_LONG", new int[] {8, 8},
            "C_POINTER", new int[] {8, 8},
            "C_FLOAT", new int[] {4, 4},
            "C_DOUBLE", new int[] {8, 8},
            "C_BOOL", new int[] {1, 1});

    private static final Path GENERATED = Path.of("").toAbsolutePath()
            .resolve("src/main/java/dev/panagit/nativeaccess/bindings/Panagit.java");

    @Test
    void everyLayoutTheBindingsUseHasOneSizeOnEveryTarget() throws IOException {
        TreeSet<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("Panagit\\.(C_[A-Z_]+)").matcher(Files.readString(GENERATED));
        while (m.find()) {
            used.add(m.group(1));
        }
        assertFalse(used.isEmpty(), "no layouts found in " + GENERATED);
        for (String layout : used) {
            int[] sizes = SIZES.get(layout);
            assertTrue(sizes != null, "unknown layout " + layout);
            assertEquals(sizes[0], sizes[1], layout + " differs between LP64 (Linux, macOS) and LLP64 (Windows): "
                    + "use a type of one width on every target in native/include/panagit.h and regenerate");
        }
        assertFalse(used.contains("C_LONG"), "size_t or uint64_t leaked into the bindings as C_LONG");
    }

    @Test
    void theLayoutsOfThisPlatformAgreeWithTheTable() {
        // On the platform running the tests, the canonical layouts must have the sizes the table says.
        int model = System.getProperty("os.name").startsWith("Windows") ? 1 : 0;
        assertEquals(SIZES.get("C_INT")[model], Panagit.C_INT.byteSize());
        assertEquals(SIZES.get("C_LONG_LONG")[model], Panagit.C_LONG_LONG.byteSize());
        assertEquals(SIZES.get("C_POINTER")[model], Panagit.C_POINTER.byteSize());
        assertEquals(SIZES.get("C_LONG")[model], Panagit.C_LONG.byteSize());
    }
}
