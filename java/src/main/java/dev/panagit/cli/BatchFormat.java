package dev.panagit.cli;

import dev.panagit.lib.ObjectHeader;
import dev.panagit.lib.ObjectId;
import dev.panagit.repo.Repository;
import dev.panagit.storage.ObjectDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * The output format of {@code cat-file --batch} and {@code --batch-check}: literal text, {@code %%},
 * and git's atoms {@code %(objectname)}, {@code %(objecttype)}, {@code %(objectsize)},
 * {@code %(objectsize:disk)}, {@code %(deltabase)} and {@code %(rest)}.
 */
final class BatchFormat {
    private static final List<String> ATOMS = List.of("objectname", "objecttype", "objectsize", "objectsize:disk",
            "deltabase", "rest");

    /** Literal strings and atom names, in order; an atom is marked by a leading NUL. */
    private final List<String> parts;

    private BatchFormat(List<String> parts) {
        this.parts = parts;
    }

    static BatchFormat parse(String format) {
        List<String> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '%' && i + 1 < format.length() && format.charAt(i + 1) == '%') {
                literal.append('%');
                i++;
            } else if (c == '%' && i + 1 < format.length() && format.charAt(i + 1) == '(') {
                int close = format.indexOf(')', i);
                if (close < 0) {
                    throw new Fatal("format element '" + format.substring(i + 1) + "' does not end in ')'");
                }
                String atom = format.substring(i + 2, close);
                if (!ATOMS.contains(atom)) {
                    throw new Fatal("unknown format element: " + atom);
                }
                parts.add(literal.toString());
                literal.setLength(0);
                parts.add("\0" + atom);
                i = close;
            } else {
                literal.append(c);
            }
        }
        parts.add(literal.toString());
        return new BatchFormat(parts);
    }

    boolean usesRest() {
        return parts.contains("\0rest");
    }

    String expand(Repository repo, ObjectId id, ObjectHeader header, String rest) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String part : parts) {
            if (!part.startsWith("\0")) {
                sb.append(part);
                continue;
            }
            switch (part.substring(1)) {
                case "objectname" -> sb.append(id.name());
                case "objecttype" -> sb.append(header.type().gitName());
                case "objectsize" -> sb.append(header.size());
                case "objectsize:disk" -> sb.append(diskSize(repo, id));
                case "deltabase" -> sb.append(deltaBase(repo, id).name());
                case "rest" -> sb.append(rest);
                default -> throw new IllegalStateException(part);
            }
        }
        return sb.toString();
    }

    /** Bytes on disk: a loose file's size, or a pack entry's length. */
    private static long diskSize(Repository repo, ObjectId id) throws IOException {
        return switch (repo.objects().locate(id)) {
            case ObjectDatabase.Location.Loose loose -> Files.size(loose.file());
            case ObjectDatabase.Location.Packed packed -> packed.pack().entry(packed.offset()).length();
            case null -> 0;
        };
    }

    /** The id of a packed delta's base, or the zero id. */
    private static ObjectId deltaBase(Repository repo, ObjectId id) throws IOException {
        if (repo.objects().locate(id) instanceof ObjectDatabase.Location.Packed packed) {
            return packed.pack().entry(packed.offset()).base().orElse(ObjectId.zeroId(repo.format()));
        }
        return ObjectId.zeroId(repo.format());
    }
}
