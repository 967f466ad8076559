package dev.panagit.nativeaccess;

import java.util.Map;
import java.util.Optional;

/**
 * Whether libpanagit can be used in this JVM, and the codec on it if so. Probed once: native
 * access enabled, a library for this platform loads, its ABI version and self-description match
 * the bindings. Any failure is a one-line reason that says how to fix it.
 */
public final class NativeAccess {
    /** The zlib level of loose objects, as git's {@code core.looseCompression} default. */
    public static final int LOOSE_LEVEL = 1;

    /** What the probe found. Exactly one of {@code codec} and {@code unavailableReason} is present. */
    public record Status(Optional<NativeObjectCodec> codec, Optional<String> unavailableReason,
            Optional<NativeLibraryLoader.Loaded> library, Platform platform,
            java.util.function.Supplier<Map<String, String>> descriptions) {
        /** What the library says about itself, name to signature (empty when none was loaded). */
        public Map<String, String> described() {
            return descriptions.get();
        }
    }

    private static Status status;

    private NativeAccess() {
    }

    /** The probe's result for this JVM, probing on first call. */
    public static synchronized Status status() {
        if (status == null) {
            status = probe(NativeLibraryLoader.fromSystemProperties());
        }
        return status;
    }

    /**
     * Probes with a given loader (tests use this to simulate other platforms and broken libraries).
     *
     * @throws NativeLibraryLoader.ExplicitLibraryException when an explicitly named library cannot be loaded
     */
    public static Status probe(NativeLibraryLoader loader) {
        Platform platform = loader.platform();
        if (!NativeAccess.class.getModule().isNativeAccessEnabled()) {
            return unavailable(platform, null, "native access is not enabled: run java with "
                    + "--enable-native-access=" + moduleName() + " (the ./panagit launcher and the jar manifest do)");
        }
        NativeLibraryLoader.Loaded loaded;
        try {
            loaded = loader.load();
        } catch (NativeUnavailableException e) {
            return unavailable(platform, null, e.getMessage());
        }
        try {
            java.nio.file.Path marker = loaded.checkedMarker();
            boolean describedBefore = marker != null && java.nio.file.Files.isRegularFile(marker,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS);
            NativeCore core = new NativeCore(describedBefore);
            if (!describedBefore && marker != null) {
                remember(marker);
            }
            NativeObjectCodec codec = new NativeObjectCodec(core, LOOSE_LEVEL, true);   // the process's: close() leaves it
            return new Status(Optional.of(codec), Optional.empty(), Optional.of(loaded), platform, core::described);
        } catch (NativeUnavailableException e) {
            if (loaded.explicit()) {
                throw new NativeLibraryLoader.ExplicitLibraryException(
                        "cannot use " + loaded.file() + ": " + e.getMessage(), e);
            }
            return unavailable(platform, loaded, e.getMessage());
        }
    }

    /** A native codec compressing at another zlib level (for benchmarks), if the library is usable. */
    public static Optional<NativeObjectCodec> codecAtLevel(int level) {
        if (status().codec().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new NativeObjectCodec(new NativeCore(), level));
        } catch (NativeUnavailableException e) {
            return Optional.empty();
        }
    }

    private static Status unavailable(Platform platform, NativeLibraryLoader.Loaded loaded, String reason) {
        return new Status(Optional.empty(), Optional.of(reason), Optional.ofNullable(loaded), platform, Map::of);
    }

    /** Notes that the library's bytes passed the self-description check (best effort). */
    private static void remember(java.nio.file.Path marker) {
        try {
            java.nio.file.Files.createFile(marker);
        } catch (java.io.IOException e) {
            // checked again next time
        }
    }

    private static String moduleName() {
        Module module = NativeAccess.class.getModule();
        return module.isNamed() ? module.getName() : "ALL-UNNAMED";
    }
}
