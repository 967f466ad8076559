package dev.panagit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.panagit.backend.BackendChoice;
import dev.panagit.testing.GitCli;
import dev.panagit.testing.Panagit;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code diff --no-index}: stdout, stderr and exit code as git's, for every kind of pair. */
class DiffNoIndexTest {
    @TempDir
    Path dir;

    private void same(BackendChoice backend, String... args) {
        GitCli.Result git = GitCli.run(dir, null, args);
        Panagit.Result ours = Panagit.run(backend, dir, null, args);
        String what = String.join(" ", args);
        assertEquals(git.text(), ours.text(), what);
        assertEquals(git.stderr(), ours.stderr(), what);
        assertEquals(git.exitCode(), ours.exitCode(), what);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.panagit.testing.TestBackends#all")
    void outputAndExitCodeAreGits(BackendChoice backend) throws Exception {
        Files.writeString(dir.resolve("old.c"), "int main(void)\n{\n\tint a = 1;\n\treturn a;\n}\n\nstatic int other(void)\n{\n"
                + "\treturn 2;\n}\n");
        Files.writeString(dir.resolve("new.c"), "int main(void)\n{\n\tint a = 2;\n\treturn a;\n}\n\nstatic int other(void)\n{\n"
                + "\tint b = 3;\n\treturn b;\n}");
        Files.writeString(dir.resolve("same"), "same\n");
        Files.writeString(dir.resolve("same2"), "same\n");
        Files.writeString(dir.resolve("empty"), "");
        Files.write(dir.resolve("binary"), new byte[] {'a', 0, 'b'});
        Files.writeString(dir.resolve("exec"), "same\n");
        Files.setPosixFilePermissions(dir.resolve("exec"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("na\tme"), "tab\n");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/x"), "x\ny\n");
        same(backend, "diff", "--no-index", "old.c", "new.c");
        same(backend, "diff", "--no-index", "-U1", "old.c", "new.c");
        same(backend, "diff", "--no-index", "--unified=0", "old.c", "new.c");
        same(backend, "diff", "--no-index", "same", "same2");
        same(backend, "diff", "--no-index", "empty", "same");
        same(backend, "diff", "--no-index", "same", "empty");
        same(backend, "diff", "--no-index", "same", "binary");
        same(backend, "diff", "--no-index", "same", "exec");
        same(backend, "diff", "--no-index", "same", "na\tme");
        same(backend, "diff", "--no-index", "./sub/x", "same");
        same(backend, "diff", "--no-index", dir.resolve("same").toString(), "old.c");
        same(backend, "diff", "--no-index", "same", "missing");
    }
}
