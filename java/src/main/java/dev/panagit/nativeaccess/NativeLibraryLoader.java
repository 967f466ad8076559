package dev.panagit.nativeaccess;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Finds libpanagit and loads it with {@link System#load}, so that the generated bindings'
 * {@code SymbolLookup.loaderLookup()} sees it.
 *
 * <ul>
 *   <li>{@code -Dpanagit.library.path=FILE} loads exactly that file; failing to is an error, never
 *       a silent fallback.</li>
 *   <li>Otherwise the library for this platform is extracted from the jar
 *       ({@code META-INF/native/<os>-<arch>/}) into a private temporary directory under
 *       {@code -Dpanagit.native.tmpdir} (default {@code java.io.tmpdir}; point it elsewhere when /tmp is
 *       mounted noexec), loaded, and deleted.</li>
 * </ul>
 */
public final class NativeLibraryLoader {
    public static final String LIBRARY_PATH_PROPERTY = "panagit.library.path";
    public static final String TMPDIR_PROPERTY = "panagit.native.tmpdir";

    /** Where the loaded library came from, for {@code panagit version}. */
    public record Loaded(Path file, String origin, boolean explicit) {
    }

    /** A library file named by the user that could not be loaded: an error, not a reason to fall back. */
    public static final class ExplicitLibraryException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ExplicitLibraryException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Platform platform;
    private final ClassLoader resources;
    private final String explicitPath;
    private final String tmpdir;

    public NativeLibraryLoader(Platform platform, ClassLoader resources, String explicitPath, String tmpdir) {
        this.platform = platform;
        this.resources = resources;
        this.explicitPath = explicitPath;
        this.tmpdir = tmpdir;
    }

    /** A loader configured from the system properties. */
    public static NativeLibraryLoader fromSystemProperties() {
        return new NativeLibraryLoader(Platform.current(), NativeLibraryLoader.class.getClassLoader(),
                System.getProperty(LIBRARY_PATH_PROPERTY),
                System.getProperty(TMPDIR_PROPERTY, System.getProperty("java.io.tmpdir")));
    }

    public Platform platform() {
        return platform;
    }

    /**
     * Loads the library.
     *
     * @throws NativeUnavailableException when no library is bundled for this platform or the bundled
     *     one cannot be loaded (the caller falls back to Java)
     * @throws ExplicitLibraryException when {@code panagit.library.path} names a file that cannot be loaded
     */
    public Loaded load() throws NativeUnavailableException {
        if (explicitPath != null && !explicitPath.isBlank()) {
            Path file = Path.of(explicitPath).toAbsolutePath();
            try {
                System.load(file.toString());
            } catch (UnsatisfiedLinkError e) {
                throw new ExplicitLibraryException("cannot load -D" + LIBRARY_PATH_PROPERTY + "=" + file + ": "
                        + e.getMessage(), e);
            }
            return new Loaded(file, "-D" + LIBRARY_PATH_PROPERTY, true);
        }

        String resource = platform.resourcePath();
        try (InputStream in = resources.getResourceAsStream(resource)) {
            if (in == null) {
                throw new NativeUnavailableException("no native library is bundled for " + platform
                        + " (looked for " + resource + ")");
            }
            return extractAndLoad(in, resource);
        } catch (IOException e) {
            throw new NativeUnavailableException("cannot extract " + resource + ": " + e.getMessage(), e);
        }
    }

    private Loaded extractAndLoad(InputStream in, String resource) throws IOException, NativeUnavailableException {
        Path base = Path.of(tmpdir);
        Path dir = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempDirectory(base, "panagit-native-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                : Files.createTempDirectory(base, "panagit-native-");
        Path file = dir.resolve(platform.libraryFileName());
        try {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            System.load(file.toString());
            return new Loaded(file, "jar:" + resource, false);
        } catch (UnsatisfiedLinkError e) {
            String hint = e.getMessage() != null && e.getMessage().contains("failed to map segment")
                    ? "; if " + base + " is mounted noexec, set -D" + TMPDIR_PROPERTY + "=<an exec-able directory>"
                    : "";
            throw new NativeUnavailableException("cannot load the bundled " + resource + ": " + e.getMessage() + hint,
                    e);
        } finally {
            // Loaded code stays mapped after its file is gone (not so on Windows, where this fails quietly).
            deleteQuietly(file);
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            path.toFile().deleteOnExit();
        }
    }
}
