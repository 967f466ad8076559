package dev.panagit.cli;

import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.repo.Repository;
import dev.panagit.storage.pack.IndexedPack;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

final class VerifyPackCommand implements Command {
    boolean verbose;

    boolean statOnly;

    String objectFormat;

    List<String> packs;

    @Override
    public String name() {
        return "verify-pack";
    }

    @Override
    public String description() {
        return "Check packs against their indexes: checksums, every entry, every delta, every id.";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Flag verboseOption = args.flag("-v, --verbose", "list every object, then the delta chain histogram");
        Args.Flag statOnlyOption = args.flag("-s, --stat-only", "only the delta chain histogram");
        Args.Value objectFormatOption = args.value("--object-format", "<format>", "sha1 or sha256");
        Args.Operands operands = args.operands("<pack>.idx", 1, -1, "the packs (.idx, .pack or the name without)");
        args.parse();
        verbose = verboseOption.on();
        statOnly = statOnlyOption.on();
        objectFormat = objectFormatOption.get(objectFormat);
        packs = operands.all();
        Optional<Repository> repo = Repos.openIfAny(io);
        ObjectFormat format = PackTools.format(objectFormat, repo);
        PrintStream out = new PrintStream(new BufferedOutputStream(io.out(), 1 << 16), false, StandardCharsets.UTF_8);
        int result = 0;
        try {
            for (String given : packs) {
                String name = given.endsWith(".idx") ? given.substring(0, given.length() - 4) + ".pack"
                        : given.endsWith(".pack") ? given : given + ".pack";
                Path packFile = io.resolve(name);
                Path indexFile = io.resolve(name.substring(0, name.length() - ".pack".length()) + ".idx");
                try {
                    IndexedPack indexed = PackTools.indexer(io, format, 0, repo).index(packFile);
                    IndexPackCommand.verify(packFile, indexFile, indexed);
                    if (verbose || statOnly) {
                        show(indexed, out, statOnly);
                        if (!statOnly) {
                            out.println(name + ": ok");
                        }
                    }
                } catch (CorruptObjectException | Fatal e) {
                    out.flush();
                    io.err().println("fatal: " + e.getMessage());
                    if (verbose || statOnly) {
                        out.println(name + ": bad");
                    }
                    result = 1;
                } catch (java.nio.file.NoSuchFileException e) {
                    out.flush();
                    io.err().println("fatal: Cannot open existing pack file '" + packFile + "'");
                    if (verbose || statOnly) {
                        out.println(name + ": bad");
                    }
                    result = 1;
                }
            }
        } finally {
            out.flush();
        }
        return result;
    }

    /** git's listing: id, type, size, size in pack, offset[, depth, base]; then the histogram. */
    static void show(IndexedPack pack, PrintStream out, boolean statOnly) throws IOException {
        int deepest = 0;
        int whole = 0;
        for (int i = 0; i < pack.count(); i++) {
            deepest = Math.max(deepest, pack.depth(i));
        }
        long[] histogram = new long[deepest + 1];
        for (int i = 0; i < pack.count(); i++) {
            if (pack.isDelta(i)) {
                histogram[pack.depth(i)]++;
            } else {
                whole++;
            }
            if (statOnly) {
                continue;
            }
            StringBuilder line = new StringBuilder(120);
            line.append(pack.id(i).name()).append(' ')
                    .append(String.format("%-6s", pack.type(i).gitName())).append(' ')
                    .append(pack.entrySize(i)).append(' ')
                    .append(pack.packedLength(i)).append(' ')
                    .append(pack.offset(i));
            if (pack.isDelta(i)) {
                line.append(' ').append(pack.depth(i)).append(' ').append(pack.id(pack.base(i)).name());
            }
            out.println(line);
        }
        if (whole > 0) {
            out.println("non delta: " + whole + (whole == 1 ? " object" : " objects"));
        }
        for (int d = 1; d <= deepest; d++) {
            if (histogram[d] > 0) {
                out.println("chain length = " + d + ": " + histogram[d] + (histogram[d] == 1 ? " object" : " objects"));
            }
        }
    }
}
