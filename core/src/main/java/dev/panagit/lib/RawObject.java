package dev.panagit.lib;

/** A whole object in memory: its type and its content (header stripped). */
public record RawObject(ObjectType type, byte[] content) {
}
