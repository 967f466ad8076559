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

    /**
     * Where the loaded library came from, for {@code panagit version}; {@code checkedMarker} is
     * where a passed self-description check of these exact bytes is remembered (only for a copy in
     * this user's private cache, compared byte for byte with the bundled library), else null.
     */
    public record Loaded(Path file, String origin, boolean explicit, Path checkedMarker) {
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
            return new Loaded(file, "-D" + LIBRARY_PATH_PROPERTY, true, null);
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

    /**
     * Loads the bundled library from a per-user cache, {@code <tmpdir>/panagit-native-<user>/}, kept
     * between runs: a directory this user owns and only this user may enter (anything else there
     * is not trusted: a fresh private directory is used instead, as before). The file's name
     * carries the library's CRC-32 and size, and its bytes are compared with the bundled ones
     * before each load, so a stale or tampered copy is replaced, never loaded. Writing the library
     * and creating temporary names (SecureRandom) cost each run tens of milliseconds.
     */
    private Loaded extractAndLoad(InputStream in, String resource) throws IOException, NativeUnavailableException {
        byte[] library = in.readAllBytes();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(library);
        String hex = Long.toHexString(crc.getValue());
        String name = "00000000".substring(hex.length()) + hex + "-" + library.length + "-" + platform.libraryFileName();
        Path base = Path.of(tmpdir);
        Path cache = privateCache(base);
        Path file = cache != null ? cache.resolve(name) : null;
        boolean cached = file != null && sameBytes(file, library);
        Path fresh = null;
        try {
            if (!cached) {
                fresh = cache != null ? cache : privateDirectory(base);
                Path tmp = fresh.resolve(name + "." + ProcessHandle.current().pid() + ".tmp");
                Files.write(tmp, library);
                file = fresh.resolve(name);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                if (fresh == cache) {
                    pruneOthers(cache, name);
                }
            }
            System.load(file.toString());
            Path marker = fresh == null || fresh == cache
                    ? cache.resolve(name + ".checked-" + BindingSignatures.fingerprint()) : null;
            return new Loaded(file, "jar:" + resource, false, cache == null ? null : marker);
        } catch (UnsatisfiedLinkError e) {
            deleteQuietly(file);   // not a library this platform loads: no one should try it again
            String hint = e.getMessage() != null && e.getMessage().contains("failed to map segment")
                    ? "; if " + base + " is mounted noexec, set -D" + TMPDIR_PROPERTY + "=<an exec-able directory>"
                    : "";
            throw new NativeUnavailableException("cannot load the bundled " + resource + ": " + e.getMessage() + hint,
                    e);
        } finally {
            if (fresh != null && fresh != cache) {
                // Loaded code stays mapped after its file is gone (not so on Windows, where this fails quietly).
                deleteQuietly(file);
                deleteQuietly(fresh);
            }
        }
    }

    /** This user's cache directory, created rwx------; null when it cannot be trusted or made. */
    private static Path privateCache(Path base) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return null;
        }
        Path dir = base.resolve("panagit-native-" + System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_"));
        try {
            if (!Files.isDirectory(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            var attributes = Files.readAttributes(dir, java.nio.file.attribute.PosixFileAttributes.class,
                    java.nio.file.LinkOption.NOFOLLOW_LINKS);
            boolean mine = attributes.owner().getName().equals(System.getProperty("user.name"));
            boolean privateMode = attributes.permissions().equals(PosixFilePermissions.fromString("rwx------"));
            return mine && privateMode && attributes.isDirectory() ? dir : null;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    private static Path privateDirectory(Path base) throws IOException {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempDirectory(base, "panagit-native-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                : Files.createTempDirectory(base, "panagit-native-");
    }

    private static boolean sameBytes(Path file, byte[] expected) {
        try {
            return Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.size(file) == expected.length
                    && java.util.Arrays.equals(Files.readAllBytes(file), expected);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Deletes the copies of other builds' libraries (and their check markers) from the cache, so it
     * holds one library per platform, not one per build ever run. A process still running one
     * keeps it mapped.
     */
    private void pruneOthers(Path cache, String keep) {
        String suffix = "-" + platform.libraryFileName();
        try (var entries = Files.newDirectoryStream(cache)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.startsWith(keep) && (name.endsWith(suffix) || name.contains(suffix + ".checked-"))) {
                    deleteQuietly(entry);
                }
            }
        } catch (IOException e) {
            // a cache that cannot be listed is only untidy
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
