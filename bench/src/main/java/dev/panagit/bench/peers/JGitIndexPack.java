package dev.panagit.bench.peers;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.PackParser;

/**
 * JGit indexing a pack, as W6's peer: {@code PackParser} reads the pack, resolves every delta,
 * hashes every object and writes the pack and its index into a scratch repository, which is
 * deleted afterwards. Usage: {@code JGitIndexPack <pack>}.
 */
public final class JGitIndexPack {
    private JGitIndexPack() {
    }

    public static void main(String[] args) throws Exception {
        Path pack = Path.of(args[0]);
        Path scratch = Files.createTempDirectory("jgit-index-pack-");
        try (Repository repo = new FileRepositoryBuilder().setGitDir(scratch.toFile()).setBare().build()) {
            repo.create(true);
            try (ObjectInserter inserter = repo.newObjectInserter(); InputStream in = Files.newInputStream(pack)) {
                PackParser parser = inserter.newPackParser(in);
                parser.setAllowThin(false);
                parser.parse(NullProgressMonitor.INSTANCE);
                inserter.flush();
            }
        } finally {
            try (Stream<Path> walk = Files.walk(scratch)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
