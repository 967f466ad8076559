package dev.panagit.backend;

import dev.panagit.codec.JavaObjectCodec;
import dev.panagit.lib.ObjectCodec;
import dev.panagit.nativeaccess.NativeAccess;
import dev.panagit.nativeaccess.NativeObjectCodec;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Chooses the object-core backend: {@code -Dpanagit.backend}, else the environment variable
 * {@code PANAGIT_BACKEND}, else {@code auto}.
 *
 * <ul>
 *   <li>{@code auto}: native when {@link NativeAccess} finds a usable library, else Java, with the reason;</li>
 *   <li>{@code native}: native, or an error that says why it cannot be used;</li>
 *   <li>{@code java}: the pure-Java backend.</li>
 * </ul>
 */
public final class Backends {
    public static final String PROPERTY = "panagit.backend";
    public static final String ENVIRONMENT = "PANAGIT_BACKEND";

    private static BackendChoice choice;

    private Backends() {
    }

    /** The choice for this JVM, made once. */
    public static synchronized BackendChoice current() {
        if (choice == null) {
            choice = choose(requested(), NativeAccess::status);
        }
        return choice;
    }

    /** The backend asked for, and where the request came from. */
    static Request requested() {
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            return new Request(property, "-D" + PROPERTY);
        }
        String env = System.getenv(ENVIRONMENT);
        if (env != null && !env.isBlank()) {
            return new Request(env, ENVIRONMENT);
        }
        return new Request("auto", "default");
    }

    /** A backend request: {@code auto}, {@code native} or {@code java}, and who made it. */
    public record Request(String value, String source) {
    }

    /**
     * Chooses for a request, probing the native library only when needed.
     *
     * @throws BackendUnavailableException when {@code native} is asked for and cannot be had, or the
     *     request names no backend
     */
    public static BackendChoice choose(Request request, Supplier<NativeAccess.Status> probe) {
        String value = request.value().strip().toLowerCase(Locale.ROOT);
        switch (value) {
            case "java" -> {
                return new BackendChoice(new JavaObjectCodec(NativeAccess.LOOSE_LEVEL), request,
                        Optional.of("java backend requested by " + request.source()), Optional.empty());
            }
            case "native", "auto" -> {
                NativeAccess.Status status = probe.get();
                Optional<NativeObjectCodec> nativeCodec = status.codec();
                if (nativeCodec.isPresent()) {
                    return new BackendChoice(nativeCodec.get(), request, Optional.empty(), Optional.of(status));
                }
                String reason = status.unavailableReason().orElse("native library unavailable");
                if (value.equals("native")) {
                    throw new BackendUnavailableException("the native backend was requested by " + request.source()
                            + " but cannot be used: " + reason);
                }
                return new BackendChoice(new JavaObjectCodec(NativeAccess.LOOSE_LEVEL), request, Optional.of(reason),
                        Optional.of(status));
            }
            default -> throw new BackendUnavailableException("unknown backend '" + request.value() + "' from "
                    + request.source() + " (expected native, java or auto)");
        }
    }

    /** Shortcut for the chosen codec. */
    public static ObjectCodec codec() {
        return current().codec();
    }
}
