package dev.sessionkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps every main source file of the repository's modules small enough to hold one job (CONTRIBUTING.md,
 * "Architecture rules"): a file that grows past the bound is a sign that a responsibility wants its own class.
 */
class MainClassSizeTest {

    static final int MAX_LINES = 450;

    @Test
    void noMainSourceFileOfAnyModuleExceedsTheBound() throws IOException {
        Path repository = Path.of("").toAbsolutePath().getParent();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(repository)) {
            sources = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> f.toString().contains("/src/main/java/"))
                    .collect(Collectors.toList());
        }
        assertTrue(sources.size() > 100, "expected the repository's main sources under " + repository + ", found " + sources.size());
        List<String> tooLong = sources.stream()
                .filter(f -> lines(f) > MAX_LINES)
                .map(f -> repository.relativize(f) + " (" + lines(f) + " lines)")
                .collect(Collectors.toList());
        assertEquals(List.of(), tooLong, "main source files over " + MAX_LINES + " lines: split them by responsibility");
    }

    private static long lines(Path file) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
