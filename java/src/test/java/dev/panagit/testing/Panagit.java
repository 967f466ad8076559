package dev.panagit.testing;

import dev.panagit.backend.BackendChoice;
import dev.panagit.cli.Io;
import dev.panagit.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Runs the panagit CLI in-process, on a chosen backend, in a chosen directory. */
public final class Panagit {
    private Panagit() {
    }

    public record Result(int exitCode, byte[] stdout, String stderr) {
        public String text() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    public static Result run(BackendChoice backend, Path dir, byte[] stdin, String... args) {
        return run(backend, dir, stdin, System.getenv(), args);
    }

    /** The same, with the given environment variables (GIT_AUTHOR_DATE, ...) instead of the process's. */
    public static Result run(BackendChoice backend, Path dir, byte[] stdin, java.util.Map<String, String> env,
            String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        Io io = Io.of(new ByteArrayInputStream(stdin == null ? new byte[0] : stdin), outStream, errStream, dir)
                .withBackend(backend).withEnv(env);
        int code = Main.run(io, args);
        outStream.flush();
        errStream.flush();
        return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }
}
