package dev.panagit.bench.jmh;

import dev.panagit.bench.Workloads;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** A realistic set of objects: this repository's files (found from the working directory) and generated binaries. */
final class ObjectSet {
    private ObjectSet() {
    }

    /** panagit bench's W3 set, from the source tree above the working directory when there is one. */
    static List<byte[]> load() throws IOException {
        return Workloads.objectSet(Workloads.findSourceTree(Path.of("")));
    }
}
