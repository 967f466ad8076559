package dev.panagit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real git binary, the referee of the interop tests. */
public final class GitCli {
    /**
     * A fixed author, committer and dates, and no system or global config: with it, git and panagit
     * make the same commits (ids included) in the twin tests.
     */
    public static final java.util.Map<String, String> FIXED_IDENTITY = java.util.Map.of("GIT_AUTHOR_NAME", "Ada",
            "GIT_AUTHOR_EMAIL", "ada@example.com", "GIT_COMMITTER_NAME", "Cy", "GIT_COMMITTER_EMAIL", "cy@example.com",
            "GIT_AUTHOR_DATE", "1700000000 +0100", "GIT_COMMITTER_DATE", "1700000100 +0100", "GIT_CONFIG_NOSYSTEM", "1",
            "GIT_CONFIG_GLOBAL", "/dev/null");

    private GitCli() {
    }

    public record Result(int exitCode, byte[] stdout, String stderr) {
        public String text() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    /** Runs git in {@code dir}, feeding {@code stdin}; returns whatever happened. */
    public static Result run(Path dir, byte[] stdin, String... args) {
        return run(dir, stdin, java.util.Map.of(), args);
    }

    /** Runs git with extra environment variables. */
    public static Result run(Path dir, byte[] stdin, java.util.Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
        builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            try (var in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("git " + String.join(" ", args) + " timed out");
            }
            return new Result(process.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Runs a bash script in {@code dir} with {@code env} added (tests build repositories with
     * git this way) and requires exit 0; returns its output, stdout and stderr together.
     */
    public static String shell(Path dir, java.util.Map<String, String> env, String script) {
        try {
            ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).directory(dir.toFile());
            builder.environment().putAll(env);
            builder.redirectErrorStream(true);
            Process p = builder.start();
            String out = new String(readAll(p.getInputStream()), StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), () -> script + ":\n" + out);
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs git and requires exit 0; returns stdout as text. */
    public static String ok(Path dir, String... args) {
        Result result = run(dir, null, args);
        assertEquals(0, result.exitCode(), () -> "git " + String.join(" ", args) + " failed: " + result.stderr());
        return result.text();
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
