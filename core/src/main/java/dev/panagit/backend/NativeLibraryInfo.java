package dev.panagit.backend;

import java.nio.file.Path;

/**
 * The native library a backend uses: which, from where, and what it runs on this machine.
 *
 * @param version libpanagit's version and the codecs it was built with, e.g.
 *     {@code 0.1.0 zlib/1.2.13 libdeflate/1.14}
 * @param file the library file that was loaded
 * @param origin where it came from: the jar's resource, or who named the file
 * @param explicit whether a user named the file ({@code -Dpanagit.library}) rather than the jar providing it
 * @param sha1 the SHA-1 implementation in use ({@code sha-ni}, {@code armv8-ce} or {@code portable})
 * @param sha256 the SHA-256 implementation in use
 */
public record NativeLibraryInfo(String version, Path file, String origin, boolean explicit, String sha1,
        String sha256) {
}
