package dev.panagit.bench.jmh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/** A realistic set of objects: this repository's files (found from the working directory) and generated binaries. */
final class ObjectSet {
    private ObjectSet() {
    }

    static List<byte[]> load() throws IOException {
        List<byte[]> objects = new ArrayList<>();
        Path root = null;
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("native/include"))) {
                root = p;
                break;
            }
        }
        if (root != null) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.filter(Files::isRegularFile)
                        .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
                        .sorted().toList()) {
                    objects.add(Files.readAllBytes(p));
                }
            }
        } else {
            for (int i = 0; i < 150; i++) {
                objects.add(Codecs.text(200 + new Random(i).nextInt(20_000), i));
            }
        }
        Random random = new Random(5);
        for (int i = 0; i < 10; i++) {
            byte[] binary = new byte[1000 + random.nextInt(200_000)];
            random.nextBytes(binary);
            objects.add(binary);
        }
        return objects;
    }
}
