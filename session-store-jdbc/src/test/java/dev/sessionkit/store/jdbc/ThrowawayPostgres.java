package dev.sessionkit.store.jdbc;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL cluster of a test's own, under target/, on a free loopback port: one the test may stop and
 * start, where the machine's shared server must never be touched. As root, the server runs as the
 * {@code postgres} user (initdb refuses root).
 */
final class ThrowawayPostgres implements AutoCloseable {

    private static final Path BIN = newestBin();

    private final Path dataDir;
    private final int port;

    private ThrowawayPostgres(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
    }

    static ThrowawayPostgres create() throws IOException, InterruptedException {
        if (!Files.isExecutable(BIN.resolve("initdb"))) {
            throw new IllegalStateException(BIN + "/initdb is missing: install postgresql (see .ci/run)");
        }
        Path dir = Files.createDirectories(Path.of("target", "pg-" + UUID.randomUUID().toString().substring(0, 8))
                .toAbsolutePath());
        ThrowawayPostgres server = new ThrowawayPostgres(dir.resolve("data"), freePort());
        if (isRoot()) {
            run(List.of("chown", "postgres:postgres", dir.toString()));
        }
        server.pg("initdb", "-D", server.dataDir.toString(), "-U", "postgres", "--auth=trust", "--no-sync");
        server.start();
        return server;
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    void start() throws IOException, InterruptedException {
        pg("pg_ctl", "-D", dataDir.toString(), "-w", "-t", "30", "-l", dataDir.resolveSibling("log").toString(),
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off", "start");
    }

    /** Stops the server at once, as a crash or a network cut would look to clients. */
    void stop() throws IOException, InterruptedException {
        pg("pg_ctl", "-D", dataDir.toString(), "-w", "-m", "immediate", "stop");
    }

    @Override
    public void close() throws IOException {
        try {
            if (Files.exists(dataDir.resolve("postmaster.pid"))) {
                stop();
            }
            run(List.of("rm", "-rf", dataDir.getParent().toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while removing the throwaway PostgreSQL", e);
        }
    }

    private void pg(String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(BIN.resolve(tool).toString());
        command.addAll(List.of(args));
        run(command);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    /** The binaries of the newest PostgreSQL installed (15 on this machine), or a path that names what is missing. */
    private static Path newestBin() {
        try (java.util.stream.Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.max(java.util.Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString())))
                    .orElseThrow().resolve("bin");
        } catch (IOException | RuntimeException e) {
            return Path.of("/usr/lib/postgresql/15/bin");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
