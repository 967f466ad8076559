package dev.panagit.cli;

import dev.panagit.codec.ObjectHeaders;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.TreeEntry;
import dev.panagit.lib.PackEntryHeader;
import dev.panagit.lib.StoredObject;
import dev.panagit.repo.Repository;
import dev.panagit.storage.ObjectDatabase;
import dev.panagit.storage.Pack;
import dev.panagit.storage.PackEntry;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Shows, for a learner, how an object is laid out on disk and how its id is computed. */
final class ExplainCommand implements Command {
    private static final int SHOWN_BYTES = 96;

    String object;

    @Override
    public String name() {
        return "explain";
    }

    @Override
    public String description() {
        return "Annotate an object's bytes: header, content, id, compression, file.";
    }

    @Override
    public int run(Io io, Args args) throws Exception {
        Args.Operands operands = args.operands("<object>", 1, 1, "a full or abbreviated id, or a ref");
        args.parse();
        object = operands.get(0, object);
        Repository repo = Repos.open(io);
        ObjectId id = Repos.resolve(io, repo, object);
        StoredObject stored = repo.objects().open(id);
        explain(repo, stored, io.out());
        return 0;
    }

    static void explain(Repository repo, StoredObject stored, PrintStream out) throws Exception {
        ObjectFormat format = repo.format();
        byte[] header = ObjectHeaders.format(stored.type(), stored.size());
        String shownHeader = new String(header, 0, header.length - 1, StandardCharsets.US_ASCII) + "\\0";

        out.println("object  " + stored.id().name());
        out.println("        a " + stored.type().gitName() + " of " + stored.size() + " bytes, in a "
                + format.configName() + " repository");
        out.println();
        switch (repo.objects().locate(stored.id())) {
            case ObjectDatabase.Location.Loose loose -> explainLoose(repo, loose.file(), header.length + stored.size(), out);
            case ObjectDatabase.Location.Packed packed -> explainPacked(repo, packed.pack(), packed.offset(), out);
            case null -> throw new IllegalStateException("object " + stored.id() + " vanished");
        }
        out.println();
        out.println("header  \"" + shownHeader + "\" (" + header.length + " bytes)");
        out.println("        the type name, a space, the content size in decimal, a NUL byte");
        out.println();
        out.println("content " + stored.size() + " bytes" + (stored.isLarge() ? " (too large to show)" : ":"));
        if (!stored.isLarge()) {
            byte[] content = stored.bytes();
            if (stored.type() == ObjectType.TREE) {
                out.println("        a tree: entries of <octal mode> SP <name> NUL <" + format.rawLength()
                        + "-byte raw id>");
                for (TreeEntry entry : TreeEntry.parse(format, content)) {
                    out.println("        " + entry.paddedMode() + " " + entry.type().gitName() + " "
                            + entry.id().name() + "  " + entry.name());
                }
            } else {
                hexdump(content, out);
            }
        }
        out.println();
        out.println("id      " + format.configName() + "(\"" + shownHeader + "\" + content)");
        out.println("        = " + stored.id().name());
        out.println("        checked: the content hashes to the id it is stored under"
                + " (backend: " + repo.objects().codec().backendName() + ")");
    }

    private static void explainLoose(Repository repo, Path file, long inflated, PrintStream out) throws Exception {
        byte[] compressed = Files.readAllBytes(file);
        out.println("file    " + repo.workTree().relativize(file));
        out.println("        git keeps a loose object in objects/<first 2 hex digits>/<other "
                + (repo.format().hexLength() - 2) + ">");
        out.println("        " + compressed.length + " bytes on disk: the zlib-compressed header + content");
        describeZlib(compressed, inflated, out);
    }

    private static void explainPacked(Repository repo, Pack pack, long offset, PrintStream out) throws Exception {
        List<PackEntry> chain = pack.deltaChain(offset);
        PackEntry entry = chain.get(0);
        out.println("pack    " + repo.workTree().relativize(pack.packPath()) + " (version " + pack.version() + ", "
                + pack.objectCount() + " objects), entry at offset " + offset);
        out.println("        a pack entry is a header (type, inflated size, and for a delta its base), then a zlib"
                + " stream;");
        out.println("        the index " + pack.indexPath().getFileName() + " (version " + pack.indexVersion()
                + ") maps ids to offsets");
        out.println("        " + entry.length() + " bytes in the pack, " + entry.header().headerLength()
                + " of them header");
        if (chain.size() == 1) {
            out.println("        stored whole: the stream inflates to the content itself (no object header)");
            return;
        }
        out.println("        stored as a delta: copy and insert instructions against a base; chain of depth "
                + (chain.size() - 1) + ":");
        for (PackEntry link : chain) {
            PackEntryHeader h = link.header();
            String what = !h.isDelta() ? "whole " + h.objectType().gitName() + ", " + h.size() + " bytes"
                    : PackEntryHeader.typeName(h.typeCode()) + ", " + h.size() + " bytes of delta, base "
                            + (h.typeCode() == PackEntryHeader.REF_DELTA
                                    ? "named by id " + link.deltaBase().name()
                                    : "at offset " + h.baseOffset());
            out.println("          offset " + link.offset() + "  " + link.id().abbreviate(12) + "  " + what);
        }
    }

    private static void describeZlib(byte[] z, long inflated, PrintStream out) {
        if (z.length < 6) {
            return;
        }
        int cmf = z[0] & 0xff;
        int flg = z[1] & 0xff;
        String[] levels = {"fastest", "fast", "default", "maximum"};
        out.printf("        zlib header %02x %02x: method %d (deflate), window %d KiB, level hint \"%s\"%s%n",
                cmf, flg, cmf & 0x0f, (1 << ((cmf >> 4) + 8)) / 1024, levels[flg >> 6],
                (flg & 0x20) != 0 ? ", preset dictionary" : "");
        out.printf("        adler-32 trailer %02x%02x%02x%02x (a checksum of the inflated bytes)%n",
                z[z.length - 4] & 0xff, z[z.length - 3] & 0xff, z[z.length - 2] & 0xff, z[z.length - 1] & 0xff);
        out.printf("        %d bytes inflated, %d compressed (%.0f%%)%n", inflated, z.length,
                100.0 * z.length / Math.max(1, inflated));
    }

    private static void hexdump(byte[] data, PrintStream out) {
        int shown = Math.min(data.length, SHOWN_BYTES);
        for (int row = 0; row < shown; row += 16) {
            StringBuilder hex = new StringBuilder();
            StringBuilder text = new StringBuilder();
            for (int i = row; i < row + 16; i++) {
                if (i < shown) {
                    int b = data[i] & 0xff;
                    hex.append(String.format("%02x ", b));
                    text.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
                } else {
                    hex.append("   ");
                }
            }
            out.printf("        %04x  %s %s%n", row, hex, text);
        }
        if (data.length > shown) {
            out.println("        ... " + (data.length - shown) + " more bytes");
        }
    }
}
