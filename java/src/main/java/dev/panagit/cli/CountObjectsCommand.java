package dev.panagit.cli;

import dev.panagit.lib.ObjectId;
import dev.panagit.repo.Repository;
import dev.panagit.storage.ObjectDatabase;
import dev.panagit.storage.Pack;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

final class CountObjectsCommand implements Command {
    boolean verbose;

    boolean human;

    private long garbage;
    private long garbageBytes;

    @Override
    public String name() {
        return "count-objects";
    }

    @Override
    public String description() {
        return "Count loose objects and their disk use; with -v, packs and garbage too.";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Flag verboseOption = args.flag("-v, --verbose", "git's fields: count, size, in-pack, packs, size-pack, prune-packable, garbage, size-garbage");
        Args.Flag humanOption = args.flag("-H, --human-readable", "sizes as git's 1.50 KiB, 3.00 MiB");
        args.parse();
        verbose = verboseOption.on();
        human = humanOption.on();
        Repository repo = Repos.open(io);
        ObjectDatabase objects = repo.objects();
        PrintStream out = io.out();
        long loose = 0;
        long looseBytes = 0;
        long packable = 0;
        long blockSize = blockSize(objects.directory());
        int nameLength = repo.format().hexLength() - 2;
        for (int i = 0; i < 256; i++) {
            String fan = String.format("%02x", i);
            Path dir = objects.directory().resolve(fan);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    if (!ObjectId.isHex(name, nameLength) || !name.equals(name.toLowerCase(Locale.ROOT))) {
                        garbage(io, file, "garbage found");
                    } else if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                        garbage(io, file, "garbage found");
                    } else {
                        loose++;
                        looseBytes += onDisk(Files.size(file), blockSize);
                        if (verbose && inPack(objects, ObjectId.fromHex(repo.format(), fan + name))) {
                            packable++;
                        }
                    }
                }
            }
        }
        if (!verbose) {
            out.println(loose + " objects, " + (human ? humanise(looseBytes) : looseBytes / 1024 + " kilobytes"));
            return 0;
        }
        long inPack = 0;
        long packBytes = 0;
        List<Pack> packs = objects.packs();
        for (Pack pack : packs) {
            inPack += pack.objectCount();
            packBytes += pack.size() + Files.size(pack.indexPath());
        }
        packGarbage(io, objects.directory().resolve("pack"));
        out.println("count: " + loose);
        out.println("size: " + (human ? humanise(looseBytes) : looseBytes / 1024));
        out.println("in-pack: " + inPack);
        out.println("packs: " + packs.size());
        out.println("size-pack: " + (human ? humanise(packBytes) : packBytes / 1024));
        out.println("prune-packable: " + packable);
        out.println("garbage: " + garbage);
        out.println("size-garbage: " + (human ? humanise(garbageBytes) : garbageBytes / 1024));
        for (ObjectDatabase alternate : objects.alternates()) {
            out.println("alternate: " + Quoting.cStyle(alternate.directory().toString()));
        }
        return 0;
    }

    private static boolean inPack(ObjectDatabase objects, ObjectId id) throws IOException {
        for (Pack pack : objects.packs()) {
            if (pack.has(id)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Files in {@code objects/pack} grouped by name before the extension: a group without both its
     * {@code .pack} and {@code .idx} is garbage, as are files git does not put there.
     */
    private void packGarbage(Io io, Path packDir) throws IOException {
        List<String> candidates = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(packDir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.equals("multi-pack-index") || name.equals("multi-pack-index.d")
                        || name.startsWith("multi-pack-index") && (name.endsWith(".bitmap") || name.endsWith(".rev"))) {
                    continue;
                }
                if (name.matches(".*\\.(idx|rev|pack|bitmap|keep|promisor|mtimes)")) {
                    candidates.add(file.toString());
                } else {
                    garbage(io, file, "garbage found");
                }
            }
        } catch (NoSuchFileException e) {
            return;
        }
        candidates.sort(null);
        int first = 0;
        int baseLength = -1;
        int seen = 0;
        for (int i = 0; i <= candidates.size(); i++) {
            String path = i < candidates.size() ? candidates.get(i) : null;
            if (baseLength != -1 && (path == null || !path.regionMatches(0, candidates.get(first), 0, baseLength))) {
                reportGroup(io, candidates.subList(first, i), seen);
                baseLength = -1;
                seen = 0;
            }
            if (path == null) {
                break;
            }
            if (baseLength == -1) {
                baseLength = path.lastIndexOf('.') + 1;
                first = i;
            }
            seen |= path.substring(baseLength).equals("pack") ? 1 : path.substring(baseLength).equals("idx") ? 2 : 0;
        }
    }

    private void reportGroup(Io io, List<String> files, int seen) throws IOException {
        String why = switch (seen) {
            case 0 -> "no corresponding .idx or .pack";
            case 1 -> "no corresponding .idx";
            case 2 -> "no corresponding .pack";
            default -> null;
        };
        if (why != null) {
            for (String file : files) {
                garbage(io, Path.of(file), why);
            }
        }
    }

    private void garbage(Io io, Path file, String why) throws IOException {
        if (!verbose) {
            return;
        }
        io.err().println("warning: " + why + ": " + io.cwd().relativize(file.toAbsolutePath()));
        garbage++;
        garbageBytes += Files.size(file);
    }

    /** What a file occupies: git counts allocated blocks ({@code st_blocks}), here its size rounded up to them. */
    private static long onDisk(long size, long blockSize) {
        return (size + blockSize - 1) / blockSize * blockSize;
    }

    private static long blockSize(Path dir) {
        try {
            return Math.max(512, Files.getFileStore(dir).getBlockSize());
        } catch (IOException | UnsupportedOperationException e) {
            return 4096;
        }
    }

    /** git's strbuf_humanise_bytes: "1.50 KiB", "3.00 MiB", "2.01 GiB", or "123 bytes", rounded as git rounds. */
    static String humanise(long bytes) {
        if (bytes > 1L << 30) {
            return (bytes >> 30) + "." + String.format("%02d", (bytes & ((1L << 30) - 1)) / 10737419) + " GiB";
        } else if (bytes > 1L << 20) {
            long x = bytes + 5243;
            return (x >> 20) + "." + String.format("%02d", ((x & ((1L << 20) - 1)) * 100) >> 20) + " MiB";
        } else if (bytes > 1L << 10) {
            long x = bytes + 5;
            return (x >> 10) + "." + String.format("%02d", ((x & ((1L << 10) - 1)) * 100) >> 10) + " KiB";
        }
        return bytes + (bytes == 1 ? " byte" : " bytes");
    }
}
