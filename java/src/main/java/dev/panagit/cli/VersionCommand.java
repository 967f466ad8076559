package dev.panagit.cli;

import dev.panagit.backend.BackendChoice;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.nativeaccess.NativeAccess;
import dev.panagit.nativeaccess.NativeObjectCodec;
import dev.panagit.nativeaccess.RuntimeBinder;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;

@Command(name = "version", description = "Show panagit's version, the backend in use and why, and the native library.")
final class VersionCommand implements Callable<Integer> {
    static final String VERSION = readVersion();

    @Option(names = {"-v", "--verbose"}, description = "also list the functions the native library describes")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        PrintStream out = Io.current().out();
        BackendChoice choice = Io.current().backend();
        out.println("panagit " + VERSION);
        out.println("backend:  " + choice.backendName()
                + choice.fallbackReason().map(r -> " (" + r + ")").orElse(""));
        out.println("request:  " + choice.request().value() + " (from " + choice.request().source() + ")");
        out.println("platform: " + choice.nativeStatus().map(s -> s.platform().toString()).orElse("not probed"));
        if (choice.codec() instanceof NativeObjectCodec codec) {
            out.println("library:  libpanagit " + codec.libraryVersion());
            choice.nativeStatus().flatMap(NativeAccess.Status::library).ifPresent(
                    lib -> out.println("loaded:   " + (lib.explicit() ? lib.file() + " (" + lib.origin() + ")"
                            : lib.origin() + ", extracted to " + lib.file() + " (deleted once loaded)")));
            out.println("hashing:  sha1=" + codec.hashImplementation(ObjectFormat.SHA1) + " sha256="
                    + codec.hashImplementation(ObjectFormat.SHA256));
            out.println("codecs:   " + codec.libraryVersion().substring(codec.libraryVersion().indexOf(' ') + 1));
        } else {
            out.println("codecs:   java.util.zip (zlib), java.security.MessageDigest");
        }
        out.println("java:     " + System.getProperty("java.vm.name") + " " + Runtime.version());
        if (verbose) {
            if (choice.codec() instanceof NativeObjectCodec) {
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

    /** For {@code panagit --version}. */
    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"panagit " + VERSION};
        }
    }
}
