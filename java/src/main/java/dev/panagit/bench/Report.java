package dev.panagit.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Tables (plain text and Markdown) and SVG charts of a benchmark run. */
public final class Report {
    private final List<Measurement> results;

    public Report(List<Measurement> results) {
        this.results = results;
    }

    static String formatRate(Measurement m) {
        if (m.bytesPerOp() == 0) {
            return String.format(Locale.ROOT, "%.1f ns/op", m.nanosPerOp());
        }
        if (m.nanosPerOp() > 1e6) {
            return String.format(Locale.ROOT, "%.1f ms/op, %.0f MB/s", m.nanosPerOp() / 1e6, m.megabytesPerSecond());
        }
        return String.format(Locale.ROOT, "%.0f MB/s (%.2f us/op)", m.megabytesPerSecond(), m.nanosPerOp() / 1e3);
    }

    /** Rows: workload, variant, then per backend the median and spread, then native/java. */
    public List<String[]> rows() {
        Map<String, Map<String, Measurement>> grouped = new LinkedHashMap<>();
        for (Measurement m : results) {
            grouped.computeIfAbsent(m.workload() + "\u0000" + m.variant(), k -> new LinkedHashMap<>()).put(m.backend(), m);
        }
        List<String[]> rows = new ArrayList<>();
        for (Map.Entry<String, Map<String, Measurement>> e : grouped.entrySet()) {
            String[] key = e.getKey().split("\u0000");
            Map<String, Measurement> byBackend = e.getValue();
            Measurement nat = byBackend.get("native");
            Measurement java = byBackend.get("java");
            Measurement git = byBackend.get("git");
            String ratio = nat != null && java != null
                    ? String.format(Locale.ROOT, "%.2fx", nat.median() / java.median()) : "";
            rows.add(new String[] {key[0], key[1], cell(nat), cell(java), git == null ? "" : cell(git), ratio});
        }
        return rows;
    }

    private static String cell(Measurement m) {
        return m == null ? "" : formatRate(m) + String.format(Locale.ROOT, " ±%.0f%%", m.spreadPercent() / 2);
    }

    public String table() {
        StringBuilder sb = new StringBuilder();
        String format = "%-24s %-22s %-34s %-34s %-28s %s%n";
        sb.append(String.format(format, "workload", "case", "native", "java", "git (process)", "native/java"));
        for (String[] r : rows()) {
            sb.append(String.format(format, (Object[]) r));
        }
        return sb.toString();
    }

    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| workload | case | native | java | git (process) | native/java |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (String[] r : rows()) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return sb.toString();
    }

    /** An SVG line chart of MB/s by size for one workload prefix, one line per backend. */
    public String chart(String workloadPrefix, String title) {
        Map<String, List<Measurement>> lines = new LinkedHashMap<>();
        List<String> sizes = new ArrayList<>();
        for (Measurement m : results) {
            if (m.workload().startsWith(workloadPrefix) && m.bytesPerOp() > 0) {
                lines.computeIfAbsent(m.backend() + " " + m.workload().substring(workloadPrefix.length()).strip(),
                        k -> new ArrayList<>()).add(m);
                if (!sizes.contains(m.variant())) {
                    sizes.add(m.variant());
                }
            }
        }
        double max = results.stream().filter(m -> m.workload().startsWith(workloadPrefix))
                .mapToDouble(Measurement::megabytesPerSecond).max().orElse(1);
        int width = 640;
        int height = 360;
        int left = 70;
        int right = 200;
        int top = 40;
        int bottom = 50;
        int plotW = width - left - right;
        int plotH = height - top - bottom;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", width, height));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">%s (MB/s, median)</text>%n",
                left, escape(title)));
        for (int i = 0; i <= 4; i++) {
            double value = max * i / 4;
            int y = top + plotH - (int) (plotH * i / 4.0);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>%n",
                    left, y, left + plotW, y));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.0f</text>%n",
                    left - 6, y + 4, value));
        }
        for (int i = 0; i < sizes.size(); i++) {
            int x = left + (sizes.size() == 1 ? plotW / 2 : plotW * i / (sizes.size() - 1));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                    x, top + plotH + 20, escape(sizes.get(i))));
        }
        String[] colors = {"#d62728", "#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"};
        int index = 0;
        for (Map.Entry<String, List<Measurement>> line : lines.entrySet()) {
            String color = colors[index % colors.length];
            StringBuilder points = new StringBuilder();
            for (Measurement m : line.getValue()) {
                int i = sizes.indexOf(m.variant());
                int x = left + (sizes.size() == 1 ? plotW / 2 : plotW * i / (sizes.size() - 1));
                int y = top + plotH - (int) (plotH * m.megabytesPerSecond() / max);
                points.append(x).append(',').append(y).append(' ');
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%d\" cy=\"%d\" r=\"3\" fill=\"%s\"/>%n", x, y, color));
            }
            svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
                    points.toString().strip(), color, line.getKey().startsWith("java") ? " stroke-dasharray=\"6,3\"" : ""));
            int ly = top + 10 + 18 * index;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>%n",
                    left + plotW + 15, ly, left + plotW + 35, ly, color));
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", left + plotW + 40, ly + 4,
                    escape(line.getKey())));
            index++;
        }
        return svg.append("</svg>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Writes report.md and the charts into {@code dir}. */
    public void write(Path dir, String header, List<String[]> ratios) throws IOException {
        Files.createDirectories(dir);
        Map<String, String> charts = new LinkedHashMap<>();
        charts.put("w1-sha1.svg", chart("W1 SHA-1", "W1 SHA-1 throughput by size"));
        charts.put("w1-sha256.svg", chart("W1 SHA-256", "W1 SHA-256 throughput by size"));
        charts.put("w2-deflate-inflate.svg", chart("W2", "W2 deflate / inflate by size"));
        StringBuilder md = new StringBuilder(header).append("\n## Results\n\n").append(markdown());
        md.append("\n## Compression ratios (compressed / raw), source-like text\n\n");
        md.append("| size | native L1 | native L6 | java L1 | java L6 |\n|---|---|---|---|---|\n");
        for (String[] r : ratios) {
            md.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        md.append("\n## Charts\n\n");
        for (Map.Entry<String, String> chart : charts.entrySet()) {
            Files.writeString(dir.resolve(chart.getKey()), chart.getValue(), StandardCharsets.UTF_8);
            md.append("![").append(chart.getKey()).append("](").append(chart.getKey()).append(")\n\n");
        }
        Files.writeString(dir.resolve("report.md"), md.toString(), StandardCharsets.UTF_8);
    }
}
