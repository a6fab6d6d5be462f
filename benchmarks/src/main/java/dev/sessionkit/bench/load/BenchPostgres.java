package dev.sessionkit.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the JDBC load run's own, on a free loopback port under the output directory, with
 * {@code pg_stat_statements} preloaded (the machine's shared server is never restarted for it). As root the
 * server runs as the {@code postgres} user. Reads statement counts, transactions and the server's CPU time.
 */
final class BenchPostgres implements AutoCloseable {

    private static final long CLOCK_TICKS_PER_SECOND = 100;

    private final Path bin;
    private final Path dataDir;
    private final int port;

    private BenchPostgres(Path bin, Path dataDir, int port) {
        this.bin = bin;
        this.dataDir = dataDir;
        this.port = port;
    }

    static BenchPostgres start(Path parent) throws IOException, InterruptedException {
        Path bin;
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.max(Comparator.comparingInt(v -> Integer.parseInt(v.getFileName().toString()))).orElseThrow().resolve("bin");
        }
        Path dir = Files.createDirectories(parent.toAbsolutePath().resolve("postgres"));
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        BenchPostgres server = new BenchPostgres(bin, dir.resolve("data"), port);
        if (isRoot()) {
            run(List.of("chown", "postgres:postgres", dir.toString()));
        }
        server.pg("initdb", "-D", server.dataDir.toString(), "-U", "postgres", "--auth=trust", "--no-sync");
        server.pg("pg_ctl", "-D", server.dataDir.toString(), "-w", "-t", "60", "-l", dir.resolve("log").toString(),
                "-o", "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections=100"
                        + " -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_utility=on", "start");
        return server;
    }

    String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    void createDatabase(String name) throws SQLException {
        execute("postgres", "CREATE DATABASE " + name);
        execute(name, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
    }

    void resetStatements(String database) throws SQLException {
        execute(database, "SELECT pg_stat_statements_reset()");
    }

    /** Calls per kind of statement in a database since the last reset: SELECT, INSERT, UPDATE, DELETE, BEGIN, COMMIT, other. */
    java.util.Map<String, Long> statements(String database) throws SQLException {
        java.util.Map<String, Long> calls = new java.util.TreeMap<>();
        try (Connection connection = DriverManager.getConnection(url(database), "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT query, calls FROM pg_stat_statements s JOIN pg_database d"
                     + " ON d.oid = s.dbid WHERE d.datname = '" + database + "'")) {
            while (rows.next()) {
                String query = rows.getString(1).trim();
                if (query.contains("pg_stat_statements") || query.contains("pg_stat_database")) {
                    continue; // this class's own queries
                }
                String verb = query.split("\\s+", 2)[0].toUpperCase(java.util.Locale.ROOT);
                if (!List.of("SELECT", "INSERT", "UPDATE", "DELETE", "BEGIN", "COMMIT", "ROLLBACK").contains(verb)) {
                    verb = "other";
                }
                calls.merge(verb, rows.getLong(2), Long::sum);
            }
        }
        return calls;
    }

    /** Committed plus rolled-back transactions of a database. */
    long transactions(String database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(database), "postgres", "");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT xact_commit + xact_rollback FROM pg_stat_database"
                     + " WHERE datname = '" + database + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Bytes of the given tables with their indexes and TOAST, divided by the rows of the first. */
    double bytesPerRow(String database, String rowsTable, String... tables) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(database), "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute("VACUUM ANALYZE");
            long bytes = 0;
            for (String table : tables) {
                try (ResultSet rows = statement.executeQuery("SELECT pg_total_relation_size('" + table + "')")) {
                    rows.next();
                    bytes += rows.getLong(1);
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + rowsTable)) {
                rows.next();
                return (double) bytes / rows.getLong(1);
            }
        }
    }

    /** CPU the whole server has used, in microseconds: the postmaster, its live children, and its reaped ones. */
    double cpuMicros() throws IOException {
        long postmaster = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        long ticks = 0;
        String[] own = stat(postmaster);
        ticks += Long.parseLong(own[13]) + Long.parseLong(own[14]) + Long.parseLong(own[15]) + Long.parseLong(own[16]);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                String[] fields;
                try {
                    fields = stat(Long.parseLong(proc.getFileName().toString()));
                } catch (IOException gone) {
                    continue;
                }
                if (Long.parseLong(fields[3]) == postmaster) {
                    ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
                }
            }
        }
        return ticks * 1e6 / CLOCK_TICKS_PER_SECOND;
    }

    private static String[] stat(long pid) throws IOException {
        String text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name, in parentheses, may hold spaces: fields are counted after it.
        String rest = text.substring(text.lastIndexOf(')') + 2);
        String[] after = rest.split(" ");
        String[] fields = new String[after.length + 2];
        fields[0] = Long.toString(pid);
        fields[1] = "(comm)";
        System.arraycopy(after, 0, fields, 2, after.length);
        return fields;
    }

    private void execute(String database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url(database), "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            if (Files.exists(dataDir.resolve("postmaster.pid"))) {
                pg("pg_ctl", "-D", dataDir.toString(), "-w", "-m", "fast", "stop");
            }
            run(List.of("rm", "-rf", dataDir.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the benchmark's PostgreSQL", e);
        }
    }

    private void pg(String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            command.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(args));
        run(command);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
