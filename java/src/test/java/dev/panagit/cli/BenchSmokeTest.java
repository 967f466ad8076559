package dev.panagit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.testing.NativeBuild;
import dev.panagit.testing.Panagit;
import dev.panagit.testing.TestBackends;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `panagit bench --quick` runs every workload and writes its report; the numbers themselves are not judged here. */
class BenchSmokeTest {
    @TempDir
    Path dir;

    @Test
    void quickBenchRunsEveryWorkloadAndWritesTheReport() throws Exception {
        Panagit.Result result = Panagit.run(TestBackends.nativeBackend(), NativeBuild.repoRoot(), null,
                "bench", "--quick", "--rounds", "1", "--report", dir.resolve("report").toString());
        assertEquals(0, result.exitCode(), result.stderr());
        for (String workload : new String[] {"W0 empty downcall", "W1 SHA-1", "W1 SHA-256", "W2 deflate L1",
            "W2 deflate L6", "W2 inflate", "W3 encode set", "W3 decode+verify set", "W4 hash-object -w", "W5 hash many"}) {
            assertTrue(result.text().contains(workload), workload + " missing from\n" + result.text());
        }
        String report = Files.readString(dir.resolve("report/report.md"));
        assertTrue(report.contains("| W2 inflate | 8 KiB |"), report);
        assertTrue(report.contains("![w1-sha1.svg](w1-sha1.svg)"), report);
        assertTrue(Files.readString(dir.resolve("report/w2-deflate-inflate.svg")).contains("<polyline"));
        assertTrue(result.stderr().contains("rounds per case"), "progress is shown: " + result.stderr());
    }
}
