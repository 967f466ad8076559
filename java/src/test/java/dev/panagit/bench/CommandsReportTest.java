package dev.panagit.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** W7's report judges issue 10's targets from the medians: checked here on made-up numbers. */
class CommandsReportTest {
    private static ProcessBench.Result result(String peer, double wall, long peakMiB) {
        return new ProcessBench.Result("case", "repo", peer,
                List.of(new ProcessBench.Run(wall, wall, peakMiB * 1024, ""),
                        new ProcessBench.Run(wall * 1.02, wall, peakMiB * 1024, "")));
    }

    private static Map<String, ProcessBench.Result> peers(double auto, double nat, double java, double git,
            long nativePeak, long javaPeak) {
        return Map.of("panagit auto", result("panagit auto", auto, 50), "panagit native",
                result("panagit native", nat, nativePeak), "panagit java", result("panagit java", java, javaPeak),
                "git", result("git", git, 5));
    }

    @Test
    void targetsAreJudgedFromTheMedians() {
        Runnable none = () -> { };
        CommandsBench.Case revParse = new CommandsBench.Case("rev-parse HEAD", "small", Path.of("."),
                List.of(), List.of(), none, false);
        CommandsBench.Case big = new CommandsBench.Case("cat-file -p (200 MB)", "blob", Path.of("."),
                List.of(), List.of(), none, true);
        CommandsBench.Case log = new CommandsBench.Case("log", "3000 commits, loose objects", Path.of("."),
                List.of(), List.of(), none, false);
        CommandsBench.Outcome outcome = new CommandsBench.Outcome(List.of(revParse, big, log), Map.of(
                CommandsBench.key(revParse), peers(0.20, 0.30, 0.25, 0.01, 40, 40),
                CommandsBench.key(big), peers(0.80, 0.80, 0.80, 1.00, 250, 100),
                CommandsBench.key(log), peers(0.40, 0.35, 0.50, 0.20, 60, 60)),
                result("java hello world", 0.12, 40), true);
        String targets = new CommandsReport(outcome).targets();

        assertTrue(targets.contains("NOT met: native at least as fast as Java on `rev-parse HEAD` (small): native/java 1.20"),
                targets);
        assertTrue(targets.contains("met: `rev-parse HEAD` (small) on panagit auto within 2x of a Java hello world: 1.67x"),
                targets);
        assertTrue(targets.contains("NOT met: `rev-parse HEAD` (small) on panagit native within 2x of a Java hello world: 2.50x"),
                targets);
        // a bulk case must be faster, not as fast
        assertTrue(targets.contains("NOT met: native faster than Java on `cat-file -p (200 MB)` (blob): native/java 1.00"),
                targets);
        assertTrue(targets.contains("NOT met: peak memory of native within 2x of Java on `cat-file -p (200 MB)`: 250 vs 100 MiB"),
                targets);
        assertTrue(targets.contains("met: `cat-file -p (200 MB)` on panagit auto within 1.5x of git: 0.80x"), targets);
        assertTrue(targets.contains("NOT met: `log` on panagit native within 1.5x of git: 1.75x"), targets);
        assertTrue(targets.contains("met: native at least as fast as Java on `log`"), targets);

        String markdown = new CommandsReport(outcome).markdown();
        assertTrue(markdown.contains("| `log` | 3000 commits, loose objects | 0.404 ±1% | "), markdown);
        assertTrue(markdown.contains(" | 0.505 ±1% | 0.202 ±1% | 0.70 | 2.00 |"), markdown);
        assertTrue(new CommandsReport(outcome).chart("W7").startsWith("<svg"));
    }
}
