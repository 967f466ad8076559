package dev.panagit.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The repositories W7 runs commands in, generated with git (fast-import for histories) so that
 * anyone can rerun the benchmark: the same seed gives the same repositories.
 */
final class CommandRepos {
    static final int COMMITS = 3000;
    static final int WIDE_FILES = 20_000;
    static final int ADD_FILES = 2000;
    static final long BIG_BYTES = 200_000_000L;

    private final Path root;

    CommandRepos(Path root) {
        this.root = root;
    }

    /** A history of {@link #COMMITS} commits over 100 files, as fast-import leaves it (one pack). */
    Path packedHistory() throws IOException, InterruptedException {
        Path repo = init("history-packed");
        Random random = new Random(7);
        fastImport(repo, out -> {
            for (int c = 1; c <= COMMITS; c++) {
                String file = "src/module" + (c % 10) + "/file" + (c % 100) + ".txt";
                byte[] content = text(random, 400 + random.nextInt(3000));
                String message = c % 7 == 0
                        ? "Change " + c + ": rework " + file + "\n\nA longer body that explains the change,\nover two lines.\n"
                        : "Change " + c + " to " + file + "\n";
                long when = 1_600_000_000L + c * 3600L;
                write(out, "commit refs/heads/main\nmark :" + c + "\n");
                write(out, "author A U Thor <author@example.com> " + when + " +0100\n");
                write(out, "committer C O Mitter <committer@example.com> " + when + " +0100\n");
                byte[] msg = message.getBytes(StandardCharsets.UTF_8);
                write(out, "data " + msg.length + "\n");
                out.write(msg);
                if (c > 1) {
                    write(out, "from :" + (c - 1) + "\n");
                }
                write(out, "M 100644 inline " + file + "\ndata " + content.length + "\n");
                out.write(content);
                write(out, "\n");
            }
        });
        git(repo, "repack", "-adq");
        return repo;
    }

    /** The same history with every object loose (as after many commits, before any gc). */
    Path looseHistory(Path packed) throws IOException, InterruptedException {
        Path repo = init("history-loose");
        Path pack;
        try (DirectoryStream<Path> packs = Files.newDirectoryStream(packed.resolve(".git/objects/pack"), "*.pack")) {
            pack = packs.iterator().next();
        }
        run(repo, List.of("git", "unpack-objects", "-q"), pack);
        String head = git(packed, "rev-parse", "HEAD").strip();
        git(repo, "update-ref", "refs/heads/main", head);
        return repo;
    }

    /** The pack of the packed history (for index-pack). */
    static Path packOf(Path repo) throws IOException {
        try (DirectoryStream<Path> packs = Files.newDirectoryStream(repo.resolve(".git/objects/pack"), "*.pack")) {
            return packs.iterator().next();
        }
    }

    /** One commit whose tree holds {@link #WIDE_FILES} files in 200 directories. */
    Path wideTree() throws IOException, InterruptedException {
        Path repo = init("wide-tree");
        fastImport(repo, out -> {
            write(out, "commit refs/heads/main\ncommitter C O Mitter <committer@example.com> 1600000000 +0000\n"
                    + "data 5\nwide\n");
            for (int i = 0; i < WIDE_FILES; i++) {
                byte[] content = ("file " + i + "\n").getBytes(StandardCharsets.UTF_8);
                write(out, "M 100644 inline dir" + (i % 200) + "/file" + i + ".txt\ndata " + content.length + "\n");
                out.write(content);
                write(out, "\n");
            }
        });
        return repo;
    }

    /** A repository and a 200 MB text file; with {@code stored}, git has written it as a loose blob. */
    Path bigFile(String name, boolean stored) throws IOException, InterruptedException {
        Path repo = init(name);
        Path file = repo.resolve("big.txt");
        Random random = new Random(11);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            long written = 0;
            while (written < BIG_BYTES) {
                byte[] line = text(random, 80);
                int take = (int) Math.min(line.length, BIG_BYTES - written);
                out.write(line, 0, take);
                written += take;
            }
        }
        if (stored) {
            git(repo, "hash-object", "-w", "big.txt");
        }
        return repo;
    }

    /** A work tree of {@link #ADD_FILES} files in 40 directories, nothing added yet. */
    Path workTree() throws IOException, InterruptedException {
        Path repo = init("add");
        Random random = new Random(13);
        for (int i = 0; i < ADD_FILES; i++) {
            Path file = repo.resolve("dir" + (i % 40) + "/file" + i + ".txt");
            Files.createDirectories(file.getParent());
            Files.write(file, text(random, 500 + random.nextInt(3000)));
        }
        return repo;
    }

    /** Removes the loose objects and the index of {@code repo}: a command that writes them starts afresh. */
    static void forgetWrites(Path repo) {
        try {
            Files.deleteIfExists(repo.resolve(".git/index"));
            try (DirectoryStream<Path> dirs = Files.newDirectoryStream(repo.resolve(".git/objects"), "[0-9a-f][0-9a-f]")) {
                for (Path dir : dirs) {
                    try (var walk = Files.walk(dir)) {
                        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                            Files.delete(p);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path init(String name) throws IOException, InterruptedException {
        Path repo = root.resolve(name);
        Files.createDirectories(repo);
        git(repo, "init", "-q", "-b", "main");
        return repo;
    }

    private interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    private static void fastImport(Path repo, StreamWriter writer) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("git", "fast-import", "--quiet").directory(repo.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (OutputStream out = new BufferedOutputStream(process.getOutputStream(), 1 << 16)) {
            writer.write(out);
            write(out, "done\n");
        }
        if (process.waitFor() != 0) {
            throw new IOException("git fast-import failed in " + repo);
        }
        git(repo, "checkout", "-q", "main");
    }

    static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        return run(dir, command, null);
    }

    private static String run(Path dir, List<String> command, Path stdin) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        if (stdin != null) {
            builder.redirectInput(stdin.toFile());
        }
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed in " + dir);
        }
        return out;
    }

    private static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
    }

    private static final String[] WORDS = ("the of and to in is that for it as with was on be by this are from or at an "
            + "object tree commit blob pack index delta zlib hash native java panagit git history branch merge").split(" ");

    /** Words and newlines: text that compresses like source code does. */
    private static byte[] text(Random random, int size) {
        StringBuilder sb = new StringBuilder(size + 16);
        int column = 0;
        while (sb.length() < size) {
            String word = WORDS[random.nextInt(WORDS.length)];
            sb.append(word);
            column += word.length() + 1;
            if (column > 60) {
                sb.append('\n');
                column = 0;
            } else {
                sb.append(' ');
            }
        }
        sb.setLength(size - 1);
        sb.append('\n');
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
