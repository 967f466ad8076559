package dev.panagit.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.panagit.nativeaccess.NativeAccess;
import dev.panagit.nativeaccess.NativeLibraryLoader;
import dev.panagit.nativeaccess.Platform;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the backend is chosen, and every way the native one can be refused, with its reason. */
class BackendSelectionTest {
    @TempDir
    Path tmp;

    private NativeLibraryLoader loader(Platform platform, ClassLoader resources, String explicit) {
        return new NativeLibraryLoader(platform, resources, explicit, tmp.toString());
    }

    @Test
    void autoChoosesNativeOnThisMachine() {
        BackendChoice choice = Backends.choose(new Backends.Request("auto", "test"), NativeAccess::status);
        assertEquals("native", choice.backendName());
        assertTrue(choice.fallbackReason().isEmpty());
        assertTrue(choice.nativeStatus().orElseThrow().described().containsKey("pgit_object_encode"));
        assertEquals(Platform.current().toString(), choice.platform().orElseThrow());
        assertTrue(choice.nativeLibrary().orElseThrow().version().startsWith("0."), choice.nativeLibrary().toString());
        assertEquals(16 << 20, choice.routingLimit().orElseThrow(), "auto: small work in Java until loaded");
    }

    @Test
    void javaWhenAsked() {
        BackendChoice choice = Backends.choose(new Backends.Request(" Java ", "PANAGIT_BACKEND"), () -> {
            throw new AssertionError("the java backend must not probe the native library");
        });
        assertEquals("java", choice.backendName());
        assertEquals("java backend requested by PANAGIT_BACKEND", choice.fallbackReason().orElseThrow());
        assertTrue(choice.routingLimit().isEmpty(), "nothing is routed when a backend is named");
    }

    @Test
    void unknownPlatformFallsBackToJavaWithTheReason() {
        NativeAccess.Status status = NativeAccess.probe(
                loader(new Platform("plan9", "mips"), getClass().getClassLoader(), null));
        assertTrue(status.codec().isEmpty());
        assertEquals("no native library is bundled for plan9-mips (looked for META-INF/native/plan9-mips/libpanagit.so)",
                status.unavailableReason().orElseThrow());
        BackendChoice choice = Backends.choose(new Backends.Request("auto", "default"), () -> status);
        assertEquals("java", choice.backendName());
        assertEquals(status.unavailableReason(), choice.fallbackReason());
    }

    @Test
    void brokenBundledLibraryFallsBackToJavaWithTheReason() throws IOException {
        Platform platform = Platform.current();
        Path root = tmp.resolve("jar");
        Path lib = root.resolve(platform.resourcePath());
        Files.createDirectories(lib.getParent());
        Files.writeString(lib, "this is not a shared library");
        try (URLClassLoader resources = new URLClassLoader(new URL[] {root.toUri().toURL()}, null)) {
            NativeAccess.Status status = NativeAccess.probe(loader(platform, resources, null));
            assertTrue(status.codec().isEmpty());
            String reason = status.unavailableReason().orElseThrow();
            assertTrue(reason.startsWith("cannot load the bundled " + platform.resourcePath()), reason);
        }
        try (var leftovers = Files.walk(tmp)) {
            assertEquals(List.of(lib), leftovers.filter(Files::isRegularFile).toList(),
                    "no copy of a library that failed to load is kept");
        }
    }

