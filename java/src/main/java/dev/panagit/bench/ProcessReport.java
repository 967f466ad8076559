package dev.panagit.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Tables and a bar chart of process-level results (W6), each tool against a reference peer. */
public final class ProcessReport {
    private final List<ProcessBench.Result> results;
    private final String reference;

    /** @param reference the peer the ratio column divides by (git) */
    public ProcessReport(List<ProcessBench.Result> results, String reference) {
        this.results = results;
        this.reference = reference;
    }

    private List<String[]> rows() {
        Map<String, ProcessBench.Result> references = new LinkedHashMap<>();
        for (ProcessBench.Result r : results) {
            if (r.peer().equals(reference)) {
                references.put(r.workload(), r);
            }
        }
        List<String[]> rows = new ArrayList<>();
        for (ProcessBench.Result r : results) {
            ProcessBench.Result ref = references.get(r.workload());
            rows.add(new String[] {r.workload(), r.variant(), r.peer(),
                String.format(Locale.ROOT, "%.2f s ±%.0f%%", r.wall(), r.spreadPercent()),
                r.cpu() < 0 ? "?" : String.format(Locale.ROOT, "%.1f s", r.cpu()),
                r.peakKiB() < 0 ? "?" : (r.peakKiB() / 1024) + " MiB",
                ref == null ? "" : String.format(Locale.ROOT, "%.2fx", r.wall() / ref.wall())});
        }
        return rows;
    }

    public String table() {
        String format = "%-16s %-36s %-16s %-14s %-10s %-10s %s%n";
        StringBuilder sb = new StringBuilder(String.format(format, "workload", "case", "tool", "wall", "cpu", "peak RSS",
                "vs " + reference));
        for (String[] r : rows()) {
            sb.append(String.format(format, (Object[]) r));
        }
        return sb.toString();
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder("| workload | case | tool | wall (median ± half spread) | CPU (user+sys) "
                + "| peak RSS | wall / " + reference + " |\n|---|---|---|---|---|---|---|\n");
        for (String[] r : rows()) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return sb.toString();
    }

    /** Horizontal bars of median wall time, one per tool. */
    public String chart(String title) {
        int width = 640;
        int left = 150;
        int barHeight = 26;
        int top = 40;
        int height = top + results.size() * (barHeight + 10) + 30;
        double max = results.stream().mapToDouble(ProcessBench.Result::wall).max().orElse(1);
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n", width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"22\" font-size=\"15\">%s (seconds, median; shorter "
                + "is faster)</text>%n", title));
        String[] colors = {"#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd"};
        int plot = width - left - 90;
        for (int i = 0; i < results.size(); i++) {
            ProcessBench.Result r = results.get(i);
            int y = top + i * (barHeight + 10);
            int w = (int) Math.max(1, plot * r.wall() / max);
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", left - 8,
                    y + barHeight / 2 + 4, r.peer()));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"/>%n",
                    left, y, w, barHeight, colors[i % colors.length]));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%.1f s</text>%n", left + w + 6,
                    y + barHeight / 2 + 4, r.wall()));
        }
        return svg.append("</svg>\n").toString();
    }
}
