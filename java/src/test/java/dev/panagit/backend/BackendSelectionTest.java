package dev.panagit.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    }

    @Test
    void javaWhenAsked() {
        BackendChoice choice = Backends.choose(new Backends.Request(" Java ", "PANAGIT_BACKEND"), () -> {
            throw new AssertionError("the java backend must not probe the native library");
        });
        assertEquals("java", choice.backendName());
        assertEquals("java backend requested by PANAGIT_BACKEND", choice.fallbackReason().orElseThrow());
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
}
