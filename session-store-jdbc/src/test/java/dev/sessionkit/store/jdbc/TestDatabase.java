package dev.sessionkit.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A database of its own for one test class, on the machine's PostgreSQL (127.0.0.1:5432, user postgres)
 * or MariaDB (127.0.0.1:3306, root), or an H2 file under target/: created with a random name before the
 * class, dropped after it. A server that is not running fails the class; nothing is skipped.
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback {

    enum Kind { POSTGRESQL, MARIADB, H2 }

    static final String POSTGRES_ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    static final String MARIADB_ADMIN_URL = "jdbc:mariadb://127.0.0.1:3306/";

    private static final AtomicInteger PREFIXES = new AtomicInteger();

    final Kind kind;
    private String name;
    private Path h2Dir;
    private HikariDataSource pool;

    private TestDatabase(Kind kind) {
        this.kind = kind;
    }

    public static TestDatabase postgres() {
        return new TestDatabase(Kind.POSTGRESQL);
    }

    public static TestDatabase mariadb() {
        return new TestDatabase(Kind.MARIADB);
    }

    public static TestDatabase h2() {
        return new TestDatabase(Kind.H2);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        name = "sk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        switch (kind) {
            case POSTGRESQL -> admin(POSTGRES_ADMIN_URL, "postgres", "CREATE DATABASE " + name);
            case MARIADB -> admin(MARIADB_ADMIN_URL, "root", "CREATE DATABASE " + name);
            case H2 -> h2Dir = Files.createDirectories(Path.of("target", "h2", name));
        }
        pool = pool(40);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (pool != null) {
            pool.close();
        }
        switch (kind) {
            case POSTGRESQL -> admin(POSTGRES_ADMIN_URL, "postgres", "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            case MARIADB -> admin(MARIADB_ADMIN_URL, "root", "DROP DATABASE IF EXISTS " + name);
            case H2 -> deleteTree(h2Dir);
        }
    }

    /** The JDBC URL of this class's database. */
    String url() {
        return switch (kind) {
            case POSTGRESQL -> "jdbc:postgresql://127.0.0.1:5432/" + name;
            case MARIADB -> "jdbc:mariadb://127.0.0.1:3306/" + name;
            case H2 -> "jdbc:h2:file:" + h2Dir.toAbsolutePath().resolve("sessions") + ";DB_CLOSE_DELAY=-1";
        };
    }

    String user() {
        return switch (kind) {
            case POSTGRESQL -> "postgres";
            case MARIADB -> "root";
            case H2 -> "sa";
        };
    }

    /** A shared pool on this class's database, as an application would give the store. */
    public DataSource dataSource() {
        return pool;
    }

    /** A new pool of {@code size} connections; the caller closes it. */
    HikariDataSource pool(int size) {
        return pool(size, 30_000);
    }

    /** A pool whose wait for a connection is set before it starts, not changed on a running pool. */
    HikariDataSource pool(int size, long connectionTimeoutMillis) {
        HikariConfig config = new HikariConfig();
        config.setConnectionTimeout(connectionTimeoutMillis);
        config.setJdbcUrl(url());
        config.setUsername(user());
        config.setPassword("");
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        return new HikariDataSource(config);
    }

    /** A table prefix no other test of this run has used: each test gets empty tables of its own. */
    public static String freshPrefix() {
        return "t" + PREFIXES.incrementAndGet() + "_";
    }

    /** Runs one statement on this class's database. */
    void execute(String sql) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void admin(String url, String user, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
