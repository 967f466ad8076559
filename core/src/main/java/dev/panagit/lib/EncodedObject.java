package dev.panagit.lib;

/** An object as git stores it loose: its id and the zlib-compressed "type size\0content" bytes. */
public record EncodedObject(ObjectId id, byte[] compressed) {
}
