package dev.panagit.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * W7's tables, chart and targets: per command, the median wall time of each tool (± half the
 * spread), CPU time and peak memory, the ratios native/java and panagit/git, and which of
 * issue 10's targets the numbers meet.
 */
public final class CommandsReport {
    private static final String AUTO = "panagit auto";
    private static final String NATIVE = "panagit native";
    private static final String JAVA = "panagit java";
    private static final String GIT = "git";

    private final CommandsBench.Outcome outcome;

    public CommandsReport(CommandsBench.Outcome outcome) {
        this.outcome = outcome;
    }

    private Map<String, ProcessBench.Result> of(CommandsBench.Case c) {
        return outcome.results().get(CommandsBench.key(c));
    }

    private static String seconds(ProcessBench.Result r) {
        return String.format(Locale.ROOT, "%.3f ±%.0f%%", r.wall(), r.spreadPercent());
    }

    private static String mib(ProcessBench.Result r) {
        return r.peakKiB() < 0 ? "?" : Long.toString(r.peakKiB() / 1024);
    }

    private static String cpu(ProcessBench.Result r) {
        return r.cpu() < 0 ? "?" : String.format(Locale.ROOT, "%.2f", r.cpu());
    }

    private static String ratio(ProcessBench.Result a, ProcessBench.Result b) {
        return String.format(Locale.ROOT, "%.2f", a.wall() / b.wall());
    }

    /** Wall time: one row per command. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| command | repository | auto | native | java | git | native/java | auto/git |\n");
        sb.append("|---|---|---|---|---|---|---|---|\n");
        for (CommandsBench.Case c : outcome.cases()) {
            Map<String, ProcessBench.Result> r = of(c);
            sb.append("| `").append(c.name()).append("` | ").append(c.what()).append(" | ")
                    .append(seconds(r.get(AUTO))).append(" | ").append(seconds(r.get(NATIVE))).append(" | ")
                    .append(seconds(r.get(JAVA))).append(" | ").append(seconds(r.get(GIT))).append(" | ")
                    .append(ratio(r.get(NATIVE), r.get(JAVA))).append(" | ")
                    .append(ratio(r.get(AUTO), r.get(GIT))).append(" |\n");
        }
        sb.append(String.format(Locale.ROOT, "| Java hello world | | | | | | | %.3f s ±%.0f%% |%n",
                outcome.hello().wall(), outcome.hello().spreadPercent()));
        sb.append("\nWall time in seconds (median of the runs ± half their min-max spread).\n\n");
        sb.append("| command | CPU s auto / native / java / git | peak RSS MiB auto / native / java / git |\n");
        sb.append("|---|---|---|\n");
        for (CommandsBench.Case c : outcome.cases()) {
            Map<String, ProcessBench.Result> r = of(c);
            sb.append("| `").append(c.name()).append("` (").append(c.what()).append(") | ")
                    .append(cpu(r.get(AUTO))).append(" / ").append(cpu(r.get(NATIVE))).append(" / ")
                    .append(cpu(r.get(JAVA))).append(" / ").append(cpu(r.get(GIT))).append(" | ")
                    .append(mib(r.get(AUTO))).append(" / ").append(mib(r.get(NATIVE))).append(" / ")
                    .append(mib(r.get(JAVA))).append(" / ").append(mib(r.get(GIT))).append(" |\n");
        }
        sb.append(String.format(Locale.ROOT, "| Java hello world | %s | %s |%n", cpu(outcome.hello()),
                mib(outcome.hello())));
        return sb.toString();
    }

    /** The same numbers for a terminal. */
    public String table() {
        String format = "%-22s %-38s %9s %9s %9s %9s %8s %8s%n";
        StringBuilder sb = new StringBuilder(String.format(format, "command", "repository", "auto", "native", "java",
                "git", "nat/java", "auto/git"));
        for (CommandsBench.Case c : outcome.cases()) {
            Map<String, ProcessBench.Result> r = of(c);
            sb.append(String.format(Locale.ROOT, format, c.name(), c.what(),
                    String.format(Locale.ROOT, "%.3f", r.get(AUTO).wall()),
                    String.format(Locale.ROOT, "%.3f", r.get(NATIVE).wall()),
                    String.format(Locale.ROOT, "%.3f", r.get(JAVA).wall()),
                    String.format(Locale.ROOT, "%.3f", r.get(GIT).wall()),
                    ratio(r.get(NATIVE), r.get(JAVA)), ratio(r.get(AUTO), r.get(GIT))));
        }
        sb.append(String.format(Locale.ROOT, "Java hello world: %.3f s%n", outcome.hello().wall()));
        return sb.toString();
    }

