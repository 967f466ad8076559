package dev.panagit.testing;

import dev.panagit.backend.BackendChoice;
import dev.panagit.backend.Backends;
import dev.panagit.lib.ObjectCodec;
import java.util.List;
import java.util.stream.Stream;

/**
 * Both backends, for tests that must hold for each. The native one is required: this build
 * compiled libpanagit, so failing to load it is a test failure, not a reason to skip. Every call
 * makes new choices: a parameterized test closes its arguments after each case, so an argument
 * source must not hand the same choice to two cases.
 */
public final class TestBackends {
    private TestBackends() {
    }

    public static BackendChoice java() {
        return Backends.open(new Backends.Request("java", "test"));
    }

    public static BackendChoice nativeBackend() {
        return Backends.open(new Backends.Request("native", "test"));
    }

    public static List<BackendChoice> all() {
        return List.of(nativeBackend(), java());
    }

    public static Stream<ObjectCodec> codecs() {
        return all().stream().map(BackendChoice::codec);
    }
}
