package dev.panagit.nativeaccess;

import java.util.Locale;

/**
 * The {@code <os>-<arch>} name of a platform, as {@code cmake/PanagitPlatform.cmake} names the
 * folder the library is packaged in, e.g. {@code linux-x86_64}.
 */
public record Platform(String os, String arch) {
    /** Overrides the detected platform, e.g. to test the fallback on an unsupported one. */
    public static final String OVERRIDE_PROPERTY = "panagit.platform";

    /** The platform this JVM runs on, or the one {@code -Dpanagit.platform=os-arch} names. */
    public static Platform current() {
        String override = System.getProperty(OVERRIDE_PROPERTY);
        if (override != null && !override.isBlank()) {
            int dash = override.indexOf('-');
            if (dash <= 0 || dash == override.length() - 1) {
                throw new IllegalArgumentException("-D" + OVERRIDE_PROPERTY + " must look like linux-x86_64, not '"
                        + override + "'");
            }
            return new Platform(override.substring(0, dash), override.substring(dash + 1));
        }
        return new Platform(osName(System.getProperty("os.name", "")), archName(System.getProperty("os.arch", "")));
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
        return os + "-" + arch;
    }
}
