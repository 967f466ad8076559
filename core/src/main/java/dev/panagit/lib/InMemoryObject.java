package dev.panagit.lib;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/** An object already decoded and checked against its id, held whole. */
public record InMemoryObject(ObjectId id, ObjectHeader header, byte[] content, Path file) implements StoredObject {
    @Override
    public boolean isLarge() {
        return false;
    }

    @Override
    public byte[] bytes() {
        return content.clone();
    }

    @Override
    public void copyTo(OutputStream out) throws IOException {
        out.write(content);
    }
}
