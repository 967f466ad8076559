package dev.panagit.cli;

import dev.panagit.repo.Repository;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

final class KCommand implements Command {
    Path dotFile;

    Path svgFile;

    @Override
    public String name() {
        return "k";
    }

    @Override
    public String description() {
        return "Picture all refs and commits: Graphviz DOT, and SVG through 'dot' when installed.";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Value dotFileOption = args.value("--dot", "<file>", "write the DOT graph here");
        Args.Value svgFileOption = args.value("--svg", "<file>", "render an SVG here with Graphviz's dot");
        args.parse();
        dotFile = dotFileOption.given() ? Path.of(dotFileOption.get(null)) : dotFile;
        svgFile = svgFileOption.given() ? Path.of(svgFileOption.get(null)) : svgFile;
        Repository repo = Repos.open(io);
        String dot = CommitGraphDot.render(repo);
        if (dotFile != null) {
            Files.writeString(io.cwd().resolve(dotFile), dot, StandardCharsets.UTF_8);
        }
        if (svgFile != null) {
            Path svg = io.cwd().resolve(svgFile);
            Process process;
            try {
                process = new ProcessBuilder("dot", "-Tsvg", "-o", svg.toString()).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new Fatal("Graphviz's 'dot' is not installed (Debian: apt-get install graphviz); "
                        + (dotFile != null ? "the DOT graph is in " + dotFile : "use --dot <file> for the DOT graph"));
            }
            try (var in = process.getOutputStream()) {
                in.write(dot.getBytes(StandardCharsets.UTF_8));
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new Fatal("dot failed: " + output.strip());
            }
        }
        if (dotFile == null && svgFile == null) {
            io.out().print(dot);
        }
        return 0;
    }
}
