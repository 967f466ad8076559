package dev.panagit.cli;

import dev.panagit.lib.ObjectFormat;
import dev.panagit.repo.Repository;
import dev.panagit.storage.pack.DeltaBaseCache;
import dev.panagit.storage.pack.PackIndexer;
import java.io.IOException;
import java.util.Optional;

/** What index-pack, verify-pack and fsck share: the object format, threads and memory of a run. */
final class PackTools {
    private PackTools() {
    }

    /** The object format: as given, else the repository's, else SHA-1 (git's rule for index-pack). */
    static ObjectFormat format(String given, Optional<Repository> repo) {
        if (given != null) {
            try {
                return ObjectFormat.fromConfigName(given);
            } catch (IllegalArgumentException e) {
                throw new Fatal("unknown hash algorithm '" + given + "'");
            }
        }
        return repo.map(Repository::format).orElse(ObjectFormat.SHA1);
    }

    /** An indexer on this run's backend; {@code threads} 0 means one per core. */
    static PackIndexer indexer(Io io, ObjectFormat format, int threads, Optional<Repository> repo) throws IOException {
        int n;
        try {
            n = PackIndexer.threadsFor(threads);
        } catch (IllegalArgumentException e) {
            throw new Fatal(e.getMessage());
        }
        long limit = repo.isPresent() ? repo.get().deltaBaseCacheLimit() : DeltaBaseCache.DEFAULT_LIMIT;
        return new PackIndexer(io.backend().codec(), format, n, limit, TerminalProgress.forRun(io));
    }
}
