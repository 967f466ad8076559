package dev.panagit.objects;

import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.Corruption;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A commit object: tree, parents, author, committer, message (extra headers are kept as they are). */
public record Commit(ObjectId tree, List<ObjectId> parents, PersonIdent author, PersonIdent committer,
        String extraHeaders, String message) {

    /** Copies the parent list: a commit does not change after it is made. */
    public Commit {
        parents = List.copyOf(parents);
    }

    /** A commit without extra headers (no signature, no encoding), as {@code git commit} writes one. */
    public static Commit create(ObjectId tree, List<ObjectId> parents, PersonIdent author, PersonIdent committer,
            String message) {
        return new Commit(tree, parents, author, committer, "", message);
    }

    /** The bytes git stores. */
    public byte[] format() {
        StringBuilder sb = new StringBuilder();
        sb.append("tree ").append(tree.name()).append('\n');
        for (ObjectId parent : parents) {
            sb.append("parent ").append(parent.name()).append('\n');
        }
        sb.append("author ").append(author.toExternalString()).append('\n');
        sb.append("committer ").append(committer.toExternalString()).append('\n');
        sb.append(extraHeaders);
        sb.append('\n').append(message);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The first line of the message. */
    public String subject() {
        String trimmed = message.strip();
        int nl = trimmed.indexOf('\n');
        return nl < 0 ? trimmed : trimmed.substring(0, nl).strip();
    }

    /** Parses a commit's content; throws naming what is missing. */
    public static Commit parse(ObjectFormat format, ObjectId id, byte[] content) throws CorruptObjectException {
        String text = new String(content, StandardCharsets.UTF_8);
        int end = text.indexOf("\n\n");
        String head = end < 0 ? text : text.substring(0, end + 1);
        String message = end < 0 ? "" : text.substring(end + 2);
        ObjectId tree = null;
        List<ObjectId> parents = new ArrayList<>();
        PersonIdent author = null;
        PersonIdent committer = null;
        StringBuilder extra = new StringBuilder();
        try {
            for (String line : head.split("\n")) {
                if (!extra.isEmpty() || (line.startsWith(" ") && author != null && committer != null)) {
                    extra.append(line).append('\n');
                } else if (line.startsWith("tree ") && tree == null) {
                    tree = ObjectId.fromHex(format, line.substring(5));
                } else if (line.startsWith("parent ")) {
                    parents.add(ObjectId.fromHex(format, line.substring(7)));
                } else if (line.startsWith("author ")) {
                    author = PersonIdent.parseExternal(line.substring(7));
                } else if (line.startsWith("committer ")) {
                    committer = PersonIdent.parseExternal(line.substring(10));
                } else if (!line.isEmpty()) {
                    extra.append(line).append('\n');
                }
            }
        } catch (IllegalArgumentException e) {
            throw new CorruptObjectException(Corruption.BAD_CONTENT, "commit " + id + ": " + e.getMessage());
        }
        if (tree == null || author == null || committer == null) {
            throw new CorruptObjectException(Corruption.BAD_CONTENT, "commit " + id + " lacks a tree, author or committer");
        }
        return new Commit(tree, parents, author, committer, extra.toString(), message);
    }
}
