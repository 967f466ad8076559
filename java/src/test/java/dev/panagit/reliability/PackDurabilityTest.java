package dev.panagit.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.panagit.bench.SelfLauncher;
import dev.panagit.testing.Fixtures;
import dev.panagit.testing.GitCli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pack and its index reach the disk before they are renamed into place, as git's default
 * {@code core.fsync} makes git do (and, as git, not the loose objects, refs or index): watched
 * with strace on a clone and an index-pack, and compared with what git itself syncs.
 */
class PackDurabilityTest {
    private static final Pattern FSYNC = Pattern.compile("^\\d+\\s+f(?:data)?sync\\(\\d+<([^>]+)>\\) = 0");
    private static final Pattern RENAME = Pattern.compile("^\\d+\\s+rename(?:at2?)?\\((?:[^\"]*)\"([^\"]+)\", (?:[^\"]*)\"([^\"]+)\"");

    @TempDir
    Path dir;

    @Test
    void packsAndIndexesAreSyncedBeforeTheyAreRenamedIntoPlace() throws Exception {
        assumeTrue(straceWorks(), "strace is not installed or cannot trace here (.ci/run installs it)");
        Path source = Fixtures.history(dir.resolve("source"), "sha1", 10);
        GitCli.ok(source, "gc", "-q");

        // a clone: the pack arrives through the pack installer
        List<String> clone = traced("clone", "-q", source.toString(), dir.resolve("copy").toString());
        List<String> synced = syncedThenRenamed(clone, dir.resolve("copy/.git/objects/pack"));
        assertEquals(List.of(".idx", ".pack"), synced, String.join("\n", clone));

        // index-pack of a pack git wrote: its new index
        Path pack;
        try (var packs = Files.newDirectoryStream(source.resolve(".git/objects/pack"), "*.pack")) {
            pack = packs.iterator().next();
        }
        Path copy = Files.copy(pack, dir.resolve("lone.pack"));
        List<String> index = traced("index-pack", copy.toString());
        assertTrue(Files.exists(dir.resolve("lone.idx")));
        assertEquals(List.of(".idx"), syncedThenRenamed(index, dir), String.join("\n", index));

        // git syncs the same two files on a clone (and nothing else)
        List<String> git = new ArrayList<>(List.of("strace", "-f", "-qq", "-y", "-e", "trace=fsync,fdatasync",
                "-o", dir.resolve("git.trace").toString(), "git", "clone", "-q", "--no-local", source.toString(),
                dir.resolve("by-git").toString()));
        assertEquals(0, new ProcessBuilder(git).inheritIO().start().waitFor());
        List<String> gitSynced = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("git.trace"))) {
            Matcher m = FSYNC.matcher(line);
            if (m.find()) {
                gitSynced.add(Path.of(m.group(1)).getFileName().toString().replaceAll("_[^_]*$", ""));
            }
        }
        gitSynced.sort(null);
        assertEquals(List.of("tmp_idx", "tmp_pack"), gitSynced);
    }

    /** The extensions of the files renamed into {@code into} whose temporary file was synced before the rename. */
    private static List<String> syncedThenRenamed(List<String> trace, Path into) {
        List<String> synced = new ArrayList<>();
        List<String> durable = new ArrayList<>();
        for (String line : trace) {
            Matcher fsync = FSYNC.matcher(line);
            if (fsync.find()) {
                synced.add(fsync.group(1));
                continue;
            }
            Matcher rename = RENAME.matcher(line);
            if (rename.find() && Path.of(rename.group(2)).getParent().equals(into.toAbsolutePath().normalize())) {
                String target = rename.group(2);
                String extension = target.substring(target.lastIndexOf('.'));
                if ((extension.equals(".pack") || extension.equals(".idx")) && synced.contains(rename.group(1))) {
                    durable.add(extension);
                }
            }
        }
        durable.sort(null);
        return durable;
    }

    /** Runs this build's CLI under strace, in {@code dir}; the lines of the trace. */
    private List<String> traced(String... args) throws Exception {
        Path log = dir.resolve("panagit-" + args[0] + ".trace");
        List<String> command = new ArrayList<>(List.of("strace", "-f", "-qq", "-y",
                "-e", "trace=fsync,fdatasync,rename,renameat,renameat2", "-o", log.toString()));
        command.addAll(SelfLauncher.javaMain("dev.panagit.cli.Main"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(5, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), output);
        return Files.readAllLines(log);
    }

    private static boolean straceWorks() {
        try {
            Process probe = new ProcessBuilder("strace", "-o", "/dev/null", "true").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
