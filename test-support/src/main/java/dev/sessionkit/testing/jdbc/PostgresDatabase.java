package dev.sessionkit.testing.jdbc;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database of its own for one test class on the machine's PostgreSQL (127.0.0.1:5432, user postgres,
 * trust), created with a random name before the class and dropped after it. PostgreSQL not running fails
 * the class. Register it with {@code @RegisterExtension static final PostgresDatabase database = new PostgresDatabase();}
 * in a module that has the PostgreSQL driver on its test class path.
 */
public final class PostgresDatabase implements BeforeAllCallback, AfterAllCallback {

    private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    private String name;

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        name = "sk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        admin("CREATE DATABASE " + name);
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** @return the JDBC URL of this class's database */
    public String url() {
        return "jdbc:postgresql://127.0.0.1:5432/" + name;
    }

    /** @return a data source of this class's database, as user postgres */
    public DataSource dataSource() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url());
        ds.setUser("postgres");
        return ds;
    }

    /**
     * @return a new connection to this class's database
     * @throws SQLException when PostgreSQL refuses it
     */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", null);
    }

    /**
     * @param sql one statement to run in this class's database
     * @throws SQLException when it fails
     */
    public void execute(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * Takes the database down for its clients: new connections are refused and open ones are ended.
     *
     * @throws SQLException when PostgreSQL refuses the change
     */
    public void refuseConnections() throws SQLException {
        admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
        admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
    }

    /**
     * Lets clients connect again after {@link #refuseConnections()}.
     *
     * @throws SQLException when PostgreSQL refuses the change
     */
    public void allowConnections() throws SQLException {
        admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
    }

    private static void admin(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, "postgres", null); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
