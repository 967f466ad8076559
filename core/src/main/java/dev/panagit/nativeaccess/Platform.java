package dev.panagit.nativeaccess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The {@code <os>-<arch>[-<libc>]} name of a platform, as {@code cmake/PanagitPlatform.cmake} names
 * the folder the library is packaged in, e.g. {@code linux-x86_64}, or {@code linux-x86_64-musl}
 * on a musl system (Alpine), where a library built against glibc does not load.
 *
 * @param libc the C library when it is not the system's usual one ({@code "musl"}), else empty
 */
public record Platform(String os, String arch, String libc) {
    /** Overrides the detected platform, e.g. to test the fallback on an unsupported one. */
    public static final String OVERRIDE_PROPERTY = "panagit.platform";

    private static final Path PROCESS_MAP = Path.of("/proc/self/maps");

    /** A platform with the system's usual C library. */
    public Platform(String os, String arch) {
        this(os, arch, "");
    }

    /** The platform this JVM runs on, or the one {@code -Dpanagit.platform=os-arch[-libc]} names. */
    public static Platform current() {
        String override = System.getProperty(OVERRIDE_PROPERTY);
        if (override != null && !override.isBlank()) {
            return parse(override);
        }
        String os = osName(System.getProperty("os.name", ""));
        String arch = archName(System.getProperty("os.arch", ""));
        return new Platform(os, arch, os.equals("linux") ? linuxLibc(arch) : "");
    }

    /** A platform from its name, e.g. {@code linux-x86_64} or {@code linux-x86_64-musl}. */
    public static Platform parse(String name) {
        String[] parts = name.split("-", 3);
        if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()
                || (parts.length == 3 && !parts[2].matches("[a-z0-9]+"))) {
            throw new IllegalArgumentException("-D" + OVERRIDE_PROPERTY
                    + " must look like linux-x86_64 or linux-x86_64-musl, not '" + name + "'");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : "");
    }

    /**
     * The C library this JVM runs on: the one mapped into the process, not whichever happens to be
     * installed (a glibc system may carry musl's loader too, and Alpine may carry glibc's). Every
     * command asks at start-up, so the usual case costs one stat: without musl's loader installed
     * the JVM cannot be running on musl. (Reading the map through a stream and a lambda cost 10-20
     * ms of a cold start.)
     */
    private static String linuxLibc(String arch) {
        // concat, not +: the first + of a JVM bootstraps string concatenation (~10 ms cold)
        String loader = "/lib/ld-musl-".concat(arch.equals("ppc64le") ? "powerpc64le" : arch).concat(".so.1");
        if (!Files.exists(Path.of(loader))) {
            return "";
        }
        try {
            return libcOfLines(Files.readAllLines(PROCESS_MAP, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            return "";   // no /proc: assume the usual C library
        }
    }

    /** {@code "musl"} when the lines of a process's memory map show musl mapped, else empty (glibc). */
    public static String libcOf(Stream<String> processMap) {
        return libcOfLines(processMap.toList());
    }

    private static String libcOfLines(Iterable<String> processMap) {
        for (String line : processMap) {
            String file = line.substring(line.lastIndexOf('/') + 1);
            if (file.startsWith("ld-musl-") || file.startsWith("libc.musl-")) {
                return "musl";
            }
        }
        return "";
    }

    /** The os part of a platform name for an {@code os.name} value. */
    public static String osName(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("linux")) {
            return "linux";
        }
        if (os.startsWith("windows")) {
            return "windows";
        }
        if (os.startsWith("mac") || os.startsWith("darwin")) {
            return "macos";
        }
        return os.replaceAll("[^a-z0-9]", "");
    }

    /** The arch part of a platform name for an {@code os.arch} value. */
    public static String archName(String osArch) {
        String arch = osArch.toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64", "x64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch.replaceAll("[^a-z0-9_]", "");
        };
    }

    /** The library's file name here: {@code libpanagit.so}, {@code libpanagit.dylib} or {@code libpanagit.dll}. */
    public String libraryFileName() {
        return switch (os) {
            case "windows" -> "libpanagit.dll";
            case "macos" -> "libpanagit.dylib";
            default -> "libpanagit.so";
        };
    }

    /** Where the jar carries the library for this platform. */
    public String resourcePath() {
        return "META-INF/native/" + this + "/" + libraryFileName();
    }

    @Override
    public String toString() {
        return libc.isEmpty() ? os + "-" + arch : os + "-" + arch + "-" + libc;
    }
}
