package dev.panagit.backend;

import dev.panagit.lib.ObjectCodec;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.nativeaccess.NativeAccess;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The backend in use: the codec, what was asked for, and, when it is not native, the one-line
 * reason. For {@code auto} the native library is probed only when something asks: large work
 * through the codec, or {@link #nativeStatus()} and {@link #fallbackReason()}.
 */
public final class BackendChoice implements AutoCloseable {
    private final ObjectCodec codec;
    private final Backends.Request request;
    private final Supplier<Optional<String>> fallbackReason;
    private final Supplier<Optional<NativeAccess.Status>> nativeStatus;
    private final boolean shared;

    BackendChoice(ObjectCodec codec, Backends.Request request, Supplier<Optional<String>> fallbackReason,
            Supplier<Optional<NativeAccess.Status>> nativeStatus) {
        this(codec, request, fallbackReason, nativeStatus, false);
    }

    private BackendChoice(ObjectCodec codec, Backends.Request request, Supplier<Optional<String>> fallbackReason,
            Supplier<Optional<NativeAccess.Status>> nativeStatus, boolean shared) {
        this.codec = codec;
        this.request = request;
        this.fallbackReason = fallbackReason;
        this.nativeStatus = nativeStatus;
        this.shared = shared;
    }

    /** The same choice, made the JVM's shared one ({@link Backends#current()}), which close leaves open. */
    BackendChoice shared() {
        return new BackendChoice(codec, request, fallbackReason, nativeStatus, true);
    }

    /**
     * Frees the codecs' pooled compressors, digests and native buffers; the codec refuses work
     * afterwards. Does nothing for the JVM's shared choice ({@link Backends#current()}).
     */
    @Override
    public void close() {
        if (!shared) {
            codec.close();
        }
    }

    /** The codec that does the work: hashing, compression, packs. */
    public ObjectCodec codec() {
        return codec;
    }

    /** What was asked for, and who asked. */
    public Backends.Request request() {
        return request;
    }

    /** Why the native core is not used, when it is not. */
    public Optional<String> fallbackReason() {
        return fallbackReason.get();
    }

    /** What probing the native library found; empty for the java backend. */
    Optional<NativeAccess.Status> nativeStatus() {
        return nativeStatus.get();
    }

    /**
     * The {@code <os>-<arch>[-<libc>]} the native library was looked for under, once it has been
     * looked for; empty for the java backend, which never looks.
     *
     * @return the platform name, e.g. {@code linux-x86_64}
     */
    public Optional<String> platform() {
        return nativeStatus().map(status -> status.platform().toString());
    }

    /**
     * The native library in use: empty for the java backend, and when it could not be loaded
     * ({@link #fallbackReason()} says why).
     *
     * @return what was loaded, from where, and its hash implementations
     */
    public Optional<NativeLibraryInfo> nativeLibrary() {
        return nativeStatus().flatMap(status -> status.codec().flatMap(codec -> status.library().map(lib ->
                new NativeLibraryInfo(codec.libraryVersion(), lib.file(), lib.origin(), lib.explicit(),
                        codec.hashImplementation(ObjectFormat.SHA1), codec.hashImplementation(ObjectFormat.SHA256)))));
    }

    /** {@code native} or {@code java}: the core that does the large work. */
    public String backendName() {
        return codec.backendName();
    }

    /**
     * With {@code auto}: the size in bytes below which work runs in Java until libpanagit is
     * loaded (loading it costs more than it saves on small work; it is loaded by larger work, or
     * once small work has added up to 8 MiB); empty when every call goes to the chosen backend.
     */
    public java.util.OptionalInt routingLimit() {
        return codec instanceof AutoCodec ? java.util.OptionalInt.of(AutoCodec.LARGE) : java.util.OptionalInt.empty();
    }

    @Override
    public String toString() {
        return request.value() + " (" + request.source() + ")";
    }
}
