package dev.panagit.lib;

import java.util.Locale;

/**
 * A repository's object format: the hash algorithm that names its objects ({@code
 * extensions.objectformat} in git's config).
 */
public enum ObjectFormat {
    /** SHA-1 ids, git's default: 20 bytes, 40 hex digits. */
    SHA1("sha1", "SHA-1", 20, 1),
    /** SHA-256 ids ({@code git init --object-format=sha256}): 32 bytes, 64 hex digits. */
    SHA256("sha256", "SHA-256", 32, 2);

    private final String configName;
    private final String digestAlgorithm;
    private final int rawLength;
    private final int nativeCode;

    ObjectFormat(String configName, String digestAlgorithm, int rawLength, int nativeCode) {
        this.configName = configName;
        this.digestAlgorithm = digestAlgorithm;
        this.rawLength = rawLength;
        this.nativeCode = nativeCode;
    }

    /** The name git uses in config and on the command line: {@code sha1} or {@code sha256}. */
    public String configName() {
        return configName;
    }

    /** The {@link java.security.MessageDigest} algorithm name. */
    public String digestAlgorithm() {
        return digestAlgorithm;
    }

    /** Length of an id in bytes (20 or 32). */
    public int rawLength() {
        return rawLength;
    }

    /** Length of an id in hexadecimal digits (40 or 64). */
    public int hexLength() {
        return rawLength * 2;
    }

    /** The {@code pgit_hash_algo} value of libpanagit. */
    public int nativeCode() {
        return nativeCode;
    }

    /** Parses {@code sha1} or {@code sha256} (any case). */
    public static ObjectFormat fromConfigName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (ObjectFormat format : values()) {
            if (format.configName.equals(lower)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown object format '" + name + "' (expected sha1 or sha256)");
    }
}
