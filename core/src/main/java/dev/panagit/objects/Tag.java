package dev.panagit.objects;

import dev.panagit.lib.CorruptObjectException;
import dev.panagit.lib.Corruption;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import java.nio.charset.StandardCharsets;

/** An annotated tag object. */
public record Tag(ObjectId object, ObjectType objectType, String name, PersonIdent tagger, String message) {
    /** The bytes git stores. */
    public byte[] format() {
        StringBuilder sb = new StringBuilder();
        sb.append("object ").append(object.name()).append('\n');
        sb.append("type ").append(objectType.gitName()).append('\n');
        sb.append("tag ").append(name).append('\n');
        sb.append("tagger ").append(tagger.toExternalString()).append('\n');
        sb.append('\n').append(message);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a tag object as git does; throws when a required header is missing or malformed. */
    public static Tag parse(ObjectFormat format, ObjectId id, byte[] content) throws CorruptObjectException {
        String text = new String(content, StandardCharsets.UTF_8);
        int end = text.indexOf("\n\n");
        String head = end < 0 ? text : text.substring(0, end + 1);
        ObjectId object = null;
        ObjectType type = null;
        String name = null;
        PersonIdent tagger = null;
        try {
            for (String line : head.split("\n")) {
                if (line.startsWith("object ")) {
                    object = ObjectId.fromHex(format, line.substring(7));
                } else if (line.startsWith("type ")) {
                    type = ObjectType.fromGitName(line.substring(5));
                } else if (line.startsWith("tag ")) {
                    name = line.substring(4);
                } else if (line.startsWith("tagger ")) {
                    tagger = PersonIdent.parseExternal(line.substring(7));
                }
            }
        } catch (IllegalArgumentException e) {
            throw new CorruptObjectException(Corruption.BAD_CONTENT, "tag " + id + ": " + e.getMessage());
        }
        if (object == null || type == null || name == null) {
            throw new CorruptObjectException(Corruption.BAD_CONTENT, "tag " + id + " lacks object, type or tag");
        }
        return new Tag(object, type, name, tagger, end < 0 ? "" : text.substring(end + 2));
    }
}
