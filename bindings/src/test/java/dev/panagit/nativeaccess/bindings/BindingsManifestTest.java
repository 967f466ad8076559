package dev.panagit.nativeaccess.bindings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The committed bindings must be what jextract made from the committed header: every file in
 * {@code bindings/MANIFEST.sha256} must still hash to its recorded value, and the generated
 * package must hold exactly the files the manifest lists.
 */
class BindingsManifestTest {
    private static final String HOW_TO_FIX =
            "Regenerate the bindings with bindings/regenerate.sh (needs jextract: see bindings/README.md).";
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path MANIFEST = ROOT.resolve("bindings/MANIFEST.sha256");
    private static final String GENERATED_DIR = "bindings/src/main/java/dev/panagit/nativeaccess/bindings";

    @Test
    void everyRecordedFileStillHashesToItsChecksum() throws IOException {
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> entry : readManifest().entrySet()) {
            Path file = ROOT.resolve(entry.getKey());
            if (!Files.isRegularFile(file)) {
                stale.add(entry.getKey() + " is missing");
            } else if (!sha256(file).equals(entry.getValue())) {
                stale.add(entry.getKey() + " changed since the bindings were generated");
            }
        }
        if (!stale.isEmpty()) {
            fail("The jextract bindings are out of date:\n  " + String.join("\n  ", stale) + "\n" + HOW_TO_FIX);
        }
    }

    @Test
    void manifestCoversTheHeaderTheOptionsAndEveryGeneratedFile() throws IOException {
        Map<String, String> manifest = readManifest();
        for (String input : List.of("native/include/panagit.h", "bindings/jextract-options.txt",
                "bindings/includes.txt", "bindings/jextract.version")) {
            assertFalse(manifest.get(input) == null, "the manifest does not cover " + input + ". " + HOW_TO_FIX);
        }
        TreeSet<String> generated = new TreeSet<>();
        try (Stream<Path> files = Files.list(ROOT.resolve(GENERATED_DIR))) {
            files.forEach(f -> generated.add(ROOT.relativize(f).toString().replace('\\', '/')));
        }
        TreeSet<String> listed = new TreeSet<>();
        for (String path : manifest.keySet()) {
            if (path.startsWith(GENERATED_DIR + "/")) {
                listed.add(path);
            }
        }
        assertEquals(listed, generated, "the generated sources differ from the manifest's list. " + HOW_TO_FIX);
    }

    private static Map<String, String> readManifest() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String line : Files.readAllLines(MANIFEST)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int gap = line.indexOf("  ");
            if (gap != 64) {
                fail("malformed line in " + MANIFEST + ": " + line);
            }
            entries.put(line.substring(gap + 2), line.substring(0, gap));
        }
        return entries;
    }

    private static String sha256(Path file) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
