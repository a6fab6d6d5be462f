package dev.sessionkit.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Builds the throw-away document root a container serves, and removes it again. */
final class WebAppFiles {

    private WebAppFiles() {}

    /**
     * Fills {@code root} with a copy of the deployment's web application directory, if any, plus the
     * bytecode of its annotated classes under {@code WEB-INF/classes}.
     */
    static void stage(Path root, Deployment deployment) throws IOException {
        Files.createDirectories(root);
        if (deployment.webAppSource() != null) {
            copyTree(deployment.webAppSource(), root);
        }
        for (Class<?> type : deployment.annotatedClasses()) {
            copyClassFile(type, root.resolve("WEB-INF/classes"));
        }
    }

    /** Deletes {@code directory} and everything below it; a missing directory is not an error. */
    static void deleteRecursively(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + directory, e);
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(source)) {
            paths = walk.toList();
        }
        for (Path path : paths) {
            Path destination = target.resolve(source.relativize(path).toString());
            if (Files.isDirectory(path)) {
                Files.createDirectories(destination);
            } else {
                Files.copy(path, destination);
            }
        }
    }

    private static void copyClassFile(Class<?> type, Path classesDirectory) throws IOException {
        String resource = type.getName().replace('.', '/') + ".class";
        Path destination = classesDirectory.resolve(resource);
        Files.createDirectories(destination.getParent());
        try (InputStream bytecode = type.getClassLoader().getResourceAsStream(resource)) {
            if (bytecode == null) {
                throw new IllegalArgumentException("bytecode of " + type.getName() + " is not on the class path");
            }
            Files.copy(bytecode, destination);
        }
    }
}
