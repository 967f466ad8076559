package dev.panagit.lib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API is what the module exports, and {@code core/api/panagit-core.api} lists every
 * public type of those packages with its public and protected members. This test fails when
 * the two differ, so that every change to the API is made on purpose: review the difference,
 * then rewrite the listing with {@code mvn -pl core test -Dtest=ApiListingTest
 * -Dpanagit.api.update=true}.
 */
class ApiListingTest {
    private static final Path LISTING = Path.of(System.getProperty("panagit.api.listing", "api/panagit-core.api"));
    private static final Path CLASSES = Path.of(System.getProperty("panagit.api.classes", "target/classes"));

    @Test
    void theExportedApiIsTheListedApi() throws Exception {
        List<String> actual = listing();
        if (Boolean.getBoolean("panagit.api.update")) {
            Files.write(LISTING, actual, StandardCharsets.UTF_8);
        }
        List<String> listed = Files.readAllLines(LISTING, StandardCharsets.UTF_8);
        if (!listed.equals(actual)) {
            TreeSet<String> added = new TreeSet<>(actual);
            added.removeAll(listed);
            TreeSet<String> removed = new TreeSet<>(listed);
            removed.removeAll(actual);
            StringBuilder report = new StringBuilder("the public API differs from " + LISTING + ":\n");
            added.forEach(line -> report.append("+ ").append(line).append('\n'));
            removed.forEach(line -> report.append("- ").append(line).append('\n'));
            report.append("if that is intended, rewrite the listing: mvn -pl core test -Dtest=ApiListingTest"
                    + " -Dpanagit.api.update=true");
            fail(report.toString());
        }
    }

    @Test
    void theNativeBoundaryAndTheInternalsAreNotExported() throws Exception {
        List<String> exported = exportedPackages();
        assertTrue(exported.contains("dev.panagit.repo"), exported.toString());
        for (String internal : List.of("dev.panagit.nativeaccess", "dev.panagit.nativeaccess.bindings",
                "dev.panagit.codec", "dev.panagit.storage.pack")) {
            assertTrue(!exported.contains(internal), internal + " must stay unexported");
        }
        assertEquals("dev.panagit.core", descriptor().name());
    }

    /** A module user cannot name a type of an unexported package, so the API must not hand one out. */
    @Test
    void noExportedSignatureNamesAnUnexportedType() throws Exception {
        List<String> exported = exportedPackages();
        List<String> unexported = descriptor().packages().stream()
                .filter(pkg -> !exported.contains(pkg))
                .toList();
        List<String> leaks = new ArrayList<>();
        for (String line : listing()) {
            String signature = line.substring(line.indexOf(": ") + 2);
            boolean names = unexported.stream().anyMatch(pkg -> signature.matches(".*\\b" + pkg.replace(".", "\\.")
                    + "\\.[A-Z].*"));
            if (names) {
                leaks.add(line);
            }
        }
        assertEquals(List.of(), leaks, "exported members naming types a module user cannot name");
    }

    /** The module as compiled, with every package that holds a class (javac records only the exported ones). */
    private static ModuleDescriptor descriptor() throws IOException {
        java.util.Set<String> packages;
        try (Stream<Path> files = Files.walk(CLASSES)) {
            packages = files.filter(f -> f.toString().endsWith(".class") && !f.endsWith("module-info.class"))
                    .map(f -> CLASSES.relativize(f.getParent()).toString().replace(java.io.File.separatorChar, '.'))
                    .collect(java.util.stream.Collectors.toSet());
        }
        try (InputStream in = Files.newInputStream(CLASSES.resolve("module-info.class"))) {
            return ModuleDescriptor.read(in, () -> packages);
        }
    }

    private static List<String> exportedPackages() throws IOException {
        return descriptor().exports().stream()
                .filter(e -> !e.isQualified())
                .map(ModuleDescriptor.Exports::source)
                .sorted()
                .toList();
    }

    /** One line per public type and per public or protected member, sorted. */
    static List<String> listing() throws Exception {
        TreeSet<String> lines = new TreeSet<>();
        for (String pkg : exportedPackages()) {
            Path dir = CLASSES.resolve(pkg.replace('.', '/'));
            List<String> names;
            try (Stream<Path> files = Files.list(dir)) {
                names = files.map(f -> f.getFileName().toString())
                        .filter(n -> n.endsWith(".class") && !n.equals("package-info.class"))
                        .map(n -> pkg + "." + n.substring(0, n.length() - ".class".length()))
                        .toList();
            }
            for (String name : names) {
                Class<?> type = Class.forName(name, false, ApiListingTest.class.getClassLoader());
                if (isApi(type)) {
                    describe(type, lines);
                }
            }
        }
        return new ArrayList<>(lines);
    }

    /** Public, and so are the types it is nested in; not anonymous, local or synthetic. */
    private static boolean isApi(Class<?> type) {
        if (type.isAnonymousClass() || type.isLocalClass() || type.isSynthetic()) {
            return false;
        }
        for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
            if (!Modifier.isPublic(t.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static void describe(Class<?> type, TreeSet<String> lines) {
        String name = type.getName();
        StringBuilder head = new StringBuilder(name).append(": ")
                .append(Modifier.toString(type.getModifiers() & ~Modifier.INTERFACE & ~Modifier.STATIC & ~Modifier.ABSTRACT
                        | (type.isInterface() ? 0 : type.getModifiers() & Modifier.ABSTRACT)))
                .append(' ').append(kind(type));
        Type superclass = type.getGenericSuperclass();
        if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
            head.append(" extends ").append(superclass.getTypeName());
        }
        Type[] interfaces = type.getGenericInterfaces();
        if (interfaces.length > 0) {
            head.append(type.isInterface() ? " extends " : " implements ")
                    .append(String.join(", ", Arrays.stream(interfaces).map(Type::getTypeName).toList()));
        }
        if (type.isSealed()) {
            head.append(" permits ").append(String.join(", ",
                    Arrays.stream(type.getPermittedSubclasses()).map(Class::getName).sorted().toList()));
        }
        lines.add(head.toString().replaceAll(" +", " "));
        for (Constructor<?> c : type.getDeclaredConstructors()) {
            if (visible(c.getModifiers()) && !c.isSynthetic()) {
                lines.add(name + ": " + c.toGenericString());
            }
        }
        for (Method m : type.getDeclaredMethods()) {
            if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                lines.add(name + ": " + m.toGenericString());
            }
        }
        for (Field f : type.getDeclaredFields()) {
            if (visible(f.getModifiers()) && !f.isSynthetic()) {
                lines.add(name + ": " + f.toGenericString());
            }
        }
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static String kind(Class<?> type) {
        if (type.isAnnotation()) {
            return "@interface";
        }
        if (type.isInterface()) {
            return "interface";
        }
        if (type.isEnum()) {
            return "enum";
        }
        return type.isRecord() ? "record" : "class";
    }
}
