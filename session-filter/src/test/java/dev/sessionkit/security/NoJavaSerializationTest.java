package dev.sessionkit.security;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** No class of the library can read Java-serialised bytes: there is no gadget chain to start. */
class NoJavaSerializationTest {

    @Test
    void noLibraryClassReferencesObjectInputStream() throws IOException {
        Path classes = Path.of("target/classes");
        List<Path> offenders;
        List<Path> all;
        try (Stream<Path> files = Files.walk(classes)) {
            all = files.filter(p -> p.toString().endsWith(".class")).toList();
        }
        offenders = all.stream().filter(NoJavaSerializationTest::referencesObjectInputStream).toList();
        assertFalse(all.isEmpty(), "the compiled library is where the test expects it");
        assertEquals(List.of(), offenders);
    }

    private static boolean referencesObjectInputStream(Path classFile) {
        try {
            // A class that uses a type names it in its constant pool as UTF-8.
            return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1).contains("java/io/ObjectInputStream");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
