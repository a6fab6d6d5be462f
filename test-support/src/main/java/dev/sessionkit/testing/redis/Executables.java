package dev.sessionkit.testing.redis;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the Redis binaries on {@code PATH}; a missing binary is an environment error, never a reason to skip. */
final class Executables {

    private Executables() {
    }

    static Path redisServer() {
        return find("redis-server", "redis-server", System.getenv("PATH"));
    }

    static Path redisCli() {
        return find("redis-cli", "redis-tools", System.getenv("PATH"));
    }

    static Path find(String name, String debianPackage, String searchPath) {
        if (searchPath != null) {
            for (String directory : searchPath.split(File.pathSeparator)) {
                if (directory.isEmpty()) {
                    continue;
                }
                Path candidate = Path.of(directory, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException(
                name + " not found on PATH: install it (apt-get install -y " + debianPackage + ")");
    }
}
