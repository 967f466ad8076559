package dev.panagit.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.testing.GitCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The diff engine against git's: the hunks of {@code git diff --no-index} (Myers, indent heuristic,
 * function context, counts, missing newlines) must be byte-identical to ours on random edits of
 * code-like text, on files with many repeated lines, on large files where xdiff's cost limits
 * cut in, and on every change ever made to this repository's own sources.
 */
class MyersDiffTest {
    @TempDir
    Path dir;

    private int compared;

    /** Ours against git's on one pair. */
    private void assertSameAsGit(byte[] a, byte[] b, String what) throws Exception {
        assertSameAsGit(a, b, what, MyersDiff.Options.GIT_DEFAULT);
    }

    /** git's option words for our options. */
    private static List<String> gitOptions(MyersDiff.Options options) {
        List<String> args = new ArrayList<>();
        args.add("--diff-algorithm=" + options.algorithm().name().toLowerCase(java.util.Locale.ROOT));
        switch (options.whitespace()) {
            case ALL -> args.add("-w");
            case CHANGE -> args.add("-b");
            case AT_EOL -> args.add("--ignore-space-at-eol");
            default -> {
            }
        }
        return args;
    }

    /** Ours against git's on one pair, with an algorithm and whitespace rule. */
    private void assertSameAsGit(byte[] a, byte[] b, String what, MyersDiff.Options options) throws Exception {
        Path fa = Files.write(dir.resolve("a"), a);
        Path fb = Files.write(dir.resolve("b"), b);
        for (int context : new int[] {3, 0, 1}) {
            List<String> args = new ArrayList<>(List.of("diff", "--no-index", "--no-color", "-U" + context));
            args.addAll(gitOptions(options));
            args.addAll(List.of("a", "b"));
            GitCli.Result git = GitCli.run(dir, null, args.toArray(String[]::new));
            String text = git.text();
            // The hunks start at the first "@@" line; a binary pair has none (its content is not shown).
            int hunks = text.indexOf("\n@@");
            String expected = git.exitCode() == 0 || hunks < 0 ? "" : text.substring(hunks + 1);
            String ours = new String(UnifiedDiff.hunks(a, b, context, options), StandardCharsets.ISO_8859_1);
            assertEquals(new String(expected.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1), ours,
                    what + " -U" + context + " " + gitOptions(options));
        }
        Files.delete(fa);
        Files.delete(fb);
        compared++;
    }

    private static String codeLike(Random random, int lines) {
        String[] shapes = {"int x = %d;", "if (x > %d) {", "}", "", "return %d;", "\tcall(%d);", "    value(%d);",
            "/* comment %d */", "static void f%d() {", "        deep(%d);", "}", "", "else {"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            String shape = shapes[random.nextInt(shapes.length)];
            sb.append(String.format(shape, random.nextInt(8))).append('\n');
        }
        return sb.toString();
    }

