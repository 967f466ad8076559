package dev.panagit.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the Maven build left the native artefacts (set by surefire as panagit.test.repoRoot). */
public final class NativeBuild {
    private NativeBuild() {
    }

    public static Path repoRoot() {
        String root = System.getProperty("panagit.test.repoRoot");
        if (root == null) {
            throw new IllegalStateException("panagit.test.repoRoot is not set: run the tests through Maven");
        }
        return Path.of(root);
    }

    /** libpanagit as CMake built it. */
    public static Path library() {
        return existing(repoRoot().resolve("native/target/cmake/libpanagit.so"));
    }

    /** The test library that describes itself wrongly (native/tests/broken_describe.c). */
    public static Path brokenLibrary() {
        return existing(repoRoot().resolve("native/target/cmake/tests/libpgit_broken.so"));
    }

    private static Path existing(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException(path + " is missing: build the native module first (mvn verify)");
        }
        return path;
    }
}
