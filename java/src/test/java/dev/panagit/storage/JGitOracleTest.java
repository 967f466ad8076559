package dev.panagit.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.panagit.backend.BackendChoice;
import dev.panagit.lib.ObjectFormat;
import dev.panagit.lib.ObjectId;
import dev.panagit.lib.ObjectType;
import dev.panagit.lib.StoredObject;
import dev.panagit.repo.Repository;
import dev.panagit.testing.TestBackends;
import dev.panagit.testing.TestData;
import java.nio.file.Path;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** JGit, an independent implementation, as a second oracle: same ids, and each reads the other's objects. */
class JGitOracleTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void idsAndObjectsAgreeWithJGit(BackendChoice backend) throws Exception {
        Repository repo = Repository.init(dir, ObjectFormat.SHA1, "master", backend.codec()).repository();
        try (org.eclipse.jgit.lib.Repository jgit = new FileRepositoryBuilder().setGitDir(repo.gitDir().toFile())
                .build(); ObjectInserter inserter = jgit.newObjectInserter(); ObjectReader reader = jgit.newObjectReader()) {
            for (int size : new int[] {0, 17, 5000, 300_000}) {
                byte[] content = TestData.mixed(size, size + 99);
                org.eclipse.jgit.lib.ObjectId expected = new ObjectInserter.Formatter().idFor(Constants.OBJ_BLOB, content);

                ObjectId ours = repo.objects().insert(ObjectType.BLOB, content);
                assertEquals(expected.name(), ours.name(), "id of " + size + " bytes");
                assertArrayEquals(content, reader.open(expected).getBytes(), "JGit reads panagit's object");

                byte[] other = TestData.mixed(size + 1, size + 100);
                org.eclipse.jgit.lib.ObjectId theirs = inserter.insert(Constants.OBJ_COMMIT, other);
                inserter.flush();
                StoredObject read = repo.objects().open(ObjectId.fromHex(theirs.name()));
                assertEquals(ObjectType.COMMIT, read.type());
                assertArrayEquals(other, read.bytes(), "panagit reads JGit's object");
            }
        }
    }
}
