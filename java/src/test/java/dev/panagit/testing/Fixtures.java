package dev.panagit.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Repositories made by the real git for tests: a history of text and binary files changing over
 * many commits (written with {@code git fast-import}, which is quick), branches, a merge and tags,
 * in either object format, with fixed dates so that ids are stable.
 */
public final class Fixtures {
    private Fixtures() {
    }

    /** Runs git and requires success. */
    public static String git(Path dir, String... args) {
        return GitCli.ok(dir, args);
    }

    /**
     * A repository at {@code dir} with {@code commits} commits on {@code master}, a side branch
     * merged back, another branch, a lightweight and an annotated tag, checked out. Its objects are
     * in the one pack fast-import writes (with its own choice of deltas); callers repack as they need.
     */
    public static Path history(Path dir, String objectFormat, int commits) {
        git(dir.getParent(), "init", "-q", "--object-format=" + objectFormat, "-b", "master", dir.toString());
        byte[] stream = fastImportStream(commits);
        GitCli.Result result = GitCli.run(dir, stream, Map.of(), "fast-import", "--quiet");
        assertEquals(0, result.exitCode(), result.stderr());
        git(dir, "reset", "-q", "--hard", "master");
        return dir;
    }

    /** The fast-import commands: text edited line by line, binary noise edited in place, files come and go. */
    static byte[] fastImportStream(int commits) {
        Random random = new Random(42);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> text = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            text.add(line(random, i));
        }
        byte[] binary = new byte[48 * 1024];
        random.nextBytes(binary);
        long when = 1_700_000_000L;
        int mark = 0;
        for (int c = 1; c <= commits; c++) {
            // edit the text: insert, delete, change lines
            for (int e = 0; e < 6; e++) {
                int at = random.nextInt(text.size());
                switch (random.nextInt(3)) {
                    case 0 -> text.add(at, line(random, c * 100 + e));
                    case 1 -> text.remove(at);
                    default -> text.set(at, line(random, c * 1000 + e));
                }
            }
            for (int e = 0; e < 4; e++) {
                binary[random.nextInt(binary.length)] = (byte) random.nextInt();
            }
            String branch = c > commits / 2 && c <= commits / 2 + 5 ? "side" : "master";
            if (c == commits / 2 + 1) {
                write(out, "reset refs/heads/side\nfrom :" + (mark) + "\n\n");
            }
            write(out, "commit refs/heads/" + branch + "\n");
            write(out, "mark :" + (++mark) + "\n");
            write(out, "author A U Thor <author@example.com> " + when + " +0100\n");
            write(out, "committer C O Mitter <committer@example.com> " + (when + 60) + " +0100\n");
            String message = "commit " + c + " on " + branch + "\n\nbody line\twith a tab\n";
            data(out, message.getBytes(StandardCharsets.UTF_8));
            if (c == commits / 2 + 6) {   // merge side back
                write(out, "merge refs/heads/side\n");
            }
            write(out, "M 100644 inline src/main.txt\n");
            data(out, String.join("\n", text).concat("\n").getBytes(StandardCharsets.UTF_8));
            write(out, "M 100644 inline data/noise.bin\n");
            data(out, binary);
            if (c % 7 == 0) {
                write(out, "M 100755 inline tools/run-" + c + ".sh\n");
                data(out, ("#!/bin/sh\necho " + c + "\n").getBytes(StandardCharsets.UTF_8));
            }
            if (c % 11 == 0 && c > 7) {
                write(out, "D tools/run-" + (c / 7 * 7) + ".sh\n");
            }
            write(out, "\n");
            if (c == commits / 3) {
                write(out, "tag v1.0\nfrom :" + mark + "\ntagger T Agger <tagger@example.com> " + (when + 120)
                        + " +0000\n");
                data(out, "version one\n".getBytes(StandardCharsets.UTF_8));
                write(out, "reset refs/tags/light\nfrom :" + mark + "\n\n");
            }
            when += 3600;
        }
        write(out, "reset refs/heads/unmerged\nfrom :" + (mark - 3) + "\n\n");
        return out.toByteArray();
    }

    private static String line(Random random, int n) {
        String[] words = {"int", "value", "=", "return", "if", "(x)", "{", "}", "tree", "blob", "pack", "delta"};
        StringBuilder sb = new StringBuilder("    ");
        int count = 3 + random.nextInt(8);
        for (int i = 0; i < count; i++) {
            sb.append(words[random.nextInt(words.length)]).append(' ');
        }
        return sb.append("// ").append(n).toString();
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void data(ByteArrayOutputStream out, byte[] content) {
        write(out, "data " + content.length + "\n");
        out.writeBytes(content);
        write(out, "\n");
    }
}
