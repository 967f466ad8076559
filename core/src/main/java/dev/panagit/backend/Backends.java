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
 *   <li>{@code auto}: native where it pays when a usable libpanagit is found: small work runs in
 *       Java until the library is loaded ({@link BackendChoice#routingLimit()}), else Java, with the
 *       reason; the library is probed on first large work;</li>
 *   <li>{@code native}: native, or an error that says why it cannot be used;</li>
 *   <li>{@code java}: the pure-Java backend.</li>
 * </ul>
 */
public final class Backends {
    /** The system property naming the backend: {@code -Dpanagit.backend=auto|native|java}. */
    public static final String PROPERTY = "panagit.backend";
    /** The environment variable naming the backend, read when the property is not set. */
    public static final String ENVIRONMENT = "PANAGIT_BACKEND";

    private static BackendChoice choice;

    private Backends() {
    }

    /**
     * The choice for this JVM, made once from {@code -Dpanagit.backend} or {@code PANAGIT_BACKEND}
     * and shared by everyone who asks: closing it does nothing. Code that wants its codecs' pools
     * to itself, and freed when it is done (a server, a test), uses {@link #open} instead.
     */
    public static synchronized BackendChoice current() {
        if (choice == null) {
            choice = choose(requested(), NativeAccess::status).shared();
        }
        return choice;
    }

    /**
     * A new choice for {@code backend} ({@code auto}, {@code native} or {@code java}) with codecs
     * of its own, which the caller closes. The native library is loaded once per process, and
     * its codec pool (at most one idle zlib stream per processor) lives as long as the library.
     *
     * @param backend the backend asked for
     * @return the choice; close it when done
     * @throws BackendUnavailableException when {@code native} is asked for and cannot be had, or
     *     {@code backend} names no backend
     */
    public static BackendChoice open(String backend) {
        return open(new Request(backend, "Backends.open"));
    }

    /**
     * The same, naming who asked, which the fallback reason repeats ("java backend requested by ...").
     *
     * @param request the backend asked for, and by whom
     * @return the choice; close it when done
     * @throws BackendUnavailableException as for {@link #open(String)}
     */
    public static BackendChoice open(Request request) {
        return choose(request, NativeAccess::status);
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
    static BackendChoice choose(Request request, Supplier<NativeAccess.Status> probe) {
        String value = request.value().strip().toLowerCase(Locale.ROOT);
        switch (value) {
            case "java" -> {
                Optional<String> reason = Optional.of("java backend requested by " + request.source());
                return new BackendChoice(new JavaObjectCodec(NativeAccess.LOOSE_LEVEL), request, () -> reason,
                        Optional::empty);
            }
            case "native" -> {
                NativeAccess.Status status = probe.get();
                NativeObjectCodec nativeCodec = status.codec().orElseThrow(() -> new BackendUnavailableException(
                        "the native backend was requested by " + request.source() + " but cannot be used: "
                                + status.unavailableReason().orElse("native library unavailable")));
                return new BackendChoice(nativeCodec, request, Optional::empty, () -> Optional.of(status));
            }
            case "auto" -> {
                Supplier<NativeAccess.Status> once = memoize(probe);
                AutoCodec codec = new AutoCodec(new JavaObjectCodec(NativeAccess.LOOSE_LEVEL),
                        () -> once.get().codec());
                return new BackendChoice(codec, request, () -> once.get().unavailableReason(),
                        () -> Optional.of(once.get()));
            }
            default -> throw new BackendUnavailableException("unknown backend '" + request.value() + "' from "
                    + request.source() + " (expected native, java or auto)");
        }
    }

    private static <T> Supplier<T> memoize(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }

    /** Shortcut for the chosen codec. */
    public static ObjectCodec codec() {
        return current().codec();
    }
}
