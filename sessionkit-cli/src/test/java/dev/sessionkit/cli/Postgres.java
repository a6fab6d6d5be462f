package dev.sessionkit.cli;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A database of the test class's own on the machine's PostgreSQL (127.0.0.1:5432, user postgres): created
 * before the class, dropped after it. PostgreSQL not running fails the class.
 */
final class Postgres implements BeforeAllCallback, AfterAllCallback {

    private String name;

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        name = "skcli_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        onServer("CREATE DATABASE " + name);
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        onServer("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    String url() {
        return "jdbc:postgresql://127.0.0.1:5432/" + name;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), "postgres", null);
    }

    private static void onServer(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", null);
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
