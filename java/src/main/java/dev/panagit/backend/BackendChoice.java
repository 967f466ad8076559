package dev.panagit.backend;

import dev.panagit.lib.ObjectCodec;
import dev.panagit.nativeaccess.NativeAccess;
import java.util.Optional;

/**
 * The backend in use: the codec, what was asked for, and, when it is not native, the one-line
 * reason. {@code nativeStatus} is present whenever the native library was probed.
 */
public record BackendChoice(ObjectCodec codec, Backends.Request request, Optional<String> fallbackReason,
        Optional<NativeAccess.Status> nativeStatus) {

    /** {@code native} or {@code java}. */
    public String backendName() {
        return codec.backendName();
    }
}
