package dev.panagit.cli;

import dev.panagit.backend.BackendChoice;
import dev.panagit.backend.NativeLibraryInfo;
import dev.panagit.lib.CollisionDetection;
import dev.panagit.nativeaccess.RuntimeBinder;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;

final class VersionCommand implements Command {
    static final String VERSION = readVersion();

    @Override
    public String name() {
        return "version";
    }

    @Override
    public String description() {
        return "Show panagit's version, the backend in use and why, and the native library.";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Flag verboseOption = args.flag("-v, --verbose", "also list the functions the native library describes");
        args.parse();
        boolean verbose = verboseOption.on();
        PrintStream out = io.out();
        BackendChoice choice = io.backend();
        out.println("panagit " + VERSION);
        out.println("backend:  " + choice.backendName()
                + choice.fallbackReason().map(r -> " (" + r + ")").orElse(""));
        out.println("request:  " + choice.request().value() + " (from " + choice.request().source() + ")");
        out.println("platform: " + choice.platform().orElse("not probed"));
        Optional<NativeLibraryInfo> loaded = choice.nativeLibrary();
        if (choice.routingLimit().isPresent() && loaded.isPresent()) {
            out.println("routing:  auto: work under " + (choice.routingLimit().getAsInt() >> 20) + " MiB runs in "
                    + "Java until libpanagit is loaded (loading it costs more than it saves there); large objects, "
                    + "pack indexing and verification load it, as does small work once enough of it adds up"
                    + (CollisionDetection.enabled() ? "" : "; SHA-1 of 4 KiB and more uses MessageDigest"));
        }
        out.println("sha-1:    " + (CollisionDetection.enabled()
                ? "collision detection on (ids of input that carries a SHA-1 collision attack are refused)"
                : "collision detection OFF (-D" + CollisionDetection.PROPERTY + " or " + CollisionDetection.ENVIRONMENT
                        + "): for benchmarks only"));
        if (loaded.isPresent()) {
            NativeLibraryInfo lib = loaded.get();
            out.println("library:  libpanagit " + lib.version());
            out.println("loaded:   " + (lib.explicit() ? lib.file() + " (" + lib.origin() + ")"
                    : lib.origin() + ", loaded from " + lib.file()));
            out.println("hashing:  sha1=" + lib.sha1() + " sha256=" + lib.sha256());
            out.println("codecs:   " + lib.version().substring(lib.version().indexOf(' ') + 1));
        } else {
            out.println("codecs:   java.util.zip (zlib), java.security.MessageDigest (SHA-256), panagit's SHA-1");
        }
        out.println("java:     " + System.getProperty("java.vm.name") + " " + Runtime.version());
        if (verbose) {
            if (loaded.isPresent()) {
                Map<String, String> described = RuntimeBinder.describeLoadedLibrary();
                out.println("functions bound at run time from pgit_describe (" + described.size() + "):");
                described.forEach((name, signature) -> out.println("  " + name + " " + signature));
            } else {
                out.println("functions: none bound (the java backend does not load the library)");
            }
        }
        return 0;
    }

    private static String readVersion() {
        String v = VersionCommand.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }
}
