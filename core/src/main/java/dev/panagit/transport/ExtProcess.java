package dev.panagit.transport;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The other side of an {@code ext::} URL: git's form of a command to run (what ssh would run on
 * a server), its {@code %s} the service's name ({@code upload-pack}, {@code receive-pack}) and
 * {@code %S} its program's ({@code git-upload-pack}); its stdin and stdout are the connection,
 * its stderr ours. Closing ends our side and waits for it, a bounded time.
 */
final class ExtProcess implements AutoCloseable {
    private static final int WAIT_SECONDS = 30;

    private final Process process;
    final InputStream in;
    final OutputStream out;

    private ExtProcess(Process process) {
        this.process = process;
        this.in = new BufferedInputStream(process.getInputStream(), 1 << 16);
        this.out = new BufferedOutputStream(process.getOutputStream(), 1 << 16);
    }

    /** Starts {@code command} for {@code service} in {@code cwd}, with {@code env} added to ours. */
    static ExtProcess start(String command, String service, Path cwd, Map<String, String> env) throws IOException {
        List<String> words = new ArrayList<>();
        for (String word : command.trim().split("\\s+")) {
            words.add(word.replace("%s", service).replace("%S", "git-" + service));
        }
        ProcessBuilder builder = new ProcessBuilder(words).directory(cwd.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(env);
        return new ExtProcess(builder.start());
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            // the other side may have gone already
        }
        try {
            if (!process.waitFor(WAIT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
