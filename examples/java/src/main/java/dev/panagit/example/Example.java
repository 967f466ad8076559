package dev.panagit.example;

import dev.panagit.backend.BackendChoice;
import dev.panagit.backend.Backends;
import dev.panagit.history.RevWalk;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.TreeEntry;
import dev.panagit.objects.Commit;
import dev.panagit.objects.PersonIdent;
import dev.panagit.objects.Trees;
import dev.panagit.repo.ConcurrentRefUpdateException;
import dev.panagit.repo.Repository;
import dev.panagit.repo.Revisions;
import dev.panagit.storage.Pack;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Uses panagit as a library: reads the history of an existing repository, then writes a blob,
 * a tree and a commit into a new one and reads them back. Exits non-zero if anything read back
 * is not what was written.
 *
 * <pre>java --enable-native-access=ALL-UNNAMED -cp ... dev.panagit.example.Example [--require-native] &lt;repository&gt;</pre>
 */
public final class Example {
    private Example() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = List.of(args);
        boolean requireNative = arguments.contains("--require-native");
        Path existing = Path.of(arguments.stream().filter(a -> !a.startsWith("--")).findFirst().orElse("."));
        try (BackendChoice backend = Backends.open("auto")) {   // codecs of our own, freed at the end
            run(backend, existing, requireNative);
        }
    }

    private static void run(BackendChoice backend, Path existing, boolean requireNative) throws Exception {
        System.out.println("running " + (Example.class.getModule().isNamed() ? "as module "
                + Example.class.getModule().getName() : "on the class path"));
        System.out.println("backend: " + backend.backendName()
                + backend.fallbackReason().map(reason -> " (" + reason + ")").orElse(""));
        backend.nativeLibrary().ifPresent(lib -> System.out.println("library: libpanagit " + lib.version()
                + ", SHA-1 on " + lib.sha1() + ", from " + lib.origin()));
        if (requireNative && !backend.backendName().equals("native")) {
            System.err.println("the native core did not load");
            System.exit(1);
        }

        // Read: the five newest commits of an existing repository.
        try (Repository repo = Repository.discover(existing, backend.codec())) {
            ObjectId head = Revisions.resolve(repo, "HEAD").orElseThrow();
            for (RevWalk.Entry entry : new RevWalk(repo).include(head).byDate(0, 5)) {
                System.out.println(repo.objects().abbreviate(entry.id()) + " " + entry.commit().subject());
            }
            for (Pack pack : repo.objects().packs()) {
                System.out.println(pack.packPath().getFileName() + ": " + pack.objectCount() + " objects");
            }
        }

        // Write: a blob, a tree and a commit in a new repository, then read them back.
        Path dir = Files.createTempDirectory("panagit-example");
        try (Repository repo = Repository.init(dir, ObjectFormat.SHA1, "main", backend.codec()).repository()) {
            byte[] text = "hello from Java\n".getBytes(StandardCharsets.UTF_8);
            ObjectId blob = repo.objects().insert(ObjectType.BLOB, text);
            ObjectId tree = repo.objects().insert(ObjectType.TREE,
                    Trees.format(repo.format(), List.of(new TreeEntry(Trees.MODE_FILE, "hello.txt", blob))));
            PersonIdent me = new PersonIdent("Example", "example@panagit.dev", 1_700_000_000L, 0);
            ObjectId commit = repo.objects().insert(ObjectType.COMMIT,
                    Commit.create(tree, List.of(), me, me, "First commit from Java\n").format());
            repo.refs().update("refs/heads/main", commit, null);
            try {   // an update that expects another old value changes nothing, and says what it found
                repo.refs().update("refs/heads/main", blob, blob, null);
                throw new IllegalStateException("a stale update went through");
            } catch (ConcurrentRefUpdateException e) {
                System.out.println("refused: " + e.ref() + " is at " + e.actual().abbreviate(7));
            }

            ObjectId resolved = Revisions.resolve(repo, "main").orElseThrow();
            byte[] readBack = repo.objects().open(repo.readTree(repo.readCommit(resolved).tree()).get(0).id()).bytes();
            System.out.println("wrote commit " + commit.name() + " with blob " + blob.name() + ", read it back");
            // git hash-object gives this blob the id below: the ids are git's.
            if (!resolved.equals(commit) || !Arrays.equals(readBack, text)
                    || !blob.name().equals("23a490e560b064751742292b3ca5eba958970d7b")) {
                System.err.println("read back something else than was written");
                System.exit(1);
            }
        } finally {
            deleteRecursively(dir);
        }
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
