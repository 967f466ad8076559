package dev.panagit.lib;

import java.util.Locale;

/**
 * Whether SHA-1 ids are computed with collision detection: always, unless {@code
 * -Dpanagit.sha1dc=off} or the environment variable {@code PANAGIT_SHA1DC=off} says otherwise. The
 * switch exists to compare with plain SHA-1 in benchmarks; never turn it off for repositories whose
 * content you do not trust.
 */
public final class CollisionDetection {
    /** The system property that turns detection off for benchmarks: {@code -Dpanagit.sha1dc=off}. */
    public static final String PROPERTY = "panagit.sha1dc";
    /** The environment variable that does the same: {@code PANAGIT_SHA1DC=off}. */
    public static final String ENVIRONMENT = "PANAGIT_SHA1DC";

    private static final boolean ENABLED = decide(System.getProperty(PROPERTY), System.getenv(ENVIRONMENT));

    private CollisionDetection() {
    }

    /** The setting for this JVM, read once. */
    public static boolean enabled() {
        return ENABLED;
    }

    /** On unless the property (first) or the variable says {@code off}, {@code false} or {@code 0}. */
    static boolean decide(String property, String environment) {
        String value = property != null && !property.isBlank() ? property : environment;
        if (value == null || value.isBlank()) {
            return true;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "off", "false", "0", "no" -> false;
            default -> true;
        };
    }
}