    /** Issue 10's targets, each with what the numbers say. */
    public String targets() {
        List<String> lines = new ArrayList<>();
        double hello = outcome.hello().wall();
        for (CommandsBench.Case c : outcome.cases()) {
            Map<String, ProcessBench.Result> r = of(c);
            double nativeOverJava = r.get(NATIVE).wall() / r.get(JAVA).wall();
            boolean met = c.bulk() ? nativeOverJava < 1.0 : nativeOverJava <= 1.0;
            lines.add(line(met, String.format(Locale.ROOT, "native %s Java on `%s` (%s): native/java %.2f",
                    c.bulk() ? "faster than" : "at least as fast as", c.name(), c.what(), nativeOverJava)));
            long nativePeak = r.get(NATIVE).peakKiB();
            long javaPeak = r.get(JAVA).peakKiB();
            if (nativePeak > 0 && javaPeak > 0) {
                lines.add(line(nativePeak <= 2 * javaPeak, String.format(Locale.ROOT,
                        "peak memory of native within 2x of Java on `%s`: %d vs %d MiB", c.name(),
                        nativePeak / 1024, javaPeak / 1024)));
            }
            if (c.name().equals("rev-parse HEAD") || c.name().equals("cat-file -p (small)")) {
                for (String peer : List.of(AUTO, NATIVE)) {
                    double x = r.get(peer).wall() / hello;
                    lines.add(line(x <= 2.0, String.format(Locale.ROOT,
                            "`%s` (%s) on %s within 2x of a Java hello world: %.2fx", c.name(), c.what(), peer, x)));
                }
            }
            if (c.name().equals("cat-file -p (200 MB)") || (c.name().equals("log") && c.what().contains("loose"))) {
                for (String peer : List.of(AUTO, NATIVE)) {
                    double x = r.get(peer).wall() / r.get(GIT).wall();
                    lines.add(line(x <= 1.5, String.format(Locale.ROOT, "`%s` on %s within 1.5x of git: %.2fx",
                            c.name(), peer, x)));
                }
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append("- ").append(l).append('\n');
        }
        return sb.toString();
    }

    private static String line(boolean met, String text) {
        return (met ? "met: " : "NOT met: ") + text;
    }

    /** Grouped bars, one group per command, each scaled to its own slowest tool (times are labelled). */
    public String chart(String title) {
        List<CommandsBench.Case> cases = outcome.cases();
        String[] peers = {AUTO, NATIVE, JAVA, GIT};
        String[] colors = {"#9467bd", "#d62728", "#1f77b4", "#2ca02c"};
        int width = 760;
        int left = 230;
        int bar = 11;
        int group = peers.length * bar + 14;
        int top = 56;
        int height = top + cases.size() * group + 20;
        int plot = width - left - 80;
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n", width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"20\" font-size=\"14\">%s</text>%n", title));
        svg.append("<text x=\"10\" y=\"36\">median wall seconds per command; each group scaled to its slowest tool; "
                + "shorter is faster</text>\n");
        for (int p = 0; p < peers.length; p++) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"42\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"51\">%s</text>%n", left + p * 130, colors[p], left + p * 130 + 14, peers[p]));
        }
        for (int i = 0; i < cases.size(); i++) {
            CommandsBench.Case c = cases.get(i);
            Map<String, ProcessBench.Result> r = of(c);
            int y = top + i * group;
            double max = 0;
            for (String peer : peers) {
                max = Math.max(max, r.get(peer).wall());
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    left - 8, y + group / 2, escape(c.name())));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#666\" "
                    + "font-size=\"9\">%s</text>%n", left - 8, y + group / 2 + 11, escape(c.what())));
            for (int p = 0; p < peers.length; p++) {
                double wall = r.get(peers[p]).wall();
                int w = (int) Math.max(1, plot * wall / max);
                int by = y + p * bar;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                        + "fill=\"%s\"/>%n", left, by, w, bar - 2, colors[p]));
                svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"9\">%.3f</text>%n",
                        left + w + 4, by + bar - 3, wall));
            }
        }
        return svg.append("</svg>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