    @Test
    void forcingNativeWhereItCannotLoadIsAnErrorThatSaysWhy() {
        NativeAccess.Status status = NativeAccess.probe(
                loader(new Platform("plan9", "mips"), getClass().getClassLoader(), null));
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.choose(new Backends.Request("native", "-Dpanagit.backend"), () -> status));
        assertTrue(e.getMessage().contains("requested by -Dpanagit.backend"), e.getMessage());
        assertTrue(e.getMessage().contains("plan9-mips"), e.getMessage());
    }

    @Test
    void anExplicitLibraryPathNeverFallsBackSilently() throws IOException {
        Path garbage = Files.writeString(tmp.resolve("libpanagit.so"), "garbage");
        NativeLibraryLoader.ExplicitLibraryException e = assertThrows(NativeLibraryLoader.ExplicitLibraryException.class,
                () -> NativeAccess.probe(loader(Platform.current(), getClass().getClassLoader(), garbage.toString())));
        assertTrue(e.getMessage().contains(garbage.toString()), e.getMessage());
    }

    @Test
    void unknownBackendNamesTheValueAndItsSource() {
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.choose(new Backends.Request("gpu", "PANAGIT_BACKEND"), NativeAccess::status));
        assertEquals("unknown backend 'gpu' from PANAGIT_BACKEND (expected native, java or auto)", e.getMessage());
    }

    @Test
    void platformNamesMatchTheCmakeFolders() {
        assertEquals("x86_64", Platform.archName("amd64"));
        assertEquals("aarch64", Platform.archName("arm64"));
        assertEquals("linux", Platform.osName("Linux"));
        assertEquals("macos", Platform.osName("Mac OS X"));
        assertEquals("windows", Platform.osName("Windows 11"));
        assertEquals("META-INF/native/windows-x86_64/libpanagit.dll",
                new Platform("windows", "x86_64").resourcePath());
    }

    @Test
    void aChoiceOfOnesOwnIsClosedByItsOwnerAndTheSharedOneIsNot() throws Exception {
        byte[] hello = "hello\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String helloId = "ce013625030ba8dba906f756967f9e9ca394464a";
        for (String backend : List.of("java", "auto", "native")) {
            BackendChoice first = Backends.open(backend);
            BackendChoice second = Backends.open(backend);
            assertTrue(first.codec() != second.codec() || backend.equals("native"), backend);
            assertEquals(helloId, first.codec().encode(dev.panagit.lib.ObjectFormat.SHA1,
                    dev.panagit.lib.ObjectType.BLOB, hello, 0, hello.length).id().name(), backend);
            first.close();
            if (!backend.equals("native")) {   // the native codec is the process's, as the library is
                assertThrows(IllegalStateException.class, () -> first.codec().encode(dev.panagit.lib.ObjectFormat.SHA1,
                        dev.panagit.lib.ObjectType.BLOB, hello, 0, hello.length), backend + " after close");
            }
            assertEquals(helloId, second.codec().encode(dev.panagit.lib.ObjectFormat.SHA1,
                    dev.panagit.lib.ObjectType.BLOB, hello, 0, hello.length).id().name(), backend + ": the other lives");
            second.close();
        }
        Backends.current().close();
        assertEquals(helloId, Backends.codec().encode(dev.panagit.lib.ObjectFormat.SHA1,
                dev.panagit.lib.ObjectType.BLOB, hello, 0, hello.length).id().name(), "the shared choice stays open");
        assertThrows(BackendUnavailableException.class, () -> Backends.open("gpu"));
    }

    @Test
    void aMuslJvmPicksTheMuslLibraryAndAGlibcOneDoesNot() throws Exception {
        java.util.List<String> glibc = java.util.List.of(
                "7f3c2a000000-7f3c2a028000 r--p 00000000 08:01 1049 /usr/lib/x86_64-linux-gnu/libc.so.6",
                "7f3c2a3d0000-7f3c2a3d2000 r--p 00000000 08:01 1046 /usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2",
                "7ffd4a5e9000-7ffd4a60a000 rw-p 00000000 00:00 0 [stack]");
        java.util.List<String> musl = java.util.List.of(
                "7f9d1c400000-7f9d1c414000 r--p 00000000 00:2f 2374 /lib/ld-musl-x86_64.so.1",
                "7f9d1c600000-7f9d1c700000 r-xp 00000000 00:2f 5120 /usr/lib/jvm/java-25-openjdk/lib/server/libjvm.so");
        java.util.List<String> muslMentionedOnlyInADirectory = java.util.List.of(
                "7f9d1c400000-7f9d1c414000 r--p 00000000 00:2f 2374 /opt/ld-musl-tools/libfoo.so");
        assertEquals("", Platform.libcOf(glibc.stream()));
        assertEquals("musl", Platform.libcOf(musl.stream()));
        assertEquals("", Platform.libcOf(muslMentionedOnlyInADirectory.stream()));

        Platform alpine = new Platform("linux", "x86_64", Platform.libcOf(musl.stream()));
        assertEquals("linux-x86_64-musl", alpine.toString());
        assertEquals("META-INF/native/linux-x86_64-musl/libpanagit.so", alpine.resourcePath());
        assertEquals(alpine, Platform.parse("linux-x86_64-musl"));
        assertEquals(new Platform("linux", "x86_64"), Platform.parse("linux-x86_64"));
        assertThrows(IllegalArgumentException.class, () -> Platform.parse("linux"));
        assertThrows(IllegalArgumentException.class, () -> Platform.parse("linux-x86_64-"));

        // This JVM: what its own memory map says, whether or not musl is installed beside it.
        if (Platform.osName(System.getProperty("os.name")).equals("linux")) {
            String mapped;
            try (var lines = java.nio.file.Files.lines(java.nio.file.Path.of("/proc/self/maps"))) {
                mapped = lines.anyMatch(line -> line.contains("/ld-musl-")) ? "musl" : "";
            }
            assertEquals(mapped, Platform.current().libc());
        }
        String previous = System.setProperty(Platform.OVERRIDE_PROPERTY, "linux-x86_64-musl");
        try {
            assertEquals(alpine, Platform.current(), "-Dpanagit.platform forces it");
        } finally {
            if (previous == null) {
                System.clearProperty(Platform.OVERRIDE_PROPERTY);
            } else {
                System.setProperty(Platform.OVERRIDE_PROPERTY, previous);
            }
        }
    }

    /**
     * The first load from the per-user cache checks the self-description and remembers it beside
     * the library; the next load of the same bytes skips it (the ABI version is still checked), and
     * the description can still be read on demand.
     */
    @Test
    void aPassedSelfDescriptionCheckIsRememberedForTheSameBytes() throws Exception {
        Path cache = Files.createDirectories(tmp.resolve("panagit-native-" + System.getProperty("user.name")),
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        Path stale = Files.writeString(cache.resolve("deadbeef-9-" + Platform.current().libraryFileName()), "old build");
        Path staleMarker = Files.writeString(cache.resolve(stale.getFileName() + ".checked-1234"), "");
        NativeAccess.Status first = NativeAccess.probe(loader(Platform.current(), getClass().getClassLoader(), null));
        assertTrue(first.codec().isPresent(), first.unavailableReason().orElse(""));
        Path marker = first.library().orElseThrow().checkedMarker();
        assertTrue(marker != null && Files.isRegularFile(marker), "remembered: " + marker);
        assertEquals(cache, marker.getParent());
        assertFalse(Files.exists(stale) || Files.exists(staleMarker), "another build's library is pruned");
        assertTrue(marker.getFileName().toString().startsWith(first.library().orElseThrow().file().getFileName() + ".checked-"));

        NativeAccess.Status second = NativeAccess.probe(loader(Platform.current(), getClass().getClassLoader(), null));
        assertTrue(second.codec().isPresent(), second.unavailableReason().orElse(""));
        assertEquals(marker, second.library().orElseThrow().checkedMarker());
        assertEquals(first.described(), second.described(), "read on demand when the check was skipped");
        assertTrue(second.described().containsKey("pgit_decode_set_input"));

        Files.delete(marker);
        NativeAccess.Status third = NativeAccess.probe(loader(Platform.current(), getClass().getClassLoader(), null));
        assertTrue(third.codec().isPresent());
        assertTrue(Files.isRegularFile(marker), "checked again, and remembered again");
    }
}
