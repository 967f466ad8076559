package dev.panagit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.panagit.lib.ObjectFormat;
import dev.panagit.testing.GitCli;
import dev.panagit.testing.NativeBuild;
import dev.panagit.testing.Panagit;
import dev.panagit.testing.TestBackends;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** examples/python/pgit_ctypes.py: Python binds libpanagit from pgit_describe; panagit and git read its objects. */
class PythonCtypesTest {
    @TempDir
    Path dir;

    private record Run(int exitCode, String stdout, String stderr) {
    }

    @BeforeAll
    static void needsPython() {
        assumeTrue(python() != null, "python3 is not installed: the ctypes example is not run");
    }

    private static String python() {
        for (String candidate : new String[] {"python3", "/usr/bin/python3"}) {
            try {
                Process p = new ProcessBuilder(candidate, "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private Run script(Path library, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(python(),
                NativeBuild.repoRoot().resolve("examples/python/pgit_ctypes.py").toString(),
                "--library", library.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.toString();
            }
        });
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "python timed out");
        return new Run(process.exitValue(), out, err.join());
    }

    @ParameterizedTest
    @EnumSource(ObjectFormat.class)
    void pythonWritesObjectsThatPanagitAndGitRead(ObjectFormat format) throws Exception {
        Path repo = dir.resolve("repo");
        assertEquals(0, Panagit.run(TestBackends.nativeBackend(), dir, null, "init", "-q",
                "--object-format=" + format.configName(), "repo").exitCode());
        Run run = script(NativeBuild.library(), Map.of(), "--repo", repo.toString(), "--text", "hello\n",
                "--text", "written from Python through ctypes\n");
        assertEquals(0, run.exitCode(), run.stderr());
        String[] ids = run.stdout().split("\n");
        assertEquals(2, ids.length, run.stdout());
        assertEquals(GitCli.run(repo, "hello\n".getBytes(StandardCharsets.UTF_8), "hash-object", "--stdin").text().strip(),
                ids[0]);
        assertEquals("written from Python through ctypes\n", GitCli.ok(repo, "cat-file", "-p", ids[1]));
        GitCli.ok(repo, "fsck", "--strict");
        for (var backend : TestBackends.all()) {
            assertEquals("hello\n", Panagit.run(backend, repo, null, "cat-file", "-p", ids[0]).text());
        }
    }

    @Test
    void listsEveryDescribedFunction() throws Exception {
        Run run = script(NativeBuild.library(), Map.of(), "--list");
        assertEquals(0, run.exitCode(), run.stderr());
        assertEquals(dev.panagit.nativeaccess.NativeAccess.status().described().size(), run.stdout().lines().count());
        assertTrue(run.stdout().contains("pgit_object_decode i32(ptr,ptr,size,ptr,ptr,i32,ptr,ptr,size)\n"));
    }

    @Test
    void aBadSelfDescriptionIsAClearError() throws Exception {
        Run missing = script(NativeBuild.brokenLibrary(), Map.of("PGIT_BROKEN", "missing"), "--list");
        assertEquals(128, missing.exitCode());
        assertTrue(missing.stderr().strip().endsWith("describes pgit_missing but does not export it"), missing.stderr());
        Run signature = script(NativeBuild.brokenLibrary(), Map.of("PGIT_BROKEN", "signature"), "--list");
        assertEquals(128, signature.exitCode());
        assertTrue(signature.stderr().contains("describes pgit_abi_version badly"), signature.stderr());
    }
}