    private static String edit(Random random, String text, int edits) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        lines.remove(lines.size() - 1);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int at = random.nextInt(lines.size());
            switch (random.nextInt(4)) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, "inserted " + random.nextInt(5));
                case 2 -> lines.set(at, lines.get(at) + " changed");
                default -> {   // move a block: what sliding and the indent heuristic are for
                    int len = Math.min(1 + random.nextInt(4), lines.size() - at);
                    List<String> block = new ArrayList<>(lines.subList(at, at + len));
                    lines.subList(at, at + len).clear();
                    lines.addAll(random.nextInt(lines.size() + 1), block);
                }
            }
        }
        return String.join("\n", lines) + "\n";
    }

    @Test
    void randomEditsOfCodeLikeText() throws Exception {
        Random random = new Random(12);
        for (int round = 0; round < 120; round++) {
            String a = codeLike(random, 5 + random.nextInt(80));
            String b = edit(random, a, 1 + random.nextInt(8));
            if (round % 10 == 0) {
                b = b.substring(0, b.length() - 1);   // no newline at the end
            }
            if (round % 15 == 0) {
                a = a.substring(0, a.length() - 1);
            }
            assertSameAsGit(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8), "round " + round);
        }
    }

    /** Random edits that also re-indent and respace lines, under every algorithm and whitespace rule. */
    @Test
    void everyAlgorithmAndWhitespaceRule() throws Exception {
        Random random = new Random(31);
        for (MyersDiff.Algorithm algorithm : MyersDiff.Algorithm.values()) {
            for (MyersDiff.Whitespace whitespace : MyersDiff.Whitespace.values()) {
                MyersDiff.Options options = new MyersDiff.Options(algorithm, whitespace, true);
                for (int round = 0; round < 12; round++) {
                    String a = codeLike(random, 10 + random.nextInt(120));
                    String b = respace(random, edit(random, a, 1 + random.nextInt(10)));
                    if (round % 5 == 0) {
                        b = b.substring(0, b.length() - 1);
                    }
                    assertSameAsGit(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8),
                            algorithm + " " + whitespace + " round " + round, options);
                }
            }
        }
    }

    /** Changes whitespace on some lines: indentation, inner runs, trailing blanks, CRs. */
    private static String respace(Random random, String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            switch (random.nextInt(12)) {
                case 0 -> line = "\t" + line;
                case 1 -> line = line.replace(" ", "  ");
                case 2 -> line = line + " ";
                case 3 -> line = line.replace(" ", "");
                case 4 -> line = line + "\r";
                default -> {
                }
            }
            sb.append(line).append('\n');
        }
        return sb.substring(0, sb.length() - 1);
    }

    @Test
    void edgeCases() throws Exception {
        String[][] pairs = {{"", "a\n"}, {"a\n", ""}, {"a", "a\n"}, {"a\n", "a"}, {"a\nb\n", "b\na\n"},
            {"x\n\n\ny\n", "x\n\ny\n"}, {"same\n", "same\n"}, {"\n\n\n", "\n\n"}, {"a\r\nb\r\n", "a\nb\r\n"}};
        for (String[] p : pairs) {
            assertSameAsGit(p[0].getBytes(StandardCharsets.UTF_8), p[1].getBytes(StandardCharsets.UTF_8),
                    p[0] + " -> " + p[1]);
        }
    }

    /** Many equal lines (xdiff's discard and its multimatch runs) and large edits (its cost limits). */
    @Test
    void repetitiveAndLargeFiles() throws Exception {
        Random random = new Random(5);
        for (int round = 0; round < 6; round++) {
            StringBuilder a = new StringBuilder();
            StringBuilder b = new StringBuilder();
            int lines = 3000 + random.nextInt(3000);
            for (int i = 0; i < lines; i++) {
                String line = random.nextInt(10) < 6 ? "common " + random.nextInt(round + 2) : "line " + random.nextInt(lines);
                a.append(line).append('\n');
                int r = random.nextInt(100);
                if (r < 8) {
                    b.append("new ").append(random.nextInt(50)).append('\n');
                } else if (r >= 12) {
                    b.append(line).append('\n');
                }
            }
            assertSameAsGit(a.toString().getBytes(StandardCharsets.UTF_8), b.toString().getBytes(StandardCharsets.UTF_8),
                    "round " + round);
        }
    }

    /** Every change to this repository's own Java and C sources, file by file (real-world diffs). */
    @Test
    void everyChangeInThisRepository() throws Exception {
        Path repo = Path.of("..").toAbsolutePath().normalize();
        GitCli.Result log = GitCli.run(repo, null, "log", "--format=%H", "-n", "12");
        assertEquals(0, log.exitCode(), "the tests run in a clone of this repository: " + log.stderr());
        for (String commit : log.text().split("\n")) {
            GitCli.Result files = GitCli.run(repo, null, "diff-tree", "-r", "--no-commit-id", "--name-only",
                    "--diff-filter=M", commit);
            for (String file : files.text().split("\n")) {
                if (!file.endsWith(".java") && !file.endsWith(".c") && !file.endsWith(".md")) {
                    continue;
                }
                byte[] before = GitCli.run(repo, null, "show", commit + "^:" + file).stdout();
                byte[] after = GitCli.run(repo, null, "show", commit + ":" + file).stdout();
                assertSameAsGit(before, after, commit + " " + file);
                MyersDiff.Algorithm[] others = {MyersDiff.Algorithm.PATIENCE, MyersDiff.Algorithm.HISTOGRAM,
                    MyersDiff.Algorithm.MINIMAL};
                assertSameAsGit(before, after, commit + " " + file,
                        MyersDiff.Options.GIT_DEFAULT.withAlgorithm(others[compared % others.length]));
            }
        }
        assertTrue(compared > 20, "compared " + compared + " real changes");
    }
}
